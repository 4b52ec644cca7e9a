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
	place, err := recordPlace(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, d, docx.Options{EmbedFonts: a.Config.Circular.DOCXEmbedFonts, Record: place}); err != nil {
		return nil, circular.Wrap(err, circular.ETemplate, "无法生成 DOCX："+err.Error())
	}
	return buf.Bytes(), nil
}

// recordPlace tells where the PDF put the 版记: at the foot of the last
// page, on a page of its own, or on its own after a blank page. Word
// paginates by itself, so the rule is read off the typeset pages: the
// document typeset without its 版记 has as many pages, one or two fewer.
func recordPlace(r *Rendered) (docx.RecordPlace, error) {
	if r.Doc.Record == nil {
		return docx.RecordFoot, nil
	}
	bare := *r.Doc
	bare.Record, bare.Disclosure = nil, ""
	res, err := layout.Typeset(&bare)
	if err != nil {
		return 0, fmt.Errorf("typeset without 版记: %w", err)
	}
	switch r.Layout.PageCount() - res.PageCount() {
	case 0:
		return docx.RecordFoot, nil
	case 1:
		return docx.RecordNextPage, nil
	}
	return docx.RecordAfterBlank, nil
}

// writeDOCX writes r as a .docx to out atomically.
func (a *App) writeDOCX(out string, r *Rendered) error {
	b, err := a.DOCX(r)
	if err != nil {
		return err
	}
	return writeOutput(out, b)
}
