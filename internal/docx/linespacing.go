package docx

import (
	"fmt"
	"math"
	"strings"
	"unicode"

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
// set in size points that makes a word processor break it where the
// typesetter broke it (lines, from a paragraph's or a cell's Lines), or
// nil when every line breaks there at the styles' spacing (condenseTwips
// on every character). A line that would overrun the measure (the
// typesetter squeezed its punctuation) is closed up, and one that would
// take in what starts the next line is spread, by one spacing on all its
// characters, as near the measure as fits.
//
// A justified line also keeps room for the space LibreOffice puts between
// Chinese and a digit or Latin letter (a fifth of the size each time, as
// it ignores w:autoSpaceDE), as long as what starts the next line still
// overruns: the line looks the same (justification fills it) and breaks
// in the same place in LibreOffice as in Word and WPS.
func lineSpacing(text string, lines []doc.Line, size float64) []int {
	if len(lines) == 0 || strings.ContainsRune(text, '\t') {
		return nil
	}
	total := 0
	for _, l := range lines {
		total += l.Runes
	}
	rs := []rune(text)
	if total != len(rs) {
		return nil
	}
	base := float64(condenseTwips) / 20
	out := make([]int, 0, total)
	changed := false
	at := 0
	for _, l := range lines {
		v := condenseTwips
		width := l.Advance + float64(l.Chars)*base
		next := l.Next + float64(l.NextChars)*base
		room := fitRoom
		if l.Full && l.NextChars > 0 {
			gaps := float64(scriptGaps(rs[at:at+l.Runes])) * size / 5
			room = max(fitRoom, min(gaps+pullRoom, next-2*pullRoom))
		}
		over := width > l.Measure-room
		pulls := l.Full && l.NextChars > 0 && width+next <= l.Measure+pullRoom
		if (over || pulls) && l.Chars > 0 {
			v = int(math.Floor(20 * (l.Measure - room - l.Advance) / float64(l.Chars)))
			changed = true
		}
		for i := 0; i < l.Runes; i++ {
			out = append(out, v)
		}
		at += l.Runes
	}
	if !changed {
		return nil
	}
	return out
}

// scriptGaps counts the places in rs where a Chinese character meets a
// digit or Latin letter, where LibreOffice adds its space.
func scriptGaps(rs []rune) int {
	n := 0
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if han(a) && latinAlnum(b) || latinAlnum(a) && han(b) {
			n++
		}
	}
	return n
}

func han(r rune) bool { return unicode.Is(unicode.Han, r) }

func latinAlnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
