package web

import (
	"fmt"
	"math"
	"net/http"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
)

// lineChart is a pass rate across rounds as an SVG line: every point carries
// its value as text, so the chart reads in black and white.
type lineChart struct {
	ID, Title     string
	Width, Height int
	// Plot is the plotting area: left, top, right, bottom.
	Left, Top, Right, Bottom int
	Line                     string // polyline points
	Points                   []chartPoint
	Ticks                    []chartTick
	// Empty says why there is no line (no round checked these items).
	Empty string
}

// chartPoint is one round on a line chart.
type chartPoint struct {
	X, Y  float64
	Label string // round name
	Value string // 98.2%
	// Checked and Failing are written under the round's name.
	Checked, Failing string
}

// chartTick is a horizontal grid line with its value.
type chartTick struct {
	Y     float64
	Label string
}

// barChart is pass rates by region as horizontal SVG bars from zero, each
// with its name and value written beside it.
type barChart struct {
	ID, Title     string
	Width, Height int
	Left, Right   int
	Bars          []chartBar
	Ticks         []chartTick // X positions, in Y
	Empty         string
}

// chartBar is one region's bar.
type chartBar struct {
	Y, W, TextY float64
	Label       string
	Value       string
	Detail      string
	Full        bool // no failing item
}

// trendsData is the trends page.
type trendsData struct {
	Sites, Accounts       lineChart
	Latest                string
	Key                   string // the round by region
	RegionSites, RegionAc barChart
	Rounds                []circular.Summary
}

// trends shows pass rates across rounds and by region for the latest round.
func (h *Handler) trends(w http.ResponseWriter, r *http.Request) {
	a := h.cur()
	sums, err := a.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := trendsData{Rounds: sums}
	d.Sites = newLineChart("trend-sites", "政府网站合格率", sums, func(s circular.Summary) circular.Count { return s.Sites })
	d.Accounts = newLineChart("trend-accounts", "政务新媒体合格率", sums, func(s circular.Summary) circular.Count { return s.Accounts })
	if len(sums) > 0 {
		// By region: the latest round, or the one ?round= names.
		last := sums[len(sums)-1].Round
		for _, s := range sums {
			if s.Round.Key() == r.URL.Query().Get("round") {
				last = s.Round
			}
		}
		d.Key = last.Key()
		_, data, err := a.RoundFigures(r.Context(), last.Key())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Latest = last.Name()
		d.RegionSites = newBarChart("region-sites", "政府网站合格率（按地区）", data.Sites.ByRegion)
		d.RegionAc = newBarChart("region-accounts", "政务新媒体合格率（按地区）", data.Accounts.ByRegion)
	}
	h.render(w, r, http.StatusOK, "trends", "合格率趋势", "trends", d)
}

// rate is the pass rate in percent as a number for drawing; the label uses
// the office's rate rule.
func rate(c circular.Count) float64 {
	return 100 * float64(c.Passing()) / float64(c.Checked)
}

// newLineChart draws count's pass rate for each round that checked any.
func newLineChart(id, title string, sums []circular.Summary, count func(circular.Summary) circular.Count) lineChart {
	c := lineChart{ID: id, Title: title, Height: 310, Left: 64, Top: 36, Bottom: 310 - 84}
	var pts []circular.Summary
	low := 100.0
	for _, s := range sums {
		if n := count(s); n.Checked > 0 {
			pts = append(pts, s)
			low = math.Min(low, rate(n))
		}
	}
	step := 130
	c.Width = max(480, c.Left+40+step*len(pts))
	c.Right = c.Width - 40
	if len(pts) == 0 {
		c.Empty = "还没有检查过的轮次。"
		return c
	}
	// The axis starts below the lowest rate at a multiple of 5, so small
	// changes show; the ticks say where it starts.
	floor := math.Max(0, math.Floor((low-2)/5)*5)
	y := func(v float64) float64 {
		return float64(c.Bottom) - (v-floor)/(100-floor)*float64(c.Bottom-c.Top)
	}
	for v := floor; v <= 100; v += tickStep(100 - floor) {
		c.Ticks = append(c.Ticks, chartTick{Y: y(v), Label: fmt.Sprintf("%g%%", v)})
	}
	for i, s := range pts {
		n := count(s)
		x := float64(c.Left + step/2 + i*step)
		if len(pts) == 1 {
			x = float64(c.Left+c.Right) / 2
		}
		p := chartPoint{X: x, Y: y(rate(n)), Label: s.Round.Name(), Value: passRate(n.Failing, n.Checked),
			Checked: fmt.Sprintf("检查 %d 个", n.Checked), Failing: fmt.Sprintf("不合格 %d 个", n.Failing)}
		c.Points = append(c.Points, p)
		if c.Line != "" {
			c.Line += " "
		}
		c.Line += fmt.Sprintf("%.1f,%.1f", p.X, p.Y)
	}
	return c
}

// tickStep is the grid's step for a span of percentage points.
func tickStep(span float64) float64 {
	switch {
	case span <= 10:
		return 2
	case span <= 25:
		return 5
	case span <= 50:
		return 10
	}
	return 20
}

// newBarChart draws each region's pass rate; regions with nothing checked
// are left out.
func newBarChart(id, title string, rows []compose.Tally) barChart {
	c := barChart{ID: id, Title: title, Width: 760, Left: 180, Right: 760 - 230}
	const rowH, top = 30, 30
	for _, t := range rows {
		if t.Checked == 0 {
			continue
		}
		n := circular.Count{Running: t.Running, Checked: t.Checked, Failing: t.Failing}
		yy := float64(top + len(c.Bars)*rowH)
		c.Bars = append(c.Bars, chartBar{Y: yy + 5, W: rate(n) / 100 * float64(c.Right-c.Left), TextY: yy + 20,
			Label: t.Name, Value: passRate(t.Failing, t.Checked), Full: t.Failing == 0,
			Detail: fmt.Sprintf("%d 个中 %d 个不合格", t.Checked, t.Failing)})
	}
	c.Height = top + len(c.Bars)*rowH + 10
	if len(c.Bars) == 0 {
		c.Empty = "本轮没有检查。"
		return c
	}
	for v := 0.0; v <= 100; v += 25 {
		c.Ticks = append(c.Ticks, chartTick{Y: float64(c.Left) + v/100*float64(c.Right-c.Left), Label: fmt.Sprintf("%g%%", v)})
	}
	return c
}
