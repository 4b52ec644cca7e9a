package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout/layouttest"
)

// annexDoc is a document whose only content is one annex holding t.
func annexDoc(t *doc.Table) *doc.Document {
	return &doc.Document{Header: doc.Header{Format: doc.FormatLetter},
		Annexes: []doc.Annex{{Label: "附件", Title: "表格", Blocks: []doc.Block{t}}}}
}

// tableArea returns the rules of a page's table: the distinct x of its
// vertical rules and its top and bottom.
func tableArea(pg Page) (xs []float64, top, bottom float64) {
	top, bottom = math.Inf(1), math.Inf(-1)
	seen := map[int]bool{}
	for _, r := range pg.Rules {
		if r.Width != tableRule {
			continue
		}
		top, bottom = math.Min(top, math.Min(r.Y1, r.Y2)), math.Max(bottom, math.Max(r.Y1, r.Y2))
		if r.X1 == r.X2 && !seen[int(math.Round(r.X1*100))] {
			seen[int(math.Round(r.X1*100))] = true
			xs = append(xs, r.X1)
		}
	}
	sort.Float64s(xs)
	return xs, top, bottom
}

// TestTableCellsPadded: every run of cell text keeps at least 5 pt (WPS
// pads cells by 0.19 cm, 5.4 pt) from the rules either side of it, on every
// page of a long table.
func TestTableCellsPadded(t *testing.T) {
	const pad = 5.0
	for _, tb := range []*doc.Table{layouttest.SiteTable(80), layouttest.Specimen().Annexes[1].Blocks[0].(*doc.Table),
		layouttest.Specimen().Annexes[0].Blocks[0].(*doc.Table)} {
		r, err := Typeset(annexDoc(tb))
		if err != nil {
			t.Fatal(err)
		}
		for i, pg := range r.Pages {
			xs, top, bottom := tableArea(pg)
			if len(xs) < 2 {
				continue
			}
			for _, tx := range pg.Texts {
				if tx.Size != sizeTable || tx.Y < top || tx.Y > bottom || tx.Rotate != 0 {
					continue
				}
				// the rules either side of the run's start
				k := sort.SearchFloat64s(xs, tx.X) - 1
				if k < 0 || k+1 >= len(xs) {
					t.Errorf("page %d: %q at x %.2f outside the table %.2f–%.2f", i+1, tx.Text, tx.X, xs[0], xs[len(xs)-1])
					continue
				}
				left := xs[k]
				right := xs[k+1]
				for right < tx.X+tx.Width-0.01 && k+2 < len(xs) { // a merged cell spans rules
					k++
					right = xs[k+1]
				}
				if tx.X < left+pad || tx.X+tx.Width > right-pad {
					t.Errorf("page %d: %q spans %.2f–%.2f in the cell %.2f–%.2f: closer than %.1f pt to a rule",
						i+1, tx.Text, tx.X, tx.X+tx.Width, left, right, pad)
				}
			}
		}
	}
}

// TestTableBreaks: a long table repeats its header on every page, never
// splits a row, keeps its note with the last row and the last row with the
// one before it, and leaves the page only through the bottom of the 版心.
func TestTableBreaks(t *testing.T) {
	for n := 1; n <= 125; n++ {
		tb := layouttest.SiteTable(n)
		r, err := Typeset(annexDoc(tb))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{} // 网站标识码 → page
		for i, pg := range r.Pages {
			if i == 0 {
				continue // the 版头 page; the annex starts on page 2
			}
			heads := 0
			for _, tx := range pg.Texts {
				if tx.Text == "网站标识码" {
					heads++
				}
				if tx.Y > marginTop+areaH+0.01 && tx.Size != sizeSmall {
					t.Errorf("%d rows, page %d: %q below the 版心", n, i+1, tx.Text)
				}
			}
			if heads != 1 {
				t.Errorf("%d rows, page %d: the header appears %d times", n, i+1, heads)
			}
			// row k's cells: the 序号 and the 网站标识码 (4418…) on the same page
			for _, tx := range pg.Texts {
				if strings.HasPrefix(tx.Text, "4418") {
					seen["code"+tx.Text] = i
				}
			}
			_, _, bottom := tableArea(pg)
			if bottom > marginTop+areaH+0.01 {
				t.Errorf("%d rows, page %d: the table ends at %.2f, below the 版心 %.2f", n, i+1, bottom, marginTop+areaH)
			}
		}
		for k, s := range layouttest.Sites(n) {
			if _, ok := seen["code"+s.Code]; !ok {
				t.Errorf("%d rows: row %d (%s) is missing", n, k+1, s.Code)
			}
		}
		// the note is on the page of the last row
		last := r.Pages[len(r.Pages)-1]
		var note, lastRow bool
		for _, tx := range last.Texts {
			note = note || strings.HasPrefix(tx.Text, "注：")
			lastRow = lastRow || tx.Text == layouttest.Sites(n)[n-1].Code
		}
		if !note || !lastRow {
			t.Errorf("%d rows: the last page has the note %v and the last row %v", n, note, lastRow)
		}
		if rowsOnLast := strings.Count(textOf(last), "4418"); n >= 2 && rowsOnLast < 2 {
			t.Errorf("%d rows: the last page holds %d row", n, rowsOnLast)
		}
	}
}

// textOf joins a page's texts.
func textOf(pg Page) string {
	var b strings.Builder
	for _, tx := range pg.Texts {
		b.WriteString(tx.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// TestTableCellsCentred: a cell's lines sit in the middle of its row, and a
// merged header cell over its columns.
func TestTableCellsCentred(t *testing.T) {
	tb := layouttest.Specimen().Annexes[0].Blocks[0].(*doc.Table)
	r, err := Typeset(annexDoc(tb))
	if err != nil {
		t.Fatal(err)
	}
	pg := r.Pages[1]
	// horizontal rules by y
	var ys []float64
	for _, rl := range pg.Rules {
		if rl.Width == tableRule && rl.Y1 == rl.Y2 {
			ys = append(ys, rl.Y1)
		}
	}
	sort.Float64s(ys)
	rowOf := func(y float64) (float64, float64) {
		for i := 1; i < len(ys); i++ {
			if y < ys[i] {
				return ys[i-1], ys[i]
			}
		}
		return 0, 0
	}
	var seqY float64 // the header cells merged over two rows share 序号's baseline
	for _, tx := range pg.Texts {
		if tx.Text == "序号" {
			seqY = tx.Y
		}
	}
	var top, bottom float64 = ys[0], 0
	for _, tx := range pg.Texts {
		if tx.Text == "个数" {
			_, bottom = rowOf(tx.Y)
		}
	}
	merged := 0
	for _, tx := range pg.Texts {
		if tx.Size != sizeTable || tx.Y > ys[len(ys)-1] {
			continue
		}
		mid := tx.Y - (emAscent-0.5)*tx.Size
		if tx.Y == seqY {
			merged++
			if math.Abs(mid-(top+bottom)/2) > 0.01 {
				t.Errorf("merged header cell %q centred at %.2f, want %.2f", tx.Text, mid, (top+bottom)/2)
			}
			continue
		}
		a, b := rowOf(tx.Y)
		if math.Abs(mid-(a+b)/2) > 0.01 {
			t.Errorf("%q: em box centred at %.2f, its row %.2f–%.2f at %.2f", tx.Text, mid, a, b, (a+b)/2)
		}
	}
	if merged != 5 {
		t.Errorf("%d header cells merged over two rows, want 5", merged)
	}
}

// TestMergedHeaderWidens: a header cell over two narrow columns
// (「发现存在突出问题的数量」 over 个数 and 比例) widens them enough to stay on
// one line when the table has the room.
func TestMergedHeaderWidens(t *testing.T) {
	tb := layouttest.Specimen().Annexes[0].Blocks[0].(*doc.Table)
	r, err := Typeset(annexDoc(tb))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tx := range r.Pages[1].Texts {
		if strings.HasPrefix(tx.Text, "发现") || strings.HasPrefix(tx.Text, "出问题") {
			got = append(got, tx.Text)
		}
	}
	if fmt.Sprint(got) != "[发现存在突出问题的数量]" {
		t.Errorf("merged header set as %q, want one line", got)
	}
}

// TestTableWidthsGiven: relative widths are kept as given.
func TestTableWidthsGiven(t *testing.T) {
	tb := &doc.Table{Head: [][]doc.Cell{{{Text: "甲"}, {Text: "乙"}, {Text: "丙"}}}, Widths: []float64{1, 3, 2},
		Rows: []doc.Row{{Cells: []doc.Cell{{Text: "1"}, {Text: "很长的内容很长的内容很长的内容很长的内容很长的内容"}, {Text: "短"}}}}}
	r, err := Typeset(annexDoc(tb))
	if err != nil {
		t.Fatal(err)
	}
	xs, _, _ := tableArea(r.Pages[1])
	if len(xs) != 4 {
		t.Fatalf("vertical rules at %v", xs)
	}
	total := xs[3] - xs[0]
	for i, w := range []float64{1, 3, 2} {
		if got := (xs[i+1] - xs[i]) / total; math.Abs(got-w/6) > 0.001 {
			t.Errorf("column %d takes %.3f of the width, want %.3f", i+1, got, w/6)
		}
	}
	if math.Abs(total-areaW) > 0.01 {
		t.Errorf("table %.2f wide, want the 版心's %.2f", total, areaW)
	}
}

// TestLandscapeTable: a table marked Landscape puts its annex on landscape
// pages whose page number stays where it sits on the paper (turned).
func TestLandscapeTable(t *testing.T) {
	d := layouttest.Specimen()
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	land := 0
	for i, pg := range r.Pages {
		if !pg.Landscape {
			continue
		}
		land++
		if pg.Width != pageH || pg.Height != pageW {
			t.Errorf("page %d is %.2f × %.2f", i+1, pg.Width, pg.Height)
		}
		for _, tx := range pg.Texts {
			if tx.Rotate == 0 {
				continue
			}
			// back on the portrait paper: (x, y) = (y', H − x')
			x, y := tx.Y, pageH-tx.X
			if math.Abs(y-(marginTop+areaH+7*mm+emAscent*sizeSmall)) > 0.01 {
				t.Errorf("page %d: number baseline %.2f on the paper", i+1, y)
			}
			if pg.Number%2 == 0 && math.Abs(x-(marginLeft+sizeSmall)) > 0.01 {
				t.Errorf("even page %d: number at x %.2f on the paper, want %.2f", i+1, x, marginLeft+sizeSmall)
			}
		}
	}
	if land == 0 {
		t.Error("no landscape page")
	}
}

// TestWidthsFromTwoColumns: a 主办单位 one and a half characters short of one
// line gets them from 地区, whose long name stays on two lines, rather than
// breaking 揭阳市退役军人事|务局.
func TestWidthsFromTwoColumns(t *testing.T) {
	tb := &doc.Table{
		Head: [][]doc.Cell{{{Text: "序号"}, {Text: "地区"}, {Text: "平台"}, {Text: "账号名称"}, {Text: "主办单位"}, {Text: "存在的主要问题"}}},
		Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "1"}, {Text: "市直"}, {Text: "微信"}, {Text: "揭阳退役军人"}, {Text: "揭阳市退役军人事务局"}, {Text: "连续23天未更新"}}},
			{Cells: []doc.Cell{{Text: "2"}, {Text: "惠来县"}, {Text: "微信"}, {Text: "惠来公安"}, {Text: "惠来县公安局"}, {Text: "互动功能不可用"}}},
			{Cells: []doc.Cell{{Text: "3"}, {Text: "大南海石化工业区"}, {Text: "微信"}, {Text: "大南海发布"}, {Text: "揭阳大南海石化工业区管理委员会"}, {Text: "互动功能不可用"}}},
		},
	}
	r, err := Typeset(annexDoc(tb))
	if err != nil {
		t.Fatal(err)
	}
	text := textOf(r.Pages[len(r.Pages)-1])
	for _, want := range []string{"揭阳市退役军人事务局", "连续23天未更新", "存在的主要问题"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is broken across lines:\n%s", want, text)
		}
	}
}
