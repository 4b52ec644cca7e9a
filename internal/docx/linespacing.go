package docx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"tongbao/internal/doc"
)

// spacedRuns is text in face f with character style cs as runs of one
// character spacing each, spacing holding each character's in twips (the
// styles' condenseTwips left to the styles).
func (w *writer) spacedRuns(text string, f doc.Face, cs string, spacing []int) string {
	var b strings.Builder
	rs := []rune(text)
	for from := 0; from < len(rs); {
		to := from + 1
		for to < len(rs) && spacing[to] == spacing[from] {
			to++
		}
		extra := ""
		if v := spacing[from]; v != condenseTwips {
			extra = fmt.Sprintf(`<w:spacing w:val="%d"/>`, v)
		}
		b.WriteString(w.run(string(rs[from:to]), f, cs, extra))
		from = to
	}
	return b.String()
}

// Margins of lineSpacing, in points: a line is made to fit fitRoom short of
// its measure (Word takes a first-line indent of two characters as 32 pt,
// where the grid has two 15.79 pt cells, and LibreOffice drops the spacing
// after the last character of a run), and what starts the next line must
// overrun the measure by pullRoom.
const (
	fitRoom  = 1.0
	pullRoom = 0.5
)

// lineSpacing is the character spacing in twips of each character of text
// that makes a word processor break it where the typesetter broke it
// (lines, from a paragraph's or a cell's Lines), or nil when every line breaks there at the styles'
// spacing (condenseTwips on every character). A line that would overrun
// the measure (the typesetter squeezed its punctuation) is closed up, and
// one that would take in what starts the next line is spread, by one
// spacing on all its characters, as near the measure as fits.
func lineSpacing(text string, lines []doc.Line) []int {
	if len(lines) == 0 || strings.ContainsRune(text, '\t') {
		return nil
	}
	total := 0
	for _, l := range lines {
		total += l.Runes
	}
	if total != utf8.RuneCountInString(text) {
		return nil
	}
	base := float64(condenseTwips) / 20
	out := make([]int, 0, total)
	changed := false
	for _, l := range lines {
		v := condenseTwips
		width := l.Advance + float64(l.Chars)*base
		next := l.Next + float64(l.NextChars)*base
		over := width > l.Measure-fitRoom
		pulls := l.Full && l.NextChars > 0 && width+next <= l.Measure+pullRoom
		if (over || pulls) && l.Chars > 0 {
			v = int(math.Floor(20 * (l.Measure - fitRoom - l.Advance) / float64(l.Chars)))
			changed = true
		}
		for i := 0; i < l.Runes; i++ {
			out = append(out, v)
		}
	}
	if !changed {
		return nil
	}
	return out
}
