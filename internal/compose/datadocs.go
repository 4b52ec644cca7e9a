package compose

import (
	"fmt"
	"strings"
)

// DataExamples show editors the data of a round's period, scope, previous
// round, rates and own figures; a test executes each on the sample data and
// templates/README.md lists them (DataTable).
var DataExamples = []FuncDoc{
	{Name: ".Round.Kind、.Round.This", Doc: "期间的种类（季度、月、半年，其他检查为“次”）和正文中的称呼（本季度、本月、本次）", Examples: []Example{
		{`{{.Round.Kind}}、{{.Round.This}}`, "季度、本季度"}}},
	{Name: ".Round.PeriodStart、.Round.PeriodEnd", Doc: "本轮所查期间的首日和末日（季度、月份、半年由它推出；其他检查为工作簿中的起止日期）", Examples: []Example{
		{`{{dateRange .Round.PeriodStart .Round.PeriodEnd}}`, "2019年1月1日至3月31日"}}},
	{Name: ".Subject", Doc: "本轮检查了什么：政府网站、政务新媒体，或政府网站和政务新媒体；默认模板用它只说检查了的", Examples: []Example{
		{`关于{{.Round.Name}}{{.Area}}{{.Subject}}检查情况的通报`, "关于2019年第一季度全市政府网站检查情况的通报"}}},
	{Name: ".Last", Doc: "上一轮的统计（没有上一轮时为空）：.Last.Round 同 .Round，.Last.Word 是比较时的称呼（上季度、上月；不是紧挨着的上一期时为“上次”），.Last.Sites、.Last.Accounts 同 .Sites、.Accounts（只有统计，没有名单），.Last.Figures 同 .Figures", Examples: []Example{
		{`{{with .Last}}{{.Round.Name}}：{{.Sites.Total.Checked}}个，{{.Sites.Total.Failing}}个不合格{{end}}`, "2018年第四季度：54个，2个不合格"},
		{`{{with .Last}}比{{.Word}}{{change $.Sites.Total.Failing .Sites.Total.Failing "个"}}，合格率较{{.Word}}{{passchange $.Sites.Total .Sites.Total}}{{end}}`, "比上季度减少了1个，合格率较上季度提高1.8个百分点"},
		{`{{if .Last}}有上一轮{{else}}没有上一轮{{end}}`, "有上一轮"},
		{`告警提醒{{.Figures.告警提醒次数}}次，{{.Last.Word}}{{.Last.Figures.告警提醒次数}}次`, "告警提醒25次，上季度31次"}}},
	{Name: ".Figures", Doc: "「检查轮次」表“名称 | 数值”下填写的数字，按名称取；名称含括号等符号时用 index；名称写错时报错并指出模板的行", Examples: []Example{
		{`告警提醒{{.Figures.告警提醒次数}}次，检测报告{{index .Figures "检测报告份数"}}份`, "告警提醒25次，检测报告13份"}}},
	{Name: ".Rates", Doc: "本单位比例的取值规则和小数位数（config.toml 的 rates、rate_decimals），pct、failrate、passrate 等函数按它计算", Examples: []Example{
		{`{{.Rates.Rule}}，保留{{.Rates.Decimals}}位小数`, "合格率取100减不合格率，保留1位小数"}}},
}

// DataTable renders DataExamples as the Markdown table in templates/README.md.
func DataTable() string {
	var b strings.Builder
	b.WriteString("| 字段 | 含义 | 示例 | 结果 |\n|---|---|---|---|\n")
	for _, f := range DataExamples {
		for i, ex := range f.Examples {
			name, doc := "`"+f.Name+"`", f.Doc
			if i > 0 {
				name, doc = "", ""
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", strings.ReplaceAll(name, "、", "`、`"), strings.ReplaceAll(doc, "|", `\|`), strings.ReplaceAll(ex.Template, "|", `\|`), ex.Want)
		}
	}
	return b.String()
}
