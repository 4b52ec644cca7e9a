package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// This file makes series of rounds at a scale, for `tongbao generate` and the
// scale benchmarks: the same sites and accounts quarter after quarter, with
// some of a quarter's failures rectified in the next and some failing again,
// so that a draft has a recheck to report.

// ParseScale reads a scale's name: city, province or nation (or 市, 省,
// 全国); ok is false for anything else.
func ParseScale(s string) (Scale, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "city", "市", "市级":
		return City, true
	case "province", "省", "省级":
		return Province, true
	case "nation", "national", "全国":
		return Nation, true
	}
	return City, false
}

// Options say what GenerateRounds makes.
type Options struct {
	// Scale is the size of each round.
	Scale Scale
	// Seed makes the rounds; the same seed gives the same rounds.
	Seed int64
	// Rounds is how many consecutive quarters to make (at least 1).
	Rounds int
	// Full checks every running site and account (全覆盖). Otherwise a
	// province samples 35% and the nation 25%, as Generate does.
	Full bool
}

// GenerateRounds makes opts.Rounds consecutive quarterly rounds of the same
// sites and accounts, oldest first. The first is Generate's round (or its
// full-coverage variant); each later one re-rolls the results: about 40% of
// the items failing in a quarter fail again in the next (the recheck's 仍未
// 整改到位), the others are fixed, and new failures appear at the same rates.
// Under 抽查 each quarter draws its own sample.
func GenerateRounds(opts Options) []*circular.RoundResults {
	n := max(opts.Rounds, 1)
	first := generate(opts.Scale, opts.Seed, opts.Full)
	out := []*circular.RoundResults{first}
	for k := 1; k < n; k++ {
		out = append(out, nextRound(out[k-1], opts.Seed, k))
	}
	return out
}

// nextRound makes the quarter after prev: the same items, new results.
func nextRound(prev *circular.RoundResults, seed int64, k int) *circular.RoundResults {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed)^0x5bd1e995, uint64(k)))}
	pr := prev.Round
	y, q := pr.Year, pr.Quarter+1
	if q > 4 {
		y, q = y+1, 1
	}
	start := time.Date(y, time.Month(3*q-1), 10+g.rng.IntN(10), 0, 0, 0, 0, time.UTC)
	r := circular.Round{Year: y, Quarter: q, Scope: pr.Scope, Share: pr.Share,
		SampleStart: start, SampleEnd: start.AddDate(0, 0, 9+g.rng.IntN(5))}
	sites, accounts := len(prev.Sites), len(prev.Accounts)
	reports := sites/2 + g.rng.IntN(sites/2+1)
	r.Reports, r.ReportsOnTime = reports, reports-g.rng.IntN(reports/10+2)
	share := 1.0
	if pr.Scope == circular.ScopeSample {
		share = pr.Share / 100
	}
	rr := &circular.RoundResults{Round: r,
		Sites:    make([]circular.SiteResult, sites),
		Accounts: make([]circular.AccountResult, accounts)}
	siteFail := 0.02 + 0.06*g.rng.Float64()
	accountFail := 0.03 + 0.07*g.rng.Float64()
	var checked []int
	for i, s := range prev.Sites {
		ns := circular.SiteResult{Site: s.Site, Result: circular.NewResult()}
		// A site failing last quarter is rechecked; the others are sampled again.
		ns.Checked = !ns.Closed && (s.Failing() || g.rng.Float64() < share)
		if ns.Checked {
			checked = append(checked, i)
		}
		rr.Sites[i] = ns
	}
	failing := g.carry(checked, siteFail, func(i int) bool { return prev.Sites[i].Failing() })
	for _, i := range checked {
		g.siteResult(&rr.Sites[i].Result, failing[i])
	}
	checked = checked[:0]
	for i, a := range prev.Accounts {
		na := circular.AccountResult{Account: a.Account, Result: circular.NewResult()}
		na.Checked = !na.Closed && (a.Failing() || g.rng.Float64() < share)
		if na.Checked {
			checked = append(checked, i)
		}
		rr.Accounts[i] = na
	}
	failing = g.carry(checked, accountFail, func(i int) bool { return prev.Accounts[i].Failing() })
	for _, i := range checked {
		g.accountResult(&rr.Accounts[i].Result, failing[i])
	}
	return rr
}

// carry picks the failing items of a later quarter: 40% of those failing
// before, then others up to the share p of the items checked.
func (g *generator) carry(items []int, p float64, failedBefore func(int) bool) map[int]bool {
	out := map[int]bool{}
	var fresh []int
	for _, i := range items {
		if failedBefore(i) {
			if g.rng.IntN(10) < 4 {
				out[i] = true
			}
			continue
		}
		fresh = append(fresh, i)
	}
	want := int(p*float64(len(items))+0.5) - len(out)
	if want > 0 && len(fresh) > 0 {
		for _, j := range g.rng.Perm(len(fresh))[:min(want, len(fresh))] {
			out[fresh[j]] = true
		}
	}
	return out
}

// Describe summarises a round in one Chinese line: its key, sizes, checked
// and failing counts.
func Describe(rr *circular.RoundResults) string {
	var sc, sf, ac, af, long int
	for _, s := range rr.Sites {
		if s.Checked {
			sc++
		}
		if s.Failing() {
			sf++
		}
		if len([]rune(s.Name)) >= 40 {
			long++
		}
	}
	for _, a := range rr.Accounts {
		if a.Checked {
			ac++
		}
		if a.Failing() {
			af++
		}
	}
	return fmt.Sprintf("%s（%s）：政府网站 %d 个、检查 %d 个、不合格 %d 个（名称 40 字以上的 %d 个）；政务新媒体 %d 个、检查 %d 个、不合格 %d 个",
		rr.Round.Key(), rr.Round.Scope, len(rr.Sites), sc, sf, long, len(rr.Accounts), ac, af)
}
