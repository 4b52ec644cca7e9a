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

// Round is one inspection round: a quarter (2019Q1) or a round with a free
// label (2019年网站普查), with its scope, sampling window and the extra figures a
// circular cites.
type Round struct {
	// ID is the store's identifier; 0 before the round is stored.
	ID int64
	// Year is the 年度; every round has one.
	Year int
	// Quarter is 1–4 for a quarterly round and 0 for a round with a free label.
	Quarter int
	// Label is the free label of a round that is not a quarter; empty otherwise.
	Label string
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
	// Note is a free remark kept with the round.
	Note string
}

// Key returns the round's name on the command line: 2019Q1, or the free label.
func (r Round) Key() string {
	if r.Quarter >= 1 && r.Quarter <= 4 {
		return fmt.Sprintf("%dQ%d", r.Year, r.Quarter)
	}
	return r.Label
}

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// Name returns how a circular names the round: 2019年第一季度, or the free label.
func (r Round) Name() string {
	if r.Quarter >= 1 && r.Quarter <= 4 {
		return fmt.Sprintf("%d年%s", r.Year, quarterNames[r.Quarter])
	}
	return r.Label
}

// Before reports whether r comes before o in time: by year, then quarter
// (a free-label round of a year sorts by its sampling start among them).
func (r Round) Before(o Round) bool {
	if r.Year != o.Year {
		return r.Year < o.Year
	}
	if r.Quarter != o.Quarter && r.Quarter != 0 && o.Quarter != 0 {
		return r.Quarter < o.Quarter
	}
	if !r.SampleStart.Equal(o.SampleStart) && !r.SampleStart.IsZero() && !o.SampleStart.IsZero() {
		return r.SampleStart.Before(o.SampleStart)
	}
	if r.Quarter != o.Quarter {
		return r.Quarter < o.Quarter
	}
	return r.ID < o.ID
}

var (
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
