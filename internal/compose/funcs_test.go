package compose

import (
	"strings"
	"testing"
	"text/template"

	"tongbao/internal/circular"
)

// TestFuncExamples executes every documented example of every template
// function and of the data (DataExamples).
func TestFuncExamples(t *testing.T) {
	for _, f := range append(append([]FuncDoc{}, FuncDocs...), DataExamples...) {
		if len(f.Examples) == 0 {
			t.Errorf("%s has no example", f.Name)
		}
		for _, ex := range f.Examples {
			tmpl, err := template.New(f.Name).Funcs(Funcs()).Option("missingkey=error").Parse(ex.Template)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			var b strings.Builder
			if err := tmpl.Execute(&b, sampleData()); err != nil {
				t.Fatalf("%s: %s: %v", f.Name, ex.Template, err)
			}
			if b.String() != ex.Want {
				t.Errorf("%s: %s = %q, want %q", f.Name, ex.Template, b.String(), ex.Want)
			}
		}
	}
}

// TestRates: the template functions apply the rule they are bound to, an
// explicit decimals argument aside.
func TestRates(t *testing.T) {
	tests := []struct {
		rule               circular.RateRule
		fail, checked, dec int
		failing, passing   string
	}{
		{circular.RuleComplement, 1, 54, 1, "1.8%", "98.2%"},
		{circular.RuleRound, 1, 54, 1, "1.9%", "98.1%"},
		{circular.RuleComplement, 4, 29, 1, "13.7%", "86.3%"},
		{circular.RuleRound, 4, 29, 1, "13.8%", "86.2%"},
		{circular.RuleRound, 32, 323, 2, "9.91%", "90.09%"},
		{circular.RuleComplement, 32, 323, 2, "9.9%", "90.1%"},
		{circular.RuleRound, 0, 40, 1, "0", "100%"},
		{circular.RuleRound, 2, 25, 0, "8%", "92%"},
		{circular.RuleRound, 3, 3, 1, "100%", "0%"},
		{circular.RuleRound, 0, 0, 1, "—", "—"},
	}
	for _, tt := range tests {
		r := circular.Rates{Rule: tt.rule, Decimals: tt.dec}
		fns := rateFns{&r}
		f, err := fns.failrate(tt.fail, tt.checked)
		if err != nil || f != tt.failing {
			t.Errorf("%s failrate(%d,%d) = %q, %v; want %q", r, tt.fail, tt.checked, f, err, tt.failing)
		}
		p, err := fns.passrate(tt.fail, tt.checked)
		if err != nil || p != tt.passing {
			t.Errorf("%s passrate(%d,%d) = %q, %v; want %q", r, tt.fail, tt.checked, p, err, tt.passing)
		}
		r1 := circular.Rates{Rule: tt.rule, Decimals: 3}
		if p2, err := (rateFns{&r1}).passrate(tt.fail, tt.checked, tt.dec); err != nil || p2 != tt.passing {
			t.Errorf("%s passrate(%d,%d,%d) = %q, %v; want %q", r, tt.fail, tt.checked, tt.dec, p2, err, tt.passing)
		}
	}
	if _, err := pct(5, 3); err == nil {
		t.Error("pct(5,3) accepted a share over 100%")
	}
	if _, err := pct(1, 3, 1, 2); err == nil {
		t.Error("pct with two decimals arguments accepted")
	}
}

func TestCN(t *testing.T) {
	for n, want := range map[int]string{0: "零", 9: "九", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一",
		110: "一百一十", 1001: "一千零一", 1010: "一千零一十", 2019: "二千零一十九", 9999: "九千九百九十九"} {
		if got, _ := cn(n); got != want {
			t.Errorf("cn(%d) = %q, want %q", n, got, want)
		}
	}
	if _, err := cn(10000); err == nil {
		t.Error("cn(10000) accepted")
	}
}

func FuzzRates(f *testing.F) {
	f.Add(1, 54, 1)
	f.Fuzz(func(t *testing.T, num, den, dec int) {
		fr, err1 := failrate(num, den, dec)
		pr, err2 := passrate(num, den, dec)
		_, err3 := pct(num, den, dec)
		if (err1 == nil) != (err2 == nil) || (err1 == nil) != (err3 == nil) {
			t.Fatalf("inconsistent errors %v %v %v", err1, err2, err3)
		}
		if err1 == nil && den > 0 && !strings.HasSuffix(pr, "%") {
			t.Fatalf("passrate %q", pr)
		}
		_ = fr
		_, _ = cn(num)
	})
}

// TestFieldUnexported: names and groupBy read exported fields only; an
// unexported one is the same Chinese error as a missing one, not a panic.
func TestFieldUnexported(t *testing.T) {
	type item struct {
		Name   string
		secret string
	}
	list := []item{{Name: "甲", secret: "x"}}
	if _, err := names(list, "secret"); err == nil || !strings.Contains(err.Error(), "没有字段「secret」") {
		t.Errorf("names on an unexported field: %v", err)
	}
	if got, err := names(list, "Name"); err != nil || len(got) != 1 || got[0] != "甲" {
		t.Errorf("names(Name) = %v, %v", got, err)
	}
}
