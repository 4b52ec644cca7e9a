package samplegen

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/excel"
)

var update = flag.Bool("update", false, "rewrite samples/*.xlsx from the Go data")

var samples = []struct {
	file string
	make func() *circular.RoundResults
}{
	{"2018Q4.xlsx", Jieyang2018Q4},
	{"2019Q1.xlsx", Jieyang2019Q1},
}

// TestSamples keeps samples/*.xlsx equal to the Go data: with -update it
// rewrites them, otherwise it reads them back and compares.
func TestSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "samples")
	for _, s := range samples {
		want := s.make()
		path := filepath.Join(dir, s.file)
		if *update {
			var buf bytes.Buffer
			if err := excel.WriteRound(&buf, want); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := excel.ReadRound(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./internal/samplegen -run TestSamples -update)", s.file, err)
		}
		if d := diff(want, got); d != "" {
			t.Errorf("%s differs from the Go data (run go test ./internal/samplegen -run TestSamples -update):\n%s", s.file, d)
		}
	}
}

// diff describes the first differences between two rounds, "" when equal.
func diff(a, b *circular.RoundResults) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	var out []string
	if !reflect.DeepEqual(a.Round, b.Round) {
		out = append(out, fmt.Sprintf("round: %+v\n    vs %+v", a.Round, b.Round))
	}
	if len(a.Sites) != len(b.Sites) || len(a.Accounts) != len(b.Accounts) {
		out = append(out, fmt.Sprintf("sizes: %d/%d vs %d/%d", len(a.Sites), len(a.Accounts), len(b.Sites), len(b.Accounts)))
	}
	for i := 0; i < min(len(a.Sites), len(b.Sites)) && len(out) < 10; i++ {
		if !reflect.DeepEqual(a.Sites[i], b.Sites[i]) {
			out = append(out, fmt.Sprintf("site %d: %+v\n    vs %+v", i, a.Sites[i], b.Sites[i]))
		}
	}
	for i := 0; i < min(len(a.Accounts), len(b.Accounts)) && len(out) < 10; i++ {
		if !reflect.DeepEqual(a.Accounts[i], b.Accounts[i]) {
			out = append(out, fmt.Sprintf("account %d: %+v\n    vs %+v", i, a.Accounts[i], b.Accounts[i]))
		}
	}
	return strings.Join(out, "\n")
}

// TestJieyang2019Q1Figures checks the figures the 2019 Q1 circular prints.
func TestJieyang2019Q1Figures(t *testing.T) {
	rr := Jieyang2019Q1()
	cats := map[string]int{}
	checked, failing := 0, []circular.SiteResult{}
	for _, s := range rr.Sites {
		cats[s.Category]++
		if s.Checked {
			checked++
		}
		if s.Failing() {
			failing = append(failing, s)
		}
	}
	want := map[string]int{"门户网站": 11, "业务系统": 1, "事业单位网站": 2, circular.CategoryIntensive: 40}
	if !reflect.DeepEqual(cats, want) {
		t.Errorf("categories %v, want %v", cats, want)
	}
	if checked != 54 || len(failing) != 1 {
		t.Fatalf("checked %d failing %d, want 54 and 1", checked, len(failing))
	}
	f := failing[0]
	if f.Code != "4452000024" || f.Name != "广东省揭阳大南海石化工业区管理委员会官方网站" || f.Unit != "揭阳大南海石化工业区管理委员会" {
		t.Errorf("failing site %+v", f.Site)
	}
	if p := strings.Join(f.Problems(false), "、"); p != "7个栏目更新不及时、5个栏目空白" {
		t.Errorf("problem %q", p)
	}
	if rate, _ := (circular.Rates{Rule: circular.RuleComplement, Decimals: 1}).Pass(1, 54); rate != "98.2%" { // config.toml chooses this rule
		t.Errorf("pass rate %s", rate)
	}
	r := rr.Round
	if r.Key() != "2019Q1" || r.Scope != circular.ScopeFull || r.SampleStart.Format(time.DateOnly) != "2019-02-21" ||
		r.SampleEnd.Format(time.DateOnly) != "2019-03-04" || r.ReportsOnTime >= r.Reports {
		t.Errorf("round %+v", r)
	}
	failingAccounts := 0
	for _, a := range rr.Accounts {
		if a.Failing() {
			failingAccounts++
		}
	}
	if len(rr.Accounts) < 35 || failingAccounts < 2 || failingAccounts > 5 {
		t.Errorf("%d accounts, %d failing", len(rr.Accounts), failingAccounts)
	}
}

// TestJieyangRecheck: 2018 Q4 fails 大南山 (fixed in 2019 Q1) and 4452000024
// (failing again), the same sites in both; one account fails in both.
func TestJieyangRecheck(t *testing.T) {
	q4, q1 := Jieyang2018Q4(), Jieyang2019Q1()
	if len(q4.Sites) != len(q1.Sites) {
		t.Fatal("the two quarters have different sites")
	}
	now := map[string]bool{}
	for i, s := range q1.Sites {
		if q4.Sites[i].Code != s.Code {
			t.Errorf("site %d: %s vs %s", i, q4.Sites[i].Code, s.Code)
		}
		now[s.Code] = s.Failing()
	}
	var fixed, still []string
	for _, s := range q4.Sites {
		if s.Failing() {
			if now[s.Code] {
				still = append(still, s.Code)
			} else {
				fixed = append(fixed, s.Code)
			}
		}
	}
	if !reflect.DeepEqual(fixed, []string{"4452000025"}) || !reflect.DeepEqual(still, []string{"4452000024"}) {
		t.Errorf("fixed %v, still %v", fixed, still)
	}
	acc := map[string]bool{}
	for _, a := range q1.Accounts {
		acc[a.Key()] = a.Failing()
	}
	recurring := 0
	for _, a := range q4.Accounts {
		if a.Failing() && acc[a.Key()] {
			recurring++
		}
	}
	if recurring != 1 {
		t.Errorf("%d accounts fail in both quarters, want 1", recurring)
	}
}

func TestGenerate(t *testing.T) {
	for _, sc := range []Scale{City, Province, Nation} {
		t.Run(sc.String(), func(t *testing.T) {
			start := time.Now()
			rr := Generate(sc, 7)
			t.Logf("%s: generated in %v", sc, time.Since(start))
			nS, nA := sc.Size()
			if len(rr.Sites) != nS || len(rr.Accounts) != nA {
				t.Fatalf("%d sites %d accounts, want %d %d", len(rr.Sites), len(rr.Accounts), nS, nA)
			}
			codes := map[string]bool{}
			cats := map[string]bool{}
			var checked, failing, long int
			for _, s := range rr.Sites {
				if msg := circular.ValidSiteCode(s.Code); msg != "" {
					t.Fatal(msg)
				}
				if codes[s.Code] {
					t.Fatalf("duplicate code %s", s.Code)
				}
				codes[s.Code] = true
				cats[s.Category] = true
				if len([]rune(s.Name)) >= 40 {
					long++
				}
				if s.Checked {
					checked++
				}
				if s.Failing() {
					failing++
				}
				r := s.Result
				if msg := r.Evaluate(false); msg != "" {
					t.Fatalf("%s: %s", s.Code, msg)
				}
				if s.Problem != "" && !s.Failing() {
					t.Fatalf("%s has a problem text but passes", s.Code)
				}
			}
			if long == 0 {
				t.Error("no site name of 40 characters or more")
			}
			keys := map[string]bool{}
			platforms := map[string]bool{}
			var aChecked, aFailing int
			for _, a := range rr.Accounts {
				if keys[a.Key()] {
					t.Fatalf("duplicate account %s %s", a.Platform, a.Name)
				}
				keys[a.Key()] = true
				platforms[a.Platform] = true
				if a.Checked {
					aChecked++
				}
				if a.Failing() {
					aFailing++
				}
			}
			sRate, aRate := float64(failing)/float64(checked), float64(aFailing)/float64(aChecked)
			t.Logf("sites: %d checked, %.1f%% failing; accounts: %d checked, %.1f%% failing; %d categories, %d platforms",
				checked, 100*sRate, aChecked, 100*aRate, len(cats), len(platforms))
			if sc == Nation {
				if sRate < 0.015 || sRate > 0.09 || aRate < 0.025 || aRate > 0.11 {
					t.Errorf("failure rates %.3f %.3f out of range", sRate, aRate)
				}
				if len(cats) != len(circular.SiteCategories) || len(platforms) != len(circular.Platforms) {
					t.Errorf("categories %v platforms %v", cats, platforms)
				}
				if checked == nS {
					t.Error("a sampled round checked everything")
				}
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(Province, 42), Generate(Province, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different rounds")
	}
	if c := Generate(Province, 43); reflect.DeepEqual(a.Sites, c.Sites) {
		t.Error("different seeds gave the same sites")
	}
}
