package excel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// Custom figures of the 检查轮次 sheet: after a header row 名称 | 数值, each
// row is one named figure a template reads by name ({{.Figures.告警提醒次数}}).
const (
	figureNameHeader  = "名称"
	figureValueHeader = "数值"
	maxFigureName     = 30
)

// isFigureHeader reports the row that starts the named figures.
func isFigureHeader(key, value string) bool {
	k := matchKey(key)
	return (k == figureNameHeader || k == "数字名称" || k == "其他数字") && matchKey(value) == figureValueHeader
}

// figureRow is one row under the figures header.
type figureRow struct {
	row         int
	name, value string
}

// readFigures checks the named figures: a name, unique, and a number.
func (rd *reader) readFigures(sheet string, rows []figureRow) []circular.Figure {
	var out []circular.Figure
	seen := map[string]int{}
	for _, f := range rows {
		name := text(f.name)
		bad := func(col, msg string) { rd.add(sheet, f.row, col, msg) }
		switch {
		case name == "":
			bad(figureNameHeader, fmt.Sprintf("数值「%s」没有名称：请在「%s」列写明这个数字是什么，如“告警提醒次数”", f.value, figureNameHeader))
			continue
		case len([]rune(name)) > maxFigureName:
			bad(figureNameHeader, fmt.Sprintf("名称「%s」超过 %d 字", name, maxFigureName))
			continue
		}
		if prev, dup := seen[name]; dup {
			bad(figureNameHeader, fmt.Sprintf("「%s」与第 %d 行重复：每个数字只能填一次", name, prev))
			continue
		}
		seen[name] = f.row
		v := strings.TrimSpace(f.value)
		if v == "" {
			bad(figureValueHeader, fmt.Sprintf("「%s」没有填写数值", name))
			continue
		}
		n, ok := parseNumber(v)
		if !ok {
			bad(figureValueHeader, fmt.Sprintf("「%s」的数值「%s」不是数字：请只填数字，如 25 或 13.5", name, v))
			continue
		}
		out = append(out, circular.Figure{Name: name, Value: n})
	}
	return out
}

var (
	monthRE      = regexp.MustCompile(`^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*(?:月份|月)?$`)
	halfRE       = regexp.MustCompile(`^(?:(\d{4})\s*年?\s*)?(?:([上下])半年度?|[Hh]?([12]))$`)
	rangeSepRE   = regexp.MustCompile(`\s*(?:至|到|~|～|—+|－+|--)\s*`)
	periodFields = []roundKey{kQuarter, kMonth, kHalf, kPeriod}
)

// parseMonth reads 月份: 9, 09, 9月, 2023年9月; year is 0 when not written.
func parseMonth(s string) (year, month int, msg string) {
	m := monthRE.FindStringSubmatch(circular.Normalize(s))
	if m != nil {
		year, _ = strconv.Atoi(m[1])
		month, _ = strconv.Atoi(m[2])
		if month >= 1 && month <= 12 {
			return year, month, ""
		}
	}
	return 0, 0, fmt.Sprintf("「%s」不是月份：应填 1 到 12（或“9月”）", s)
}

// parseHalf reads 半年: 上半年, 下半年, 1 or 2; year is 0 when not written.
func parseHalf(s string) (year, half int, msg string) {
	m := halfRE.FindStringSubmatch(circular.Normalize(s))
	if m == nil {
		return 0, 0, fmt.Sprintf("「%s」不是半年：应填“上半年”或“下半年”", s)
	}
	year, _ = strconv.Atoi(m[1])
	half = 1
	if m[2] == "下" || m[3] == "2" {
		half = 2
	}
	return year, half, ""
}

// parsePeriod reads 起止日期: two dates joined by 至, 到 or ~.
func (rd *reader) parsePeriod(s string) (start, end time.Time, msg string) {
	parts := rangeSepRE.Split(strings.TrimSpace(circular.Normalize(s)), -1)
	if len(parts) != 2 {
		return start, end, fmt.Sprintf("「%s」不是起止日期：请写成“2023-03-01至2023-04-15”", s)
	}
	start, msg = parseDate(rd.dateText(parts[0]))
	if msg == "" {
		end, msg = parseDate(rd.dateText(parts[1]))
	}
	switch {
	case msg != "":
		return start, end, msg
	case end.Before(start):
		return start, end, fmt.Sprintf("「%s」的结束日期早于开始日期", s)
	}
	return start, end, ""
}

// readPeriod sets the round's period from the 检查轮次 values: exactly one
// of 季度, 月份, 半年 and 起止日期, or a 轮次名称 that names a quarter, month or
// half-year (2019年第二季度, 2023年9月). A round without a period is refused,
// naming the cells to fill.
// val reads a value normalised for parsing, raw as the clerk typed it.
func (rd *reader) readPeriod(r *circular.Round, val, raw func(roundKey) string, bad func(roundKey, string)) {
	var filled []roundKey
	for _, k := range periodFields {
		if val(k) != "" {
			filled = append(filled, k)
		}
	}
	label := text(raw(kLabel)) // printed as typed
	if len(filled) == 0 && label != "" {
		if p, ok := circular.ParsePeriodKey(label); ok {
			if r.Year != 0 && p.Year != r.Year {
				bad(kLabel, fmt.Sprintf("「%s」与年度 %d 不一致", label, r.Year))
			}
			r.Quarter, r.Month, r.Half = p.Quarter, p.Month, p.Half
			return
		}
	}
	switch len(filled) {
	case 0:
		bad(kQuarter, "、「月份」、「半年」和「起止日期」都没有填写：请填写这一轮检查的期间——季度检查填季度（1 到 4），月度检查填月份（1 到 12），半年检查填“上半年”或“下半年”，其他检查填起止日期（如 2023-03-01至2023-04-15）和轮次名称")
		return
	case 1:
	default:
		names := make([]string, len(filled))
		for i, k := range filled {
			names[i] = "「" + roundItems[itemIndex(k)].name + "」"
		}
		bad(filled[1], fmt.Sprintf("与%s都填写了：检查期间只能填其中一项", strings.Join(names[:1], "")))
		return
	}
	year := func(k roundKey, y int) {
		if y != 0 && r.Year != 0 && y != r.Year {
			bad(k, fmt.Sprintf("的年份 %d 与年度 %d 不一致", y, r.Year))
		}
	}
	switch k := filled[0]; k {
	case kQuarter:
		q, msg := parseQuarter(val(kQuarter))
		if msg != "" {
			bad(kQuarter, msg)
		}
		r.Quarter = q
	case kMonth:
		y, m, msg := parseMonth(val(kMonth))
		if f, ok := parseNumber(val(kMonth)); msg != "" && ok && f >= 1000 {
			// 2023-09 typed into a cell Excel turned into a date
			if d, dmsg := parseDate(rd.dateText(val(kMonth))); dmsg == "" {
				y, m, msg = d.Year(), int(d.Month()), ""
			}
		}
		if msg != "" {
			bad(kMonth, msg)
		}
		year(kMonth, y)
		r.Month = m
	case kHalf:
		y, h, msg := parseHalf(val(kHalf))
		if msg != "" {
			bad(kHalf, msg)
		}
		year(kHalf, y)
		r.Half = h
	case kPeriod:
		start, end, msg := rd.parsePeriod(val(kPeriod))
		if msg != "" {
			bad(kPeriod, msg)
			return
		}
		if r.Year != 0 && start.Year() != r.Year && end.Year() != r.Year {
			bad(kPeriod, fmt.Sprintf("「%s」不在年度 %d 内", val(kPeriod), r.Year))
		}
		r.PeriodStart, r.PeriodEnd = start, end
		if label == "" {
			bad(kLabel, "没有填写：填写了起止日期的检查请写明轮次名称，如“2023年网站普查”")
		}
		r.Label = label
	}
}

// itemIndex is the position of key k in roundItems.
func itemIndex(k roundKey) int {
	for i, it := range roundItems {
		if it.key == k {
			return i
		}
	}
	return 0
}

// periodValues are a round's period as the 检查轮次 sheet writes it.
func periodValues(r circular.Round, vals []any) {
	switch r.Kind() {
	case circular.PeriodQuarter:
		vals[kQuarter] = r.Quarter
	case circular.PeriodMonth:
		vals[kMonth] = r.Month
	case circular.PeriodHalf:
		vals[kHalf] = []string{"", "上半年", "下半年"}[r.Half]
	default:
		vals[kLabel] = r.Label
		if !r.PeriodStart.IsZero() {
			vals[kPeriod] = r.PeriodStart.Format(time.DateOnly) + "至" + r.PeriodEnd.Format(time.DateOnly)
		}
	}
}
