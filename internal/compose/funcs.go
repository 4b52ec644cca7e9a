package compose

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"

	"tongbao/internal/circular"
)

// FuncDoc documents one template function for editors: what it does, in
// Chinese, and examples a test executes (templates/README.md lists them).
type FuncDoc struct {
	Name     string
	Doc      string
	Fn       any
	Examples []Example
}

// Example is a template snippet and the text it must produce.
type Example struct {
	Template string
	Want     string
}

// FuncDocs is the one place template functions are registered.
var FuncDocs = []FuncDoc{
	{"cn", "整数写成中文数字，用于标题序号。", cn, []Example{
		{`{{cn 1}}、{{cn 10}}、{{cn 12}}、{{cn 20}}、{{cn 105}}`, "一、十、十二、二十、一百零五"}}},
	{"quarter", "季度写成“第一季度”。", quarter, []Example{{`{{quarter 1}}`, "第一季度"}}},
	{"date", "日期写成公文格式：阿拉伯数字，年份写全，月日不补零。", date, []Example{
		{`{{date .Date}}`, "2019年4月12日"}}},
	{"monthDay", "只写月日，用于同一年内的期限。", monthDay, []Example{{`{{monthDay .Deadline}}`, "4月20日"}}},
	{"dateRange", "日期区间，年份（和月份）相同时后一日期省略。", dateRange, []Example{
		{`{{dateRange .Round.SampleStart .Round.SampleEnd}}`, "2019年2月21日至3月4日"}}},
	{"pct", "百分比：分子、分母，四舍五入到本单位的小数位数（config.toml 的 rate_decimals），去掉末尾的 0；分母为 0 时写“—”。可再给一个小数位数。", pct, []Example{
		{`{{pct 23 23}}、{{pct 2 3}}、{{pct 50 51 2}}`, "100%、66.7%、98.04%"}}},
	{"failrate", "不合格率：不合格数、检查数，按本单位的取值规则和小数位数（config.toml 的 rates、rate_decimals；默认四舍五入保留1位）；为 0 时写“0”，未检查时写“—”。可再给一个小数位数。", failrate, []Example{
		{`{{failrate 1 54}}、{{failrate 4 29}}、{{failrate 0 40}}、{{failrate 1 54 2}}`, "1.9%、13.8%、0、1.85%"}}},
	{"passrate", "合格率：不合格数、检查数，规则同 failrate；取“合格率取100减不合格率”时等于 100% 减去不合格率。可再给一个小数位数。", passrate, []Example{
		{`{{passrate 1 54}}、{{passrate 4 29}}、{{passrate 0 40}}、{{passrate 1 51 2}}`, "98.1%、86.2%、100%、98.04%"}}},
	{"change", "数量的变化：本轮数、上轮数、量词；写“增加了…”“减少了…”或“持平”。", change, []Example{
		{`比上月{{change 47 54 "家"}}、{{change 5 3 "个"}}、{{change 4 4 "个"}}`, "比上月减少了7家、增加了2个、持平"}}},
	{"passchange", "合格率的变化：本轮和上轮的统计行（如 .Sites.Total 和 .Last.Sites.Total），按印出的合格率相减；写“提高…个百分点”“下降…个百分点”或“持平”。", passchange, []Example{
		{`合格率较上季度{{passchange .Sites.Total .Last.Sites.Total}}`, "合格率较上季度提高1.8个百分点"}}},
	{"failchange", "不合格率的变化，用法同 passchange；写“上升…个百分点”“下降…个百分点”或“持平”。", failchange, []Example{
		{`不合格率{{failchange .Sites.Total .Last.Sites.Total}}`, "不合格率下降1.8个百分点"}}},
	{"tally", "按名称取统计表中的一行（如某个平台）；没有这一行时各数为 0。", tally, []Example{
		{`{{(tally .Sites.ByKind "已集约化的政府网站").Checked}}、{{(tally .Accounts.ByCategory "小红书").Checked}}`, "40、0"}}},
	{"count", "数量加量词。", count, []Example{{`{{count 14 "家"}}、{{count 3 "个"}}`, "14家、3个"}}},
	{"join", "用顿号连接列表。", join, []Example{{`{{join .Sites.FullCategories}}`, "业务系统、事业单位网站、集约化子站"}}},
	{"joinAnd", "用顿号连接列表，最后两项之间用“和”。", joinAnd, []Example{
		{`{{joinAnd .Sites.FullCategories}}`, "业务系统、事业单位网站和集约化子站"}}},
	{"names", "取出列表中每一项的某个字段。", names, []Example{
		{`{{names .Sites.Failing "Code" | join}}`, "4452000024"}}},
	{"groupBy", "按字段分组，保持首次出现的顺序；每组有 .Key 和 .Items。", groupBy, []Example{
		{`{{range groupBy .Sites.ByKind "Failing"}}{{.Key}}:{{len .Items}};{{end}}`, "1:1;0:1;"}}},
	{"add", "加法。", add, []Example{{`{{add 1 2}}`, "3"}}},
	{"sub", "减法。", sub, []Example{{`{{sub 54 1}}`, "53"}}},
	{"trimSuffix", "去掉末尾的文字（可用管道）。", trimSuffix, []Example{
		{`{{"独立运行的政府网站" | trimSuffix "的政府网站"}}`, "独立运行"}}},
	{"trimPrefix", "去掉开头的文字（可用管道）。", trimPrefix, []Example{
		{`{{"揭阳市人民政府办公室" | trimPrefix "揭阳市"}}`, "人民政府办公室"}}},
	{"replace", "把文字中的某段全部换成另一段（可用管道）：要找的文字、换成的文字、原文。", replace, []Example{
		{`{{"政府网站内容更新不及时" | replace "政府网站" "政务新媒体"}}、{{replace "；" "，" "首页未更新；栏目空白"}}`, "政务新媒体内容更新不及时、首页未更新，栏目空白"}}},
	{"default", "值为空时用默认值。", defaultValue, []Example{{`{{default "无" ""}}、{{default "无" "有"}}`, "无、有"}}},
	{"image", "插入图片：模板文件夹中的 PNG 或 JPEG 文件名和图题，可再给宽度（毫米，默认与版心同宽，即 156 毫米）。图片单独成段、居中，图题在图下与图同页；太大的图片（超过 3000 万像素）不能用。", imageMarker, []Example{
		{`{{image "图1.1.png" "图 1.1"}}`, "【图片：图1.1.png｜图 1.1】"},
		{`{{image "图1.2.jpg" "图 1.2 复制文章" 120}}`, "【图片：图1.2.jpg｜图 1.2 复制文章｜120】"}}},
}

// Funcs returns the template functions registered in FuncDocs.
func Funcs() template.FuncMap {
	m := template.FuncMap{}
	for _, f := range FuncDocs {
		m[f.Name] = f.Fn
	}
	return m
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cn writes n (0 ≤ n < 10000) in Chinese numerals: 1 一, 10 十, 12 十二, 105 一百零五.
func cn(n int) (string, error) {
	if n < 0 || n >= 10000 {
		return "", fmt.Errorf("cn 只支持 0 到 9999，得到 %d", n)
	}
	if n < 10 {
		return cnDigits[n], nil
	}
	units := []string{"千", "百", "十", ""}
	digits := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	started := false
	for i, d := range digits {
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(d == 1 && i == 2 && !started) { // 十二, not 一十二
			b.WriteString(cnDigits[d])
		}
		b.WriteString(units[i])
		started = true
	}
	return b.String(), nil
}

func quarter(q int) (string, error) {
	if q < 1 || q > 4 {
		return "", fmt.Errorf("季度应为 1 到 4，得到 %d", q)
	}
	s, _ := cn(q)
	return "第" + s + "季度", nil
}

// date writes t as 2019年4月12日.
func date(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

func monthDay(t time.Time) string {
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// dateRange writes 2019年2月21日至3月4日, dropping the repeated year (and month).
func dateRange(a, b time.Time) string { return circular.DateRange(a, b) }

// rateFns are the rate functions under the rule *r as it is when they run:
// the default rule for the documented examples, the office's in a Set
// (Set.newTemplate). An optional last argument gives other decimals.
type rateFns struct{ r *circular.Rates }

var defaultRates = circular.DefaultRates()

// pct, failrate, passrate, passchange and failchange are the domain's rate
// rules (circular.Rates) under the names editors use, with the default rule.
var (
	defaultFns = rateFns{&defaultRates}
	pct        = defaultFns.pct
	failrate   = defaultFns.failrate
	passrate   = defaultFns.passrate
	passchange = defaultFns.passchange
	failchange = defaultFns.failchange
)

// funcs returns the rate functions by their template names.
func (f rateFns) funcs() template.FuncMap {
	return template.FuncMap{"pct": f.pct, "failrate": f.failrate, "passrate": f.passrate,
		"passchange": f.passchange, "failchange": f.failchange}
}

func (f rateFns) with(dec []int) (circular.Rates, error) {
	switch len(dec) {
	case 0:
		return *f.r, nil
	case 1:
		return f.r.WithDecimals(dec[0]), nil
	}
	return *f.r, fmt.Errorf("小数位数只能给一个，得到 %d 个", len(dec))
}

func (f rateFns) pct(num, den int, dec ...int) (string, error) {
	r, err := f.with(dec)
	if err != nil {
		return "", err
	}
	return r.Share(num, den)
}

func (f rateFns) failrate(fail, checked int, dec ...int) (string, error) {
	r, err := f.with(dec)
	if err != nil {
		return "", err
	}
	if fail == 0 && checked > 0 && r.Check() == nil {
		return "0", nil // as annex tables print it
	}
	return r.Fail(fail, checked)
}

func (f rateFns) passrate(fail, checked int, dec ...int) (string, error) {
	r, err := f.with(dec)
	if err != nil {
		return "", err
	}
	return r.Pass(fail, checked)
}

func (f rateFns) passchange(cur, prev Tally) (string, error) {
	return pointChange(*f.r, cur, prev, true)
}

func (f rateFns) failchange(cur, prev Tally) (string, error) {
	return pointChange(*f.r, cur, prev, false)
}

// pointChange words the change of the pass (or failure) rate from prev to
// cur in percentage points: 提高1.2个百分点, 下降0.5个百分点, 持平.
func pointChange(r circular.Rates, cur, prev Tally, pass bool) (string, error) {
	d, sign, err := r.PointChange(cur.Failing, cur.Checked, prev.Failing, prev.Checked, pass)
	if err != nil {
		return "", err
	}
	up := "上升"
	if pass {
		up = "提高"
	}
	switch {
	case cur.Checked == 0 || prev.Checked == 0:
		return "", fmt.Errorf("有一轮没有检查任何对象，无法比较比例（本轮检查 %d 个，上轮检查 %d 个）", cur.Checked, prev.Checked)
	case sign > 0:
		return up + d + "个百分点", nil
	case sign < 0:
		return "下降" + d + "个百分点", nil
	}
	return "持平", nil
}

// change words how a count moved: 增加了2个, 减少了7家, 持平.
func change(cur, prev int, word string) string {
	switch {
	case cur > prev:
		return "增加了" + strconv.Itoa(cur-prev) + word
	case cur < prev:
		return "减少了" + strconv.Itoa(prev-cur) + word
	}
	return "持平"
}

// tally returns the row named name of a list of tallies (a platform, a
// region), or an empty row of that name.
func tally(list []Tally, name string) Tally {
	for _, t := range list {
		if t.Name == name {
			return t
		}
	}
	return Tally{Name: name}
}

func count(n int, word string) string { return strconv.Itoa(n) + word }

// strs turns a list of strings (or of anything printable) into []string.
func strs(list any) ([]string, error) {
	if s, ok := list.([]string); ok {
		return s, nil
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("需要一个列表，得到 %T", list)
	}
	out := make([]string, v.Len())
	for i := range out {
		out[i] = fmt.Sprint(v.Index(i).Interface())
	}
	return out, nil
}

func join(list any) (string, error) {
	s, err := strs(list)
	return strings.Join(s, "、"), err
}

func joinAnd(list any) (string, error) {
	s, err := strs(list)
	if err != nil || len(s) < 2 {
		return strings.Join(s, ""), err
	}
	return strings.Join(s[:len(s)-1], "、") + "和" + s[len(s)-1], nil
}

// field returns the named field (or map key) of v.
func field(v reflect.Value, name string) (reflect.Value, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		if sf, ok := v.Type().FieldByName(name); ok && sf.IsExported() {
			return v.FieldByIndex(sf.Index), nil
		}
	case reflect.Map:
		if f := v.MapIndex(reflect.ValueOf(name)); f.IsValid() {
			return f, nil
		}
	}
	return reflect.Value{}, fmt.Errorf("列表中的项没有字段「%s」", name)
}

// names returns the named field of every item of list.
func names(list any, name string) ([]string, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("names 需要一个列表，得到 %T", list)
	}
	var out []string
	for i := 0; i < v.Len(); i++ {
		f, err := field(v.Index(i), name)
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(f.Interface()))
	}
	return out, nil
}

// Group is one group made by groupBy.
type Group struct {
	Key   string
	Items []any
}

// groupBy groups list by the named field, in order of first appearance.
func groupBy(list any, name string) ([]Group, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("groupBy 需要一个列表，得到 %T", list)
	}
	var groups []Group
	index := map[string]int{}
	for i := 0; i < v.Len(); i++ {
		f, err := field(v.Index(i), name)
		if err != nil {
			return nil, err
		}
		k := fmt.Sprint(f.Interface())
		j, ok := index[k]
		if !ok {
			j = len(groups)
			index[k] = j
			groups = append(groups, Group{Key: k})
		}
		groups[j].Items = append(groups[j].Items, v.Index(i).Interface())
	}
	return groups, nil
}

func trimSuffix(suffix, s string) string { return strings.TrimSuffix(s, suffix) }

func trimPrefix(prefix, s string) string { return strings.TrimPrefix(s, prefix) }

// replace replaces every old in s with new; an empty old changes nothing
// (strings.ReplaceAll would put new between every character).
func replace(old, new, s string) string {
	if old == "" {
		return s
	}
	return strings.ReplaceAll(s, old, new)
}

func add(a, b int) int { return a + b }
func sub(a, b int) int { return a - b }

func defaultValue(def string, v any) string {
	if s := fmt.Sprint(v); v != nil && s != "" && s != "0" {
		return s
	}
	return def
}

// imageMarker writes the mark of an image, 【图片：文件名｜图题｜宽度】, which
// Paragraphs turns into an image block and Compose fills from the
// templates folder.
func imageMarker(name, caption string, width ...float64) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", fmt.Errorf("缺少图片文件名")
	}
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("图片「%s」应是模板文件夹中的文件名，不能带文件夹", name)
	}
	if strings.ContainsAny(name+caption, "｜】\n") {
		return "", fmt.Errorf("图片文件名和图题中不能有「｜」「】」或换行")
	}
	m := "【图片：" + name + "｜" + caption
	switch {
	case len(width) > 1:
		return "", fmt.Errorf("宽度只能给一个")
	case len(width) == 1 && (width[0] <= 0 || width[0] > 156):
		return "", fmt.Errorf("图片宽度应在 0 到 156 毫米（版心宽度）之间，现在是 %g", width[0])
	case len(width) == 1:
		m += "｜" + strconv.FormatFloat(width[0], 'f', -1, 64)
	}
	return m + "】", nil
}

// FuncTable renders FuncDocs as the Markdown table in templates/README.md.
func FuncTable() string {
	var b strings.Builder
	b.WriteString("| 函数 | 作用 | 示例 | 结果 |\n|---|---|---|---|\n")
	for _, f := range FuncDocs {
		for i, ex := range f.Examples {
			name, doc := "`"+f.Name+"`", f.Doc
			if i > 0 {
				name, doc = "", ""
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", name, doc, strings.ReplaceAll(ex.Template, "|", `\|`), ex.Want)
		}
	}
	return b.String()
}
