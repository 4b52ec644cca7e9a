package layout

import (
	"strings"
	"testing"

	"tongbao/internal/layout/layouttest"
)

// paragraphText returns n characters of body text with digits, Latin and
// punctuation, like a circular's paragraph.
func paragraphText(n int) string {
	unit := []rune("各地、各部门要严格落实2024年第三季度检查要求，对jy8235169@163.com反映的问题（共98.2%）逐项整改——确保“有平台、有运营”……")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(unit[i%len(unit)])
	}
	return b.String()
}

func benchBreak(b *testing.B, n int) {
	gs := body(b, paragraphText(n))
	w := 28 * portrait().cell
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		breakLines(gs, func(int) float64 { return w })
	}
}

// BenchmarkBreak1k and BenchmarkBreak10k break a 1,000- and a
// 10,000-character paragraph: the breaker is linear, so the second takes
// about ten times the first.
func BenchmarkBreak1k(b *testing.B)  { benchBreak(b, 1000) }
func BenchmarkBreak10k(b *testing.B) { benchBreak(b, 10000) }

// BenchmarkTypesetCircular lays out the specimen circular (about four pages
// and a two-page annex), parsing the fonts' metrics afresh each time.
func BenchmarkTypesetCircular(b *testing.B) {
	d := layouttest.Circular()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		resetFaceCache()
		if _, err := Typeset(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTypesetBigTable lays out a circular whose annex is a table of
// 3,600 rows.
func BenchmarkTypesetBigTable(b *testing.B) {
	d := layouttest.BigTable(3600)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := Typeset(d)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.PageCount()), "pages")
	}
}

// BenchmarkExplicitCircular writes the typesetter's choices (titles' lines,
// table widths, every paragraph's lines) into the specimen circular, as the
// DOCX writer needs them, with the fonts' metrics already parsed.
func BenchmarkExplicitCircular(b *testing.B) {
	d := layouttest.Circular()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Explicit(d); err != nil {
			b.Fatal(err)
		}
	}
}
