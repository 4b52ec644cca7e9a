package docx

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"tongbao/internal/doc"
)

// TestColumnWidths: the table's widths are points, written as twips when
// they fit the 版心, shared out in proportion when they do not, and equal
// shares stand in when a column has none.
func TestColumnWidths(t *testing.T) {
	for _, tt := range []struct {
		widths []float64
		ncol   int
		want   []int
	}{
		{[]float64{100, 200, 142.2}, 3, []int{2000, 4000, 2844}}, // the whole 版心 (442.2 pt)
		{[]float64{50, 100}, 2, []int{1000, 2000}},               // a narrow table stays narrow
		{[]float64{300, 300}, 2, []int{areaW / 2, areaW - areaW/2}},
		{nil, 4, []int{areaW / 4, areaW / 4, areaW / 4, areaW - 3*(areaW/4)}},
		{[]float64{100, 0}, 2, []int{areaW / 2, areaW - areaW/2}},
		{[]float64{100, 100}, 3, []int{areaW / 3, areaW / 3, areaW - 2*(areaW/3)}},
	} {
		got := columnWidths(&doc.Table{Widths: tt.widths}, tt.ncol, areaW)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("widths %v on %d columns: %v twips, want %v", tt.widths, tt.ncol, got, tt.want)
		}
	}
}

// TestTableAligns: body cells are aligned as the table says, centred where
// it says nothing; cells spanning columns are centred; the header is the
// TableHead style's.
func TestTableAligns(t *testing.T) {
	tb := &doc.Table{
		Head:   [][]doc.Cell{{{Text: "序号"}, {Text: "网站名称"}, {Text: "问题"}, {Text: "得分"}}},
		Rows:   []doc.Row{{Cells: []doc.Cell{{Text: "1"}, {Text: "揭阳市人民政府门户网站（长名称长名称）"}, {Text: "首页栏目长期未更新"}, {Text: "85"}}}, {Cells: []doc.Cell{{Text: "合计", ColSpan: 3}, {Text: "85"}}}},
		Widths: []float64{40, 200, 150, 52.2},
		Aligns: []doc.Align{doc.AlignCenter, doc.AlignLeft},
	}
	w := &writer{d: &doc.Document{}}
	var b strings.Builder
	w.table(&b, tb, false)
	var got []string
	for _, m := range regexp.MustCompile(`<w:pStyle w:val="TableText"/><w:jc w:val="(\w+)"/>`).FindAllStringSubmatch(b.String(), -1) {
		got = append(got, m[1])
	}
	want := "[center left center center center center]"
	if fmt.Sprint(got) != want {
		t.Errorf("body cells aligned %v, want %s", got, want)
	}
	if !strings.Contains(b.String(), `<w:gridCol w:w="800"/><w:gridCol w:w="4000"/><w:gridCol w:w="3000"/><w:gridCol w:w="1044"/>`) {
		t.Errorf("grid columns not the table's widths: %s", regexp.MustCompile(`<w:tblGrid>.*?</w:tblGrid>`).FindString(b.String()))
	}
}

// TestRecordRules checks the 版记's rules: thick first and last and thin
// between in the 文件 format, none in the letter format, whose 版记 has no
// 印发机关 and 印发日期 either (GB/T 9704, 信函格式).
func TestRecordRules(t *testing.T) {
	box := regexp.MustCompile(`name="版记".*?<w:txbxContent>(.*?)</w:txbxContent>`)
	for _, tc := range []struct {
		format  doc.HeaderFormat
		rules   int
		printed bool
	}{{doc.FormatFile, 3, true}, {doc.FormatLetter, 0, false}} {
		var b bytes.Buffer
		if err := Write(&b, sample(t, tc.format), Options{}); err != nil {
			t.Fatal(err)
		}
		m := box.FindStringSubmatch(parts(t, b.Bytes())["word/document.xml"])
		if m == nil {
			t.Fatalf("format %d: no 版记 text box", tc.format)
		}
		if n := strings.Count(m[1], "<w:pBdr>"); n != tc.rules {
			t.Errorf("format %d: %d rules in the 版记, want %d", tc.format, n, tc.rules)
		}
		if got := strings.Contains(m[1], "印发"); got != tc.printed {
			t.Errorf("format %d: 印发 line %v, want %v", tc.format, got, tc.printed)
		}
		if !strings.Contains(m[1], "抄送：市政府办公室。") {
			t.Errorf("format %d: no 抄送 in the 版记", tc.format)
		}
	}
}
