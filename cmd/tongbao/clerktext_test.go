package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
)

// TestFullWidthPunctuationSurvives: what the clerk typed — full-width ，；：（）！？
// in a site's name, a unit's name and a problem — prints unchanged in the
// draft PDF and the exported annex workbook.
func TestFullWidthPunctuationSurvives(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	s := failingSite(rr)
	s.Name = "揭阳大南海石化工业区（管委会）网站"
	s.Unit = "揭阳大南海石化工业区管理委员会（管委会）"
	s.Problem = "未提供有效互动功能；监测时间点2周内未更新，内容不全：图片缺失！"
	path := e.writeWorkbook("2019Q1.xlsx", rr)
	e.must("import", "../../samples/2018Q4.xlsx", path)
	pdfPath := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", pdfPath, "2019Q1")
	text := strings.Join(strings.Fields(pdfText(t, pdfPath)), "")
	for _, want := range []string{"揭阳大南海石化工业区（管委会）", "未提供有效互动功能；监测时间点2周内未更新，内容不全：图片缺失！"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for _, folded := range []string{"(管委会)", ";监测", ",内容", ":图片", "缺失!"} {
		if strings.Contains(text, folded) {
			t.Errorf("PDF has the folded %q", folded)
		}
	}
	xlsx := filepath.Join(e.dir, "附件.xlsx")
	e.must("export", "-o", xlsx, "2019Q1")
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, c := range row {
				found[c] = true
			}
		}
	}
	for _, want := range []string{s.Name, s.Unit} {
		if !found[want] {
			t.Errorf("exported workbook has no cell %q", want)
		}
	}
	hasProblem := false
	for c := range found {
		if strings.Contains(c, "未提供有效互动功能；监测时间点2周内未更新，内容不全：图片缺失！") {
			hasProblem = true
		}
	}
	if !hasProblem {
		t.Error("exported workbook lacks the problem as typed")
	}
}

// TestImportRenamedSheets: a workbook whose sheets are called Sheet1 … is
// read by its header rows and the import says which sheet was read as what;
// one whose 政府网站 sheet cannot be recognised is refused, and -replace
// never empties a kind the stored round has.
func TestImportRenamedSheets(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	path := e.writeWorkbook("2019Q1.xlsx", rr)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for old, name := range map[string]string{"政府网站": "Sheet1", "政务新媒体": "新媒体账号检查"} {
		if err := f.SetSheetName(old, name); err != nil {
			t.Fatal(err)
		}
	}
	renamed := filepath.Join(e.dir, "改名的2019Q1.xlsx")
	if err := f.SaveAs(renamed); err != nil {
		t.Fatal(err)
	}
	// A header the reader cannot place: 政府网站 cannot be found.
	if err := f.SetCellValue("Sheet1", "A1", "编号"); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(e.dir, "表头改坏的2019Q1.xlsx")
	if err := f.SaveAs(broken); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := e.must("import", renamed)
	for _, want := range []string{"工作表「Sheet1」按表头读作「政府网站」（", "工作表「新媒体账号检查」按表头读作「政务新媒体」（"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	dbPath := filepath.Join(e.dir, "tongbao.db")
	before, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := e.run("import", "-replace", broken)
	if code != 1 || !strings.Contains(errOut, "找不到「政府网站」工作表") || !strings.Contains(errOut, "「Sheet1」的前 5 行中没有「政府网站」表的表头（缺少「网站标识码」列）") {
		t.Errorf("broken header: exit %d\n%s", code, errOut)
	}
	// A round whose accounts sheet is there but empty cannot replace one
	// with stored accounts.
	noAccounts := *rr
	noAccounts.Accounts = nil
	_, errOut, code = e.run("import", "-replace", e.writeWorkbook("只有网站的2019Q1.xlsx", &noAccounts))
	if code != 1 || !strings.Contains(errOut, "替换会清空轮次 2019Q1 已导入的 ") || !strings.Contains(errOut, "个政务新媒体") {
		t.Errorf("emptying replace: exit %d\n%s", code, errOut)
	}
	after, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("a refused import changed the database")
	}
	// Into a new round, the same sites-only workbook imports: a kind not checked.
	noAccounts.Round = circular.Round{Year: 2019, Quarter: 2, Scope: circular.ScopeFull, Reports: circular.NA, ReportsOnTime: circular.NA}
	out = e.must("import", e.writeWorkbook("只有网站的2019Q2.xlsx", &noAccounts))
	if !strings.Contains(out, "已导入 2019Q2") || !strings.Contains(out, "工作表「政务新媒体」读作「政务新媒体」（没有数据行，本轮未检查）") {
		t.Errorf("sites-only import:\n%s", out)
	}
}

// TestDeductionProblems: a passing account and a passing site with 扣分问题
// import (the verdict stays 合格) and the draft lists the problems apart.
func TestDeductionProblems(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	var site *circular.SiteResult
	for i := range rr.Sites {
		if rr.Sites[i].Checked && !rr.Sites[i].Failing() {
			site = &rr.Sites[i]
			break
		}
	}
	site.Deductions = "个别栏目更新不及时；部分链接无法打开"
	var account *circular.AccountResult
	for i := range rr.Accounts {
		if rr.Accounts[i].Checked && !rr.Accounts[i].Failing() {
			account = &rr.Accounts[i]
			break
		}
	}
	account.Deductions = "留言区存在商业广告"
	e.must("import", "../../samples/2018Q4.xlsx", e.writeWorkbook("2019Q1.xlsx", rr))
	out := e.must("rounds")
	if !strings.Contains(out, "98.2%") {
		t.Errorf("rounds: deductions changed the pass rate:\n%s", out)
	}
	pdfPath := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", pdfPath, "2019Q1")
	text := strings.Join(strings.Fields(pdfText(t, pdfPath)), "")
	for _, want := range []string{site.Name + "个别栏目更新不及时、部分链接无法打开，被扣分", account.Platform + "“" + account.Name + "”留言区存在商业广告，被扣分"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}
