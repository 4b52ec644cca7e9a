package circular

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Scope is how much of what is running a round checks.
type Scope int

const (
	// ScopeFull is 全覆盖: every running site and account is checked.
	ScopeFull Scope = iota
	// ScopeSample is 抽查: a share of them is checked.
	ScopeSample
)

// String returns the scope's Chinese name: 全覆盖 or 抽查.
func (s Scope) String() string {
	if s == ScopeSample {
		return "抽查"
	}
	return "全覆盖"
}

// ParseScope reads 全覆盖 or 抽查 (also 全面检查, 抽检, 抽样, and their
// traditional forms).
func ParseScope(s string) (Scope, bool) {
	switch CompactKey(s) {
	case "全覆盖", "全覆盖检查", "全面检查", "全部检查":
		return ScopeFull, true
	case "抽查", "抽检", "抽样", "抽样检查":
		return ScopeSample, true
	}
	return ScopeFull, false
}

// Round is one inspection round and the period it covers: a quarter
// (2019Q1), a month (2023M09), a half-year (2023H1) or a campaign with its
// own start and end dates and a free label (2023年网站普查), with its scope,
// sampling window and the extra figures a circular cites.
type Round struct {
	// ID is the store's identifier; 0 before the round is stored.
	ID int64
	// Year is the 年度; every round has one.
	Year int
	// Quarter is 1–4 for a quarterly round, 0 otherwise.
	Quarter int
	// Month is 1–12 for a monthly round, 0 otherwise.
	Month int
	// Half is 1 (上半年) or 2 (下半年) for a half-yearly round, 0 otherwise.
	Half int
	// Label is the free label of a round that is none of these; empty otherwise.
	Label string
	// PeriodStart and PeriodEnd are the period a campaign covers (起止日期);
	// zero for a quarter, month or half-year, whose period follows from it.
	PeriodStart time.Time
	PeriodEnd   time.Time
	// Scope is 全覆盖 or 抽查; Share the sampling share in percent for 抽查.
	Scope Scope
	Share float64
	// SampleStart and SampleEnd are the sampling window (检查采样时间); zero when not given.
	SampleStart time.Time
	SampleEnd   time.Time
	// Reports is the number of 我为政府网站找错 messages received, ReportsOnTime
	// those handled in time; -1 when not given.
	Reports       int
	ReportsOnTime int
	// Figures are the office's own named figures (告警提醒次数 25), in the
	// order the workbook lists them.
	Figures []Figure
	// Note is a free remark kept with the round.
	Note string
}

// Figure is one named figure of a round that tongbao does not count itself.
type Figure struct {
	Name  string
	Value float64
}

// Period kinds of a round.
const (
	PeriodQuarter  = "季度"
	PeriodMonth    = "月"
	PeriodHalf     = "半年"
	PeriodCampaign = "次" // a campaign or any other round
)

// Kind is the kind of the round's period: 季度, 月, 半年 or 次.
func (r Round) Kind() string {
	switch {
	case r.Quarter >= 1 && r.Quarter <= 4:
		return PeriodQuarter
	case r.Month >= 1 && r.Month <= 12:
		return PeriodMonth
	case r.Half == 1 || r.Half == 2:
		return PeriodHalf
	}
	return PeriodCampaign
}

// This is how the text names the round's period: 本季度, 本月, or 本次 (a
// half-year or a campaign).
func (r Round) This() string {
	switch r.Kind() {
	case PeriodQuarter:
		return "本季度"
	case PeriodMonth:
		return "本月"
	}
	return "本次"
}

// LastWord is how the text of round r names o, the round before it: 上季度
// or 上月 when o is the period just before r of the same kind, 上次 otherwise.
func (r Round) LastWord(o Round) string {
	if r.Kind() == o.Kind() {
		switch r.Kind() {
		case PeriodQuarter:
			if r.Year*4+r.Quarter-1 == o.Year*4+o.Quarter {
				return "上季度"
			}
		case PeriodMonth:
			if r.Year*12+r.Month-1 == o.Year*12+o.Month {
				return "上月"
			}
		}
	}
	return "上次"
}

// Key returns the round's name on the command line: 2019Q1, 2023M09, 2023H1,
// or the free label (the period's dates when there is none).
func (r Round) Key() string {
	switch r.Kind() {
	case PeriodQuarter:
		return fmt.Sprintf("%dQ%d", r.Year, r.Quarter)
	case PeriodMonth:
		return fmt.Sprintf("%dM%02d", r.Year, r.Month)
	case PeriodHalf:
		return fmt.Sprintf("%dH%d", r.Year, r.Half)
	}
	if r.Label == "" && !r.PeriodStart.IsZero() {
		return r.PeriodStart.Format("20060102") + "-" + r.PeriodEnd.Format("20060102")
	}
	return r.Label
}

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// Name returns how a circular names the round: 2019年第一季度, 2023年9月,
// 2023年上半年, or the free label (the period's dates when there is none).
func (r Round) Name() string {
	switch r.Kind() {
	case PeriodQuarter:
		return fmt.Sprintf("%d年%s", r.Year, quarterNames[r.Quarter])
	case PeriodMonth:
		return fmt.Sprintf("%d年%d月", r.Year, r.Month)
	case PeriodHalf:
		return fmt.Sprintf("%d年%s", r.Year, []string{"", "上半年", "下半年"}[r.Half])
	}
	if r.Label == "" && !r.PeriodStart.IsZero() {
		return DateRange(r.PeriodStart, r.PeriodEnd)
	}
	return r.Label
}

// Period returns the first and last day the round covers: its quarter,
// month or half-year, a campaign's 起止日期, or for a round stored before
// rounds had periods its sampling window (else its whole year).
func (r Round) Period() (start, end time.Time) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch r.Kind() {
	case PeriodQuarter:
		s := day(r.Year, 3*r.Quarter-2, 1)
		return s, s.AddDate(0, 3, -1)
	case PeriodMonth:
		s := day(r.Year, r.Month, 1)
		return s, s.AddDate(0, 1, -1)
	case PeriodHalf:
		s := day(r.Year, 6*r.Half-5, 1)
		return s, s.AddDate(0, 6, -1)
	}
	if !r.PeriodStart.IsZero() {
		return r.PeriodStart, r.PeriodEnd
	}
	if !r.SampleStart.IsZero() {
		return r.SampleStart, r.SampleEnd
	}
	return day(r.Year, 1, 1), day(r.Year, 12, 31)
}

// Before reports whether r comes before o in time: by the start of the
// period each covers, then by its end (a month before the quarter it ends),
// then in the order they were stored.
func (r Round) Before(o Round) bool {
	rs, re := r.Period()
	os, oe := o.Period()
	if !rs.Equal(os) {
		return rs.Before(os)
	}
	if !re.Equal(oe) {
		return re.Before(oe)
	}
	return r.ID < o.ID
}

// DateRange writes 2019年2月21日至3月4日, dropping the repeated year (and month).
func DateRange(a, b time.Time) string {
	date := func(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day()) }
	switch {
	case a.Year() != b.Year():
		return date(a) + "至" + date(b)
	case a.Month() != b.Month():
		return date(a) + "至" + fmt.Sprintf("%d月%d日", int(b.Month()), b.Day())
	case a.Day() != b.Day():
		return date(a) + "至" + strconv.Itoa(b.Day()) + "日"
	}
	return date(a)
}

var (
	monthKeyRE    = regexp.MustCompile(`^(\d{4})\s*(?:[Mm]\s*|年\s*|-)(\d{1,2})\s*月?(?:份)?$`)
	halfKeyRE     = regexp.MustCompile(`^(\d{4})\s*(?:[Hh]\s*([12])|年?\s*([上下])半年(?:度)?)$`)
	quarterKeyRE  = regexp.MustCompile(`^(\d{4})\s*[Qq]\s*([1-4])$`)
	quarterNameRE = regexp.MustCompile(`^(\d{4})\s*年?\s*(?:第\s*)?([一二三四1-4])\s*季度?$`)
)

// ParseRoundKey reads a quarter as written on the command line or in a
// workbook: 2019Q1, 2019q1, 2019年第一季度, 2019年1季度. ok is false for anything
// else (which may be a free label).
func ParseRoundKey(s string) (year, quarter int, ok bool) {
	s = strings.TrimSpace(Normalize(s))
	if m := quarterKeyRE.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
		quarter, _ = strconv.Atoi(m[2])
		return year, quarter, true
	}
	if m := quarterNameRE.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
		quarter = strings.Index("一二三四", m[2])/len("一") + 1
		if q, err := strconv.Atoi(m[2]); err == nil {
			quarter = q
		}
		return year, quarter, true
	}
	return 0, 0, false
}

// ParsePeriodKey reads a round's period as written on the command line or in
// a workbook: a quarter (2019Q1, 2019年第一季度), a month (2023M09, 2023M9,
// 2023年9月) or a half-year (2023H1, 2023年上半年). ok is false for anything
// else (which may be a free label); the round has only Year and one of
// Quarter, Month or Half set.
func ParsePeriodKey(s string) (r Round, ok bool) {
	if y, q, ok := ParseRoundKey(s); ok {
		return Round{Year: y, Quarter: q}, true
	}
	s = strings.TrimSpace(Normalize(s))
	if m := monthKeyRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return Round{Year: y, Month: mo}, true
		}
	}
	if m := halfKeyRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		h := 1
		if m[2] == "2" || m[3] == "下" {
			h = 2
		}
		return Round{Year: y, Half: h}, true
	}
	return Round{}, false
}
