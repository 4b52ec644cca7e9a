package app

import (
	"bytes"
	"fmt"

	"tongbao/internal/circular"
	"tongbao/internal/docx"
	"tongbao/internal/layout"
)

// DOCXPath is the .docx written beside the PDF at path pdf.
func DOCXPath(pdf string) string { return besidePath(pdf, ".docx") }

// DOCX writes the rendered circular as an editable .docx for OA review,
// from the same document model as its PDF: the titles broken and the
// tables' columns sized as in the PDF, the 版记 placed as the PDF places it, the bundled faces
// embedded when [circular] docx_embed_fonts says so.
func (a *App) DOCX(r *Rendered) ([]byte, error) {
	d, err := layout.Explicit(r.Doc)
	if err != nil {
		return nil, fmt.Errorf("explicit layout: %w", err)
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, d, docx.Options{EmbedFonts: a.Config.Circular.DOCXEmbedFonts, Record: r.Layout.RecordPlace}); err != nil {
		return nil, circular.Wrap(err, circular.ETemplate, "无法生成 DOCX："+err.Error())
	}
	return buf.Bytes(), nil
}

// writeDOCX writes r as a .docx to out atomically.
func (a *App) writeDOCX(out string, r *Rendered) error {
	b, err := a.DOCX(r)
	if err != nil {
		return err
	}
	return writeOutput(out, b)
}
