package layout_test

import (
	"bytes"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

// The whole process: typeset a document and write its PDF bytes. These live
// here rather than in package pdf because a cold start must forget the
// faces' parsed metrics, which only package layout's tests can do.

func typesetAndWrite(b *testing.B, d *doc.Document, cold bool) (pages, size int) {
	if cold {
		layout.ResetFaceCache()
	}
	r, err := layout.Typeset(d)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, r, d.Info); err != nil {
		b.Fatal(err)
	}
	return r.PageCount(), buf.Len()
}

func benchProcess(b *testing.B, d *doc.Document, cold bool) {
	b.ReportAllocs()
	var pages, size int
	for b.Loop() {
		pages, size = typesetAndWrite(b, d, cold)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1024, "KB")
}

// BenchmarkCircularCold is the 4-page circular with a 2-page annex, from the
// document to the PDF bytes, parsing every face it uses afresh (a cold start:
// the first document a process renders). Target: ≤ 150 ms.
func BenchmarkCircularCold(b *testing.B) { benchProcess(b, layouttest.Circular(), true) }

// BenchmarkCircularWarm is the same with the faces' metrics already parsed
// (the second and later documents of a process).
func BenchmarkCircularWarm(b *testing.B) { benchProcess(b, layouttest.Circular(), false) }

// BenchmarkBigTable is a circular whose annex is a table of 3,600 websites,
// from the document to the PDF bytes, cold. Target: ≤ 2 s and ≤ 500 MB.
func BenchmarkBigTable(b *testing.B) { benchProcess(b, layouttest.BigTable(3600), true) }
