package app

import (
	"bytes"
	"os"
	"testing"

	"tongbao/internal/docx"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

func TestZZTmp(t *testing.T) {
	for _, n := range layouttest.Corpus() {
		r, _ := layout.Typeset(n.Doc)
		var pb bytes.Buffer
		pdf.Write(&pb, r, n.Doc.Info)
		os.WriteFile("/tmp/corp/"+n.Name+".pdf", pb.Bytes(), 0o644)
		d, _ := layout.Explicit(n.Doc)
		var b bytes.Buffer
		if err := docx.Write(&b, d, docx.Options{EmbedFonts: true, Record: recordPlace(r.RecordPlace)}); err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/corp/"+n.Name+".docx", b.Bytes(), 0o644)
	}
}
