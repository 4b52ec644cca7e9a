package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
)

var pageNumber = regexp.MustCompile(`—\d+—`)

// flat is a PDF's text without spaces, line breaks and page numbers.
func flat(t *testing.T, path string) string {
	t.Helper()
	return pageNumber.ReplaceAllString(strings.Join(strings.Fields(pdfText(t, path)), ""), "")
}

// setConfig replaces the config lines starting with each key (rates = …).
func (e *env) setConfig(lines ...string) {
	e.t.Helper()
	b, err := os.ReadFile(e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	text := string(b)
	for _, l := range lines {
		key, _, _ := strings.Cut(l, "=")
		if !strings.Contains(text, "\n"+key+"=") {
			e.t.Fatalf("config has no line %q", key)
		}
		text = replaceLine(text, key+"=", l)
	}
	if err := os.WriteFile(e.cfg, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// monthly returns a sample round as a month of 2023 without sampling dates.
func monthly(rr *circular.RoundResults, month int) *circular.RoundResults {
	rr.Round.Year, rr.Round.Quarter, rr.Round.Month = 2023, 0, month
	rr.Round.SampleStart, rr.Round.SampleEnd = time.Time{}, time.Time{}
	return rr
}

// TestMonthlyRounds: two monthly rounds imported September first are
// ordered by the month they cover; the September draft compares with and
// rechecks August (上月), and says 本月, never 本季度.
func TestMonthlyRounds(t *testing.T) {
	e := newEnv(t)
	aug := monthly(samplegen.Jieyang2018Q4(), 8)
	sep := monthly(samplegen.Jieyang2019Q1(), 9)
	// two sites fewer running in September, none of them failing
	n := 0
	for i := range sep.Sites {
		if s := &sep.Sites[i]; !s.Failing() && !s.Closed && n < 2 && s.Code != "4452000024" {
			s.Closed, s.Checked, s.Verdict = true, false, circular.VerdictNone
			n++
		}
	}
	e.must("import", e.writeWorkbook("9月.xlsx", sep))
	e.must("import", e.writeWorkbook("8月.xlsx", aug))
	out := e.must("rounds")
	if i, j := strings.Index(out, "2023M08"), strings.Index(out, "2023M09"); i < 0 || j < 0 || i > j {
		t.Errorf("rounds not ordered by month:\n%s", out)
	}
	if !strings.Contains(out, "2023年9月") {
		t.Errorf("rounds lacks the name 2023年9月:\n%s", out)
	}
	pdf := filepath.Join(e.dir, "9月.pdf")
	e.must("draft", "-date", "2023-10-10", "-o", pdf, "2023年9月")
	text := flat(t, pdf)
	for _, want := range []string{"关于2023年9月全市政府网站和政务新媒体检查情况的通报", "截至本月检查时",
		"正常运行的政府网站共52个（比上月减少了2个）", "较上月提高", "对2023年8月检查中发现存在问题的2个网站和3个政务新媒体，本次一并进行了复查"} {
		if !strings.Contains(text, want) {
			t.Errorf("September draft lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "季度") {
		t.Error("a monthly draft speaks of a quarter")
	}
	// the latest round is September, whatever the import order
	e.must("draft", "-date", "2023-10-10", "-o", filepath.Join(e.dir, "latest.pdf"))
	if !strings.Contains(flat(t, filepath.Join(e.dir, "latest.pdf")), "关于2023年9月") {
		t.Error("the latest round is not September")
	}
}

// TestScopeDrafts: a sites-only and an accounts-only round draft with the
// default templates, and no line speaks of what was not checked.
func TestScopeDrafts(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func(*circular.RoundResults)
		absent []string
		want   []string
	}{
		{"sites", func(rr *circular.RoundResults) { rr.Accounts = nil },
			[]string{"新媒体", "账号", "微信", "微博"},
			[]string{"关于2019年第一季度全市政府网站检查情况的通报", "对全市政府网站的运行情况", "本单位网站栏目，"}},
		{"accounts", func(rr *circular.RoundResults) {
			rr.Sites = nil
			rr.Round.Reports, rr.Round.ReportsOnTime = circular.NA, circular.NA
		},
			[]string{"网站", "栏目"},
			[]string{"关于2019年第一季度全市政务新媒体检查情况的通报", "对全市政务新媒体的运行情况", "全市在运行的政务新媒体共40个", "“僵尸”账号"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			rr := samplegen.Jieyang2019Q1()
			c.edit(rr)
			e.must("import", e.writeWorkbook("一轮.xlsx", rr))
			for _, date := range []string{"2019-04-12", "2019-05-12"} {
				pdf := filepath.Join(e.dir, date+".pdf")
				e.must("draft", "-date", date, "-o", pdf)
				text := flat(t, pdf)
				// the national notice of 2019 is cited by its title
				text = strings.ReplaceAll(text, "关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知", "")
				for _, w := range c.absent {
					if i := strings.Index(text, w); i >= 0 {
						t.Errorf("%s: the draft speaks of %q: …%s…", date, w, text[max(0, i-60):min(len(text), i+60)])
					}
				}
				for _, w := range c.want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: the draft lacks %q:\n%s", date, w, text)
					}
				}
			}
		})
	}
}

// rateRound is a sites-only round of the month with checked sites, passing
// of them passing.
func rateRound(month, passing, checked int) *circular.RoundResults {
	base := samplegen.Jieyang2019Q1()
	var pass, fail circular.SiteResult
	for _, s := range base.Sites {
		if s.Failing() {
			fail = s
		} else if s.Checked && !s.Intensive() {
			pass = s
		}
	}
	rr := &circular.RoundResults{Round: base.Round}
	rr.Round.Year, rr.Round.Quarter, rr.Round.Month = 2023, 0, month
	rr.Round.Reports, rr.Round.ReportsOnTime = circular.NA, circular.NA
	for i := 0; i < checked; i++ {
		s := pass
		if i >= passing {
			s = fail
		}
		s.Code = fmt.Sprintf("4452%06d", month*1000+i)
		s.Name = fmt.Sprintf("测试网站%d号", i+1)
		rr.Sites = append(rr.Sites, s)
	}
	return rr
}

// TestRateRules: the rate cases of real circulars under both rules and both
// precisions give the same figure in tongbao rounds, the draft's text, the
// PDF annex and the exported workbook's cell (a number with a percent
// format, never float noise).
func TestRateRules(t *testing.T) {
	cases := []struct{ passing, checked int }{{53, 54}, {1, 54}, {25, 29}, {5, 6}, {558, 564}, {291, 323}, {32, 323}, {50, 51}}
	e := newEnv(t)
	for i, c := range cases {
		e.must("import", e.writeWorkbook(fmt.Sprintf("%d.xlsx", i+1), rateRound(i+1, c.passing, c.checked)))
	}
	for _, rule := range []circular.RateRule{circular.RuleRound, circular.RuleComplement} {
		for _, dec := range []int{1, 2} {
			rates := circular.Rates{Rule: rule, Decimals: dec}
			e.setConfig(fmt.Sprintf(`rates = "%s"`, rule), fmt.Sprintf("rate_decimals = %d", dec))
			rounds := e.must("rounds")
			for i, c := range cases {
				key := fmt.Sprintf("2023M%02d", i+1)
				fail := c.checked - c.passing
				pass, _ := rates.Pass(fail, c.checked)
				failRate, _ := rates.Fail(fail, c.checked)
				if !lineHasInOrder(rounds, []string{key, fmt.Sprint(c.checked), fmt.Sprint(fail), pass}) {
					t.Errorf("%s: rounds has no line %s … %s:\n%s", rates, key, pass, rounds)
				}
				pdf := filepath.Join(e.dir, key+".pdf")
				e.must("draft", "-date", "2023-12-20", "-o", pdf, key)
				text := flat(t, pdf)
				if !strings.Contains(text, "总体合格率为"+pass) {
					t.Errorf("%s %s: draft lacks 总体合格率为%s", rates, key, pass)
				}
				if !strings.Contains(text, "合计"+fmt.Sprint(c.checked)+fmt.Sprint(c.checked)+fmt.Sprint(fail)+failRate) {
					t.Errorf("%s %s: annex total lacks %s", rates, key, failRate)
				}
				xlsx := filepath.Join(e.dir, key+".xlsx")
				e.must("export", "-o", xlsx, key)
				checkPercentCell(t, xlsx, failRate, fmt.Sprintf("%s %s", rates, key))
			}
		}
	}
}

// checkPercentCell finds the total row's last cell in the first sheet: a
// number equal to the printed percentage, with a percent format of its
// decimals.
func checkPercentCell(t *testing.T, path, printed, what string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) == 0 || row[0] != "合计" {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(len(row), r+1)
		raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(sheet, cell)
		digits, frac, _ := strings.Cut(strings.TrimSuffix(printed, "%"), ".")
		want := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", mustFloat(t, digits+"."+frac+"0")/100), "0"), ".")
		if raw != want {
			t.Errorf("%s: exported cell %s holds %q, want %q (printed %s)", what, cell, raw, want, printed)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: exported cell %s is not a number", what, cell)
		}
		if shown != printed {
			t.Errorf("%s: exported cell %s shows %q, printed %s", what, cell, shown, printed)
		}
		return
	}
	t.Errorf("%s: no 合计 row in %s", what, path)
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFiguresAndFailRate: a named figure of the 检查轮次 sheet prints where a
// template reads it, the failure rate follows the office's rule, and a
// figure that is not a number is refused naming its cell.
func TestFiguresAndFailRate(t *testing.T) {
	e, tdir := editableEnv(t)
	rr := samplegen.Jieyang2019Q1()
	rr.Round.Figures = []circular.Figure{{Name: "告警提醒次数", Value: 25}, {Name: "检测报告份数", Value: 13}}
	e.must("import", e.writeWorkbook("2019Q1.xlsx", rr))
	path := filepath.Join(tdir, "总体情况.tmpl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	extra := "\n\n{{.Round.This}}共发出告警提醒{{.Figures.告警提醒次数}}次、检测报告{{index .Figures \"检测报告份数\"}}份，网站不合格率{{failrate .Sites.Total.Failing .Sites.Total.Checked}}。\n"
	if err := os.WriteFile(path, append(b, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ rule, want string }{
		{"合格率取100减不合格率", "本季度共发出告警提醒25次、检测报告13份，网站不合格率1.8%。"},
		{"四舍五入", "本季度共发出告警提醒25次、检测报告13份，网站不合格率1.9%。"},
	} {
		e.setConfig(`rates = "` + c.rule + `"`)
		pdf := filepath.Join(e.dir, "draft.pdf")
		e.must("draft", "-date", "2019-04-12", "-o", pdf, "2019Q1")
		if text := flat(t, pdf); !strings.Contains(text, c.want) {
			t.Errorf("%s: draft lacks %q", c.rule, c.want)
		}
	}
	// a misspelt figure name is a template error naming the file
	if err := os.WriteFile(path, append(b, "{{.Figures.告警次数}}"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := e.run("draft", "-date", "2019-04-12", "2019Q1"); code == 0 || !strings.Contains(errOut, "总体情况.tmpl") {
		t.Errorf("a missing figure: exit %d\n%s", code, errOut)
	}
	// a figure that is not a number
	xlsx := e.writeWorkbook("坏.xlsx", samplegen.Jieyang2018Q4())
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	cell, row := "", 0
	rows, _ := f.GetRows("检查轮次")
	for i, r := range rows {
		if len(r) > 1 && r[0] == "名称" && r[1] == "数值" {
			row = i + 2
			cell = fmt.Sprintf("B%d", row)
		}
	}
	if cell == "" {
		t.Fatal("the 检查轮次 sheet has no 名称 | 数值 row")
	}
	f.SetCellValue("检查轮次", fmt.Sprintf("A%d", row), "更新提醒次数")
	f.SetCellValue("检查轮次", cell, "三十五")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, errOut, code := e.run("import", xlsx)
	if code == 0 || !strings.Contains(errOut, fmt.Sprintf("第 %d 行", row)) || !strings.Contains(errOut, "「更新提醒次数」的数值「三十五」不是数字") {
		t.Errorf("a figure that is not a number: exit %d\n%s", code, errOut)
	}
}

// TestNoSignatureDraft: [circular] no_signature drops the 署名 and keeps the
// 成文日期.
func TestNoSignatureDraft(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.setConfig("no_signature = true")
	pdf := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", pdf, "2019Q1")
	lines := strings.Split(pdfText(t, pdf), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "2019年4月12日" {
			continue
		}
		for _, above := range lines[max(0, i-3):i] {
			if strings.Contains(above, "揭阳市政务服务数据管理局") {
				t.Errorf("署名 still above the date:\n%s", strings.Join(lines[max(0, i-3):i+1], "\n"))
			}
		}
		return
	}
	t.Errorf("no 成文日期 line in the draft")
}

// TestBlankStatesRule: the blank workbook's 填表说明 states the rate rule of
// config.toml.
func TestBlankStatesRule(t *testing.T) {
	e := newEnv(t)
	for _, rule := range []string{"合格率取100减不合格率", "四舍五入"} {
		e.setConfig(`rates = "` + rule + `"`)
		path := filepath.Join(e.dir, rule+".xlsx")
		e.must("workbook", path)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("填表说明")
		f.Close()
		found := false
		for _, r := range rows {
			if len(r) > 0 && strings.Contains(r[0], "取值规则："+rule+"，保留 1 位小数") {
				found = true
			}
		}
		if !found {
			t.Errorf("填表说明 does not state %s", rule)
		}
	}
}
