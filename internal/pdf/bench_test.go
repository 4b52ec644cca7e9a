package pdf_test

import (
	"bytes"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

// The PDF writer alone, on documents typeset once. The whole process
// (typesetting included, cold and warm) is measured by package layout's
// BenchmarkCircularCold, BenchmarkCircularWarm and BenchmarkBigTable.

func benchWrite(b *testing.B, d *doc.Document) {
	r, err := layout.Typeset(d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, r, d.Info); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(r.PageCount()), "pages")
	b.ReportMetric(float64(size)/1024, "KB")
}

// BenchmarkWriteCircular draws the 6-page benchmark circular.
func BenchmarkWriteCircular(b *testing.B) { benchWrite(b, layouttest.Circular()) }

// BenchmarkWriteBigTable draws the circular whose annex is a table of 3,600 rows.
func BenchmarkWriteBigTable(b *testing.B) { benchWrite(b, layouttest.BigTable(3600)) }
