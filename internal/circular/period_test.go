package circular

import (
	"sort"
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// TestRoundPeriods: each kind of period gives its key, name, words and
// first and last day.
func TestRoundPeriods(t *testing.T) {
	for _, tt := range []struct {
		r                     Round
		key, name, kind, this string
		start, end            time.Time
	}{
		{Round{Year: 2019, Quarter: 1}, "2019Q1", "2019年第一季度", PeriodQuarter, "本季度", day(2019, 1, 1), day(2019, 3, 31)},
		{Round{Year: 2023, Month: 9}, "2023M09", "2023年9月", PeriodMonth, "本月", day(2023, 9, 1), day(2023, 9, 30)},
		{Round{Year: 2024, Month: 2}, "2024M02", "2024年2月", PeriodMonth, "本月", day(2024, 2, 1), day(2024, 2, 29)},
		{Round{Year: 2023, Half: 2}, "2023H2", "2023年下半年", PeriodHalf, "本次", day(2023, 7, 1), day(2023, 12, 31)},
		{Round{Year: 2023, Label: "2023年网站普查", PeriodStart: day(2023, 3, 1), PeriodEnd: day(2023, 4, 15)}, "2023年网站普查", "2023年网站普查", PeriodCampaign, "本次", day(2023, 3, 1), day(2023, 4, 15)},
		{Round{Year: 2023, PeriodStart: day(2023, 3, 1), PeriodEnd: day(2023, 4, 15)}, "20230301-20230415", "2023年3月1日至4月15日", PeriodCampaign, "本次", day(2023, 3, 1), day(2023, 4, 15)},
		{Round{Year: 2019, Label: "2019年网站普查"}, "2019年网站普查", "2019年网站普查", PeriodCampaign, "本次", day(2019, 1, 1), day(2019, 12, 31)}, // stored before periods
	} {
		s, e := tt.r.Period()
		if tt.r.Key() != tt.key || tt.r.Name() != tt.name || tt.r.Kind() != tt.kind || tt.r.This() != tt.this || !s.Equal(tt.start) || !e.Equal(tt.end) {
			t.Errorf("%+v: %s %s %s %s %v–%v", tt.r, tt.r.Key(), tt.r.Name(), tt.r.Kind(), tt.r.This(), s, e)
		}
		if p, ok := ParsePeriodKey(tt.key); tt.kind != PeriodCampaign && (!ok || p.Key() != tt.key) {
			t.Errorf("ParsePeriodKey(%q) = %+v, %v", tt.key, p, ok)
		}
	}
	for s, want := range map[string]string{"2023M9": "2023M09", "2023m09": "2023M09", "2023年9月": "2023M09", "2023年09月份": "2023M09",
		"２０２３Ｍ９": "2023M09", "2023H1": "2023H1", "2023年上半年": "2023H1", "2023下半年": "2023H2", "2019年第一季度": "2019Q1"} {
		if p, ok := ParsePeriodKey(s); !ok || p.Key() != want {
			t.Errorf("ParsePeriodKey(%q) = %s, %v; want %s", s, p.Key(), ok, want)
		}
	}
	for _, s := range []string{"2023M13", "2023年网站普查", "9月", "2023H3", ""} {
		if p, ok := ParsePeriodKey(s); ok {
			t.Errorf("ParsePeriodKey(%q) = %s", s, p.Key())
		}
	}
}

// TestRoundOrder: rounds sort by the period they cover, whatever the order
// they were stored in; 上月 and 上季度 only for the period just before.
func TestRoundOrder(t *testing.T) {
	rounds := []Round{
		{ID: 1, Year: 2023, Month: 9},
		{ID: 2, Year: 2023, Quarter: 3},
		{ID: 3, Year: 2023, Month: 8},
		{ID: 4, Year: 2023, Label: "专项", PeriodStart: day(2023, 8, 15), PeriodEnd: day(2023, 8, 20)},
		{ID: 5, Year: 2023, Half: 1},
		{ID: 6, Year: 2022, Quarter: 4},
		{ID: 7, Year: 2023, Month: 7},
	}
	sort.SliceStable(rounds, func(i, j int) bool { return rounds[i].Before(rounds[j]) })
	var got []string
	for _, r := range rounds {
		got = append(got, r.Key())
	}
	want := []string{"2022Q4", "2023H1", "2023M07", "2023Q3", "2023M08", "专项", "2023M09"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	for _, tt := range []struct {
		r, o Round
		want string
	}{
		{Round{Year: 2023, Month: 9}, Round{Year: 2023, Month: 8}, "上月"},
		{Round{Year: 2024, Month: 1}, Round{Year: 2023, Month: 12}, "上月"},
		{Round{Year: 2023, Month: 9}, Round{Year: 2023, Month: 7}, "上次"},
		{Round{Year: 2019, Quarter: 1}, Round{Year: 2018, Quarter: 4}, "上季度"},
		{Round{Year: 2023, Month: 9}, Round{Year: 2023, Quarter: 2}, "上次"},
	} {
		if got := tt.r.LastWord(tt.o); got != tt.want {
			t.Errorf("%s after %s: %s, want %s", tt.r.Key(), tt.o.Key(), got, tt.want)
		}
	}
}
