package compose

import (
	"strings"
	"testing"
	"text/template"
)

// TestFuncExamples executes every documented example of every template function.
func TestFuncExamples(t *testing.T) {
	for _, f := range FuncDocs {
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

func TestRates(t *testing.T) {
	tests := []struct {
		fail, checked, dec int
		failing, passing   string
	}{
		{1, 54, 1, "1.8%", "98.2%"},
		{1, 14, 1, "7.1%", "92.9%"},
		{0, 40, 1, "0", "100%"},
		{2, 25, 0, "8%", "92%"},
		{1, 51, 2, "1.96%", "98.04%"},
		{3, 3, 1, "100%", "0%"},
		{0, 0, 1, "—", "—"},
	}
	for _, tt := range tests {
		f, err := failrate(tt.fail, tt.checked, tt.dec)
		if err != nil || f != tt.failing {
			t.Errorf("failrate(%d,%d,%d) = %q, %v; want %q", tt.fail, tt.checked, tt.dec, f, err, tt.failing)
		}
		p, err := passrate(tt.fail, tt.checked, tt.dec)
		if err != nil || p != tt.passing {
			t.Errorf("passrate(%d,%d,%d) = %q, %v; want %q", tt.fail, tt.checked, tt.dec, p, err, tt.passing)
		}
	}
	if _, err := pct(5, 3, 1); err == nil {
		t.Error("pct(5,3) accepted a share over 100%")
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
