package layout

import (
	"math"
	"slices"
)

// Column widths found by search. Moving width one step at a time from
// column to column (fitWidths) stops at the first arrangement no single move
// improves, which often leaves 网站名称 and 主办单位 wrapping on every row
// while 存在的突出问题 has room. searchWidths instead tries, for every
// automatic column, the least widths at which all its cells fit on one,
// two, three or four lines (and its hard minimum), in every combination
// that fits the measure, and keeps the one giving the lowest table: a
// branch-and-bound search over a few thousand combinations. The width left
// over then goes to the columns in proportion to what they lack of their
// natural widths.

// searchCols bounds the automatic columns searched.
const searchCols = 7

// searchSteps bounds the candidate widths of a column besides its least.
const searchSteps = 7

// searchNodes bounds the combinations tried; past it the best so far is kept.
const searchNodes = 200_000

// searchWidths returns widths for the automatic columns that give the table
// the least height (in lines over the header and sampled body rows, then
// the fewest cell lines), or nil when there are too many columns to search.
// widths holds the given columns' widths; minimum and natural bound each
// automatic column; rest is the width they share.
func searchWidths(widths, minimum, natural []float64, auto []bool, head, rows []trow, size, rest float64) []float64 {
	var cols []int
	for i := range auto {
		if auto[i] {
			cols = append(cols, i)
		}
	}
	if len(cols) == 0 || len(cols) > searchCols || len(rows) == 0 {
		return nil
	}
	n := len(rows)
	picked := append([]trow(nil), head...)
	for s, k := 0, min(n, fitSample); s < k; s++ {
		picked = append(picked, rows[s*n/k])
	}
	sample := len(picked)
	fits := make([]colFit, len(widths))
	for i := range fits {
		fits[i] = colFit{cells: make([]*tcell, sample), memo: map[int][]int16{}}
	}
	for s, row := range picked {
		for _, c := range row.cells {
			if c.span == 1 && c.col < len(fits) {
				fits[c.col].cells[s] = c
			}
		}
	}
	step := size / 4
	// candidates: per automatic column, widths (on a quarter-em grid) and
	// the line counts of the sampled rows there
	type cand struct {
		w  float64
		ls []int16
	}
	cands := make([][]cand, len(cols))
	for ci, c := range cols {
		lo, hi := minimum[c], math.Max(natural[c], minimum[c])
		add := func(w float64) {
			for _, x := range cands[ci] {
				if math.Abs(x.w-w) < eps {
					return
				}
			}
			cands[ci] = append(cands[ci], cand{w, fits[c].lines(w)})
		}
		add(lo)
		// the steps of the column's staircase: the least widths at which
		// its body cells take fewer lines in all, found by bisection
		sum := func(k int) int {
			t := 0
			for r, l := range fits[c].lines(lo + float64(k)*step) {
				if r >= len(head) {
					t += int(l)
				}
			}
			return t
		}
		type stair struct {
			k, drop int
		}
		var stairs []stair
		var split func(a, b, sa, sb int)
		split = func(a, b, sa, sb int) {
			if sa <= sb {
				return
			}
			if b == a+1 {
				stairs = append(stairs, stair{b, sa - sb})
				return
			}
			m := (a + b) / 2
			sm := sum(m)
			split(a, m, sa, sm)
			split(m, b, sm, sb)
		}
		top := int(math.Ceil((hi - lo) / step))
		split(0, top, sum(0), sum(top))
		// the steps that save the most lines, at most searchSteps of them
		slices.SortStableFunc(stairs, func(x, y stair) int { return y.drop - x.drop })
		for i, st := range stairs {
			if i == searchSteps {
				break
			}
			add(lo + float64(st.k)*step)
		}
		slices.SortFunc(cands[ci], func(x, y cand) int { return int(math.Copysign(1, x.w-y.w)) })
	}
	// the given columns' lines are fixed
	base := make([]int16, sample)
	for i := range widths {
		if auto[i] {
			continue
		}
		for r, l := range fits[i].lines(widths[i]) {
			base[r] = max(base[r], l)
		}
	}
	// the least width the columns from ci on need
	least := make([]float64, len(cols)+1)
	for ci := len(cols) - 1; ci >= 0; ci-- {
		least[ci] = least[ci+1] + cands[ci][0].w
	}
	height := func(top []int16) int {
		h := 0
		for _, l := range top {
			h += int(max(l, 1))
		}
		return h
	}
	bestH, bestAll := math.MaxInt, math.MaxInt
	var best []int
	choice := make([]int, len(cols))
	nodes := 0
	var dfs func(ci int, used float64, top []int16, all int)
	dfs = func(ci int, used float64, top []int16, all int) {
		if nodes++; nodes > searchNodes || used+least[ci] > rest+eps {
			return
		}
		h := height(top)
		if h > bestH {
			return // heights only grow as columns are added
		}
		if ci == len(cols) {
			if h < bestH || h == bestH && all < bestAll {
				bestH, bestAll, best = h, all, slices.Clone(choice)
			}
			return
		}
		next := make([]int16, sample)
		for k := len(cands[ci]) - 1; k >= 0; k-- { // widest first: good bounds early
			cd := cands[ci][k]
			sum := all
			for r := range next {
				next[r] = max(top[r], cd.ls[r])
				sum += int(cd.ls[r])
			}
			choice[ci] = k
			dfs(ci+1, used+cd.w, next, sum)
		}
	}
	dfs(0, 0, base, 0)
	if best == nil {
		return nil
	}
	out := slices.Clone(widths)
	used, lack := 0.0, 0.0
	for ci, c := range cols {
		out[c] = cands[ci][best[ci]].w
		used += out[c]
		lack += math.Max(natural[c]-out[c], 0)
	}
	// the width left over: to the columns lacking most, else evenly
	left := rest - used
	for _, c := range cols {
		if lack > eps {
			out[c] += left * math.Max(natural[c]-out[c], 0) / lack
		} else {
			out[c] += left / float64(len(cols))
		}
	}
	return out
}
