package layout

// The laid-out pages: everything a writer (PDF now, OFD later) needs to draw
// the document, in points, with the origin at the top-left corner of each
// page and y growing downwards.

import (
	"slices"

	"tongbao/internal/doc"
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

var (
	// Black is the colour of text and table rules.
	Black = Color{}
	// Red is the colour of the 发文机关标志 and the 版头 rules (GB/T 9704 红色).
	Red = Color{R: 230, G: 0, B: 18}
)

// Result is a typeset document.
type Result struct {
	// Pages are the pages in order.
	Pages []Page
	// Fonts lists the faces the pages use, in a fixed order (that of
	// fonts.Names); a writer registers exactly these, in this order.
	Fonts []string
	// Substitutions are the characters set from a face of another style
	// than their element's own, in document order, once per element.
	Substitutions []Substitution
	// RecordPlace is where the 版记 went; RecordFoot when the document has
	// none.
	RecordPlace doc.RecordPlace
}

// PageCount returns the number of pages.
func (r *Result) PageCount() int { return len(r.Pages) }

// Page is one laid-out page.
type Page struct {
	// Width and Height are the page size in points (A4 portrait is
	// 595.28 × 841.89; a landscape page swaps them).
	Width, Height float64
	// Number is the printed page number, 0 when the page carries none.
	Number int
	// Landscape marks a page turned for a wide table; its page number is
	// still drawn where it sits on the paper, rotated.
	Landscape bool
	// Texts, Rules and Images are drawn in that order (an image, such as the
	// seal, overlaps the text under it).
	Texts  []Text
	Rules  []Rule
	Images []Image
}

// Text is a run of glyphs of one face, size and colour on one baseline. The
// first glyph's origin is at (X, Y); each following glyph starts at the
// previous one's origin plus its advance width plus Spacing (the PDF Tc
// operator). Every rune of Text is drawn by Font: the typesetter has chosen
// the face per character.
type Text struct {
	Text    string
	Font    string
	Size    float64
	Color   Color
	X, Y    float64
	Spacing float64
	// Width is the distance from the first glyph's origin to the end of the
	// last glyph's advance (spacing included between glyphs).
	Width float64
	// Rotate turns the run clockwise about (X, Y) by this many degrees (90 for
	// the page number of a landscape page).
	Rotate float64
}

// Rule is a straight line from (X1, Y1) to (X2, Y2).
type Rule struct {
	X1, Y1, X2, Y2 float64
	// Width is the stroke width in points.
	Width float64
	Color Color
}

// Image is an image placed in the box with top-left (X, Y), W × H points.
type Image struct {
	// PNG is the image file: PNG, or JPEG for a picture the document
	// includes (doc.Image); a writer tells them apart by their first bytes
	// (\x89PNG or \xFF\xD8).
	PNG        []byte
	X, Y, W, H float64
}

// UsedRunes returns, for each face of Fonts the pages draw from, the
// characters they draw in it, in code point order: what a writer embeds of
// the face. A face the pages never use (one page drawn alone) is absent.
func (r *Result) UsedRunes() map[string][]rune {
	used := map[string]map[rune]bool{}
	for i := range r.Pages {
		for _, t := range r.Pages[i].Texts {
			m := used[t.Font]
			if m == nil {
				m = map[rune]bool{}
				used[t.Font] = m
			}
			for _, c := range t.Text {
				m[c] = true
			}
		}
	}
	out := make(map[string][]rune, len(used))
	for name, m := range used {
		rs := make([]rune, 0, len(m))
		for c := range m {
			rs = append(rs, c)
		}
		slices.Sort(rs)
		out[name] = rs
	}
	return out
}
