package layout

import (
	"math"
	"strings"
)

// The line breaker: greedy, linear in the paragraph's length, with the
// Chinese line-breaking rules (避头尾):
//   - no line starts with closing punctuation (，。、；：？！）》」』〕】… and the like),
//   - no line ends with opening punctuation (（《「『〔【 and the like),
//   - runs of digits and Latin (2019, 98.2%, jy8235169@163.com) are never split,
//   - —— and …… stay whole, and so does a document number's 〔2019〕19.
// When a closing mark would start a line, the character before it comes down
// with it (the line is then justified a little looser); when that would pull
// down a long run, the line's punctuation is squeezed to half width instead,
// as WPS does.

const (
	// noStart are characters that must not begin a line.
	noStart = "，。、；：？！）》」』〕】〉〗〙〛］｝｠…‥”’·・％‰℃°′″＇＂：，．,.;:?!)]}%、ーヽヾゝゞ々〻〜～"
	// noEnd are characters that must not end a line.
	noEnd = "（《「『〔【〈〖〘〚［｛｟“‘([{￥＄$£€#＃"
	// squeezeClose are full-width marks whose ink sits in the left half of the
	// em box: the right half can be squeezed away.
	squeezeClose = "，。、；：？！）》」』〕】〉〗〙〛］｝”’"
	// squeezeOpen are full-width marks whose ink sits in the right half.
	squeezeOpen = "（《「『〔【〈〖〘〚［｛“‘"
)

var (
	noStartSet, noEndSet, squeezeCloseSet, squeezeOpenSet = runeSet(noStart), runeSet(noEnd), runeSet(squeezeClose), runeSet(squeezeOpen)
)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// isWord reports a character of an unbreakable Latin run: printable ASCII
// other than space, and Latin-1 letters.
func isWord(r rune) bool {
	return r > ' ' && r < 0x7f || r >= 0xc0 && r <= 0x24f
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' }

// doubled are marks written twice and never split: —— ……
func doubled(r rune) bool { return r == '—' || r == '…' || r == '―' || r == '⋯' || r == '－' }

// canBreak reports whether a line may end between gs[i-1] and gs[i].
func canBreak(gs []glyph, i int) bool {
	a, b := gs[i-1].r, gs[i].r
	switch {
	case a == '\n' || a == '\u200b':
		return true
	case b == '\n' || isSpace(b):
		return false // a space hangs at the end of its line
	case isSpace(a):
		return !noStartSet[b]
	case noStartSet[b] || noEndSet[a]:
		return false
	case isWord(a) && isWord(b):
		return false
	case a == b && doubled(a):
		return false
	case a == '〕' && b >= '0' && b <= '9', a >= '0' && a <= '9' && b == '号':
		return false // a document number stays whole: 〔2019〕19号
	}
	return true
}

// squeezable returns how much of g's box may be squeezed away.
func squeezable(g *glyph) float64 {
	if squeezeCloseSet[g.r] || squeezeOpenSet[g.r] {
		if g.adv >= 0.99*g.size {
			return g.w / 2
		}
	}
	return 0
}

// line is a broken line: glyphs [from, to), its natural width (trailing
// spaces excluded) and how much punctuation must be squeezed to fit.
type line struct {
	from, to int
	width    float64
	squeeze  float64
}

const eps = 1e-6

// breakLines breaks gs into lines; widthOf(k) is the width available to line
// k (the first line of an indented paragraph is narrower).
func breakLines(gs []glyph, widthOf func(k int) float64) []line {
	var lines []line
	n := len(gs)
	// next[i]: the first break opportunity after i (n at the end), so that
	// finding the end of an unbreakable group stays linear
	next := make([]int32, n+1)
	next[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		if i+1 < n && canBreak(gs, i+1) {
			next[i] = int32(i + 1)
		} else {
			next[i] = next[i+1]
		}
	}
	from := 0
	for from < n {
		W := widthOf(len(lines))
		to, squeeze := n, 0.0
		w := 0.0
		lastBreak := -1
		for i := from; i < n; i++ {
			g := &gs[i]
			if i > from && canBreak(gs, i) {
				if gs[i-1].r == '\n' {
					to = i
					break
				}
				lastBreak = i
			}
			if isSpace(g.r) || i == from || w+g.w <= W+eps {
				w += g.w
				continue
			}
			// gs[i] overflows.
			if lastBreak == i {
				to = i
				break
			}
			// The end of the unbreakable group that holds i.
			e := int(next[i])
			sq, ok := squeezeFit(gs, from, i, e, W)
			slackDown := 0.0
			if lastBreak > 0 {
				slackDown = W - widthOf2(gs, from, lastBreak)
			}
			switch {
			case lastBreak > 0 && (!ok || slackDown <= 1.6*g.size):
				to = lastBreak // pull the previous character(s) down
			case ok:
				to, squeeze = e, sq
			default:
				// No break point: split by force, still keeping closing
				// marks off the start of the next line where possible.
				to = i
				for to > from+1 && (noStartSet[gs[to].r] || noEndSet[gs[to-1].r]) {
					to--
				}
			}
			break
		}
		lines = append(lines, line{from: from, to: to, width: widthOf2(gs, from, to) - squeeze, squeeze: squeeze})
		from = to
	}
	avoidRunt(gs, lines)
	return lines
}

// avoidRunt keeps a paragraph from ending on a line of one character and its
// punctuation (附件|4。): the line before gives up its last character, or
// unbreakable group, when that leaves it at most two characters short. Only
// in measures of twelve characters or more (body text, not table cells),
// where two characters spread over the line are not seen.
func avoidRunt(gs []glyph, lines []line) {
	n := len(lines)
	if n < 2 {
		return
	}
	last, prev := &lines[n-1], &lines[n-2]
	chars := 0
	for j := last.from; j < last.to; j++ {
		if !noStartSet[gs[j].r] && !isSpace(gs[j].r) && gs[j].r != '\n' {
			chars++
		}
	}
	if chars != 1 || gs[prev.to-1].r == '\n' || isWord(gs[last.from].r) && last.to-last.from > 3 {
		return
	}
	b := prev.to - 1
	for b > prev.from && !canBreak(gs, b) {
		b--
	}
	if b <= prev.from+1 {
		return
	}
	w := widthOf2(gs, prev.from, b)
	if prev.width < 12*gs[b].size || prev.width-w > 2*gs[b].size+eps {
		return
	}
	*prev = line{from: prev.from, to: b, width: w}
	*last = line{from: b, to: last.to, width: widthOf2(gs, b, last.to)}
}

// squeezeFit reports whether glyphs [from, e) fit width W by squeezing their
// punctuation, when the overflow from i on is closing punctuation only, or a
// Latin or digit run (a telephone number, an e-mail address) with at most a
// few closing marks after it: squeezing a few marks by half, as WPS does,
// reads better than the loose line that breaking before the run leaves.
func squeezeFit(gs []glyph, from, i, e int, W float64) (float64, bool) {
	maxNeed := math.Inf(1)
	if isWord(gs[i].r) && !noStartSet[gs[i].r] {
		// a word run that overflows: back to its start, then its length
		s := i
		for s > from && isWord(gs[s-1].r) {
			s--
		}
		k := s
		for k < e && isWord(gs[k].r) {
			k++
		}
		if s == from || k == s || k-s > 40 || e-k > 4 {
			return 0, false
		}
		i = k
		maxNeed = 2 * gs[s].size
	} else if e-i > 4 {
		return 0, false // a few closing marks at most
	}
	for j := i; j < e; j++ {
		if !noStartSet[gs[j].r] || gs[j].r == '\n' {
			return 0, false
		}
	}
	need := widthOf2(gs, from, e) - W
	if need > maxNeed {
		return 0, false
	}
	if need <= eps {
		return 0, true
	}
	capacity := 0.0
	for j := from; j < e; j++ {
		capacity += squeezable(&gs[j])
	}
	return need, capacity >= need-eps
}

// widthOf2 is the width of glyphs [from, to), trailing spaces and line breaks excluded.
func widthOf2(gs []glyph, from, to int) float64 {
	for to > from && (isSpace(gs[to-1].r) || gs[to-1].font == noFont) {
		to--
	}
	w := 0.0
	for j := from; j < to; j++ {
		w += gs[j].w
	}
	return w
}

// applySqueeze narrows the squeezable punctuation of a line by amount,
// starting from its end; an opening mark's glyph moves left with its box.
func applySqueeze(gs []glyph, ln line) {
	left := ln.squeeze
	for j := ln.to - 1; j >= ln.from && left > eps; j-- {
		g := &gs[j]
		s := squeezable(g)
		if s == 0 {
			continue
		}
		if s > left {
			s = left
		}
		g.w -= s
		if squeezeOpenSet[g.r] {
			g.off -= s
		}
		left -= s
	}
}

// lineText returns the text of a line (tests and errors).
func lineText(gs []glyph, ln line) string {
	var b strings.Builder
	for _, g := range gs[ln.from:ln.to] {
		b.WriteRune(g.r)
	}
	return b.String()
}
