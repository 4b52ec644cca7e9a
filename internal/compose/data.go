package compose

import (
	"strconv"
	"time"

	"tongbao/internal/circular"
)

// Data is what the templates see: every figure computed from stored results.
// Field names are documented for editors in templates/README.md.
type Data struct {
	// Round is the round the circular reports; Previous the one before it (nil for none).
	Round    Round
	Previous *Round
	// Last is the previous round's figures, to compare with (nil for none).
	Last *Last
	// Rates is the office's rate rule and decimals ([circular] rates and
	// rate_decimals), which pct, failrate and passrate apply.
	Rates circular.Rates
	// Figures are the round's own named figures from the 检查轮次 sheet
	// ({{.Figures.告警提醒次数}}, or {{index .Figures "找错留言（9月）"}}).
	Figures map[string]Number
	// Issuer is the issuing organ.
	Issuer Issuer
	// Number is the 发文字号 as printed; a draft leaves the serial blank.
	Number string
	// Date is the 成文日期; Deadline the rectification deadline computed from it.
	Date     time.Time
	Deadline time.Time
	// Recipients is the 主送机关 from config.toml.
	Recipients string
	// Area is how the text names the whole area inspected: 全市, 全省, 全区, 全县.
	Area string
	// Subject names what the round checked: 政府网站, 政务新媒体, or
	// 政府网站和政务新媒体 — so a round of one kind never speaks of the other.
	Subject string
	// Contact is whom units report their rectification to.
	Contact Contact
	// Sites are the government-website figures; Accounts the new-media ones.
	Sites    Figures
	Accounts Figures
	// Recheck is the recheck of the previous round's failures.
	Recheck Recheck
	// Annexes lists the annexes of this circular (filled before the body is written,
	// so the text can refer to 附件2 by its number).
	Annexes []AnnexRef
}

// Round describes an inspection round.
type Round struct {
	// Name is how the text names the round, e.g. 2019年第一季度, 2023年9月.
	Name    string
	Year    int
	Quarter int // 1–4, 0 for a round that is not a quarter
	Month   int // 1–12 for a monthly round, else 0
	Half    int // 1 or 2 for a half-yearly round, else 0
	// Kind is the period's kind: 季度, 月, 半年 or 次 (a campaign).
	Kind string
	// This names the period in the text: 本季度, 本月 or 本次.
	This string
	// PeriodStart and PeriodEnd are the first and last day the round covers.
	PeriodStart time.Time
	PeriodEnd   time.Time
	// Full is true for 全覆盖 (full coverage), false for 抽查 (sampling).
	Full bool
	// Share is the sampling share in percent (e.g. 20) when not Full.
	Share float64
	// SampleStart and SampleEnd are the sampling window; zero when not given.
	SampleStart time.Time
	SampleEnd   time.Time
	// Reports are 我为政府网站找错 messages received; ReportsOnTime those handled in time.
	Reports       int
	ReportsOnTime int
}

// Last is the previous round's figures: its counts and rates by kind,
// category (platform for accounts) and region, without its lists of items.
type Last struct {
	Round Round
	// Word names it in a comparison: 上季度, 上月, or 上次 when it is not the
	// period just before this one.
	Word     string
	Sites    Figures
	Accounts Figures
	// Figures are its own named figures, as .Figures.
	Figures map[string]Number
}

// Number is a figure a clerk typed, printed as typed: 25, 13.5.
type Number float64

// String prints the number without exponent or trailing zeros.
func (n Number) String() string { return strconv.FormatFloat(float64(n), 'f', -1, 64) }

// RateRule is the rate rule the data's rates follow: Rates, or for data
// composed before offices chose a rule, the rule of that time (合格率取100减不合格率,
// one decimal), so that a reprint stays byte-identical.
func (d *Data) RateRule() circular.Rates {
	if d.Rates.Rule == "" {
		return circular.Rates{Rule: circular.RuleComplement, Decimals: 1}
	}
	return d.Rates
}

// Issuer is the issuing organ.
type Issuer struct {
	Name string // full name
	Code string // 机关代字
}

// Contact is the contact person for rectification reports.
type Contact struct {
	Person, Phone, Fax, Email string
}

// Tally is one row of counts: running, checked, failing and passing, for a
// category, region, platform or the whole.
type Tally struct {
	No      int    // 1-based position in its list
	Name    string // category, region or platform; 合计 for the total
	Running int
	Checked int
	Failing int
	Passing int
}

// Figures are the counts for sites or for accounts.
type Figures struct {
	Total Tally
	// ByKind splits sites into 独立运行的政府网站 and 已集约化的政府网站 (accounts: empty).
	ByKind []Tally
	// ByCategory is by 网站类别 for sites and by platform for accounts.
	ByCategory []Tally
	// ByRegion is by region.
	ByRegion []Tally
	// FullRegions and FullCategories are those with checked items and none failing.
	FullRegions    []string
	FullCategories []string
	// Checked lists every checked site or account in order, passing or
	// failing (Verdict tells), for an annex listing them all.
	Checked []Item
	// Failing lists the failing sites or accounts in order.
	Failing []Item
	// Deducted lists the checked sites or accounts with 扣分问题 (deduction
	// problems), passing or failing, in order.
	Deducted []Item
	// ByProblem groups the failing items by their main problem type.
	ByProblem []ProblemGroup
}

// Item is one site or account as the circular names it.
type Item struct {
	No       int
	Code     string // 网站标识码 (sites)
	Name     string // site or account name
	Unit     string // 主办单位 / operating unit
	Region   string
	Category string // 网站类别 or platform
	Platform string // accounts
	// Problems are the problems found, each as printed; Problem joins them.
	Problems []string
	Problem  string
	// Vetoes are the single-veto indicators hit, e.g. 栏目不更新.
	Vetoes []string
	// Deductions are the 扣分问题: problems that cost points without failing
	// the item, each as typed.
	Deductions []string
	// Verdict is 合格 or 不合格.
	Verdict string
}

// ProblemGroup is the failing items sharing a problem type.
type ProblemGroup struct {
	Problem string
	Items   []Item
	// Names and Units list the items' names and units, without repeats.
	Names []string
	Units []string
}

// Recheck is the recheck of the previous round's failing items in this round.
type Recheck struct {
	// Round is the previous round's name; empty when there is none.
	Round string
	// Fixed are the items rectified (整改到位); Still those failing again.
	Fixed []Item
	Still []Item
	// Unchecked are previous failures not checked this round.
	Unchecked []Item
}

// AnnexRef is an annex as the text refers to it.
type AnnexRef struct {
	No    int
	Label string // 附件1, or 附件 when there is only one
	Title string
}

// NewData computes the template data of round r from its stored results and
// those of the previous round (prev nil when there is none). The issuer,
// number, dates and contact are filled in by the caller.
func NewData(r, prev *circular.Round, sites []circular.SiteResult, accounts []circular.AccountResult,
	prevSites []circular.SiteResult, prevAccounts []circular.AccountResult) *Data {
	curSites, curAccounts := siteEntries(sites), accountEntries(accounts)
	d := &Data{
		Area:     "全市", // config.toml's area replaces it
		Round:    roundOf(r),
		Sites:    NewFigures(curSites, true),
		Accounts: NewFigures(curAccounts, false),
	}
	d.Subject = subject(d.Sites.Total.Checked > 0, d.Accounts.Total.Checked > 0)
	d.Figures = figures(r.Figures)
	if prev != nil {
		p := roundOf(prev)
		d.Previous = &p
		d.Last = &Last{Round: p, Word: r.LastWord(*prev), Figures: figures(prev.Figures),
			Sites: summary(NewFigures(siteEntries(prevSites), true)), Accounts: summary(NewFigures(accountEntries(prevAccounts), false))}
		d.Recheck = NewRecheck(p.Name,
			append(siteEntries(prevSites), accountEntries(prevAccounts)...),
			append(curSites, curAccounts...))
	}
	return d
}

// figures maps a round's named figures by name; nil when it has none.
func figures(fs []circular.Figure) map[string]Number {
	if len(fs) == 0 {
		return nil
	}
	m := make(map[string]Number, len(fs))
	for _, f := range fs {
		m[f.Name] = Number(f.Value)
	}
	return m
}

// subject names what a round checked.
func subject(sites, accounts bool) string {
	switch {
	case sites && !accounts:
		return "政府网站"
	case accounts && !sites:
		return "政务新媒体"
	}
	return "政府网站和政务新媒体"
}

// summary is f without its lists of items.
func summary(f Figures) Figures {
	f.Checked, f.Failing, f.ByProblem = nil, nil, nil
	return f
}

func roundOf(r *circular.Round) Round {
	start, end := r.Period()
	return Round{
		Name:          r.Name(),
		Year:          r.Year,
		Quarter:       r.Quarter,
		Month:         r.Month,
		Half:          r.Half,
		Kind:          r.Kind(),
		This:          r.This(),
		PeriodStart:   start,
		PeriodEnd:     end,
		Full:          r.Scope == circular.ScopeFull,
		Share:         r.Share,
		SampleStart:   r.SampleStart,
		SampleEnd:     r.SampleEnd,
		Reports:       max(r.Reports, 0),
		ReportsOnTime: max(r.ReportsOnTime, 0),
	}
}

func siteEntries(rs []circular.SiteResult) []Entry {
	out := make([]Entry, len(rs))
	for i, s := range rs {
		out[i] = Entry{
			Key: "网站:" + s.Code, Code: s.Code, Name: s.Name, Unit: s.Unit, Region: s.Region, Category: s.Category,
			Intensive: s.Intensive(), Running: !s.Closed, Checked: s.Checked, Failing: s.Failing(),
			Vetoes: s.Vetoes, Problems: failingProblems(s.Result, false), Deductions: s.DeductionProblems(),
		}
	}
	return out
}

func accountEntries(rs []circular.AccountResult) []Entry {
	out := make([]Entry, len(rs))
	for i, a := range rs {
		out[i] = Entry{
			Key: "新媒体:" + a.Key(), Name: a.Name, Unit: a.Unit, Region: a.Region, Category: a.Platform, Platform: a.Platform,
			Running: !a.Closed, Checked: a.Checked, Failing: a.Failing(),
			Vetoes: a.Vetoes, Problems: failingProblems(a.Result, true), Deductions: a.DeductionProblems(),
		}
	}
	return out
}

// failingProblems is the printed problems of a failing result, nil otherwise.
func failingProblems(r circular.Result, account bool) []string {
	if !r.Failing() {
		return nil
	}
	return r.Problems(account)
}
