package excel

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
)

// This file is the one definition of the results workbook a clerk fills in:
// its sheets, their columns (headers, aliases, closed lists, help text) and
// the readers of single cell values. read.go imports with it, blank.go writes
// the blank and filled workbooks from it, so the two never disagree.

// Sheet names of the results workbook.
const (
	SheetRound    = "检查轮次"
	SheetSites    = "政府网站"
	SheetAccounts = "政务新媒体"
	SheetGuide    = "填表说明"
)

// headerScanRows is how many rows at the top of a data sheet may hold the
// header row (clerks put a title row or two above it).
const headerScanRows = 5

// sheetAliases are the names each sheet is recognised by, compared after
// circular.CompactKey and with a trailing bracketed hint removed.
var sheetAliases = map[string][]string{
	SheetRound:    {"检查轮次", "轮次", "轮次信息", "检查轮次信息", "基本信息", "检查信息"},
	SheetSites:    {"政府网站", "网站", "网站检查结果", "政府网站检查结果", "政府网站检查情况", "网站检查情况"},
	SheetAccounts: {"政务新媒体", "新媒体", "政务新媒体检查结果", "新媒体检查结果", "政务新媒体检查情况", "新媒体检查情况"},
}

// field is one datum a data sheet's column holds.
type field int

const (
	fCode field = iota
	fName
	fUnit
	fRegion
	fCategory
	fPlatform
	fStatus
	fChecked
	fVerdict
	fVetoes
	fBlank
	fStale
	fLinks
	fDays
	fDeduction
	fProblem
	fDeductions
	fNote
	numFields
)

// Values of the closed lists the drop-downs offer.
var (
	statusValues  = []string{"运行", "关停"}
	checkedValues = []string{"是", "否"}
	verdictValues = []string{"合格", "不合格"}
	scopeValues   = []string{circular.ScopeFull.String(), circular.ScopeSample.String()}
)

// column is one column of a data sheet.
type column struct {
	field    field
	header   string
	aliases  []string
	required bool     // the header must be present and the cell filled
	list     []string // closed list offered as a drop-down
	count    bool     // a non-negative whole number
	score    bool     // a number from 0 to 100
	width    float64  // minimum width in Excel character units
	help     string   // what to fill in, for 填表说明
	example  string
}

func join(list []string) string { return strings.Join(list, "、") }

var siteColumns = []column{
	{field: fCode, header: "网站标识码", aliases: []string{"标识码", "网站代码", "网站标识"}, required: true, width: 13,
		help: "10 位数字（6 位行政区划代码加 4 位序号），国务院部门网站为 bm 加 8 位数字；同一轮次中不能重复。请把单元格设为“文本”，以免丢失开头的数字", example: "4452000024"},
	{field: fName, header: "网站名称", aliases: []string{"网站名", "名称"}, required: true, width: 30,
		help: "网站的全称，与全国政府网站信息报送系统一致", example: "广东省揭阳大南海石化工业区管理委员会官方网站"},
	{field: fUnit, header: "主办单位", aliases: []string{"开办主体", "主办机构", "主办单位名称", "开办单位"}, required: true, width: 24,
		help: "网站的主办单位全称", example: "揭阳大南海石化工业区管理委员会"},
	{field: fRegion, header: "地区", aliases: []string{"所属地区", "区域", "市/区县", "县(市、区)", "所属区县", "地市"}, width: 10,
		help: "县（市、区）或“市直”；同一地区的连续几行可以合并单元格", example: "大南海石化工业区"},
	{field: fCategory, header: "网站类别", aliases: []string{"网站类型", "类别", "网站分类"}, list: circular.SiteCategories, width: 12,
		help: "从下拉列表选择：" + join(circular.SiteCategories) + "。“集约化子站”计为已集约化的政府网站，其余计为独立运行的政府网站", example: "门户网站"},
	{field: fStatus, header: "运行状态", aliases: []string{"状态", "运行情况"}, list: statusValues, width: 9,
		help: "运行 或 关停；留空按“运行”。关停的网站不能检查", example: "运行"},
	{field: fChecked, header: "是否检查", aliases: []string{"检查", "是否抽查", "是否抽中"}, list: checkedValues, width: 9,
		help: "是 或 否；留空按“是”（关停的网站按“否”）。抽查未抽中的网站填“否”，其余各项可以留空", example: "是"},
	{field: fVerdict, header: "检查结论", aliases: []string{"结论", "检查结果", "是否合格"}, list: verdictValues, width: 9,
		help: "合格 或 不合格；留空时按下面的判定规则由各项指标决定。填写了结论但与指标矛盾时导入会报错，不会自动改正", example: "不合格"},
	{field: fVetoes, header: "单项否决指标", aliases: []string{"单项否决", "否决指标", "单项否决项", "触发单项否决指标"}, width: 16,
		help: "触发的单项否决指标，可填多项，用顿号分隔：" + join(circular.SiteVetoes), example: circular.VetoColumns},
	{field: fBlank, header: "空白栏目数", aliases: []string{"空白栏目", "空白栏目个数"}, count: true, width: 8,
		help: fmt.Sprintf("整数；达到 %d 个即单项否决（栏目不更新）", circular.BlankColumnsLimit), example: "5"},
	{field: fStale, header: "不更新栏目数", aliases: []string{"不更新栏目", "栏目不更新数", "更新不及时栏目数", "栏目更新不及时数"}, count: true, width: 8,
		help: fmt.Sprintf("整数，长期不更新或更新不及时的栏目个数；达到 %d 个即单项否决（栏目不更新）", circular.StaleColumnsLimit), example: "7"},
	{field: fLinks, header: "不可用链接数", aliases: []string{"不可用链接", "链接不可用数", "错链数", "错误链接数"}, count: true, width: 8,
		help: "整数；只在存在的突出问题中列出，不单独决定结论", example: "0"},
	{field: fDays, header: "首页未更新天数", aliases: []string{"首页不更新天数", "首页连续未更新天数", "未更新天数"}, count: true, width: 8,
		help: fmt.Sprintf("整数，监测时首页连续未更新的天数；达到 %d 天即单项否决（首页不更新）", circular.StaleDaysLimit), example: "3"},
	{field: fDeduction, header: "扣分", aliases: []string{"扣分数", "扣分值", "扣分合计"}, score: true, width: 7,
		help: fmt.Sprintf("0 到 100 的数，可带小数；扣分超过 %d 分（得分低于 %d 分）为不合格", circular.DeductionLimit, 100-circular.DeductionLimit), example: "12.5"},
	{field: fProblem, header: "存在的突出问题", aliases: []string{"突出问题", "存在问题", "存在的问题", "主要问题", "问题描述"}, width: 30,
		help: "不合格网站的问题，按通报中的写法填写，多个问题用顿号分隔；留空时由各项指标生成（如“7个栏目更新不及时、5个栏目空白”）", example: "7个栏目更新不及时、5个栏目空白"},
	{field: fDeductions, header: "扣分问题", aliases: []string{"扣分项", "扣分原因", "扣分情况", "扣分问题描述", "扣分事项"}, width: 30,
		help: "合格但扣了分的网站，把扣分的问题按通报中的写法填在这里，多个问题用分号（；）分隔；通报中与不合格的问题分开列出。未检查的网站不填", example: "个别栏目更新不及时；部分链接无法打开"},
	{field: fNote, header: "备注", aliases: []string{"说明"}, width: 16, help: "内部备注，不印入通报", example: ""},
}

var accountColumns = []column{
	{field: fPlatform, header: "新媒体类型", aliases: []string{"平台", "类型", "新媒体平台", "平台类型", "账号类型", "帐号类型"}, required: true, list: circular.Platforms, width: 10,
		help: platformHelp(circular.Platforms), example: "微信"},
	{field: fName, header: "账号名称", aliases: []string{"帐号名称", "新媒体名称", "账号", "帐号", "名称", "公众号名称"}, required: true, width: 22,
		help: "账号的名称；新媒体类型加账号名称在同一轮次中不能重复", example: "揭阳发布"},
	{field: fUnit, header: "主办单位", aliases: []string{"开办主体", "主办机构", "运营主体", "开办单位", "主办单位名称"}, required: true, width: 24,
		help: "账号的开办主体全称", example: "揭阳市人民政府新闻办公室"},
	{field: fRegion, header: "地区", aliases: []string{"所属地区", "区域", "市/区县", "县(市、区)", "所属区县", "地市"}, width: 10,
		help: "县（市、区）或“市直”；同一地区的连续几行可以合并单元格", example: "市直"},
	{field: fStatus, header: "运行状态", aliases: []string{"状态", "运行情况"}, list: statusValues, width: 9,
		help: "运行 或 关停（已注销的账号填关停）；留空按“运行”", example: "运行"},
	{field: fChecked, header: "是否检查", aliases: []string{"检查", "是否抽查", "是否抽中"}, list: checkedValues, width: 9,
		help: "是 或 否；留空按“是”（关停的账号按“否”）", example: "是"},
	{field: fVerdict, header: "检查结论", aliases: []string{"结论", "检查结果", "是否合格"}, list: verdictValues, width: 9,
		help: "合格 或 不合格；留空时按判定规则由各项指标决定。与指标矛盾时导入会报错", example: "合格"},
	{field: fVetoes, header: "单项否决指标", aliases: []string{"单项否决", "否决指标", "单项否决项", "触发单项否决指标"}, width: 16,
		help: "触发的单项否决指标，可填多项，用顿号分隔：" + join(circular.AccountVetoes), example: circular.VetoInteraction},
	{field: fDays, header: "未更新天数", aliases: []string{"连续未更新天数", "不更新天数"}, count: true, width: 8,
		help: fmt.Sprintf("整数，检查时点前连续未更新的天数；达到 %d 天即单项否决（内容不更新）", circular.StaleDaysLimit), example: "0"},
	{field: fProblem, header: "存在的主要问题", aliases: []string{"主要问题", "存在问题", "存在的问题", "突出问题", "存在的突出问题", "问题描述"}, width: 24,
		help: "不合格账号的问题，按通报中的写法填写；留空时由指标生成（如“互动功能不可用”“连续20天未更新”）", example: "互动功能不可用"},
	{field: fDeductions, header: "扣分问题", aliases: []string{"扣分项", "扣分原因", "扣分情况", "扣分问题描述", "扣分事项"}, width: 24,
		help: "合格但扣了分的账号，把扣分的问题按通报中的写法填在这里，多个问题用分号（；）分隔；通报中与不合格的问题分开列出。未检查的账号不填", example: "留言区存在商业广告"},
	{field: fNote, header: "备注", aliases: []string{"说明"}, width: 16, help: "内部备注，不印入通报", example: ""},
}

// platformHelp is the 新媒体类型 column's help for a list of platforms.
func platformHelp(names []string) string {
	return "从下拉列表选择：" + join(names) + "（“微信公众号”“今日头条”、繁体字等写法也可以）；列表中没有的平台写成“其他（平台名称）”，通报中按所写的平台名称统计"
}

// withPlatforms returns the account columns with the platform list pl.
func withPlatforms(pl *circular.PlatformList) []column {
	cols := append([]column(nil), accountColumns...)
	for i := range cols {
		if cols[i].field == fPlatform {
			cols[i].list, cols[i].help = pl.Names(), platformHelp(pl.Names())
		}
	}
	return cols
}

// roundKey is one item of the 检查轮次 sheet.
type roundKey int

const (
	kYear roundKey = iota
	kQuarter
	kLabel
	kScope
	kShare
	kStart
	kEnd
	kReports
	kOnTime
	kNote
	kMonth
	kHalf
	kPeriod
	numRoundKeys
)

// roundItem is one row of the 检查轮次 sheet.
type roundItem struct {
	key     roundKey
	name    string
	aliases []string
	help    string
}

// Headers of the 检查轮次 sheet.
const (
	roundKeyHeader   = "项目"
	roundValueHeader = "内容"
	roundHelpHeader  = "填写说明"
)

var roundItems = []roundItem{
	{kYear, "年度", []string{"年份", "检查年度", "年"}, "必填，四位数字，如 2019"},
	{kQuarter, "季度", []string{"检查季度"}, "季度检查填 1 到 4（也可写“第一季度”）。检查期间必填：季度、月份、半年、起止日期四项填且只填一项"},
	{kMonth, "月份", []string{"检查月份", "月"}, "月度检查填 1 到 12（也可写“9月”）"},
	{kHalf, "半年", []string{"半年度", "上下半年"}, "半年检查填“上半年”或“下半年”"},
	{kPeriod, "起止日期", []string{"检查期间", "起止时间", "检查起止日期"}, "专项检查等其他轮次填所查期间，如 2023-03-01至2023-04-15，并填写轮次名称"},
	{kLabel, "轮次名称", []string{"轮次", "名称", "检查名称"}, "填写了起止日期的轮次必填，如“2023年网站普查”；季度、月度和半年检查留空"},
	{kScope, "检查方式", []string{"检查范围", "方式"}, "全覆盖 或 抽查；留空按全覆盖"},
	{kShare, "抽查比例", []string{"比例", "抽查比率"}, "检查方式为抽查时必填，如 20 或 20%"},
	{kStart, "采样开始日期", []string{"开始日期", "检查开始日期", "采样开始时间", "开始时间"}, "如 2019-02-21，也可写 2019/2/21、2019年2月21日；与结束日期一起填写或都不填"},
	{kEnd, "采样结束日期", []string{"结束日期", "检查结束日期", "采样结束时间", "结束时间"}, "如 2019-03-04，不能早于开始日期"},
	{kReports, "找错留言数", []string{"找错留言", "我为政府网站找错留言数", "收到留言数", "留言数"}, "本季度收到“我为政府网站找错”平台转办的留言条数；不知道可留空"},
	{kOnTime, "按时办理留言数", []string{"按时办理数", "按时办理", "按时办结留言数", "按时办理留言"}, "其中按时办理的条数，不能多于留言数"},
	{kNote, "备注", []string{"说明"}, "内部备注，不印入通报"},
}

// matchKey is the form in which sheet names, headers and round items are
// compared: CompactKey, without trailing bracketed hints (网站标识码（10位）),
// required-marker asterisks or colons.
func matchKey(s string) string {
	k := circular.CompactKey(s)
	for {
		trimmed := strings.TrimLeft(strings.TrimRight(k, "*:："), "*")
		trimmed = trimBracket(trimmed)
		if trimmed == k {
			return k
		}
		k = trimmed
	}
}

var closing = map[rune]rune{')': '(', '）': '（', '】': '【', ']': '[', '>': '<'}

// trimBracket removes one trailing bracketed hint: 扣分（0-100） → 扣分.
func trimBracket(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	open, ok := closing[r]
	if !ok {
		return s
	}
	if i := strings.LastIndex(s[:len(s)-size], string(open)); i >= 0 {
		return s[:i]
	}
	return s
}

// columnIndex maps a header's matchKey to its column definition.
func columnIndex(cols []column) map[string]*column {
	m := map[string]*column{}
	for i := range cols {
		c := &cols[i]
		for _, a := range append([]string{c.header}, c.aliases...) {
			m[matchKey(a)] = c
		}
	}
	return m
}

var (
	siteIndex    = columnIndex(siteColumns)
	accountIndex = columnIndex(accountColumns)
	roundIndex   = func() map[string]roundKey {
		m := map[string]roundKey{}
		for _, it := range roundItems {
			for _, a := range append([]string{it.name}, it.aliases...) {
				m[matchKey(a)] = it.key
			}
		}
		return m
	}()
)

// Cell value readers. Each takes the raw cell text (Excel's stored value:
// numbers unformatted, dates as serial numbers) and returns the value, or
// what is wrong in Chinese saying what is expected.

// emptyMarks are cell contents that mean "not filled in".
var emptyMarks = map[string]bool{"-": true, "—": true, "——": true, "/": true, "－": true, "–": true}

// text returns the cell's text cleaned for printing (stray spaces and line
// breaks removed between Chinese characters).
func text(s string) string { return circular.CleanText(s) }

// textLimits are the most characters a text column may hold: generous for
// real names (the longest are some 60 characters) and problems, and small
// enough that one cell cannot fill pages of an annex table.
var textLimits = map[field]int{fName: 200, fUnit: 200, fRegion: 50, fProblem: 1000, fDeductions: 1000, fNote: 5000}

// limitText checks a cleaned text against its column's limit.
func limitText(f field, header, s string) (string, []issue) {
	n, limit := utf8.RuneCountInString(s), textLimits[f]
	if limit == 0 || n <= limit {
		return s, nil
	}
	return string([]rune(s)[:limit]), []issue{{f, fmt.Sprintf("「%s」有 %d 个字，超过 %d 字的上限：请检查单元格中是否粘贴了多余的内容（开头是「%s…」）",
		header, n, limit, string([]rune(s)[:min(20, limit)]))}}
}

// limitTexts applies limitText to the name, unit, region, problem, deduction
// problems and note.
func limitTexts(account bool, name, unit, region, problem, deductions, note *string) []issue {
	nameHeader := "网站名称"
	problemHeader := "存在的突出问题"
	if account {
		nameHeader, problemHeader = "账号名称", "存在的主要问题"
	}
	var iss []issue
	for _, x := range []struct {
		f      field
		header string
		s      *string
	}{{fName, nameHeader, name}, {fUnit, "主办单位", unit}, {fRegion, "地区", region}, {fProblem, problemHeader, problem},
		{fDeductions, "扣分问题", deductions}, {fNote, "备注", note}} {
		var more []issue
		*x.s, more = limitText(x.f, x.header, *x.s)
		iss = append(iss, more...)
	}
	return iss
}

var unitSuffix = regexp.MustCompile(`(?:个|天|条|次|分|家|日)$`)

// parseNumber reads a number that may be typed with full-width digits, a
// unit (5个, 12天) or thousands separators; ok is false for anything else.
func parseNumber(s string) (float64, bool) {
	s = circular.Normalize(s)
	s = unitSuffix.ReplaceAllString(s, "")
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parseCount reads a non-negative whole number; empty (or 「-」) is circular.NA
// and 「无」 is 0.
func parseCount(s string) (int, string) {
	s = circular.Normalize(s)
	if s == "" || emptyMarks[s] {
		return circular.NA, ""
	}
	if s == "无" || s == "没有" {
		return 0, ""
	}
	f, ok := parseNumber(s)
	switch {
	case !ok:
		return circular.NA, fmt.Sprintf("「%s」不是数字：应填不小于 0 的整数，如 5", s)
	case f < 0:
		return circular.NA, fmt.Sprintf("不能为负数（填的是 %s）：应填不小于 0 的整数", s)
	case f != math.Trunc(f):
		return circular.NA, fmt.Sprintf("「%s」不是整数：应填不小于 0 的整数", s)
	case f > 1e6:
		return circular.NA, fmt.Sprintf("「%s」太大了：应填不小于 0 的整数", s)
	}
	return int(f), ""
}

// parseScore reads a 扣分 from 0 to 100; empty is circular.NA.
func parseScore(s string) (float64, string) {
	s = circular.Normalize(s)
	if s == "" || emptyMarks[s] {
		return circular.NA, ""
	}
	f, ok := parseNumber(s)
	if !ok || f < 0 || f > 100 {
		return circular.NA, fmt.Sprintf("「%s」不对：扣分应为 0 到 100 的数，如 12 或 12.5", s)
	}
	// Excel stores 12.3 as 12.300000000000001 at times; keep two decimals.
	return math.Round(f*100) / 100, ""
}

// parseShare reads a sampling share in percent: 20, 20% or Excel's 0.2 of a
// cell formatted as a percentage.
func parseShare(s string) (float64, string) {
	n := strings.TrimSuffix(strings.TrimSpace(circular.Normalize(s)), "%")
	f, ok := parseNumber(n)
	if !ok || f <= 0 || f > 100 {
		return 0, fmt.Sprintf("「%s」不对：抽查比例应为大于 0、不超过 100 的百分数，如 20 或 20%%", s)
	}
	if f < 1 && !strings.Contains(s, "%") {
		f *= 100 // a percentage cell stores 20% as 0.2
	}
	return math.Round(f*100) / 100, ""
}

var (
	dateTextRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$`)
	dateDigits = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
)

// parseDate reads a date: an Excel date (a serial number) or text in the
// forms 2019-02-21, 2019/2/21, 2019.2.21, 2019年2月21日 or 20190221. The zero
// time is returned for an empty cell.
func parseDate(s string) (time.Time, string) {
	s = circular.Normalize(s)
	if s == "" || emptyMarks[s] {
		return time.Time{}, ""
	}
	bad := fmt.Sprintf("「%s」不是日期：请填写如 2019-02-21、2019/2/21 或 2019年2月21日 的日期，或设为日期格式的单元格", s)
	var y, m, d int
	if mm := dateTextRE.FindStringSubmatch(s); mm != nil {
		y, _ = strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		d, _ = strconv.Atoi(mm[3])
	} else if mm := dateDigits.FindStringSubmatch(s); mm != nil {
		y, _ = strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		d, _ = strconv.Atoi(mm[3])
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 {
		t := excelSerialDate(f)
		y, m, d = t.Year(), int(t.Month()), t.Day()
	} else {
		return time.Time{}, bad
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Sprintf("「%s」不是有效的日期（%d 年没有 %d 月 %d 日）", s, y, m, d)
	}
	if y < 1990 || y > 2100 {
		return time.Time{}, fmt.Sprintf("日期「%s」的年份 %d 不合理：请填写检查采样的实际日期", s, y)
	}
	return t, ""
}

// parseYear reads a 年度: 2019 or 2019年.
func parseYear(s string) (int, string) {
	n := strings.TrimSuffix(circular.Normalize(s), "年")
	f, ok := parseNumber(n)
	if !ok || f != math.Trunc(f) || f < 1990 || f > 2100 {
		return 0, fmt.Sprintf("「%s」不是年份：年度应为四位数字，如 2019", s)
	}
	return int(f), ""
}

var quarterRE = regexp.MustCompile(`^(?:第)?([1-4一二三四])(?:季度|季)?$|^[Qq]([1-4])$`)

// parseQuarter reads a 季度: 1–4, 第一季度, 一季度, Q1; 0 for an empty cell.
func parseQuarter(s string) (int, string) {
	k := circular.CompactKey(s)
	if k == "" {
		return 0, ""
	}
	if f, ok := parseNumber(k); ok && f == math.Trunc(f) && f >= 1 && f <= 4 {
		return int(f), ""
	}
	if m := quarterRE.FindStringSubmatch(k); m != nil {
		d := m[1] + m[2]
		if i := strings.Index("一二三四", d); i >= 0 {
			return i/len("一") + 1, ""
		}
		q, _ := strconv.Atoi(d)
		return q, ""
	}
	if _, q, ok := circular.ParseRoundKey(s); ok {
		return q, ""
	}
	return 0, fmt.Sprintf("「%s」不是季度：应填 1 到 4（或“第一季度”）；不是季度检查时留空并填写轮次名称", s)
}

// parseYesNo reads 是否检查: 是/否 and their variants; def for an empty cell.
func parseYesNo(s string, def bool) (bool, string) {
	switch circular.CompactKey(s) {
	case "":
		return def, ""
	case "是", "已检查", "检查", "抽中", "已抽查", "y", "yes", "true", "1", "√":
		return true, ""
	case "否", "未检查", "不检查", "未抽中", "未抽查", "n", "no", "false", "0", "×":
		return false, ""
	}
	return def, fmt.Sprintf("「%s」不对：应填“是”或“否”", s)
}

// parseStatus reads 运行状态; closed is true for 关停 and its variants.
func parseStatus(s string) (closed bool, problem string) {
	switch circular.CompactKey(s) {
	case "", "运行", "正常运行", "在运行", "正常", "运行中", "在用":
		return false, ""
	case "关停", "已关停", "停运", "关闭", "已关闭", "注销", "已注销", "下线", "已下线":
		return true, ""
	}
	return false, fmt.Sprintf("「%s」不对：运行状态应为“运行”或“关停”", s)
}

// excelSerialDate converts an Excel serial date to its calendar day (UTC).
func excelSerialDate(f float64) time.Time {
	t := excelSerialTime(f)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// excelSerialTime converts an Excel serial date-time (1900 system), rounded
// to the second so that 43517.99999999 is not the day before.
func excelSerialTime(f float64) time.Time {
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return time.Time{}
	}
	return t.Add(500 * time.Millisecond).Truncate(time.Second)
}

// formatFloat prints a number without trailing zeros: 20, 12.5.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// issue is a problem in one cell of a row.
type issue struct {
	field field
	text  string
}

// normalizeCode reads a 网站标识码 as typed: full-width digits, spaces, BM in
// capitals, a leading apostrophe, or a number Excel shows as 4.452E+09.
func normalizeCode(s string) string {
	s = strings.ReplaceAll(circular.Normalize(s), " ", "")
	s = strings.TrimLeft(s, "'‘’")
	if strings.HasPrefix(s, "BM") || strings.HasPrefix(s, "Bm") || strings.HasPrefix(s, "bM") {
		s = "bm" + s[2:]
	}
	if strings.ContainsAny(s, ".eE") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f > 0 && f < 1e11 {
			s = strconv.FormatInt(int64(f), 10)
		}
	}
	return s
}

// parseSiteRow reads one row of the 政府网站 sheet; get returns a field's raw
// cell text ("" when the column is absent).
func parseSiteRow(get func(field) string) (circular.SiteResult, []issue) {
	var s circular.SiteResult
	var iss []issue
	s.Code = normalizeCode(get(fCode))
	if s.Code == "" {
		iss = append(iss, issue{fCode, "网站标识码不能为空：应为 10 位数字，如 4452000024"})
	} else if msg := circular.ValidSiteCode(s.Code); msg != "" {
		iss = append(iss, issue{fCode, msg})
	}
	s.Name, s.Unit, s.Region = text(get(fName)), text(get(fUnit)), text(get(fRegion))
	if s.Name == "" {
		iss = append(iss, issue{fName, "网站名称不能为空"})
	}
	if s.Unit == "" {
		iss = append(iss, issue{fUnit, "主办单位不能为空"})
	}
	if c := get(fCategory); strings.TrimSpace(c) != "" {
		cat, ok := circular.ParseCategory(c)
		if !ok {
			iss = append(iss, issue{fCategory, fmt.Sprintf("「%s」不是网站类别：应为 %s 之一", circular.CleanText(c), join(circular.SiteCategories))})
		}
		s.Category = cat
	}
	var more []issue
	s.Closed, s.Result, more = parseResult(get, false)
	iss = append(iss, more...)
	return s, append(iss, limitTexts(false, &s.Name, &s.Unit, &s.Region, &s.Problem, &s.Deductions, &s.Note)...)
}

// parseAccountRow reads one row of the 政务新媒体 sheet; pl is the closed list
// of platforms.
func parseAccountRow(get func(field) string, pl *circular.PlatformList) (circular.AccountResult, []issue) {
	var a circular.AccountResult
	var iss []issue
	names := join(pl.Names())
	if p := get(fPlatform); strings.TrimSpace(p) == "" {
		iss = append(iss, issue{fPlatform, "新媒体类型不能为空：应为 " + names + " 之一"})
	} else if pn, ok := pl.Parse(p); !ok {
		iss = append(iss, issue{fPlatform, fmt.Sprintf("「%s」不是新媒体类型：应为 %s 之一；其他平台请写成“其他（平台名称）”，常用的可由管理员加入 config.toml 的 [platforms]", circular.CleanText(p), names)})
	} else {
		a.Platform = pn
	}
	a.Name, a.Unit, a.Region = text(get(fName)), text(get(fUnit)), text(get(fRegion))
	if a.Name == "" {
		iss = append(iss, issue{fName, "账号名称不能为空"})
	}
	if a.Unit == "" {
		iss = append(iss, issue{fUnit, "主办单位不能为空"})
	}
	var more []issue
	a.Closed, a.Result, more = parseResult(get, true)
	iss = append(iss, more...)
	return a, append(iss, limitTexts(true, &a.Name, &a.Unit, &a.Region, &a.Problem, &a.Deductions, &a.Note)...)
}

// parseResult reads the result columns shared by both sheets and applies the
// verdict rules; a verdict contradicting the indicators is reported on the
// 检查结论 column, never changed.
func parseResult(get func(field) string, account bool) (closed bool, r circular.Result, iss []issue) {
	kind := "网站"
	if account {
		kind = "账号"
	}
	bad := func(f field, format string, args ...any) { iss = append(iss, issue{f, fmt.Sprintf(format, args...)}) }
	closed, msg := parseStatus(get(fStatus))
	if msg != "" {
		bad(fStatus, "%s", msg)
	}
	r = circular.NewResult()
	checked, msg := parseYesNo(get(fChecked), !closed)
	if msg != "" {
		bad(fChecked, "%s", msg)
	}
	if closed && checked {
		bad(fChecked, "已关停的%s不能检查：运行状态为“关停”时，是否检查应为“否”或留空", kind)
		checked = false
	}
	r.Checked = checked
	v, ok := circular.ParseVerdict(get(fVerdict))
	if !ok {
		bad(fVerdict, "「%s」不对：检查结论应为“合格”或“不合格”，或留空由各项指标判定", circular.CleanText(get(fVerdict)))
	}
	r.Verdict = v
	vetoes, unknown := circular.ParseVetoes(get(fVetoes), account)
	if len(unknown) > 0 {
		allowed := circular.SiteVetoes
		if account {
			allowed = circular.AccountVetoes
		}
		bad(fVetoes, "「%s」不是%s的单项否决指标：应为 %s，多项用顿号分隔", strings.Join(unknown, "、"), kind, join(allowed))
	}
	r.Vetoes = vetoes
	count := func(f field, dst *int) {
		n, msg := parseCount(get(f))
		if msg != "" {
			bad(f, "%s", msg)
		}
		*dst = n
	}
	count(fDays, &r.StaleDays)
	if !account {
		count(fBlank, &r.BlankColumns)
		count(fStale, &r.StaleColumns)
		count(fLinks, &r.BrokenLinks)
		d, msg := parseScore(get(fDeduction))
		if msg != "" {
			bad(fDeduction, "%s", msg)
		}
		r.Deduction = d
	}
	r.Problem, r.Deductions, r.Note = text(get(fProblem)), text(get(fDeductions)), text(get(fNote))
	if r.Deductions != "" && !r.Checked {
		bad(fDeductions, "未检查的%s不能有扣分问题「%s」：请把「是否检查」改为“是”，或删去扣分问题", kind, r.Deductions)
	}
	switch {
	case closed && r.Verdict != circular.VerdictNone:
		bad(fVerdict, "已关停的%s不能有检查结论「%s」：请删去检查结论", kind, r.Verdict)
		r.Verdict = circular.VerdictNone
	case !ok:
	default:
		if msg := r.Evaluate(account); msg != "" {
			bad(fVerdict, "%s", msg)
		} else if r.Checked && r.Verdict == circular.VerdictPass && r.Problem != "" {
			bad(fProblem, "填写了问题「%s」，但%s按检查结论和各项指标是合格的：不合格请在「检查结论」填写“不合格”并填写触发的单项否决指标；合格但扣了分的，请把问题移到「扣分问题」列", r.Problem, kind)
		}
	}
	return closed, r, iss
}
