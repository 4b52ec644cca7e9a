package circular

import (
	"reflect"
	"strings"
	"testing"
)

func TestEvaluate(t *testing.T) {
	type counts struct{ blank, stale, links, days int }
	tests := []struct {
		name    string
		account bool
		verdict Verdict
		vetoes  []string
		c       counts
		score   float64
		problem string
		// want
		verdict2 Verdict
		vetoes2  []string
		msg      string // fragment of the contradiction message; "" for none
	}{
		{name: "clean site passes", c: counts{0, 3, 2, 1}, score: 10, verdict2: VerdictPass},
		{name: "5 blank columns fail", c: counts{5, 7, NA, NA}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoColumns}},
		{name: "4 blank columns pass", c: counts{4, 9, NA, NA}, score: NA, verdict2: VerdictPass},
		{name: "10 stale columns fail", c: counts{0, 10, NA, NA}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoColumns}},
		{name: "home page stale 14 days", c: counts{NA, NA, NA, 14}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoHomeStale}},
		{name: "deduction over 40", c: counts{NA, NA, NA, NA}, score: 40.5, verdict2: VerdictFail},
		{name: "deduction of 40 passes", c: counts{NA, NA, NA, NA}, score: 40, verdict2: VerdictPass},
		{name: "listed veto fails", vetoes: []string{VetoInteraction}, c: counts{NA, NA, NA, NA}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoInteraction}},
		{name: "listed and implied merge in order", vetoes: []string{VetoInteraction}, c: counts{6, NA, NA, NA}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoColumns, VetoInteraction}},
		{name: "pass contradicts blank columns", verdict: VerdictPass, c: counts{5, NA, NA, NA}, score: NA, verdict2: VerdictPass, msg: "空白栏目数为 5"},
		{name: "pass contradicts listed veto", verdict: VerdictPass, vetoes: []string{VetoSecurity}, c: counts{NA, NA, NA, NA}, score: NA, verdict2: VerdictPass, msg: "安全问题"},
		{name: "pass contradicts score", verdict: VerdictPass, c: counts{NA, NA, NA, NA}, score: 55, verdict2: VerdictPass, msg: "扣分为 55 分"},
		{name: "fail without reason", verdict: VerdictFail, c: counts{1, 1, NA, NA}, score: NA, verdict2: VerdictFail, msg: "没有触发单项否决指标，扣分也没有超过 40 分"},
		{name: "fail with problem text but no veto", verdict: VerdictFail, c: counts{NA, NA, NA, NA}, score: NA, problem: "存在严重错别字", verdict2: VerdictFail, msg: "「扣分问题」"},
		{name: "fail on the score alone", verdict: VerdictFail, c: counts{NA, NA, NA, NA}, score: 45, problem: "多处链接无法打开", verdict2: VerdictFail},
		{name: "account fail without veto", account: true, verdict: VerdictFail, c: counts{NA, NA, NA, 3}, score: NA, problem: "未报备", verdict2: VerdictFail, msg: "不合格须有单项否决指标。"},
		{name: "account stale 20 days", account: true, c: counts{NA, NA, NA, 20}, score: NA, verdict2: VerdictFail, vetoes2: []string{VetoContent}},
		{name: "account stale 13 days passes", account: true, c: counts{NA, NA, NA, 13}, score: NA, verdict2: VerdictPass},
		{name: "account pass contradicts days", account: true, verdict: VerdictPass, c: counts{NA, NA, NA, 15}, score: NA, verdict2: VerdictPass, msg: "未更新天数为 15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Result{Checked: true, Verdict: tt.verdict, Vetoes: tt.vetoes, BlankColumns: tt.c.blank, StaleColumns: tt.c.stale,
				BrokenLinks: tt.c.links, StaleDays: tt.c.days, Deduction: tt.score, Problem: tt.problem}
			msg := r.Evaluate(tt.account)
			if tt.msg == "" && msg != "" || tt.msg != "" && !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q, want containing %q", msg, tt.msg)
			}
			if r.Verdict != tt.verdict2 {
				t.Errorf("verdict %v, want %v", r.Verdict, tt.verdict2)
			}
			if tt.msg == "" && !reflect.DeepEqual(r.Vetoes, tt.vetoes2) {
				t.Errorf("vetoes %v, want %v", r.Vetoes, tt.vetoes2)
			}
		})
	}
	unchecked := Result{Verdict: VerdictFail}
	if msg := unchecked.Evaluate(false); !strings.Contains(msg, "未检查") {
		t.Errorf("unchecked with a verdict: %q", msg)
	}
}

func TestProblems(t *testing.T) {
	r := NewResult()
	r.BlankColumns, r.StaleColumns, r.BrokenLinks = 5, 7, 0
	r.Evaluate(false)
	if got := strings.Join(r.Problems(false), "、"); got != "7个栏目更新不及时、5个栏目空白" {
		t.Errorf("Problems = %q", got)
	}
	r.Problem = "首页 长期\n未更新。"
	if got := r.Problems(false); !reflect.DeepEqual(got, []string{"首页长期未更新"}) {
		t.Errorf("given problem = %q", got)
	}
	a := NewResult()
	a.StaleDays = 20
	a.Vetoes = []string{VetoInteraction}
	a.Evaluate(true)
	if got := strings.Join(a.Problems(true), "、"); got != "连续20天未更新、互动功能不可用" {
		t.Errorf("account Problems = %q", got)
	}
}

func TestParseVetoes(t *testing.T) {
	v, unknown := ParseVetoes("互动回应差、栏目更新不及时，空白栏目; 外星人", false)
	if !reflect.DeepEqual(v, []string{VetoColumns, VetoInteraction}) || !reflect.DeepEqual(unknown, []string{"外星人"}) {
		t.Errorf("ParseVetoes = %v, %v", v, unknown)
	}
	if v, unknown := ParseVetoes("首页不更新", true); v != nil || len(unknown) != 1 {
		t.Errorf("site veto accepted for an account: %v %v", v, unknown)
	}
}

func TestSiteCode(t *testing.T) {
	for code, ok := range map[string]bool{"4452000024": true, "bm55000001": true, "445200002": false, "44520000245": false,
		"0000000001": false, "BM55000001": false, "4452OOOO24": false, "": false} {
		if got := ValidSiteCode(code) == ""; got != ok {
			t.Errorf("ValidSiteCode(%q) ok = %v, want %v", code, got, ok)
		}
	}
}

func TestRoundKeys(t *testing.T) {
	for s, want := range map[string][2]int{"2019Q1": {2019, 1}, "2019q4": {2019, 4}, "2019年第一季度": {2019, 1}, "２０１９Ｑ２": {2019, 2},
		"2019年3季度": {2019, 3}, "2019 年 第 二 季度": {2019, 2}} {
		y, q, ok := ParseRoundKey(s)
		if !ok || y != want[0] || q != want[1] {
			t.Errorf("ParseRoundKey(%q) = %d, %d, %v", s, y, q, ok)
		}
	}
	for _, s := range []string{"2019Q5", "2019年网站普查", "Q1"} {
		if _, _, ok := ParseRoundKey(s); ok {
			t.Errorf("ParseRoundKey(%q) accepted", s)
		}
	}
	r := Round{Year: 2019, Quarter: 1}
	if r.Key() != "2019Q1" || r.Name() != "2019年第一季度" {
		t.Errorf("Key/Name = %s %s", r.Key(), r.Name())
	}
	if !(Round{Year: 2018, Quarter: 4}).Before(r) || r.Before(Round{Year: 2018, Quarter: 4}) {
		t.Error("Before")
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"  网站\u3000标识码 ": "网站 标识码", "ＡＢＣ１２３": "ABC123", "a\n\n b": "a b"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CleanText("揭阳市 审计局\n网站 Web App"); got != "揭阳市审计局网站Web App" {
		t.Errorf("CleanText = %q", got)
	}
	if got := CompactKey(" 网站 标识码 "); got != "网站标识码" {
		t.Errorf("CompactKey = %q", got)
	}
}
