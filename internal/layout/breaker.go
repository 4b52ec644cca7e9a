package layout

import (
	"math"
	"strings"
)

// The line breaker: a total-fit breaker (as TeX's, over a window of one
// line) with the Chinese line-breaking rules (避头尾):
//   - no line starts with closing punctuation (，。、；：？！）》」』〕】… and the like),
//   - no line ends with opening punctuation (（《「『〔【 and the like),
//   - runs of digits and Latin (2019, 98.2%, 0663-8230000) are not split,
//   - —— and …… stay whole, and so does a document number's 〔2019〕19.
// Among the ways to break a paragraph that keep these rules, it takes the one
// whose lines are least spread: a line that would be loose first squeezes
// its punctuation to half width (标点挤压, as WPS does) to take more text,
// and a long e-mail address or URL may break at its natural points (after
// @, a . before a letter, a /). A document number splits after its 〕
// (〔2019〕|19号) only when keeping it whole leaves a line looser than the
// bar, and a digit run or a word splits only when nothing else fits.

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

// Costs of the breaker, in demerits. A justified line costs spreadCost ×
// (spread per gap / (size/8))³: 100 at 2 pt a gap in 3号, the bar no
// body line may pass. Squeezing costs squeezeCost × (squeezed ems)²: 25
// for one mark squeezed by half. Spreading is capped at spreadMax (4.3 pt a
// gap): beyond it a looser line costs only a little more, and a
// last-resort break costs more than any.
const (
	spreadCost   = 100.0
	spreadMax    = 1000.0
	squeezeCost  = 100.0
	linePenalty  = 20.0  // every line: no more lines than needed
	latinBreak   = 60.0  // an e-mail or URL broken after @ . /
	joinerBreak  = 120.0 // an e-mail or URL broken after _ or -
	numberBreak  = 150.0 // a document number broken after its 〕
	shortLine    = 600.0 // a full line of Chinese text two characters short
	runtPenalty  = 300.0 // a paragraph ending on a line of one character
	forcedBreak  = 1e4   // a digit run or a word split
	illegalBreak = 1e6   // a closing mark starting a line, an opening one ending it
	overfull     = 1e8   // a single glyph wider than the measure
)

// breakPenalty is the cost of ending a line between gs[j-1] and gs[j]: 0
// where the rules allow a break, more where only a last resort does.
func breakPenalty(gs []glyph, j int) float64 {
	if canBreak(gs, j) {
		return 0
	}
	a, b := gs[j-1].r, gs[j].r
	switch {
	case b == '\n' || isSpace(b) || noStartSet[b] || noEndSet[a]:
		return illegalBreak
	case a == '〕' && b >= '0' && b <= '9':
		return numberBreak
	case isWord(a) && isWord(b) && latinPoint(gs, j):
		if a == '_' || a == '-' {
			return joinerBreak
		}
		return latinBreak
	}
	return forcedBreak
}

// latinPoint reports a natural break inside a Latin run at j: after @ or /
// (not inside //), after a . followed by a letter (jieyang.|gov.|cn, not
// 98.|2), or, less willingly, after a _ or - between letters and digits, in
// a run of at least twelve characters that holds an @ or a / (an e-mail
// address or a URL, never a telephone number).
func latinPoint(gs []glyph, j int) bool {
	a, b := gs[j-1].r, gs[j].r
	alnum := func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }
	switch {
	case a == '@', a == '/' && b != '/':
	case a == '.' && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'):
	case (a == '_' || a == '-') && j >= 2 && alnum(gs[j-2].r) && alnum(b):
	default:
		return false
	}
	s, e := j, j
	for s > 0 && isWord(gs[s-1].r) {
		s--
	}
	for e < len(gs) && isWord(gs[e].r) {
		e++
	}
	if e-s < 12 {
		return false
	}
	for k := s; k < e; k++ {
		if gs[k].r == '@' || gs[k].r == '/' {
			return true
		}
	}
	return false
}

// spreadGaps returns the gaps a justified line's slack goes to: the gaps
// between characters outside Latin and digit runs (eligible), unless that
// spreads them more than 2 pt (in 3号) a gap while the line has others
// (all): then the runs are letter-spaced too, rather than leave holes
// around them.
func spreadGaps(eligible, all int, slack, size float64) (int, bool) {
	if eligible == 0 || eligible < all && slack/float64(eligible) > size/8 {
		return all, true
	}
	return eligible, false
}

// breakLines breaks gs into lines; widthOf(k) is the width available to line
// k, where only the first line may differ from the others (an indented
// first line, or a hanging indent).
func breakLines(gs []glyph, widthOf func(k int) float64) []line {
	n := len(gs)
	if n == 0 {
		return nil
	}
	w0, w1 := widthOf(0), widthOf(1)
	best := make([]float64, n+1)
	prev := make([]int32, n+1)
	for i := 1; i <= n; i++ {
		best[i] = math.Inf(1)
	}
	runtMeasure := w1 >= 12*gs[0].size-eps
	for i := 0; i < n; i++ {
		if math.IsInf(best[i], 1) {
			continue
		}
		W := w1
		if i == 0 {
			W = w0
		}
		all, trim, capAll, capTrim := 0.0, 0.0, 0.0, 0.0
		gaps, gapsTrim, chars, words := 0, 0, 0, 0
		for j := i + 1; j <= n; j++ {
			g := &gs[j-1]
			all += g.w
			capAll += squeezable(g)
			if j-1 > i && justifyGap(gs, j-2) {
				gaps++
			}
			if !isSpace(g.r) && g.font != noFont {
				trim, capTrim, gapsTrim = all, capAll, gaps
				if !noStartSet[g.r] {
					chars++
				}
				if isWord(g.r) {
					words++
				}
			}
			if trim-capTrim > W+eps && j > i+1 {
				break
			}
			hard := g.r == '\n'
			last := j == n || hard
			c := linePenalty
			switch {
			case trim > W+eps:
				q := trim - W
				if q > capTrim+eps {
					c += overfull // one glyph wider than the measure
				} else {
					c += squeezeCost * (q / g.size) * (q / g.size)
				}
			case !last:
				slack := W - trim
				gaps, _ := spreadGaps(gapsTrim, j-1-i, slack, g.size)
				s := slack
				if gaps > 0 {
					s /= float64(gaps)
				}
				r := s * 8 / g.size
				c += math.Min(spreadCost*r*r*r, spreadMax) + 10*r
				if words == 0 && W >= 20*g.size && slack > 1.05*g.size {
					c += shortLine
				}
				// at equal cost, the looser line comes later (as greedy)
				c += 1e-3 * slack / g.size * float64(n-i) / float64(n)
			}
			if j < n && !hard {
				c += breakPenalty(gs, j)
			}
			if j == n && i > 0 && chars == 1 && runtMeasure && !(isWord(gs[i].r) && j-i > 3) {
				c += runtPenalty
			}
			if t := best[i] + c; t < best[j]-eps {
				best[j], prev[j] = t, int32(i)
			}
			if hard {
				break
			}
		}
	}
	var cuts []int
	for j := n; j > 0; j = int(prev[j]) {
		cuts = append(cuts, j)
	}
	lines := make([]line, 0, len(cuts))
	from := 0
	for k := len(cuts) - 1; k >= 0; k-- {
		to := cuts[k]
		W := w1
		if from == 0 {
			W = w0
		}
		w := widthOf2(gs, from, to)
		sq := 0.0
		if w > W+eps {
			capacity := 0.0
			for j := from; j < to; j++ {
				capacity += squeezable(&gs[j])
			}
			sq = math.Min(w-W, capacity)
		}
		lines = append(lines, line{from: from, to: to, width: w - sq, squeeze: sq})
		from = to
	}
	return lines
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
