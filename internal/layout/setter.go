package layout

import "math"

// lineAlign is how a broken line is placed in its measure.
type lineAlign int

const (
	alignJustify lineAlign = iota // full justification; the last line flush left
	alignLeft
	alignCenter
	alignRight
)

// setLine places the glyphs of ln on the baseline y, in the measure that
// starts at x0 and is W wide, and appends the resulting runs to dst. A
// justified line (not the last) spreads its slack over the gaps between
// characters, never inside a Latin or digit run.
func setLine(dst []Text, gs []glyph, ln line, x0, y, W float64, al lineAlign, last bool) []Text {
	applySqueeze(gs, ln)
	from, to := ln.from, ln.to
	for to > from && (isSpace(gs[to-1].r) || gs[to-1].font == noFont) {
		to--
	}
	if to <= from {
		return dst
	}
	width := 0.0
	for j := from; j < to; j++ {
		width += gs[j].w
	}
	slack := W - width
	x := x0
	perGap, allGaps := 0.0, false
	switch {
	case al == alignJustify && (!last || slack < -eps):
		eligible, all := 0, to-from-1
		for j := from; j+1 < to; j++ {
			if justifyGap(gs, j) {
				eligible++
			}
		}
		if slack < 0 {
			eligible, allGaps = all, true
		} else {
			eligible, allGaps = spreadGaps(eligible, all, slack, gs[from].size)
		}
		if eligible > 0 {
			perGap = slack / float64(eligible)
		}
	case al == alignCenter:
		x += slack / 2
	case al == alignRight:
		x += slack
	}
	var cur *Text
	var lastEnd float64 // drawing origin of the previous glyph plus its advance
	n := 0              // glyphs in cur
	for j := from; j < to; j++ {
		g := &gs[j]
		pos := x + g.off
		if g.font != noFont {
			font := fontNameOf(g.font)
			if cur != nil && cur.Font == font && cur.Size == g.size && cur.Color == g.color &&
				(n == 1 || math.Abs(pos-lastEnd-cur.Spacing) < 0.001) {
				if n == 1 {
					cur.Spacing = pos - lastEnd
				}
				cur.Text += string(g.r)
				n++
			} else {
				dst = append(dst, Text{Text: string(g.r), Font: font, Size: g.size, Color: g.color, X: pos, Y: y})
				cur, n = &dst[len(dst)-1], 1
			}
			lastEnd = pos + g.adv
			cur.Width = lastEnd - cur.X
		}
		x += g.w
		if j+1 < to && (allGaps || justifyGap(gs, j)) {
			x += perGap
		}
	}
	return dst
}

// justifyGap reports whether justification may widen the gap after gs[j].
func justifyGap(gs []glyph, j int) bool {
	a, b := gs[j].r, gs[j+1].r
	return !(isWord(a) && isWord(b)) && gs[j].font != noFont && gs[j+1].font != noFont
}
