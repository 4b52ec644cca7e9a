package layout

import (
	"math"
	"strings"
	"testing"
)

// palette is what FuzzBreak builds text from: ideographs, the marks of the
// breaking rules, digits, Latin, spaces and line breaks, with their widths
// at 16 pt on the grid.
var palette = []struct {
	r rune
	w float64
}{
	{'中', 15.79}, {'国', 15.79}, {'，', 15.79}, {'。', 15.79}, {'、', 15.79}, {'（', 15.79}, {'）', 15.79},
	{'《', 15.79}, {'》', 15.79}, {'“', 15.79}, {'”', 15.79}, {'—', 15.79}, {'…', 15.79}, {'·', 15.79},
	{'2', 8}, {'0', 8}, {'1', 8}, {'9', 8}, {'a', 7.8}, {'m', 12.4}, {'.', 4.4}, {'%', 13.3}, {'@', 12.4},
	{' ', 5.3}, {'\n', 0}, {'：', 15.79}, {'；', 15.79}, {'！', 15.79},
}

func fuzzGlyphs(data []byte) []glyph {
	gs := make([]glyph, 0, len(data))
	for _, b := range data {
		p := palette[int(b)%len(palette)]
		g := glyph{r: p.r, size: 16, adv: p.w, w: p.w}
		if p.w == 15.79 {
			g.adv = 16
		}
		if p.r == '\n' {
			g.font = noFont
		}
		gs = append(gs, g)
	}
	return gs
}

// FuzzBreak: the breaker never panics, never loses or reorders a character
// (the lines joined are the input), always advances, and never makes a line
// wider than the measure.
func FuzzBreak(f *testing.F) {
	f.Add(byte(10), []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c"))
	f.Add(byte(3), []byte("\x0e\x0f\x10\x11\x15\x16\x16\x16\x16\x00\x02\x02\x02\x0b\x0b"))
	f.Add(byte(0), []byte("\x17\x17\x17\x18\x00\x00\x05"))
	f.Fuzz(func(t *testing.T, wb byte, data []byte) {
		gs := fuzzGlyphs(data)
		W := 16 * float64(1+int(wb)%30)
		// the first line indented by up to two characters, as a paragraph's
		first := math.Max(16, W-16*float64(int(wb)/30%3))
		widthOf := func(k int) float64 {
			if k == 0 {
				return first
			}
			return W
		}
		lines := breakLines(gs, widthOf)
		var b strings.Builder
		next := 0
		for k, ln := range lines {
			if ln.from != next || ln.to <= ln.from || ln.to > len(gs) {
				t.Fatalf("line [%d, %d) after %d of %d", ln.from, ln.to, next, len(gs))
			}
			next = ln.to
			b.WriteString(lineText(gs, ln))
			if w, lim := widthOf2(gs, ln.from, ln.to)-ln.squeeze, widthOf(k); w > lim+1e-6 {
				t.Errorf("line %d %q is %.2f wide, more than %.2f", k+1, lineText(gs, ln), w, lim)
			}
			if ln.squeeze < 0 {
				t.Errorf("negative squeeze %.2f", ln.squeeze)
			}
		}
		if next != len(gs) {
			t.Fatalf("lines end at %d of %d", next, len(gs))
		}
		var in strings.Builder
		for _, g := range gs {
			in.WriteRune(g.r)
		}
		if b.String() != in.String() {
			t.Fatalf("joined lines %q, input %q", b.String(), in.String())
		}
	})
}
