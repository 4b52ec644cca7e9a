package sqlite

import (
	"context"
	"testing"
	"time"

	"tongbao/internal/circular"
)

// TestPeriodRounds: monthly rounds imported out of order are stored with
// their period and figures and read back ordered by period; the previous
// round of September is August; 2023年9月 finds 2023M09; a replace swaps the
// figures.
func TestPeriodRounds(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	month := func(m int, figs ...circular.Figure) *circular.RoundResults {
		rr := round(2023, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", m == 8)}, nil)
		rr.Round.Quarter, rr.Round.Month = 0, m
		rr.Round.SampleStart, rr.Round.SampleEnd = time.Time{}, time.Time{}
		rr.Round.Figures = figs
		return rr
	}
	campaign := round(2023, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, nil)
	campaign.Round.Quarter, campaign.Round.Label = 0, "2023年网站普查"
	campaign.Round.PeriodStart, campaign.Round.PeriodEnd = time.Date(2023, 8, 20, 0, 0, 0, 0, time.UTC), time.Date(2023, 8, 25, 0, 0, 0, 0, time.UTC)
	for _, rr := range []*circular.RoundResults{month(9, circular.Figure{Name: "告警提醒次数", Value: 25}, circular.Figure{Name: "平均得分", Value: 92.5}), campaign, month(8)} {
		if err := db.ImportRound(ctx, rr, Source{}, false); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range list {
		keys = append(keys, s.Round.Key())
	}
	if len(keys) != 3 || keys[0] != "2023M08" || keys[1] != "2023年网站普查" || keys[2] != "2023M09" {
		t.Fatalf("rounds %v, want 2023M08, 2023年网站普查, 2023M09", keys)
	}
	sep, err := db.Round(ctx, "2023年9月")
	if err != nil {
		t.Fatal(err)
	}
	if sep.Month != 9 || len(sep.Figures) != 2 || sep.Figures[0] != (circular.Figure{Name: "告警提醒次数", Value: 25}) || sep.Figures[1].Value != 92.5 {
		t.Errorf("September %+v", sep)
	}
	prev, err := db.PreviousRound(ctx, sep)
	if err != nil || prev == nil || prev.Key() != "2023年网站普查" || !prev.PeriodStart.Equal(campaign.Round.PeriodStart) {
		t.Errorf("previous of September: %+v, %v", prev, err)
	}
	if latest, err := db.LatestRound(ctx); err != nil || latest.Key() != "2023M09" || len(latest.Figures) != 2 {
		t.Errorf("latest %+v, %v", latest, err)
	}
	if err := db.ImportRound(ctx, month(9, circular.Figure{Name: "更新提醒次数", Value: 35}), Source{}, true); err != nil {
		t.Fatal(err)
	}
	if sep, err = db.Round(ctx, "2023M09"); err != nil || len(sep.Figures) != 1 || sep.Figures[0].Name != "更新提醒次数" {
		t.Errorf("replaced September %+v, %v", sep, err)
	}
}
