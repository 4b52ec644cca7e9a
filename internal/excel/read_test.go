package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
)

// sheet is a worksheet to build: its name and rows (nil cells stay empty).
type sheet struct {
	name string
	rows [][]any
}

// build writes a workbook with the sheets into a temporary folder, applying
// edit (merges, formulas) before saving, and returns its path. Like the blank
// workbook, it has both data sheets: when sheets give only one of 政府网站 and
// 政务新媒体, the other is added with its header only (a kind not checked).
func build(t testing.TB, sheets []sheet, edit func(f *excelize.File)) string {
	t.Helper()
	has := map[string]bool{}
	for _, s := range sheets {
		has[s.name] = true
	}
	switch {
	case has[SheetSites] && !has[SheetAccounts]:
		sheets = append(sheets[:len(sheets):len(sheets)], accountsSheet())
	case has[SheetAccounts] && !has[SheetSites]:
		sheets = append(sheets[:len(sheets):len(sheets)], sitesSheet())
	}
	return buildRaw(t, sheets, edit)
}

// buildRaw is build with exactly the sheets given.
func buildRaw(t testing.TB, sheets []sheet, edit func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				if err := f.SetCellValue(s.name, cellRef(c, r+1), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	path := filepath.Join(t.TempDir(), "工作簿.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// roundSheet is a good 检查轮次 sheet; each override replaces the row with
// its key.
func roundSheet(overrides ...[]any) sheet {
	rows := [][]any{{"项目", "内容"}, {"年度", 2019}, {"季度", 1}, {"检查方式", "全覆盖"},
		{"采样开始日期", "2019-02-21"}, {"采样结束日期", "2019-03-04"}, {"找错留言数", 26}, {"按时办理留言数", 23}}
	for _, o := range overrides {
		for i := range rows {
			if rows[i][0] == o[0] {
				rows[i] = o
			}
		}
	}
	return sheet{SheetRound, rows}
}

var siteHeader = []any{"网站标识码", "网站名称", "主办单位", "地区", "网站类别", "是否检查", "检查结论", "单项否决指标",
	"空白栏目数", "不更新栏目数", "首页未更新天数", "扣分", "存在的突出问题"}

func siteRow(code string, cells ...any) []any {
	row := []any{code, "揭阳市审计局网站" + code[len(code)-2:], "揭阳市审计局", "市直", "集约化子站"}
	return append(row, cells...)
}

func sitesSheet(rows ...[]any) sheet {
	return sheet{SheetSites, append([][]any{siteHeader}, rows...)}
}

var accountHeader = []any{"新媒体类型", "账号名称", "主办单位", "地区", "是否检查", "检查结论", "单项否决指标", "未更新天数", "存在的主要问题"}

func accountsSheet(rows ...[]any) sheet {
	return sheet{SheetAccounts, append([][]any{accountHeader}, rows...)}
}

// readErr reads path and returns its *circular.Error, failing when it reads.
func readErr(t *testing.T, path string) *circular.Error {
	t.Helper()
	rr, err := ReadRound(path)
	if err == nil {
		t.Fatalf("read without error: %+v", rr)
	}
	var e *circular.Error
	if !errors.As(err, &e) || e.Code != circular.EInvalid {
		t.Fatalf("error %T %v, want *circular.Error EInvalid", err, err)
	}
	return e
}

func mustRead(t *testing.T, path string) *circular.RoundResults {
	t.Helper()
	rr, err := ReadRound(path)
	if err != nil {
		t.Fatal(err)
	}
	return rr
}

func writeRoundFile(t testing.TB, rr *circular.RoundResults) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRound(&buf, rr); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), rr.Round.Key()+".xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRoundTrip(t *testing.T) {
	cases := map[string]*circular.RoundResults{
		"2019Q1":   samplegen.Jieyang2019Q1(),
		"2018Q4":   samplegen.Jieyang2018Q4(),
		"city":     samplegen.Generate(samplegen.City, 1),
		"province": samplegen.Generate(samplegen.Province, 3),
	}
	label := samplegen.Generate(samplegen.City, 2)
	label.Round.Quarter, label.Round.Label, label.Round.Note = 0, "2020年网站普查", "年中普查"
	label.Round.PeriodStart, label.Round.PeriodEnd = time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC)
	label.Round.Figures = []circular.Figure{{Name: "告警提醒次数", Value: 25}, {Name: "找错留言9月", Value: 13.5}}
	month := samplegen.Generate(samplegen.City, 4)
	month.Round.Quarter, month.Round.Month = 0, 9
	cases["month"] = month
	half := samplegen.Generate(samplegen.City, 5)
	half.Round.Quarter, half.Round.Half = 0, 2
	cases["half"] = half
	label.Round.Scope, label.Round.Share = circular.ScopeSample, 33.5
	label.Round.Reports, label.Round.ReportsOnTime = circular.NA, circular.NA
	label.Round.SampleStart, label.Round.SampleEnd = time.Time{}, time.Time{}
	cases["label"] = label
	for name, want := range cases {
		got := mustRead(t, writeRoundFile(t, want))
		if len(got.Sheets) != 3 || len(got.Notes) != 0 {
			t.Errorf("%s: sheets %v, notes %v", name, got.Sheets, got.Notes)
		}
		got.Sheets = nil // what the reading saw, not the round's data
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back differs; round %+v vs %+v", name, got.Round, want.Round)
			for i := range min(len(got.Sites), len(want.Sites)) {
				if !reflect.DeepEqual(got.Sites[i], want.Sites[i]) {
					t.Errorf("site %d: %+v\n want %+v", i, got.Sites[i], want.Sites[i])
					break
				}
			}
			for i := range min(len(got.Accounts), len(want.Accounts)) {
				if !reflect.DeepEqual(got.Accounts[i], want.Accounts[i]) {
					t.Errorf("account %d: %+v\n want %+v", i, got.Accounts[i], want.Accounts[i])
					break
				}
			}
		}
	}
}

func TestReadSample2019Q1(t *testing.T) {
	rr := mustRead(t, filepath.Join("..", "..", "samples", "2019Q1.xlsx"))
	checked, intensive := 0, 0
	var failing []circular.SiteResult
	for _, s := range rr.Sites {
		if s.Checked {
			checked++
		}
		if s.Intensive() {
			intensive++
		}
		if s.Failing() {
			failing = append(failing, s)
		}
	}
	if checked != 54 || intensive != 40 || len(failing) != 1 {
		t.Fatalf("checked %d, intensive %d, failing %d; want 54, 40, 1", checked, intensive, len(failing))
	}
	f := failing[0]
	if f.Code != "4452000024" || strings.Join(f.Problems(false), "、") != "7个栏目更新不及时、5个栏目空白" {
		t.Errorf("failing site %s: %v", f.Code, f.Problems(false))
	}
	r := rr.Round
	if r.Key() != "2019Q1" || !r.SampleStart.Equal(time.Date(2019, 2, 21, 0, 0, 0, 0, time.UTC)) ||
		!r.SampleEnd.Equal(time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("round %+v", r)
	}
	// The same through the io.Reader entry point, as a web upload.
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", "2019Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rr2, err := ReadRoundFrom(bytes.NewReader(b), "2019Q1.xlsx")
	if err != nil || !reflect.DeepEqual(rr, rr2) {
		t.Errorf("ReadRoundFrom: %v", err)
	}
}

// badCase is a workbook with one kind of problem and what the error must say.
type badCase struct {
	name   string
	sheets []sheet
	edit   func(f *excelize.File)
	sheet  string // the problem's sheet ("" for none)
	row    int
	column string
	want   []string
}

func TestBadWorkbooks(t *testing.T) {
	ok := siteRow("4452000001", "是", "", "", 0, 1, 2, 10)
	cases := []badCase{
		{name: "missing round sheet", sheets: []sheet{sitesSheet(ok)},
			want: []string{"找不到「检查轮次」工作表", "「政府网站」"}},
		{name: "no data sheet", sheets: []sheet{roundSheet(), {"Sheet2", [][]any{{"x"}}}},
			want: []string{"找不到「政府网站」工作表", "找不到「政务新媒体」工作表", "「Sheet2」的前 5 行中没有「政府网站」表的表头（缺少「网站标识码」「网站名称」「主办单位」列）"}},
		{name: "missing header", sheets: []sheet{roundSheet(), {SheetSites, [][]any{{"网站标识码", "网站名称", "地区"}, {"4452000001", "网站", "市直"}}}},
			sheet: SheetSites, row: 1, column: "主办单位", want: []string{"缺少「主办单位」列"}},
		{name: "no header at all", sheets: []sheet{roundSheet(), {SheetSites, [][]any{{"甲", "乙"}, {"1", "2"}}}},
			sheet: SheetSites, want: []string{"前 5 行中找不到表头", "「网站标识码」「网站名称」「主办单位」"}},
		{name: "bad code", sheets: []sheet{roundSheet(), sitesSheet(ok, siteRow("44520X0001", "是"))},
			sheet: SheetSites, row: 3, column: "网站标识码", want: []string{"网站标识码「44520X0001」格式不对", "单元格 A3"}},
		{name: "duplicate code", sheets: []sheet{roundSheet(), sitesSheet(ok, siteRow("4452000001", "是"))},
			sheet: SheetSites, row: 3, column: "网站标识码", want: []string{"网站标识码「4452000001」与第 2 行重复"}},
		{name: "duplicate account", sheets: []sheet{roundSheet(), accountsSheet(
			[]any{"微信", "揭阳发布", "揭阳市人民政府新闻办公室"}, []any{"微信公众号", "揭阳 发布", "揭阳市人民政府新闻办公室"})},
			sheet: SheetAccounts, row: 3, column: "账号名称", want: []string{"微信账号「揭阳发布」与第 2 行重复"}},
		{name: "bad date", sheets: []sheet{roundSheet([]any{"采样开始日期", "2019-02-30"}), sitesSheet(ok)},
			sheet: SheetRound, column: "内容", want: []string{"「采样开始日期」", "「2019-02-30」不是有效的日期"}},
		{name: "end before start", sheets: []sheet{{SheetRound, [][]any{{"年度", 2019}, {"季度", "第一季度"},
			{"采样开始日期", "2019-03-04"}, {"采样结束日期", "2019-02-21"}}}, sitesSheet(ok)},
			sheet: SheetRound, row: 4, column: "内容", want: []string{"「采样结束日期」2019-02-21 早于开始日期 2019-03-04"}},
		{name: "on time above received", sheets: []sheet{roundSheet([]any{"按时办理留言数", 30}), sitesSheet(ok)},
			sheet: SheetRound, row: 8, column: "内容", want: []string{"「按时办理留言数」为 30，多于找错留言数 26"}},
		{name: "year missing", sheets: []sheet{roundSheet([]any{"年度", nil}), sitesSheet(ok)},
			sheet: SheetRound, row: 2, column: "内容", want: []string{"「年度」没有填写"}},
		{name: "verdict contradicts", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "合格", "", 5))},
			sheet: SheetSites, row: 2, column: "检查结论", want: []string{"检查结论为“合格”，但空白栏目数为 5（达到 5 个即单项否决）"}},
		{name: "unknown category", sheets: []sheet{roundSheet(), sitesSheet([]any{"4452000001", "网", "单位", "市直", "新闻网站"})},
			sheet: SheetSites, row: 2, column: "网站类别", want: []string{"「新闻网站」不是网站类别", "门户网站、部门网站"}},
		{name: "unknown platform", sheets: []sheet{roundSheet(), accountsSheet([]any{"推特", "揭阳发布", "揭阳市人民政府新闻办公室"})},
			sheet: SheetAccounts, row: 2, column: "新媒体类型", want: []string{"「推特」不是新媒体类型", "微信、微博"}},
		{name: "unknown veto", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "不合格", "栏目不更新、页面太丑"))},
			sheet: SheetSites, row: 2, column: "单项否决指标", want: []string{"「页面太丑」不是网站的单项否决指标"}},
		{name: "site veto on an account", sheets: []sheet{roundSheet(), accountsSheet([]any{"微信", "揭阳发布", "新闻办", "市直", "是", "", "首页不更新"})},
			sheet: SheetAccounts, row: 2, column: "单项否决指标", want: []string{"「首页不更新」不是账号的单项否决指标"}},
		{name: "negative count", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "", "", -3))},
			sheet: SheetSites, row: 2, column: "空白栏目数", want: []string{"不能为负数（填的是 -3）"}},
		{name: "not checked with verdict", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "否", "合格"))},
			sheet: SheetSites, row: 2, column: "检查结论", want: []string{"未检查的网站不能有检查结论「合格」"}},
		{name: "closed but checked", sheets: []sheet{roundSheet(), {SheetSites, [][]any{{"网站标识码", "网站名称", "主办单位", "运行状态", "是否检查"},
			{"4452000001", "网", "单位", "关停", "是"}}}},
			sheet: SheetSites, row: 2, column: "是否检查", want: []string{"已关停的网站不能检查"}},
		{name: "problem on a passing site", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "", "", 1, 1, 1, 5, "栏目空白"))},
			sheet: SheetSites, row: 2, column: "存在的突出问题", want: []string{"填写了问题「栏目空白」", "合格"}},
		{name: "formula without cached value", sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"))},
			edit: func(f *excelize.File) {
				if err := f.SetCellFormula(SheetSites, "I2", "=2+3"); err != nil {
					panic(err)
				}
			},
			sheet: SheetSites, row: 2, column: "空白栏目数", want: []string{"单元格 I2 是公式，但文件中没有保存计算结果", "选择性粘贴—数值"}},
		{name: "no quarter or label", sheets: []sheet{{SheetRound, [][]any{{"年度", 2019}}}, sitesSheet(ok)},
			sheet: SheetRound, want: []string{"「季度」、「月份」、「半年」和「起止日期」都没有填写"}},
		{name: "empty sheets", sheets: []sheet{roundSheet(), sitesSheet()},
			want: []string{"没有任何检查结果"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, c.sheets, c.edit)
			e := readErr(t, path)
			msg := e.Error()
			if !strings.Contains(e.Message, "工作簿 "+path+" 有 ") || !strings.Contains(e.Message, "未导入任何数据") {
				t.Errorf("message %q", e.Message)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error lacks %q:\n%s", w, msg)
				}
			}
			if c.sheet != "" && !hasProblem(e, path, c.sheet, c.row, c.column) {
				t.Errorf("no problem at sheet %s row %d column %s:\n%s", c.sheet, c.row, c.column, msg)
			}
		})
	}
}

func TestRoundSheetRules(t *testing.T) {
	site := sitesSheet(siteRow("4452000001", "是"))
	for _, c := range []struct {
		rows [][]any
		want string
	}{
		{[][]any{{"年度", 2019}, {"季度", 1}, {"找错留言数", 10}, {"按时办理留言数", 12}}, "「按时办理留言数」为 12，多于找错留言数 10"},
		{[][]any{{"年度", 2019}, {"季度", 1}, {"按时办理留言数", 12}}, "「按时办理留言数」已填写，但没有填写找错留言数"},
		{[][]any{{"年度", 2019}, {"季度", 1}, {"检查方式", "抽查"}}, "「抽查比例」没有填写"},
		{[][]any{{"年度", 2019}, {"季度", 1}, {"抽查比例", "20%"}, {"检查方式", "全覆盖"}}, "检查方式是全覆盖"},
		{[][]any{{"年度", "二〇一九"}, {"季度", 1}}, "「年度」「二〇一九」不是年份"},
		{[][]any{{"年度", 2019}, {"季度", 5}}, "「季度」「5」不是季度"},
		{[][]any{{"年度", 2019}, {"季度", 1}, {"采样开始日期", "2019-02-21"}}, "「采样结束日期」没有填写，但填写了「采样开始日期」"},
		{[][]any{{"年度", 2019}, {"季度", 1}, {"找错留言数", "很多"}}, "「找错留言数」「很多」不是数字"},
		{[][]any{{"年度", 2019}, {"年度", 2020}, {"季度", 1}}, "「年度」与第 1 行重复"},
	} {
		e := readErr(t, build(t, []sheet{{SheetRound, c.rows}, site}, nil))
		if !strings.Contains(e.Error(), c.want) {
			t.Errorf("rows %v: error lacks %q:\n%s", c.rows, c.want, e.Error())
		}
	}
	// A free-label round with its period, and a quarter written as a label.
	rr := mustRead(t, build(t, []sheet{{SheetRound, [][]any{{"年度", 2019}, {"轮次名称", "2019年网站普查"}, {"起止日期", "2019-05-01至2019-06-15"}, {"检查方式", "抽查"}, {"抽查比例", 0.2}}}, site}, nil))
	if rr.Round.Label != "2019年网站普查" || rr.Round.Quarter != 0 || rr.Round.Scope != circular.ScopeSample || rr.Round.Share != 20 || rr.Round.Reports != circular.NA ||
		rr.Round.PeriodStart.Format(time.DateOnly) != "2019-05-01" || rr.Round.PeriodEnd.Format(time.DateOnly) != "2019-06-15" {
		t.Errorf("label round %+v", rr.Round)
	}
	rr = mustRead(t, build(t, []sheet{{SheetRound, [][]any{{"年度", 2019}, {"轮次名称", "2019年第二季度"}}}, site}, nil))
	if rr.Round.Key() != "2019Q2" || rr.Round.Label != "" {
		t.Errorf("quarter as label %+v", rr.Round)
	}
}

// TestAllProblemsAtOnce: three different bad rows give three problems, each
// at its row and column, in one error.
func TestAllProblemsAtOnce(t *testing.T) {
	path := build(t, []sheet{roundSheet(), sitesSheet(
		siteRow("4452000001", "是"),
		siteRow("445200001", "是"),
		siteRow("4452000003", "是", "", "", "五"),
		siteRow("4452000004", "是"),
		siteRow("4452000005", "否", "不合格"),
	)}, nil)
	e := readErr(t, path)
	type at struct {
		row    int
		column string
	}
	var got []at
	for _, p := range e.Problems {
		got = append(got, at{p.Row, p.Column})
	}
	want := []at{{3, "网站标识码"}, {4, "空白栏目数"}, {6, "检查结论"}}
	if !reflect.DeepEqual(got, want) || !strings.Contains(e.Message, "有 3 处问题") {
		t.Errorf("problems %v, want %v\n%s", got, want, e.Error())
	}
}

func TestProblemCap(t *testing.T) {
	rows := []([]any){}
	for i := 0; i < 300; i++ {
		rows = append(rows, siteRow(fmt.Sprintf("445200%04d", i+1), "也许"))
	}
	e := readErr(t, build(t, []sheet{roundSheet(), sitesSheet(rows...)}, nil))
	if !strings.Contains(e.Message, "有 300 处问题") || len(e.Problems) != maxProblems+1 ||
		e.Problems[maxProblems].Text != "另有 100 处问题未列出" {
		t.Errorf("%s: %d problems, last %+v", e.Message, len(e.Problems), e.Problems[len(e.Problems)-1])
	}
}

// TestTolerance: what clerks do to a workbook that must still read.
func TestTolerance(t *testing.T) {
	header := []any{"单项否决指标", "地区", "网站 标识码", "网站名称　", "开办主体", "网站类型", "联系人", "空白栏目数（个）",
		"不更新栏目数", "是否检查", "检查结论", "扣分"}
	sites := sheet{"网站检查结果", [][]any{
		{"2019年第一季度全市政府网站检查结果"},
		{},
		header,
		{"", "榕城区", "４４５２０２０００１", "揭阳市榕城区 人民政府\n门户网站", " 揭阳市榕城区人民政府办公室 ", "政府门户网站", "张三", "２", "3", "是", "", "12.5"},
		{},
		{"栏目不更新", nil, "4452020002", "揭阳市榕城区教育局网站", "揭阳市榕城区教育局", "集约化子站", nil, "5", "7", "", "不合格", "20"},
		{"", nil, "4452020003", "揭阳市榕城区审计局网站", "揭阳市榕城区审计局", "部门子站", nil, 0, 0, "", "", ""},
		{"", "揭东区", "4452030001", "揭阳市揭东区人民政府门户网站", "揭阳市揭东区人民政府办公室", "门户网站", nil, "无", "-", "否"},
		{"注：检查采样时间为2019年2月21日至3月4日。"},
	}}
	accounts := sheet{"新媒体", [][]any{
		{"平台", "新媒体名称", "主办单位", "未更新天数", "单项否决指标"},
		{"微信公众号", "揭阳 发布", "揭阳市人民政府新闻办公室", "１５天", ""},
		{"今日头条", "揭阳公安", "揭阳市公安局", 3, "互动功能不可用"},
	}}
	for _, dates := range [][2]any{
		{"2019-02-21", "2019-03-04"}, {"2019/2/21", "2019/3/4"}, {"2019.2.21", "2019.3.4"},
		{"2019年2月21日", "2019年3月4日"}, {"２０１９－０２－２１", "２０１９／３／４"}, {"20190221", "20190304"},
		{time.Date(2019, 2, 21, 0, 0, 0, 0, time.UTC), time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)},
		{43517.0, 43528.0},
	} {
		round := sheet{"轮次", [][]any{{"检查轮次信息"}, {"项目", "内容", "说明"}, {"年度", "2019年"}, {"季度", "第一季度"},
			{"检查方式", "全覆盖"}, {"采样开始日期", dates[0]}, {"采样结束日期", dates[1]}, {"找错留言数", "２６"}, {"按时办理留言数", "23条"}}}
		path := build(t, []sheet{round, sites, accounts}, func(f *excelize.File) {
			if err := f.MergeCell("网站检查结果", "B4", "B7"); err != nil {
				t.Fatal(err)
			}
		})
		rr := mustRead(t, path)
		r := rr.Round
		if r.Key() != "2019Q1" || r.SampleStart.Format(time.DateOnly) != "2019-02-21" || r.SampleEnd.Format(time.DateOnly) != "2019-03-04" ||
			r.Reports != 26 || r.ReportsOnTime != 23 {
			t.Errorf("dates %v: round %+v", dates, r)
		}
		if len(rr.Sites) != 4 || len(rr.Accounts) != 2 {
			t.Fatalf("%d sites %d accounts", len(rr.Sites), len(rr.Accounts))
		}
		s := rr.Sites[0]
		if s.Code != "4452020001" || s.Name != "揭阳市榕城区人民政府门户网站" || s.Unit != "揭阳市榕城区人民政府办公室" ||
			s.Category != "门户网站" || s.BlankColumns != 2 || s.StaleColumns != 3 || s.Deduction != 12.5 || s.Verdict != circular.VerdictPass {
			t.Errorf("site 0 %+v", s)
		}
		for i, want := range []string{"榕城区", "榕城区", "榕城区", "揭东区"} {
			if rr.Sites[i].Region != want {
				t.Errorf("site %d region %q, want %q (merged cells)", i, rr.Sites[i].Region, want)
			}
		}
		if f := rr.Sites[1]; !f.Failing() || !reflect.DeepEqual(f.Vetoes, []string{circular.VetoColumns}) || f.Category != circular.CategoryIntensive {
			t.Errorf("site 1 %+v", f)
		}
		if u := rr.Sites[3]; u.Checked || u.BlankColumns != 0 || u.StaleColumns != circular.NA {
			t.Errorf("site 3 %+v", u)
		}
		a := rr.Accounts[0]
		if a.Platform != "微信" || a.Name != "揭阳发布" || a.StaleDays != 15 || !a.Failing() ||
			strings.Join(a.Problems(true), "、") != "连续15天未更新" {
			t.Errorf("account 0 %+v", a)
		}
		if b := rr.Accounts[1]; b.Platform != "头条号" || !b.Failing() || b.Vetoes[0] != circular.VetoInteraction {
			t.Errorf("account 1 %+v", b)
		}
	}
}

// TestSitesOnly: a round that checked only websites keeps a 政务新媒体 sheet
// with its header and no rows; a workbook without that sheet is refused, so
// that a kind is never stored empty because its sheet was not found.
func TestSitesOnly(t *testing.T) {
	rr := mustRead(t, build(t, []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"))}, nil))
	if len(rr.Sites) != 1 || len(rr.Accounts) != 0 {
		t.Errorf("%+v", rr)
	}
	if len(rr.Sheets) != 3 || rr.Sheets[2].String() != "工作表「政务新媒体」读作「政务新媒体」（没有数据行，本轮未检查）" {
		t.Errorf("sheets %v", rr.Sheets)
	}
	e := readErr(t, buildRaw(t, []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"))}, nil))
	if !strings.Contains(e.Error(), "找不到「政务新媒体」工作表（工作簿中的工作表：「检查轮次」已读作「检查轮次」；「政府网站」已读作「政府网站」）") {
		t.Error(e)
	}
	// An entirely empty 政务新媒体 sheet is a kind not checked, too.
	rr = mustRead(t, buildRaw(t, []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是")), {SheetAccounts, nil}}, nil))
	if len(rr.Sites) != 1 || len(rr.Accounts) != 0 {
		t.Errorf("%+v", rr)
	}
}

// TestUnreadableFiles: files that are not an .xlsx get one clear error.
func TestUnreadableFiles(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "samples", "2019Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	docx := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w:document/>")})
	bomb := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>"),
		"xl/styles.xml": make([]byte, partLimit+1)})
	ole := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	encrypted := append(append([]byte{}, ole...), utf16le("EncryptionInfo")...)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"空.xlsx", nil, "文件是空的"},
		{"乱码.xlsx", random, "文件已损坏或不完整"},
		{"表格.csv.xlsx", []byte("网站标识码,网站名称\n4452000001,揭阳市人民政府门户网站\n"), "文本文件（如 CSV 或 TXT）"},
		{"一半.xlsx", sample[:len(sample)/2], "文件已损坏或不完整"},
		{"文档.xlsx", docx, "这是 Word 文档"},
		{"旧版.xlsx", ole, "旧版 Excel 97-2003 工作簿（.xls）"},
		{"加密.xlsx", encrypted, "设置了打开密码"},
		{"炸弹.xlsx", bomb, "解压后超过允许的大小"},
	} {
		_, err := ReadRoundFrom(bytes.NewReader(c.data), c.name)
		var e *circular.Error
		if !errors.As(err, &e) || e.Code != circular.EInvalid {
			t.Errorf("%s: error %v", c.name, err)
			continue
		}
		if !strings.Contains(e.Message, c.want) || !strings.Contains(e.Message, c.name) || !strings.Contains(e.Message, ".xlsx") || len(e.Problems) != 0 {
			t.Errorf("%s: message %q lacks %q", c.name, e.Message, c.want)
		}
	}
	// A bounded unzip: with a tiny limit the sample itself is refused.
	defer func(old int64) { unzipLimit = old }(unzipLimit)
	unzipLimit = 20 << 10
	if _, err := ReadRoundFrom(bytes.NewReader(sample), "大.xlsx"); err == nil || !strings.Contains(err.Error(), "解压后超过允许的大小") {
		t.Errorf("unzip limit: %v", err)
	}
	if _, err := ReadRound(filepath.Join(t.TempDir(), "没有.xlsx")); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("missing file: %v", err)
	}
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUncachedFormulas(t *testing.T) {
	xml := `<worksheet><sheetData><row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>1+1</f></c>` +
		`<c r="C2" t="str"><f>""</f><v></v></c><c><x:f t="shared" si="0"/></c></row></sheetData></worksheet>`
	got, err := uncachedFormulas(strings.NewReader(xml))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[[2]int]bool{{2, 2}: true, {2, 4}: true}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
	merges, formula, err := scanTags(strings.NewReader(`<a><x:f>1</x:f></a><mergeCells><mergeCell ref="A1:A3"/><x:mergeCell ref='B2:C2'/></mergeCells>`), nil)
	if err != nil || !formula || !reflect.DeepEqual(merges, []string{"A1:A3", "B2:C2"}) {
		t.Errorf("scanTags: %v %v %v", merges, formula, err)
	}
}

// nationalFile is the national-scale workbook, written once per process
// into dir (removed by TestMain).
var nationalFile struct {
	dir, path string
	err       error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if nationalFile.dir != "" {
		os.RemoveAll(nationalFile.dir)
	}
	os.Exit(code)
}

func nationalWorkbook(b *testing.B) string {
	if p := os.Getenv("TONGBAO_NATIONAL_XLSX"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if nationalFile.path == "" && nationalFile.err == nil {
		dir, err := os.MkdirTemp("", "tongbao-bench-")
		if err != nil {
			b.Fatal(err)
		}
		nationalFile.dir = dir
		start := time.Now()
		rr := samplegen.Generate(samplegen.Nation, 1)
		path := filepath.Join(dir, "national.xlsx")
		f, err := os.Create(path)
		if err == nil {
			err = WriteRound(f, rr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		nationalFile.path, nationalFile.err = path, err
		if p := os.Getenv("TONGBAO_NATIONAL_XLSX"); p != "" && err == nil {
			_ = os.Rename(path, p)
			nationalFile.path = p
		}
		b.Logf("wrote %s in %v", nationalFile.path, time.Since(start))
	}
	if nationalFile.err != nil {
		b.Fatal(nationalFile.err)
	}
	return nationalFile.path
}

// BenchmarkReadNational reads and checks a national round (14,000 sites,
// 140,000 accounts) and reports the peak heap in use while reading. The
// workbook is generated once per run (samplegen, WriteRound); set
// TONGBAO_NATIONAL_XLSX to a path to keep it there and reuse it, e.g. to
// measure a test binary's peak RSS with /usr/bin/time -v.
func BenchmarkReadNational(b *testing.B) {
	path := nationalWorkbook(b)
	if fi, err := os.Stat(path); err == nil {
		b.SetBytes(fi.Size())
	}
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rr, err := ReadRound(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(rr.Sites) != 14000 || len(rr.Accounts) != 140000 {
			b.Fatalf("%d sites %d accounts", len(rr.Sites), len(rr.Accounts))
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// TestRepeatedHeader: a header repeated below the first (for printing) is
// skipped; a column given twice is reported.
func TestRepeatedHeader(t *testing.T) {
	rr := mustRead(t, build(t, []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"), siteHeader, siteRow("4452000002", "是"))}, nil))
	if len(rr.Sites) != 2 {
		t.Errorf("%d sites", len(rr.Sites))
	}
	e := readErr(t, build(t, []sheet{roundSheet(), {SheetSites, [][]any{{"网站标识码", "网站名称", "主办单位", "标识码"}, {"4452000001", "网", "单位"}}}}, nil))
	if !strings.Contains(e.Error(), "「网站标识码」列出现了两次（A 列和 D 列）") {
		t.Error(e.Error())
	}
}

// hasProblem reports whether e names a problem in file path at sheet, row (0:
// any) and column ("": any).
func hasProblem(e *circular.Error, path, sheet string, row int, column string) bool {
	for _, p := range e.Problems {
		if p.Sheet == sheet && (row == 0 || p.Row == row) && (column == "" || p.Column == column) && p.File == path {
			return true
		}
	}
	return false
}
