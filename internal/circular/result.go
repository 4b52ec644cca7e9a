package circular

import (
	"fmt"
	"strconv"
	"strings"
)

// Verdict is a result's outcome: 合格 or 不合格.
type Verdict int

const (
	// VerdictNone is no verdict: not checked, or not given in a workbook.
	VerdictNone Verdict = iota
	// VerdictPass is 合格.
	VerdictPass
	// VerdictFail is 不合格 (存在突出问题).
	VerdictFail
)

// String returns 合格, 不合格 or "".
func (v Verdict) String() string {
	switch v {
	case VerdictPass:
		return "合格"
	case VerdictFail:
		return "不合格"
	}
	return ""
}

// ParseVerdict reads 合格 / 不合格 and their common variants; "" is VerdictNone.
func ParseVerdict(s string) (Verdict, bool) {
	switch CompactKey(s) {
	case "":
		return VerdictNone, true
	case "合格", "通过", "达标", "是":
		return VerdictPass, true
	case "不合格", "未通过", "不达标", "未达标", "存在突出问题", "有突出问题", "否":
		return VerdictFail, true
	}
	return VerdictNone, false
}

// Single-veto indicators (单项否决指标). Websites may hit the first six,
// new-media accounts 安全问题, 内容不更新 and 互动回应差.
const (
	VetoSecurity    = "安全问题"   // 安全、泄密事故等严重问题 (serious wording errors, leaks, …)
	VetoUnreachable = "站点无法访问" // ≥ 5% of visits fail over a week
	VetoHomeStale   = "首页不更新"  // home page not updated in 2 weeks
	VetoColumns     = "栏目不更新"  // ≥ 5 blank columns, ≥ 10 columns long not updated, …
	VetoInteraction = "互动回应差"  // no working interaction, messages unanswered
	VetoService     = "服务不实用"  // no services, 办事指南 lacking key elements
	VetoContent     = "内容不更新"  // an account not updated in the 2 weeks before the check
)

// SiteVetoes and AccountVetoes are the indicators of each kind, in the order
// a circular lists them.
var (
	SiteVetoes    = []string{VetoSecurity, VetoUnreachable, VetoHomeStale, VetoColumns, VetoInteraction, VetoService}
	AccountVetoes = []string{VetoSecurity, VetoContent, VetoInteraction}
)

var vetoAliases = map[string]string{
	"安全、泄密事故等严重问题": VetoSecurity,
	"严重问题":         VetoSecurity,
	"严重表述错误":       VetoSecurity,
	"安全":           VetoSecurity,
	"无法访问":         VetoUnreachable,
	"站点不可访问":       VetoUnreachable,
	"首页长期不更新":      VetoHomeStale,
	"栏目更新不及时":      VetoColumns,
	"空白栏目":         VetoColumns,
	"互动回应":         VetoInteraction,
	"互动功能不可用":      VetoInteraction,
	"无有效互动功能":      VetoInteraction,
	"未提供有效互动功能":    VetoInteraction,
	"服务不可用":        VetoService,
	"办事服务不实用":      VetoService,
	"内容更新":         VetoContent,
	"未及时更新":        VetoContent,
	"更新不及时":        VetoContent,
	"超过2周未更新":      VetoContent,
}

// ParseVetoes reads a list of single-veto indicators separated by 、，,；; or
// spaces, for sites (account false) or accounts. It returns them in canonical
// order without repeats, and the items it could not read.
func ParseVetoes(s string, account bool) (vetoes, unknown []string) {
	allowed := SiteVetoes
	if account {
		allowed = AccountVetoes
	}
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(Normalize(s), func(r rune) bool {
		return strings.ContainsRune("、，,；; /|", r)
	}) {
		k := CompactKey(f)
		v, ok := "", false
		for _, a := range allowed {
			if k == a {
				v, ok = a, true
			}
		}
		if !ok {
			if a, found := vetoAliases[k]; found && contains(allowed, a) {
				v, ok = a, true
			}
		}
		if !ok {
			unknown = append(unknown, f)
			continue
		}
		seen[v] = true
	}
	for _, a := range allowed {
		if seen[a] {
			vetoes = append(vetoes, a)
		}
	}
	return vetoes, unknown
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// NA marks an indicator count or score that was not filled in.
const NA = -1

// Thresholds of the verdict rules (国办秘函〔2019〕19号 as summarised in the
// project's reference).
const (
	BlankColumnsLimit = 5  // 空白栏目 ≥ 5 fails (栏目不更新)
	StaleColumnsLimit = 10 // 栏目长期不更新 ≥ 10 fails (栏目不更新)
	StaleDaysLimit    = 14 // 首页 / account not updated for ≥ 14 days fails
	DeductionLimit    = 40 // 扣分 > 40 (score below 60) fails
)

// Result is one site's or account's result in a round.
type Result struct {
	// Checked is false for a running site or account not checked this round
	// (抽查 leaves some out); it then has no verdict.
	Checked bool
	// Verdict is 合格 or 不合格 for a checked item.
	Verdict Verdict
	// Vetoes are the single-veto indicators hit, in canonical order.
	Vetoes []string
	// BlankColumns (空白栏目数), StaleColumns (不更新栏目数), BrokenLinks
	// (不可用链接数) and StaleDays (首页 or account 未更新天数); NA when not filled.
	BlankColumns int
	StaleColumns int
	BrokenLinks  int
	StaleDays    int
	// Deduction is the 扣分 (0–100) of a site; NA when not scored.
	Deduction float64
	// Problem is the problem text as the circular prints it; empty lets
	// Problems derive it from the indicators.
	Problem string
	// Deductions are the 扣分问题 as typed: what cost a checked item points
	// without failing it (a failing item may have them too); the circular
	// lists them apart from the problems.
	Deductions string
	// Note is the clerk's remark (备注); not printed.
	Note string
}

// NewResult returns a checked result with every indicator NA.
func NewResult() Result {
	return Result{Checked: true, BlankColumns: NA, StaleColumns: NA, BrokenLinks: NA, StaleDays: NA, Deduction: NA}
}

// Failing reports whether the item was checked and failed.
func (r Result) Failing() bool { return r.Checked && r.Verdict == VerdictFail }

// RuleVetoes returns the single-veto indicators the filled-in counts hit by
// themselves, for sites (account false) or accounts.
func (r Result) RuleVetoes(account bool) []string {
	var out []string
	if account {
		if r.StaleDays >= StaleDaysLimit {
			out = append(out, VetoContent)
		}
		return out
	}
	if r.StaleDays >= StaleDaysLimit {
		out = append(out, VetoHomeStale)
	}
	if r.BlankColumns >= BlankColumnsLimit || r.StaleColumns >= StaleColumnsLimit {
		out = append(out, VetoColumns)
	}
	return out
}

// Evaluate applies the verdict rules to a checked result: the vetoes the
// counts imply join the listed ones, and a missing verdict is decided (any
// veto or a deduction over 40 fails; otherwise it passes). A given verdict
// that contradicts the rules is not changed: Evaluate returns what is wrong, in
// Chinese, for the clerk to correct, and "" when the result is consistent.
func (r *Result) Evaluate(account bool) string {
	if !r.Checked {
		if r.Verdict != VerdictNone {
			return fmt.Sprintf("未检查的%s不能有检查结论「%s」：请把「是否检查」改为“是”，或删去检查结论", kindName(account), r.Verdict)
		}
		return ""
	}
	implied := r.RuleVetoes(account)
	all := mergeVetoes(r.Vetoes, implied, account)
	overScore := r.Deduction > DeductionLimit
	rulesFail := len(all) > 0 || overScore
	switch r.Verdict {
	case VerdictNone:
		r.Vetoes = all
		if rulesFail {
			r.Verdict = VerdictFail
		} else {
			r.Verdict = VerdictPass
		}
	case VerdictPass:
		if rulesFail {
			return "检查结论为“合格”，但" + r.failReasons(all, implied, overScore) + "，按检查指标应为“不合格”。请核对检查结论或指标数值"
		}
		r.Vetoes = all
	case VerdictFail:
		r.Vetoes = all
		if !rulesFail {
			why, need := "没有触发单项否决指标", "单项否决指标"
			if !account {
				why += fmt.Sprintf("，扣分也没有超过 %d 分", DeductionLimit)
				need += fmt.Sprintf("或扣分超过 %d 分", DeductionLimit)
			}
			return "检查结论为“不合格”，但" + why + "：不合格须有" + need +
				"。请在「单项否决指标」列填写触发的指标；只是扣分的问题请填在「扣分问题」列，检查结论为“合格”"
		}
	}
	return ""
}

// VerdictRules states the verdict rules Evaluate applies, one per line, in
// Chinese: the one statement of them, which 填表说明 prints.
func VerdictRules() []string {
	return []string{
		fmt.Sprintf("政府网站触发任一单项否决指标即为不合格。单项否决指标为：%s。", strings.Join(SiteVetoes, "、")),
		fmt.Sprintf("空白栏目数达到 %d 个，或不更新栏目数达到 %d 个，即触发“%s”。", BlankColumnsLimit, StaleColumnsLimit, VetoColumns),
		fmt.Sprintf("首页未更新天数达到 %d 天，即触发“%s”。", StaleDaysLimit, VetoHomeStale),
		fmt.Sprintf("政府网站扣分超过 %d 分（得分低于 %d 分）为不合格。", DeductionLimit, 100-DeductionLimit),
		fmt.Sprintf("政务新媒体触发任一单项否决指标即为不合格：%s；未更新天数达到 %d 天即触发“%s”。", strings.Join(AccountVetoes, "、"), StaleDaysLimit, VetoContent),
		fmt.Sprintf("除此之外都是合格：检查结论为“不合格”的网站须有单项否决指标或扣分超过 %d 分，账号须有单项否决指标，否则导入会报错。", DeductionLimit),
		"「存在的突出问题」（账号为「存在的主要问题」）只填不合格的网站和账号；合格但扣了分的，把扣分的问题填在「扣分问题」列，通报中另行列出。",
		"未检查（是否检查为“否”）或已关停的网站、账号不能填写检查结论。",
	}
}

// failReasons explains in Chinese why the rules fail a result.
func (r Result) failReasons(all, implied []string, overScore bool) string {
	var parts []string
	for _, v := range implied {
		switch v {
		case VetoColumns:
			if r.BlankColumns >= BlankColumnsLimit {
				parts = append(parts, fmt.Sprintf("空白栏目数为 %d（达到 %d 个即单项否决）", r.BlankColumns, BlankColumnsLimit))
			}
			if r.StaleColumns >= StaleColumnsLimit {
				parts = append(parts, fmt.Sprintf("不更新栏目数为 %d（达到 %d 个即单项否决）", r.StaleColumns, StaleColumnsLimit))
			}
		case VetoHomeStale, VetoContent:
			parts = append(parts, fmt.Sprintf("未更新天数为 %d（达到 %d 天即单项否决）", r.StaleDays, StaleDaysLimit))
		}
	}
	var listed []string
	for _, v := range all {
		if !contains(implied, v) {
			listed = append(listed, v)
		}
	}
	if len(listed) > 0 {
		parts = append(parts, "填写了单项否决指标「"+strings.Join(listed, "、")+"」")
	}
	if overScore {
		parts = append(parts, "扣分为 "+formatScore(r.Deduction)+" 分（超过 40 分为不合格）")
	}
	return strings.Join(parts, "，")
}

func mergeVetoes(a, b []string, account bool) []string {
	order := SiteVetoes
	if account {
		order = AccountVetoes
	}
	var out []string
	for _, v := range order {
		if contains(a, v) || contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func kindName(account bool) string {
	if account {
		return "政务新媒体"
	}
	return "网站"
}

// formatScore prints a score without trailing zeros: 42, 42.5.
func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Problems returns the problems of a failing result as the circular prints
// them: the given Problem text split at 、 or ；, or, when it is empty, phrases
// built from the indicators (7个栏目更新不及时、5个栏目空白).
func (r Result) Problems(account bool) []string {
	if p := strings.TrimSpace(r.Problem); p != "" {
		return []string{strings.TrimRight(CleanText(p), "。；;")}
	}
	var out []string
	if account {
		for _, v := range r.Vetoes {
			switch v {
			case VetoContent:
				if r.StaleDays > 0 {
					out = append(out, fmt.Sprintf("连续%d天未更新", r.StaleDays))
				} else {
					out = append(out, "超过2周未更新")
				}
			case VetoInteraction:
				out = append(out, "互动功能不可用")
			case VetoSecurity:
				out = append(out, "存在安全问题")
			}
		}
		return out
	}
	for _, v := range r.Vetoes {
		switch v {
		case VetoSecurity:
			out = append(out, "存在严重表述错误等安全问题")
		case VetoUnreachable:
			out = append(out, "站点无法访问")
		case VetoHomeStale:
			if r.StaleDays > 0 {
				out = append(out, fmt.Sprintf("首页连续%d天未更新", r.StaleDays))
			} else {
				out = append(out, "首页超过2周未更新")
			}
		case VetoColumns:
			if r.StaleColumns > 0 {
				out = append(out, fmt.Sprintf("%d个栏目更新不及时", r.StaleColumns))
			}
			if r.BlankColumns > 0 {
				out = append(out, fmt.Sprintf("%d个栏目空白", r.BlankColumns))
			}
			if r.StaleColumns <= 0 && r.BlankColumns <= 0 {
				out = append(out, "栏目更新不及时")
			}
		case VetoInteraction:
			out = append(out, "互动回应差")
		case VetoService:
			out = append(out, "办事服务不实用")
		}
	}
	if r.BrokenLinks > 0 {
		out = append(out, fmt.Sprintf("%d个链接不可用", r.BrokenLinks))
	}
	if r.Deduction > DeductionLimit {
		out = append(out, "扣分超过40分")
	}
	return out
}

// DeductionProblems returns the 扣分问题 of a checked result as printed,
// split at ；, or nil when there are none.
func (r Result) DeductionProblems() []string {
	if !r.Checked {
		return nil
	}
	var out []string
	for _, p := range strings.FieldsFunc(CleanText(r.Deductions), func(c rune) bool { return c == '；' || c == ';' || c == '\n' }) {
		if p = strings.TrimRight(strings.TrimSpace(p), "。"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SiteResult is a site with its result in a round, the site's attributes as
// they were in that round.
type SiteResult struct {
	Site
	Result
}

// AccountResult is an account with its result in a round.
type AccountResult struct {
	Account
	Result
}

// RoundResults is everything a workbook holds for one round.
type RoundResults struct {
	Round    Round
	Sites    []SiteResult
	Accounts []AccountResult
	// Sheets says which sheet of the workbook was read as what; Notes are
	// what else the clerk should know about the reading (hidden rows read,
	// sheets recognised by their header). Neither is stored.
	Sheets []SheetRead
	Notes  []string
}

// SheetRead is one sheet of a workbook and what it was read as.
type SheetRead struct {
	// Kind is 检查轮次, 政府网站 or 政务新媒体; Sheet the sheet's name as written.
	Kind  string
	Sheet string
	// ByHeader is true for a sheet whose name was not known, recognised by its header row.
	ByHeader bool
	// Rows is how many results it held (sites or accounts).
	Rows int
}

// String says it in Chinese: 工作表「Sheet1」按表头读作「政府网站」（12 行）.
func (s SheetRead) String() string {
	how := "读作"
	if s.ByHeader {
		how = "按表头读作"
	}
	out := "工作表「" + s.Sheet + "」" + how + "「" + s.Kind + "」"
	if s.Kind != "检查轮次" {
		if s.Rows == 0 {
			out += "（没有数据行，本轮未检查）"
		} else {
			out += fmt.Sprintf("（%d 行）", s.Rows)
		}
	}
	return out
}
