package excel

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
)

func writeBlankFile(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBlank(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "空白.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func headers(cols []column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.header)
	}
	return out
}

func TestWriteBlank(t *testing.T) {
	f, err := excelize.OpenFile(writeBlankFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{SheetRound, SheetSites, SheetAccounts, SheetGuide}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, c := range []struct {
		sheet string
		cols  []column
		list  string
	}{{SheetSites, siteColumns, "门户网站"}, {SheetAccounts, accountColumns, "微信"}} {
		rows, err := f.GetRows(c.sheet)
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s: %d rows, %v", c.sheet, len(rows), err)
		}
		if !reflect.DeepEqual(rows[0], headers(c.cols)) {
			t.Errorf("%s headers %v", c.sheet, rows[0])
		}
		panes, err := f.GetPanes(c.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s panes %+v %v", c.sheet, panes, err)
		}
		dvs, err := f.GetDataValidations(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		lists := 0
		for _, dv := range dvs {
			if dv.Type == "list" {
				lists++
				if !strings.HasSuffix(dv.Sqref, fmt.Sprint(validationRows)) {
					t.Errorf("%s validation over %s", c.sheet, dv.Sqref)
				}
			}
		}
		if lists < 4 {
			t.Errorf("%s: %d drop-downs", c.sheet, lists)
		}
		found := false
		for _, dv := range dvs {
			found = found || strings.Contains(dv.Formula1, c.list)
		}
		if !found {
			t.Errorf("%s: no drop-down offers %s", c.sheet, c.list)
		}
		style, _ := f.GetCellStyle(c.sheet, "A1")
		if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold || len(st.Border) != 4 || !st.Alignment.WrapText {
			t.Errorf("%s header style %+v %v", c.sheet, st, err)
		}
	}
	// CJK-aware widths: the name column is wider than its four characters.
	if w, _ := f.GetColWidth(SheetSites, "B"); w < 20 {
		t.Errorf("网站名称 width %v", w)
	}
	dvs, _ := f.GetDataValidations(SheetRound)
	if len(dvs) < 3 {
		t.Errorf("检查轮次 has %d validations", len(dvs))
	}
	guide, _ := f.GetRows(SheetGuide)
	var text strings.Builder
	for _, r := range guide {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range append([]string{
		fmt.Sprintf("空白栏目数达到 %d 个，或不更新栏目数达到 %d 个", circular.BlankColumnsLimit, circular.StaleColumnsLimit),
		fmt.Sprintf("首页未更新天数达到 %d 天", circular.StaleDaysLimit),
		fmt.Sprintf("扣分超过 %d 分", circular.DeductionLimit),
		"政府网站|网站标识码|必填", "政务新媒体|新媒体类型|必填", "检查轮次|年度|必填",
	}, headers(siteColumns)...) {
		if !strings.Contains(text.String(), want) {
			t.Errorf("填表说明 lacks %q", want)
		}
	}
}

// TestFillBlank: the blank workbook, filled in as a clerk would, imports.
func TestFillBlank(t *testing.T) {
	path := writeBlankFile(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set(SheetRound, "B2", 2019)
	set(SheetRound, "B3", 1)
	set(SheetRound, "B10", "2019-02-21")
	set(SheetRound, "B11", "2019-03-04")
	if v, _ := f.GetCellValue(SheetRound, "A16"); v != figureNameHeader {
		t.Fatalf("A16 = %q, want the figures header", v)
	}
	set(SheetRound, "A17", "告警提醒次数")
	set(SheetRound, "B17", 25)
	if err := f.SetSheetRow(SheetSites, "A2", &[]any{"4452000024", "广东省揭阳大南海石化工业区管理委员会官方网站",
		"揭阳大南海石化工业区管理委员会", "大南海石化工业区", "门户网站", "", "", "", "", 5, 7}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow(SheetAccounts, "A2", &[]any{"微信", "揭阳发布", "揭阳市人民政府新闻办公室"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rr := mustRead(t, path)
	if rr.Round.Key() != "2019Q1" || len(rr.Sites) != 1 || len(rr.Accounts) != 1 ||
		len(rr.Round.Figures) != 1 || rr.Round.Figures[0] != (circular.Figure{Name: "告警提醒次数", Value: 25}) {
		t.Fatalf("%+v", rr)
	}
	if s := rr.Sites[0]; !s.Failing() || strings.Join(s.Problems(false), "、") != "7个栏目更新不及时、5个栏目空白" {
		t.Errorf("site %+v", s)
	}
	// The blank itself names what is missing.
	e := readErr(t, writeBlankFile(t))
	if !strings.Contains(e.Error(), "「年度」没有填写") {
		t.Errorf("blank workbook: %s", e.Error())
	}
}

// TestWriteRoundLayout: a filled workbook keeps the blank's layout, with
// drop-downs beyond its last row.
func TestWriteRoundLayout(t *testing.T) {
	rr := samplegen.Generate(samplegen.Province, 1)
	f, err := excelize.OpenFile(writeRoundFile(t, rr))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	panes, _ := f.GetPanes(SheetAccounts)
	dvs, _ := f.GetDataValidations(SheetAccounts)
	if !panes.Freeze || len(dvs) == 0 || !strings.HasSuffix(dvs[0].Sqref, fmt.Sprint(max(validationRows, len(rr.Accounts)+1+1000))) {
		t.Errorf("panes %+v, validations %d (%v)", panes, len(dvs), dvs)
	}
	v, _ := f.GetCellValue(SheetSites, "A2")
	if v != rr.Sites[0].Code {
		t.Errorf("A2 = %q", v)
	}
}
