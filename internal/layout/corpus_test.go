package layout_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

// The corpus: documents built from the document model, each typeset, drawn
// and read back with poppler, and held to the bars of even spacing and full
// pages. TONGBAO_CORPUS_OUT=/tmp/c keeps the PDFs to look at.

// Bars.
const (
	maxSpread   = 2.0 // pt a character a justified body line may add
	minChars    = 27  // characters a full line of Chinese text holds at least
	maxEarly    = 2   // grid lines a body page may end above the foot
	fangDescent = 0.272
)

// size3 reports a line of 3号 text (the box pdftotext gives 16 pt text in
// 仿宋, 楷体 or 黑体 is 20–24 pt high).
func size3(l layouttest.Line) bool {
	h := l.Words[0].Y1 - l.Words[0].Y0
	return h > 19.5 && h < 24.5
}

// gridLine is the grid line a 3号 line sits in (its em box centred).
func gridLine(l layouttest.Line) int {
	mid := (l.Y0 + l.Y1) / 2
	return int(math.Floor((mid - layouttest.AreaTop) / layouttest.Pitch))
}

// writeCorpus typesets and draws d to dir/name.pdf.
func writeCorpus(t *testing.T, dir, name string, d *doc.Document) (string, *layout.Result) {
	t.Helper()
	r, err := layout.Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".pdf")
	if err := pdf.WriteFile(path, r, d.Info); err != nil {
		t.Fatal(err)
	}
	return path, r
}

// checkBars holds the PDF at path, typeset from d, to the bars; it returns
// the worst spread found, for the record.
func checkBars(t *testing.T, path string, d *doc.Document, r *layout.Result) float64 {
	t.Helper()
	pages := layouttest.ReadBack(t, path)
	if len(pages) != r.PageCount() {
		t.Fatalf("pdftotext sees %d pages, the layout made %d", len(pages), r.PageCount())
	}
	worst := 0.0
	type pageInfo struct {
		body      []layouttest.Line // 3号 lines in the 版心
		table     bool              // smaller text in the 版心 (a table)
		signature bool              // holds the 成文日期
		annex     bool              // starts an annex
	}
	info := make([]pageInfo, len(pages))
	for i, p := range pages {
		pi := &info[i]
		for _, l := range p.Lines() {
			if l.Y0 < layouttest.AreaTop-1 || l.Y1 > layouttest.AreaBottom+1 || r.Pages[i].Landscape {
				continue
			}
			if !size3(l) {
				if l.Y1-l.Y0 < 19 && l.Y1 < layouttest.AreaBottom-2*layouttest.Pitch {
					pi.table = true
				}
				continue
			}
			pi.body = append(pi.body, l)
			if d.Signature.Date != "" && strings.Contains(l.Text, d.Signature.Date) {
				pi.signature = true
			}
		}
		for _, a := range d.Annexes {
			if len(pi.body) > 0 && pi.body[0].Text == labelOf(a) && gridLine(pi.body[0]) == 0 {
				pi.annex = true
			}
		}
	}
	for i := range pages {
		pi := info[i]
		for _, l := range pi.body {
			// bar 1: a full justified line adds at most 2 pt a character
			if l.X0 < layouttest.AreaLeft-0.5 || !near(l.X1, layouttest.AreaRight+0.21, 0.6) {
				continue
			}
			n := utf8.RuneCountInString(l.Text)
			if n < 2 || apart(l) {
				continue
			}
			natural := layout.NaturalWidth(l.Text, 16)
			spread := (l.X1 - 0.21 - l.X0 - natural) / float64(n-1)
			worst = math.Max(worst, spread)
			if spread > maxSpread+0.05 {
				t.Errorf("page %d line %d 「%s」 spreads %.2f pt a character (at most %.1f)", i+1, gridLine(l)+1, l.Text, spread, maxSpread)
			}
			if layouttest.AllWide(l.Text) {
				indent := math.Round((l.X0 - layouttest.AreaLeft) / layouttest.Cell)
				if c := n + int(indent); c < minChars {
					t.Errorf("page %d line %d 「%s」 holds %d characters (at least %d)", i+1, gridLine(l)+1, l.Text, c, minChars)
				}
			}
		}
		// bar 2: a body page followed by more body text ends at most two
		// lines above the foot, and holds at most 22 lines on the grid
		if len(pi.body) == 0 || pi.table || pi.signature || r.Pages[i].Landscape {
			continue
		}
		seen := map[int]bool{}
		for _, l := range pi.body {
			k := gridLine(l)
			if k < 0 || k > 21 {
				t.Errorf("page %d: 「%s」 off the 22 grid lines (line %d)", i+1, l.Text, k+1)
			}
			seen[k] = true
		}
		if len(seen) > 22 {
			t.Errorf("page %d holds %d lines", i+1, len(seen))
		}
		if i+1 < len(pages) && len(info[i+1].body) > 0 && !info[i+1].annex && !info[i+1].table && !opensWithPicture(r.Pages[i+1]) {
			if last := gridLine(pi.body[len(pi.body)-1]); last < 21-maxEarly {
				t.Errorf("page %d ends at grid line %d, %d lines above the foot, before more text on page %d", i+1, last+1, 21-last, i+2)
			}
		}
	}
	return worst
}

// opensWithPicture reports a page whose first grid line holds a picture: a
// picture is never split, so the page before may end early when even drawn
// smaller it does not fit there.
func opensWithPicture(p layout.Page) bool {
	for _, im := range p.Images {
		if im.Y < layouttest.AreaTop+layouttest.Pitch {
			return true
		}
	}
	return false
}

// apart reports a line of separate items (the 份号 and the 发文字号) rather
// than justified text: two words more than three characters apart.
func apart(l layouttest.Line) bool {
	for i := 1; i < len(l.Words); i++ {
		if l.Words[i].X0-l.Words[i-1].X1 > 3*layouttest.Cell {
			return true
		}
	}
	return false
}

func labelOf(a doc.Annex) string {
	if a.Label == "" {
		return "附件"
	}
	return a.Label
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// corpusDir is where the corpus PDFs go: TONGBAO_CORPUS_OUT, or a temporary folder.
func corpusDir(t *testing.T) string {
	if d := os.Getenv("TONGBAO_CORPUS_OUT"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestCorpusBars holds every document of the corpus to the bars, read back
// from its PDF.
func TestCorpusBars(t *testing.T) {
	dir := corpusDir(t)
	docs := append(layouttest.Corpus(), sampleDocs(t)...)
	if len(docs) < 10 {
		t.Fatalf("the corpus holds %d documents, want at least ten", len(docs))
	}
	for _, c := range docs {
		t.Run(c.Name, func(t *testing.T) {
			path, r := writeCorpus(t, dir, c.Name, c.Doc)
			worst := checkBars(t, path, c.Doc, r)
			t.Logf("%s: %d pages, widest spread %.2f pt a character", c.Name, r.PageCount(), worst)
		})
	}
}
