package layout

import (
	"math"

	"tongbao/internal/doc"
)

// tableWidths gives each column its width: given relative widths where set,
// otherwise from content, like an automatic HTML table with CJK-aware
// measures. Four widths bound each automatic column, widest first:
//   - natural: its widest cell on one line;
//   - soft: a cell of up to six characters whole, a longer one at least six
//     characters wide;
//   - hard: a cell of up to six characters whole, a longer one at least
//     three characters wide, a heading of up to four characters whole and a
//     longer one on at most two lines;
//   - least: the widest piece no line may break (a Latin or digit run, up to
//     sixteen characters) and two characters.
//
// Every column gets its natural width when they all fit; else, at the
// first level whose widths fit, the widths a search finds to give the
// lowest table (searchWidths; moves where they shorten the table, fitWidths,
// for tables of too many columns to search); in a table too full even for
// the least widths, a
// share of the measure by those. A cell spanning columns
// (「发现存在突出问题的网站数」 over 个数 and 比例) widens them when they
// are together narrower than it.
func tableWidths(t *doc.Table, head, rows []trow, ncol int, avail, size float64) []float64 {
	const levels = 4 // natural, soft, hard, least
	var bound [levels][]float64
	for l := range bound {
		bound[l] = make([]float64, ncol)
		for i := range bound[l] {
			bound[l][i] = tableMinCh*size + 2*tablePadX
		}
	}
	limits := func(c *tcell) [levels]float64 {
		run := math.Min(c.minimum, 16*size) // the widest unbreakable piece, within reason
		nat := c.natural
		short := math.Min(nat, 6*size) // the whole of a short cell, six characters of a long one
		hard := math.Max(run, math.Min(nat, 3*size))
		if nat <= 6*size+0.01 {
			hard = nat
		}
		if c.head {
			hard = math.Max(run, math.Min(nat, math.Max(math.Ceil(nat/2/size-0.01)*size, 4*size)))
		}
		v := [levels]float64{nat, math.Max(run, short), hard, run}
		for l := range v {
			v[l] = math.Min(v[l], nat) + 2*tablePadX
		}
		return v
	}
	for _, part := range [][]trow{head, rows} {
		for _, row := range part {
			for _, c := range row.cells {
				if c.span == 1 && c.col < ncol {
					v := limits(c)
					for l := range v {
						bound[l][c.col] = math.Max(bound[l][c.col], v[l])
					}
				}
			}
		}
	}
	for _, part := range [][]trow{head, rows} {
		for _, row := range part {
			for _, c := range row.cells {
				if c.span > 1 && c.col+c.span <= ncol {
					v := limits(c)
					for l := range v {
						widen(bound[l][c.col:c.col+c.span], v[l])
					}
				}
			}
		}
	}
	for l := levels - 2; l >= 0; l-- {
		for i := range bound[l] {
			bound[l][i] = math.Max(bound[l][i], bound[l+1][i])
		}
	}

	widths := make([]float64, ncol)
	auto := make([]bool, ncol)
	givenSum := 0.0
	for i := range auto {
		auto[i] = i >= len(t.Widths) || t.Widths[i] <= 0
		if !auto[i] {
			givenSum += t.Widths[i]
		}
	}
	sum := func(ws []float64) float64 {
		s := 0.0
		for i := range auto {
			if auto[i] {
				s += ws[i]
			}
		}
		return s
	}
	// given widths take their share first, leaving the automatic columns
	// their natural widths up to half the measure
	rest := avail
	if givenSum > 0 {
		given := avail - math.Min(sum(bound[0]), avail/2)
		for i := range auto {
			if !auto[i] {
				widths[i] = given * t.Widths[i] / givenSum
			}
		}
		rest -= given
	}
	if nat := sum(bound[0]); nat <= rest {
		for i := range auto {
			if auto[i] && nat > 0 {
				widths[i] = bound[0][i] * rest / nat
			}
		}
		return widths
	}
	for l := 1; l < levels; l++ {
		lo, hi := bound[l], bound[l-1]
		loSum, hiSum := sum(lo), sum(hi)
		if loSum > rest {
			continue
		}
		for i := range auto {
			if auto[i] {
				widths[i] = lo[i] + (rest-loSum)*(hi[i]-lo[i])/(hiSum-loSum)
			}
		}
		// the search may take a column down to its hard minimum: a short
		// region on two lines is better than a long name on four
		if best := searchWidths(widths, bound[levels-2], bound[0], auto, head, rows, size, rest); best != nil {
			return best
		}
		fitWidths(widths, bound[levels-2], auto, head, rows, size)
		return widths
	}
	least := sum(bound[levels-1])
	for i := range auto {
		if auto[i] {
			widths[i] = bound[levels-1][i] * rest / least
		}
	}
	return widths
}

// widen grows ws in proportion so that they add up to at least w.
func widen(ws []float64, w float64) {
	sum := 0.0
	for _, x := range ws {
		sum += x
	}
	if sum >= w || sum <= 0 {
		return
	}
	for i := range ws {
		ws[i] *= w / sum
	}
}

// Column widths that make a table short. When the columns cannot all have
// their natural widths, the first guess (minimum widths plus a share of the
// rest in proportion to what each column lacks) often wraps a cell by a
// single character (临江市人民政府门户网|站) while a neighbour has room to
// spare. fitWidths then moves width between the automatic columns, as a
// clerk drags column borders in WPS, while that lowers the table's height
// (the lines of its rows, each as tall as its tallest cell) or, at equal
// height, the number of wrapped cell lines.

const (
	// fitSample bounds the body rows fitWidths looks at, spread evenly over
	// the table: a table of thousands of rows costs no more than one of a few
	// hundred.
	fitSample = 160
	// fitRounds bounds the moves.
	fitRounds = 60
)

// fitSteps are the amounts of width a move shifts, in ems of the table text.
var fitSteps = []float64{0.25, 0.5, 1, 1.5, 2, 3, 4}

// colFit holds one column's cells of the sampled rows and their line counts
// at the widths tried.
type colFit struct {
	cells []*tcell // by sampled row; nil where the row has no cell of its own here
	memo  map[int][]int16
}

// lines returns the line count of each sampled row's cell at width w.
func (cf *colFit) lines(w float64) []int16 {
	key := int(math.Round(w * 2))
	if ls, ok := cf.memo[key]; ok {
		return ls
	}
	ls := make([]int16, len(cf.cells))
	inner := w - 2*tablePadX + 0.01
	for r, c := range cf.cells {
		if c == nil {
			continue
		}
		ls[r] = int16(max(len(breakLines(c.gs, func(int) float64 { return inner })), 1))
	}
	cf.memo[key] = ls
	return ls
}

// fitWidths improves widths in place, moving width between the columns
// marked auto without taking any below its minimum. The header rows count
// with the sampled body rows: a header wrapped to save a body line is no gain.
func fitWidths(widths, minimum []float64, auto []bool, head, rows []trow, size float64) {
	n := len(rows)
	if n == 0 {
		return
	}
	picked := append([]trow(nil), head...)
	for s, k := 0, min(n, fitSample); s < k; s++ {
		picked = append(picked, rows[s*n/k])
	}
	sample := len(picked)
	cols := make([]colFit, len(widths))
	for i := range cols {
		cols[i] = colFit{cells: make([]*tcell, sample), memo: map[int][]int16{}}
	}
	for s, row := range picked {
		for _, c := range row.cells {
			if c.span == 1 && c.col < len(cols) {
				cols[c.col].cells[s] = c
			}
		}
	}
	cur := make([][]int16, len(widths))
	for i := range cols {
		cur[i] = cols[i].lines(widths[i])
	}
	// score: the height in lines, a body line counting twice a header
	// line, then the lines of all cells
	score := func(ls [][]int16) int {
		h, all := 0, 0
		for r := 0; r < sample; r++ {
			top := int16(1)
			for _, l := range ls {
				top = max(top, l[r])
				all += int(l[r])
			}
			if r < len(head) {
				h += int(top)
			} else {
				h += 2 * int(top)
			}
		}
		return h<<20 + all
	}
	best := score(cur)
	for round := 0; round < fitRounds; round++ {
		bi, bj, bd, bs := -1, -1, 0.0, best
		for i := range widths {
			if !auto[i] {
				continue
			}
			for j := range widths {
				if j == i || !auto[j] {
					continue
				}
				for _, st := range fitSteps {
					d := st * size
					if widths[j]-d < minimum[j]-eps {
						continue
					}
					li, lj := cur[i], cur[j]
					cur[i], cur[j] = cols[i].lines(widths[i]+d), cols[j].lines(widths[j]-d)
					if s := score(cur); s < bs {
						bi, bj, bd, bs = i, j, d, s
					}
					cur[i], cur[j] = li, lj
				}
			}
		}
		if bi < 0 {
			// no single neighbour can give enough: try two giving half each
			// (a long 主办单位 wants a character from 地区 and one from 问题)
			bk := -1
			for i := range widths {
				for j := range widths {
					for k := j + 1; k < len(widths); k++ {
						if !auto[i] || !auto[j] || !auto[k] || i == j || i == k {
							continue
						}
						for _, st := range fitSteps {
							d := st * size
							if widths[j]-d/2 < minimum[j]-eps || widths[k]-d/2 < minimum[k]-eps {
								continue
							}
							li, lj, lk := cur[i], cur[j], cur[k]
							cur[i], cur[j], cur[k] = cols[i].lines(widths[i]+d), cols[j].lines(widths[j]-d/2), cols[k].lines(widths[k]-d/2)
							if s := score(cur); s < bs {
								bi, bj, bk, bd, bs = i, j, k, d, s
							}
							cur[i], cur[j], cur[k] = li, lj, lk
						}
					}
				}
			}
			if bi < 0 {
				return
			}
			widths[bi] += bd
			widths[bj] -= bd / 2
			widths[bk] -= bd / 2
			cur[bi], cur[bj], cur[bk] = cols[bi].lines(widths[bi]), cols[bj].lines(widths[bj]), cols[bk].lines(widths[bk])
			best = bs
			continue
		}
		widths[bi] += bd
		widths[bj] -= bd
		cur[bi], cur[bj] = cols[bi].lines(widths[bi]), cols[bj].lines(widths[bj])
		best = bs
	}
}
