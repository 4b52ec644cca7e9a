package layout

import (
	"math"
	"testing"

	"tongbao/internal/doc"
)

// searchCase is a table of four automatic columns with headers of at most
// four characters, whose least widths the exhaustive search below can
// compute by the rule tableWidths keeps.
type searchCase struct {
	name  string
	head  []string
	rows  [][]string
	avail float64 // the measure, in ems of the table text
	// greedyWorse marks a case whose best widths greedy moves do not find
	greedyWorse bool
}

var searchCases = []searchCase{
	{
		// the sample's annex 2 in short: long names and units, a short problem
		name: "网站名单",
		head: []string{"地区", "网站名称", "主办单位", "存在的问题"},
		rows: [][]string{
			{"大南海石化工业区", "广东省揭阳大南海石化工业区管理委员会官方网站", "揭阳大南海石化工业区管理委员会", "7个栏目更新不及时"},
			{"揭东区埔田镇", "揭阳市揭东区埔田镇人民政府门户网站", "揭阳市揭东区埔田镇人民政府", "首页栏目长期未更新"},
			{"普宁市", "普宁市市场监督管理局网站", "普宁市市场监督管理局", "互动栏目留言未回复"},
			{"惠来县", "惠来县人力资源和社会保障局门户网站", "惠来县人力资源和社会保障局", "搜索功能无法使用"},
			{"榕城区", "揭阳市榕城区教育局网站", "揭阳市榕城区教育局", "办事指南要素缺失"},
			{"揭西县", "揭西县自然资源局网站", "揭西县自然资源局", "空白栏目5个"},
		},
		avail: 34,
	},
	{
		// one long column among short ones: moving a quarter em at a time
		// stalls where a whole step of the staircase is needed
		name: "一列特长",
		head: []string{"账号", "主办单位", "平台", "问题"},
		rows: [][]string{
			{"揭阳市退役军人事务局官方微信公众号", "揭阳市退役军人事务局办公室", "微信公众号平台", "连续23天未更新内容"},
			{"惠来县公安局政务微博账号", "惠来县公安局宣传科", "新浪微博平台", "互动功能不可用"},
			{"大南海石化工业区管理委员会发布", "揭阳大南海石化工业区管理委员会", "微信公众号平台", "互动功能不可用"},
			{"揭阳市城市管理和综合执法局", "揭阳市城市管理和综合执法局", "今日头条号平台", "留言长期未回复处理"},
		},
		avail: 30,
	},
	{
		// found by a random search over such tables: moves of width from
		// the lack-proportional first guess stop two lines above the best
		name: "贪心不及",
		head: []string{"地区", "账号名称", "主办单位", "问题"},
		rows: [][]string{
			{"揭西县自然资源局网站", "办事指南要素缺失严重", "揭阳市榕城区教育局", "普宁市"},
			{"惠来县公安局", "办事指南要素缺失严重", "大南海石化工业区管理委员会", "普宁市"},
			{"互动功能不可用", "揭阳市榕城区教育局", "揭阳市退役军人事务局", "互动功能不可用"},
			{"空白栏目5个", "惠来县公安局", "揭阳市退役军人事务局", "揭阳市退役军人事务局"},
		},
		avail:       25,
		greedyWorse: true,
	},
}

// searchTable shapes c's cells as the typesetter does.
func searchTable(t *testing.T, c searchCase) (head, rows []trow) {
	t.Helper()
	ts := &typesetter{d: &doc.Document{}}
	cell := func(s string, col int, isHead bool) *tcell {
		ro := roleFang
		if isHead {
			ro = roleHei
		}
		tc, err := ts.tableCell(s, style{role: ro, size: sizeTable}, c.name)
		if err != nil {
			t.Fatal(err)
		}
		tc.col, tc.span, tc.rowSpan, tc.head = col, 1, 1, isHead
		return tc
	}
	var h trow
	for i, s := range c.head {
		h.cells = append(h.cells, cell(s, i, true))
	}
	head = []trow{h}
	for _, r := range c.rows {
		var tr trow
		for i, s := range r {
			tr.cells = append(tr.cells, cell(s, i, false))
		}
		rows = append(rows, tr)
	}
	return head, rows
}

// tableBodyLines is the height of rows in lines at widths: each row as tall as
// its tallest cell.
func tableBodyLines(rows []trow, widths []float64) int {
	h := 0
	for _, r := range rows {
		top := 1
		for _, c := range r.cells {
			inner := widths[c.col] - 2*tablePadX + 0.01
			top = max(top, len(breakLines(c.gs, func(int) float64 { return inner })))
		}
		h += top
	}
	return h
}

// TestTableWidthsAsLowAsExhaustive holds the width search to an exhaustive
// one: over every split of the measure on a quarter-em grid, no table is
// lower than the one tableWidths gives, and the greedy way (a share of the
// measure by what each column lacks, then moving width column to column while
// that helps: fitWidths) is never better.
func TestTableWidthsAsLowAsExhaustive(t *testing.T) {
	const size = float64(sizeTable)
	for _, c := range searchCases {
		t.Run(c.name, func(t *testing.T) {
			head, rows := searchTable(t, c)
			ncol := len(c.head)
			avail := c.avail * size
			got := tableWidths(&doc.Table{}, head, rows, ncol, avail, size)
			sum := 0.0
			for _, w := range got {
				sum += w
			}
			if math.Abs(sum-avail) > 0.01 {
				t.Fatalf("widths %v add up to %.2f, not the measure %.2f", got, sum, avail)
			}
			gotH := tableBodyLines(rows, got)

			// each column's least width, by the rule tableWidths keeps: a
			// cell of up to six characters whole, a longer one at least
			// three characters (or its widest unbreakable piece) wide, a
			// header of up to four characters whole
			lb := make([]float64, ncol)
			for i := range lb {
				for _, r := range append(append([]trow(nil), head...), rows...) {
					cl := r.cells[i]
					need := math.Max(cl.minimum, math.Min(cl.natural, 3*size))
					if cl.natural <= 6*size+0.01 || cl.head && cl.natural <= 4*size+0.01 {
						need = cl.natural
					}
					lb[i] = math.Max(lb[i], need)
				}
				lb[i] += 2 * tablePadX
			}
			step := size / 4
			best := math.MaxInt
			var bestW []float64
			w := make([]float64, ncol)
			var try func(i int, left float64)
			try = func(i int, left float64) {
				if i == ncol-1 {
					if left < lb[i]-eps {
						return
					}
					w[i] = left
					if h := tableBodyLines(rows, w); h < best {
						best, bestW = h, append([]float64(nil), w...)
					}
					return
				}
				for x := lb[i]; x <= left-lb[i+1]+eps; x += step {
					w[i] = x
					try(i+1, left-x)
				}
			}
			try(0, avail)
			if gotH > best {
				t.Errorf("tableWidths gives %d body lines at %v; an exhaustive search finds %d at %v", gotH, got, best, bestW)
			}

			// the greedy way: each column its least width plus a share of
			// the rest in proportion to what it lacks of its natural width,
			// then moves of width between columns while they lower the table
			nat := make([]float64, ncol)
			lbSum, lack := 0.0, 0.0
			for i := range nat {
				for _, r := range rows {
					nat[i] = math.Max(nat[i], r.cells[i].natural+2*tablePadX)
				}
				nat[i] = math.Max(nat[i], lb[i])
				lbSum += lb[i]
				lack += nat[i] - lb[i]
			}
			greedy := make([]float64, ncol)
			for i := range greedy {
				greedy[i] = lb[i] + (avail-lbSum)*(nat[i]-lb[i])/lack
			}
			fitWidths(greedy, lb, []bool{true, true, true, true}, head, rows, size)
			moved := tableBodyLines(rows, greedy)
			if moved < gotH {
				t.Errorf("moving width gives %d lines, fewer than the search's %d", moved, gotH)
			}
			if c.greedyWorse && moved == gotH {
				t.Errorf("greedy moves find the search's %d lines: the case no longer shows the search's gain", gotH)
			}
			t.Logf("search %d lines, exhaustive %d, greedy moves %d", gotH, best, moved)
		})
	}
}
