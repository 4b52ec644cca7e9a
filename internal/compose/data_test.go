package compose

import (
	"strings"
	"testing"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
	"tongbao/internal/samplegen"
	"tongbao/templates"
)

// TestNewDataPeriod: the data of a monthly round names its period, what it
// checked and its figures, and carries the previous round's counts to
// compare with (上月 when it is the month before).
func TestNewDataPeriod(t *testing.T) {
	prev, cur := samplegen.Jieyang2018Q4(), samplegen.Jieyang2019Q1()
	prev.Round.Year, prev.Round.Quarter, prev.Round.Month = 2023, 0, 8
	cur.Round.Year, cur.Round.Quarter, cur.Round.Month = 2023, 0, 9
	cur.Round.Figures = []circular.Figure{{Name: "告警提醒次数", Value: 25}, {Name: "平均得分", Value: 92.5}}
	cur.Accounts = nil
	d := NewData(&cur.Round, &prev.Round, cur.Sites, cur.Accounts, prev.Sites, prev.Accounts)
	if d.Round.Name != "2023年9月" || d.Round.Kind != "月" || d.Round.This != "本月" || d.Round.PeriodEnd.Day() != 30 {
		t.Errorf("round %+v", d.Round)
	}
	if d.Subject != "政府网站" {
		t.Errorf("subject %q, want 政府网站 (no accounts this month)", d.Subject)
	}
	if d.Figures["告警提醒次数"].String() != "25" || d.Figures["平均得分"].String() != "92.5" {
		t.Errorf("figures %v", d.Figures)
	}
	if d.Last == nil || d.Last.Word != "上月" || d.Last.Round.Name != "2023年8月" {
		t.Fatalf("last %+v", d.Last)
	}
	if l := d.Last.Sites.Total; l.Checked != 54 || l.Failing != 2 || d.Last.Accounts.Total.Checked != 40 {
		t.Errorf("last month's counts %+v, accounts %+v", l, d.Last.Accounts.Total)
	}
	if len(d.Last.Sites.Failing) != 0 || len(d.Last.Sites.ByKind) != 2 || len(d.Last.Accounts.ByCategory) == 0 {
		t.Errorf("last month keeps lists or lacks tallies: %+v", d.Last.Sites)
	}
	if NewData(&cur.Round, nil, cur.Sites, nil, nil, nil).Last != nil {
		t.Error("a first round has a previous one")
	}
}

// TestComposeRates: the default templates print rates by the data's rule;
// data composed before offices chose one (an issued circular's snapshot,
// Rates empty) keeps the rule of that time, so its reprint is unchanged.
func TestComposeRates(t *testing.T) {
	s, err := LoadSet(templates.FS, "templates")
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	for _, c := range []struct {
		rates circular.Rates
		want  string
	}{
		{circular.Rates{}, "总体合格率为98.2%"},
		{circular.Rates{Rule: circular.RuleComplement, Decimals: 1}, "总体合格率为98.2%"},
		{circular.Rates{Rule: circular.RuleRound, Decimals: 1}, "总体合格率为98.1%"},
		{circular.Rates{Rule: circular.RuleRound, Decimals: 2}, "总体合格率为98.15%"},
	} {
		data := sampleData()
		data.Rates = c.rates
		d, err := s.Compose(data, Letterhead{Mark: []string{"揭阳市政务服务数据管理局"}})
		if err != nil {
			t.Fatal(circular.ErrorMessage(err))
		}
		var body strings.Builder
		for _, b := range d.Body {
			body.WriteString(b.(*doc.Paragraph).Text())
		}
		if !strings.Contains(body.String(), c.want) {
			t.Errorf("%v: body lacks %q", c.rates, c.want)
		}
	}
}
