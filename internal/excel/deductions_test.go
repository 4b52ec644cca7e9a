package excel

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
)

// TestDeductionColumn: 扣分问题 are read on passing items, refused on items
// not checked; a 不合格 without a veto is refused as 填表说明 says.
func TestDeductionColumn(t *testing.T) {
	head := append(append([]any{}, siteHeader...), "扣分问题")
	row := func(checked, verdict, vetoes, problem, deductions string) []any {
		return siteRow("4452000001", checked, verdict, vetoes, 0, 0, 0, 10, problem, deductions)
	}
	rr := mustRead(t, build(t, []sheet{roundSheet(), {SheetSites, [][]any{head, row("是", "合格", "", "", "个别栏目更新不及时；部分链接无法打开")}}}, nil))
	if s := rr.Sites[0]; s.Verdict != circular.VerdictPass || strings.Join(s.DeductionProblems(), "|") != "个别栏目更新不及时|部分链接无法打开" {
		t.Errorf("site %+v", s.Result)
	}
	for _, c := range []struct {
		name  string
		row   []any
		col   string
		wants string
	}{
		{"deductions on a site not checked", row("否", "", "", "", "链接无法打开"), "扣分问题", "未检查的网站不能有扣分问题「链接无法打开」"},
		{"fail without a veto", row("是", "不合格", "", "存在错别字", ""), "检查结论", "不合格须有单项否决指标或扣分超过 40 分"},
		{"problem on a passing site", row("是", "合格", "", "存在错别字", ""), "存在的突出问题", "请把问题移到「扣分问题」列"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, []sheet{roundSheet(), {SheetSites, [][]any{head, c.row}}}, nil)
			e := readErr(t, path)
			if !strings.Contains(e.Error(), c.wants) || !hasProblem(e, path, SheetSites, 2, c.col) {
				t.Errorf("want %q at column %s:\n%s", c.wants, c.col, e)
			}
		})
	}
}

// TestBlankWithPlatforms: the blank workbook offers the office's platforms
// in the drop-down and names them in 填表说明, and has the 扣分问题 column.
func TestBlankWithPlatforms(t *testing.T) {
	pl, problems := circular.NewPlatformList([]string{"小红书"}, nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var buf bytes.Buffer
	if err := WriteBlankWith(&buf, Options{Platforms: pl}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(SheetAccounts)
	if err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, dv := range dvs {
		listed = listed || strings.Contains(dv.Formula1, "小红书")
	}
	if !listed {
		t.Error("drop-down lacks 小红书")
	}
	var guide strings.Builder
	rows, _ := f.GetRows(SheetGuide)
	for _, r := range rows {
		guide.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, want := range []string{"小红书", "扣分问题", "的网站须有单项否决指标或扣分超过 40 分", "其他（平台名称）"} {
		if !strings.Contains(guide.String(), want) {
			t.Errorf("填表说明 lacks %q", want)
		}
	}
	for _, sh := range []string{SheetSites, SheetAccounts} {
		head, _ := f.GetRows(sh)
		if len(head) == 0 || !strings.Contains(strings.Join(head[0], ","), "扣分问题") {
			t.Errorf("%s lacks the 扣分问题 column", sh)
		}
	}
}
