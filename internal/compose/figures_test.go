package compose

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
	"tongbao/templates"
)

func jieyangEntries() []Entry {
	var es []Entry
	add := func(n int, cat string, intensive bool) {
		for i := 0; i < n; i++ {
			code := fmt.Sprintf("445200%04d", len(es)+1)
			es = append(es, Entry{Key: code, Code: code, Name: cat + code, Category: cat, Region: "市直", Intensive: intensive, Running: true, Checked: true})
		}
	}
	add(11, "门户网站", false)
	add(1, "业务系统", false)
	add(2, "事业单位网站", false)
	add(40, "集约化子站", true)
	es[3].Failing, es[3].Vetoes, es[3].Problems = true, []string{"栏目不更新"}, []string{"7个栏目更新不及时", "5个栏目空白"}
	es = append(es, Entry{Key: "closed", Category: "部门网站", Running: false, Checked: false})
	return es
}

func TestNewFigures(t *testing.T) {
	f := NewFigures(jieyangEntries(), true)
	if want := (Tally{Name: "合计", Running: 54, Checked: 54, Failing: 1, Passing: 53}); f.Total != want {
		t.Errorf("total %+v, want %+v", f.Total, want)
	}
	wantKind := []Tally{
		{No: 1, Name: KindStandalone, Running: 14, Checked: 14, Failing: 1, Passing: 13},
		{No: 2, Name: KindIntensive, Running: 40, Checked: 40, Passing: 40},
	}
	if !reflect.DeepEqual(f.ByKind, wantKind) {
		t.Errorf("by kind %+v", f.ByKind)
	}
	if want := []string{"业务系统", "事业单位网站", "集约化子站"}; !reflect.DeepEqual(f.FullCategories, want) {
		t.Errorf("full categories %v", f.FullCategories)
	}
	if len(f.Failing) != 1 || f.Failing[0].Problem != "7个栏目更新不及时、5个栏目空白" || f.Failing[0].No != 1 {
		t.Errorf("failing %+v", f.Failing)
	}
	if len(f.ByProblem) != 1 || f.ByProblem[0].Problem != "栏目更新不及时、存在空白栏目" {
		t.Errorf("by problem %+v", f.ByProblem)
	}
	if len(f.FullRegions) != 0 {
		t.Errorf("full regions %v", f.FullRegions)
	}
}

func TestNewRecheck(t *testing.T) {
	prev := []Entry{
		{Key: "a", Name: "甲", Checked: true, Failing: true},
		{Key: "b", Name: "乙", Checked: true, Failing: true},
		{Key: "c", Name: "丙", Checked: true, Failing: true},
		{Key: "d", Name: "丁", Checked: true},
	}
	cur := []Entry{
		{Key: "a", Name: "甲", Checked: true},
		{Key: "b", Name: "乙", Checked: true, Failing: true},
		{Key: "d", Name: "丁", Checked: true, Failing: true},
	}
	r := NewRecheck("2018年第四季度", prev, cur)
	if len(r.Fixed) != 1 || r.Fixed[0].Name != "甲" || len(r.Still) != 1 || r.Still[0].Name != "乙" || len(r.Unchecked) != 1 || r.Unchecked[0].Name != "丙" {
		t.Errorf("recheck %+v", r)
	}
}

// TestProblemOrder: problem types come most serious first, whatever the
// order of the workbook; 其他 categories are never named as fully passing.
func TestProblemOrder(t *testing.T) {
	es := []Entry{
		{Key: "a", Name: "甲", Category: "部门网站", Running: true, Checked: true, Failing: true, Vetoes: []string{"互动回应差"}},
		{Key: "b", Name: "乙", Category: "部门网站", Running: true, Checked: true, Failing: true},
		{Key: "c", Name: "丙", Category: "部门网站", Running: true, Checked: true, Failing: true, Vetoes: []string{"安全问题"}},
		{Key: "d", Name: "丁", Category: "部门网站", Running: true, Checked: true, Failing: true, Vetoes: []string{"栏目不更新"}},
		{Key: "e", Name: "戊", Category: "其他网站", Running: true, Checked: true},
		{Key: "f", Name: "己", Category: "门户网站", Running: true, Checked: true},
	}
	f := NewFigures(es, true)
	var got []string
	for _, g := range f.ByProblem {
		got = append(got, g.Problem)
	}
	want := "存在安全问题|栏目更新不及时、存在空白栏目|互动回应不到位|存在其他突出问题"
	if strings.Join(got, "|") != want {
		t.Errorf("problem order %q, want %q", strings.Join(got, "|"), want)
	}
	if strings.Join(f.FullCategories, "、") != "门户网站" {
		t.Errorf("FullCategories %v, want only 门户网站", f.FullCategories)
	}
	if len(f.Checked) != 6 || f.Checked[4].Verdict != "合格" || f.Checked[0].Verdict != "不合格" {
		t.Errorf("Checked %+v", f.Checked)
	}
}

// TestTwoVetoes: an account failing two single-veto indicators is named
// under both headings of the default 主要问题.tmpl, and every heading's
// items have its problem.
func TestTwoVetoes(t *testing.T) {
	es := []Entry{
		{Key: "a", Name: "甲发布", Unit: "甲局", Platform: "微信", Category: "微信", Running: true, Checked: true, Failing: true,
			Vetoes: []string{"内容不更新", "互动回应差"}, Problems: []string{"监测时间点2周内未更新；留言长期未回复"}},
		{Key: "b", Name: "乙发布", Unit: "乙局", Platform: "微博", Category: "微博", Running: true, Checked: true, Failing: true,
			Vetoes: []string{"内容不更新"}, Problems: []string{"连续20天未更新"}},
		{Key: "c", Name: "丙发布", Unit: "丙局", Platform: "微博", Category: "微博", Running: true, Checked: true, Failing: true,
			Vetoes: []string{"互动回应差", "互动回应差"}, Problems: []string{"互动功能不可用"}},
	}
	f := NewFigures(es, false)
	got := map[string][]string{}
	var order []string
	for _, g := range f.ByProblem {
		order = append(order, g.Problem)
		for _, it := range g.Items {
			got[g.Problem] = append(got[g.Problem], it.Name)
			if !slices.ContainsFunc(it.Vetoes, func(v string) bool { return problemTitle(v) == g.Problem }) {
				t.Errorf("%s is under %s, a problem it lacks", it.Name, g.Problem)
			}
		}
	}
	if strings.Join(order, "|") != "内容更新不及时|互动回应不到位" {
		t.Errorf("headings %v", order)
	}
	if strings.Join(got["内容更新不及时"], "、") != "甲发布、乙发布" || strings.Join(got["互动回应不到位"], "、") != "甲发布、丙发布" {
		t.Errorf("groups %v", got)
	}

	data := sampleData()
	data.Accounts = f
	s, err := LoadSet(templates.FS, "templates")
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Compose(data, Letterhead{})
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	var body []string
	for _, b := range d.Body {
		if p, ok := b.(*doc.Paragraph); ok {
			body = append(body, p.Text())
		}
	}
	text := strings.Join(body, "\n")
	for _, want := range []string{
		"政务新媒体内容更新不及时。甲局的微信“甲发布”监测时间点2周内未更新；留言长期未回复；乙局的微博“乙发布”连续20天未更新。",
		"政务新媒体互动回应不到位。甲局的微信“甲发布”监测时间点2周内未更新；留言长期未回复；丙局的微博“丙发布”互动功能不可用。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("body lacks\n%s\nin\n%s", want, text)
		}
	}
}

// TestTogether: an annex with together = "Region" keeps each region's rows
// together in the order regions first appear, and numbers them afresh.
func TestTogether(t *testing.T) {
	items := []Item{{No: 1, Name: "甲", Region: "石田市"}, {No: 2, Name: "乙", Region: "省直"}, {No: 3, Name: "丙", Region: "石田市"}, {No: 4, Name: "丁", Region: "省直"}}
	a := &annexDef{together: "Region"}
	list := reflect.ValueOf(items)
	order, err := a.order(list)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for n, i := range order {
		it := renumber(list.Index(i), n+1).(Item)
		got = append(got, fmt.Sprintf("%d%s", it.No, it.Name))
	}
	if strings.Join(got, " ") != "1甲 2丙 3乙 4丁" {
		t.Errorf("rows %v", got)
	}
	if items[2].No != 3 {
		t.Error("renumber changed the data itself")
	}
	if _, err := (&annexDef{together: "Regoin"}).order(list); err == nil || !strings.Contains(err.Error(), "Regoin") {
		t.Errorf("a misspelt field: %v", err)
	}
}
