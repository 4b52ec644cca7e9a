package excel

import (
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

// TestRoundPeriod: the 检查轮次 sheet takes a month, a half-year or a
// campaign's dates; a round without a period, or with two, is refused naming
// the cell.
func TestRoundPeriod(t *testing.T) {
	site := sitesSheet(siteRow("4452000001", "是"))
	for _, c := range []struct {
		rows    [][]any
		key     string
		name    string
		kind    string
		periodA string
	}{
		{[][]any{{"年度", 2023}, {"月份", 9}}, "2023M09", "2023年9月", circular.PeriodMonth, "2023-09-01"},
		{[][]any{{"年度", 2023}, {"月份", "８月"}}, "2023M08", "2023年8月", circular.PeriodMonth, "2023-08-01"},
		{[][]any{{"年度", 2023}, {"月份", "2023年12月"}}, "2023M12", "2023年12月", circular.PeriodMonth, "2023-12-01"},
		{[][]any{{"年度", 2023}, {"月份", time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)}}, "2023M09", "2023年9月", circular.PeriodMonth, "2023-09-01"}, // 2023-09 that Excel made a date
		{[][]any{{"年度", 2023}, {"轮次名称", "2023年9月"}}, "2023M09", "2023年9月", circular.PeriodMonth, "2023-09-01"},
		{[][]any{{"年度", 2023}, {"半年", "下半年"}}, "2023H2", "2023年下半年", circular.PeriodHalf, "2023-07-01"},
		{[][]any{{"年度", 2023}, {"起止日期", "2023-03-01至2023-04-15"}, {"轮次名称", "2023年网站普查"}}, "2023年网站普查", "2023年网站普查", circular.PeriodCampaign, "2023-03-01"},
		{[][]any{{"年度", 2019}, {"季度", "第一季度"}}, "2019Q1", "2019年第一季度", circular.PeriodQuarter, "2019-01-01"},
	} {
		rr := mustRead(t, build(t, []sheet{{SheetRound, c.rows}, site}, nil))
		r := rr.Round
		start, _ := r.Period()
		if r.Key() != c.key || r.Name() != c.name || r.Kind() != c.kind || start.Format(time.DateOnly) != c.periodA {
			t.Errorf("rows %v: key %s name %s kind %s start %s", c.rows, r.Key(), r.Name(), r.Kind(), start.Format(time.DateOnly))
		}
	}
	for _, c := range []struct {
		rows [][]any
		row  int
		want string
	}{
		{[][]any{{"年度", 2023}, {"季度", ""}}, 2, "都没有填写：请填写这一轮检查的期间"},
		{[][]any{{"年度", 2023}, {"轮次名称", "2023年网站普查"}}, 0, "「季度」、「月份」、「半年」和「起止日期」都没有填写"},
		{[][]any{{"年度", 2023}, {"季度", 3}, {"月份", 9}}, 3, "「月份」与「季度」都填写了"},
		{[][]any{{"年度", 2023}, {"月份", 13}}, 2, "「月份」「13」不是月份"},
		{[][]any{{"年度", 2023}, {"半年", "中半年"}}, 2, "不是半年"},
		{[][]any{{"年度", 2023}, {"月份", "2022年9月"}}, 2, "年份 2022 与年度 2023 不一致"},
		{[][]any{{"年度", 2023}, {"起止日期", "2023-03-01"}, {"轮次名称", "普查"}}, 2, "不是起止日期"},
		{[][]any{{"年度", 2023}, {"起止日期", "2023-04-15至2023-03-01"}, {"轮次名称", "普查"}}, 2, "结束日期早于开始日期"},
		{[][]any{{"年度", 2023}, {"起止日期", "2023-03-01至2023-04-15"}}, 0, "「轮次名称」没有填写：填写了起止日期的检查请写明轮次名称"},
	} {
		path := build(t, []sheet{{SheetRound, c.rows}, site}, nil)
		e := readErr(t, path)
		if !strings.Contains(e.Error(), c.want) {
			t.Errorf("rows %v: error lacks %q:\n%s", c.rows, c.want, e.Error())
		}
		if c.row > 0 && !hasProblem(e, path, SheetRound, c.row, roundValueHeader) {
			t.Errorf("rows %v: no problem at row %d:\n%s", c.rows, c.row, e.Error())
		}
	}
}

// TestRoundFigures: named figures under 名称 | 数值 are read in order as
// numbers; a non-number, a duplicate or a missing name is refused naming the
// cell.
func TestRoundFigures(t *testing.T) {
	site := sitesSheet(siteRow("4452000001", "是"))
	rows := [][]any{{"年度", 2023}, {"月份", 9}, {}, {"名称", "数值"}, {"告警提醒次数", 25}, {"检测报告份数", "１３"}, {"平均得分", 92.5}}
	rr := mustRead(t, build(t, []sheet{{SheetRound, rows}, site}, nil))
	want := []circular.Figure{{Name: "告警提醒次数", Value: 25}, {Name: "检测报告份数", Value: 13}, {Name: "平均得分", Value: 92.5}}
	if len(rr.Round.Figures) != len(want) {
		t.Fatalf("figures %v, want %v", rr.Round.Figures, want)
	}
	for i := range want {
		if rr.Round.Figures[i] != want[i] {
			t.Errorf("figure %d = %v, want %v", i, rr.Round.Figures[i], want[i])
		}
	}
	for _, c := range []struct {
		extra  []any
		column string
		want   string
	}{
		{[]any{"更新提醒次数", "很多"}, "数值", "「更新提醒次数」的数值「很多」不是数字"},
		{[]any{"告警提醒次数", 3}, "名称", "「告警提醒次数」与第 5 行重复"},
		{[]any{"", 3}, "名称", "数值「3」没有名称"},
		{[]any{"更新提醒次数", ""}, "数值", "「更新提醒次数」没有填写数值"},
	} {
		path := build(t, []sheet{{SheetRound, append(append([][]any{}, rows...), c.extra)}, site}, nil)
		e := readErr(t, path)
		if !strings.Contains(e.Error(), c.want) {
			t.Errorf("%v: error lacks %q:\n%s", c.extra, c.want, e.Error())
		}
		if !hasProblem(e, path, SheetRound, len(rows)+1, c.column) {
			t.Errorf("%v: no problem at row %d column %s:\n%s", c.extra, len(rows)+1, c.column, e.Error())
		}
	}
}
