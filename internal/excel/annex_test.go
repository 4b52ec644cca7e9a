package excel

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/doc"
)

func sampleAnnex() AnnexSheet {
	return AnnexSheet{Label: "附件1", Title: "全市政府网站检查情况", Table: &doc.Table{
		Head: [][]doc.Cell{
			{{Text: "序号", RowSpan: 2}, {Text: "网站类别", RowSpan: 2}, {Text: "运行网站总数", RowSpan: 2}, {Text: "检查网站数", RowSpan: 2}, {Text: "发现存在突出问题的网站数", ColSpan: 2}},
			{{Text: "个数"}, {Text: "比例"}},
		},
		Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "1"}, {Text: "独立运行的政府网站"}, {Text: "14"}, {Text: "14"}, {Text: "1"}, {Text: "7.1%"}}},
			{Cells: []doc.Cell{{Text: "2"}, {Text: "已集约化的政府网站"}, {Text: "40"}, {Text: "40"}, {Text: "0"}, {Text: "0"}}},
			{Total: true, Cells: []doc.Cell{{Text: "合计", ColSpan: 2}, {Text: "54"}, {Text: "54"}, {Text: "1"}, {Text: "1.8%"}}},
		},
		Note: "注：检查采样时间为2019年2月21日至3月4日。",
	}}
}

func TestWriteAnnexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "附件.xlsx")
	big := AnnexSheet{Label: "附件2", Title: "名单", Table: &doc.Table{Head: [][]doc.Cell{{{Text: "序号"}, {Text: "网站标识码"}, {Text: "名称"}}}}}
	for i := 1; i <= 2000; i++ {
		big.Table.Rows = append(big.Table.Rows, doc.Row{Cells: []doc.Cell{{Text: strconv.Itoa(i)}, {Text: "445200" + strconv.Itoa(1000+i)}, {Text: "网站"}}})
	}
	info := WorkbookInfo{Title: "关于2019年第一季度全市政府网站检查情况的通报（附件）", Creator: "揭阳市政务服务数据管理局", Date: time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	if err := WriteAnnexes(&buf, []AnnexSheet{sampleAnnex(), big}, info); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "附件1" || got[1] != "附件2" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("附件1")
	if rows[1][0] != "全市政府网站检查情况" || rows[2][4] != "发现存在突出问题的网站数" || rows[3][5] != "比例" {
		t.Errorf("title/header rows: %q", rows[:4])
	}
	if rows[6][0] != "合计" || rows[6][2] != "54" || rows[6][5] != "1.8%" || rows[7][0] != sampleAnnex().Table.Note {
		t.Errorf("total/note rows: %q", rows[6:])
	}
	merged, _ := f.GetMergeCells("附件1")
	want := map[string]bool{"A2:F2": false, "A3:A4": false, "E3:F3": false, "A7:B7": false, "A8:F8": false}
	for _, m := range merged {
		if _, ok := want[m.GetStartAxis()+":"+m.GetEndAxis()]; ok {
			want[m.GetStartAxis()+":"+m.GetEndAxis()] = true
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("merge %s missing (have %v)", k, merged)
		}
	}
	if typ, _ := f.GetCellType("附件1", "C5"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("count cell type %v, want a number", typ)
	}
	// a percentage is a number shown with its decimals; a ten-digit code is text
	if typ, _ := f.GetCellType("附件1", "F5"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("percentage cell type %v, want a number", typ)
	}
	if raw, _ := f.GetCellValue("附件1", "F5", excelize.Options{RawCellValue: true}); raw != "0.071" {
		t.Errorf("7.1%% stored as %q, want 0.071", raw)
	}
	if typ, _ := f.GetCellType("附件2", "B4"); typ == excelize.CellTypeNumber {
		t.Error("网站标识码 stored as a number")
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != info.Creator || !strings.HasPrefix(props.Created, "2019-04-12") || props.Title != info.Title {
		t.Errorf("document properties %+v, %v", props, err)
	}
	// Excel wants <col> elements in order.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		last := 0
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(string(b), -1) {
			n, _ := strconv.Atoi(m[1])
			if n <= last {
				t.Errorf("%s: columns out of order", zf.Name)
				break
			}
			last = n
		}
	}
	big2, _ := f.GetRows("附件2")
	if len(big2) != 2+1+2000 || big2[2002][1] != "4452003000" {
		t.Errorf("big sheet: %d rows, last %q", len(big2), big2[len(big2)-1])
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == "附件1" {
			found = true
		}
	}
	if !found {
		t.Errorf("no print titles: %+v", names)
	}
}

// TestPercentValue: a percentage is stored as the exact decimal it prints,
// never with float noise (13.7% is 0.137, not 0.13699999999999998).
func TestPercentValue(t *testing.T) {
	for s, want := range map[string]string{"13.7%": "0.137", "86.2%": "0.862", "98.94%": "0.9894", "90.09%": "0.9009",
		"1.85%": "0.0185", "100%": "1", "0%": "0", "0.1%": "0.001", "56.7%": "0.567", "29.1%": "0.291"} {
		v, dec := value(s)
		wantDec := 0
		if _, frac, ok := strings.Cut(strings.TrimSuffix(s, "%"), "."); ok {
			wantDec = len(frac)
		}
		f, ok := v.(float64)
		if !ok || strconv.FormatFloat(f, 'f', -1, 64) != want || dec != wantDec {
			t.Errorf("value(%q) = %v (%d decimals), want %s (%d)", s, v, dec, want, wantDec)
		}
	}
}
