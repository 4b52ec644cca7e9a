package compose

import (
	"errors"
	"strings"
	"testing"
	"text/template"
	"time"
	"unicode/utf8"

	"tongbao/internal/circular"
)

// FuzzTemplateFuncs feeds arbitrary arguments to the template functions, as
// an editor's template can:
//
//	go test -run '^$' -fuzz=FuzzTemplateFuncs -fuzztime=5m ./internal/compose
//
// Every function returns a result or an error, never panics, and keeps its
// documented rules: cn writes numbers that read back, dateRange starts with
// the first date, join and joinAnd keep every item in order, names and
// groupBy keep every item. Through a template, every failure is a
// Chinese-wrapped template error (templateError), never a crash.
func FuzzTemplateFuncs(f *testing.F) {
	f.Add(12, int64(17948), int64(17959), "个", "的政府网站", "甲|乙|丙", "Name")
	f.Add(-1, int64(0), int64(-1), "", "", "", "")
	f.Add(10000, int64(-700000), int64(2900000), "\x00", "网站", "|", "wall")
	f.Add(105, int64(17948), int64(17948), "家", "x", "一", "Problems")
	f.Fuzz(func(t *testing.T, n int, dayA, dayB int64, word, suffix, list, fieldName string) {
		// cn: 0–9999 in numerals that read back; an error otherwise.
		s, err := cn(n)
		if (err == nil) != (n >= 0 && n < 10000) {
			t.Fatalf("cn(%d) = %q, %v", n, s, err)
		}
		if err == nil {
			if back, ok := readCN(s); !ok || back != n {
				t.Fatalf("cn(%d) = %q reads back as %d", n, s, back)
			}
		}
		if q, err := quarter(n); (err == nil) != (n >= 1 && n <= 4) || (err == nil && !strings.HasPrefix(q, "第")) {
			t.Fatalf("quarter(%d) = %q, %v", n, q, err)
		}
		// Dates from year 1 to 9999.
		day := func(d int64) time.Time {
			d = min(max(d, -719162), 2932896)
			return time.Unix(d*86400, 0).UTC()
		}
		a, b := day(dayA), day(dayB)
		if r := dateRange(a, b); !strings.HasPrefix(r, date(a)) || (a.Equal(b) && r != date(a)) || !utf8.ValidString(r) {
			t.Fatalf("dateRange(%v, %v) = %q", a, b, r)
		}
		_ = monthDay(b)
		// Lists.
		items := strings.Split(list, "|")
		j, err := join(items)
		if err != nil || j != strings.Join(items, "、") {
			t.Fatalf("join(%q) = %q, %v", items, j, err)
		}
		ja, err := joinAnd(items)
		if err != nil || (len(items) >= 2 && !strings.HasSuffix(ja, "和"+items[len(items)-1])) {
			t.Fatalf("joinAnd(%q) = %q, %v", items, ja, err)
		}
		if _, err := join(n); err == nil {
			t.Fatal("join accepted a number")
		}
		_ = count(n, word)
		_ = trimSuffix(suffix, word)
		_ = defaultValue(word, list)
		var its []Item
		for i, x := range items {
			its = append(its, Item{No: i + 1, Name: x, Unit: word, Problems: []string{suffix}})
		}
		if ns, err := names(its, fieldName); err == nil && len(ns) != len(its) {
			t.Fatalf("names gave %d of %d", len(ns), len(its))
		}
		if gs, err := groupBy(its, fieldName); err == nil {
			total := 0
			for _, g := range gs {
				total += len(g.Items)
			}
			if total != len(its) {
				t.Fatalf("groupBy kept %d of %d", total, len(its))
			}
		}
		// Through a template, as editors call them: arbitrary arguments give
		// output or a template error. Lists of time.Time have unexported
		// fields (wall, ext, loc): names and groupBy on those panic when
		// called directly; text/template turns that into an error.
		data := map[string]any{"N": n, "A": a, "B": b, "W": word, "S": suffix, "L": items, "Items": its, "F": fieldName,
			"Times": []time.Time{a, b}, "Data": sampleData()}
		for _, src := range []string{
			`{{cn .N}}{{quarter .N}}{{date .A}}{{monthDay .B}}{{dateRange .A .B}}`,
			`{{pct .N 100 1}}{{failrate .N 100 2}}{{passrate .N 100 0}}{{count .N .W}}`,
			`{{join .L}}{{joinAnd .L}}{{.W | trimSuffix .S}}{{default .S .W}}{{add .N 1}}{{sub .N 1}}`,
			`{{names .Items .F | join}}{{range groupBy .Items .F}}{{.Key}}{{len .Items}}{{end}}`,
			`{{names .Times .F | join}}{{range groupBy .Times .F}}{{.Key}}{{end}}`,
			`{{names .Data.Sites.Failing .F | joinAnd}}{{range groupBy .Data.Sites.ByKind .F}}{{.Key}}{{end}}`,
		} {
			tmpl := template.Must(template.New("x.tmpl").Funcs(Funcs()).Option("missingkey=error").Parse(src))
			var out limitedBuffer
			if err := tmpl.Execute(&out, data); err != nil {
				var ce *circular.Error
				if te := templateError("模板", err); !errors.As(te, &ce) || len(ce.Problems) != 1 || ce.Problems[0].Text == "" {
					t.Fatalf("%s: error %v not reported as a template error", src, err)
				}
			}
		}
	})
}

// readCN reads Chinese numerals as cn writes them (up to 9999).
func readCN(s string) (int, bool) {
	digit := map[rune]int{'零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, -1
	for _, r := range s {
		if d, ok := digit[r]; ok {
			cur = d
			continue
		}
		u, ok := unit[r]
		if !ok {
			return 0, false
		}
		if cur < 0 {
			cur = 1 // 十二
		}
		total += cur * u
		cur = -1
	}
	if cur > 0 {
		total += cur
	}
	return total, true
}
