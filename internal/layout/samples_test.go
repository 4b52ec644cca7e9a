package layout_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/excel"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/samplegen"
)

// sampleDocs composes the circulars the corpus takes from workbooks: the
// sample rounds of samples/ with the bundled templates, and a province
// round.
func sampleDocs(t *testing.T) []layouttest.Named {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	config := func(replace ...string) *app.App {
		dir := t.TempDir()
		text := strings.Replace(string(b), `templates = "templates"`, `templates = "`+filepath.ToSlash(filepath.Join(root, "templates"))+`"`, 1)
		for i := 0; i+1 < len(replace); i += 2 {
			text = strings.Replace(text, replace[i], replace[i+1], 1)
		}
		cfg := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := app.Load(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	var out []layouttest.Named
	draft := func(name string, a *app.App, key string, date time.Time, wbs ...app.Workbook) {
		if _, err := a.Import(t.Context(), wbs, false, false); err != nil {
			t.Fatal(err)
		}
		_, r, err := a.Draft(t.Context(), key, date, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, layouttest.Named{Name: name, Doc: r.Doc})
	}
	var samples []app.Workbook
	for _, f := range []string{"2018Q4.xlsx", "2019Q1.xlsx"} {
		wb, err := app.ReadWorkbookFile(filepath.Join(root, "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, wb)
	}
	draft("sample-2019Q1", config(), "2019Q1", time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), samples...)
	draft("sample-today", config(), "2019Q1", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), samples...)

	var wb bytes.Buffer
	rr := samplegen.Generate(samplegen.Province, 3)
	if err := excel.WriteRound(&wb, rr); err != nil {
		t.Fatal(err)
	}
	province := config(`area = "全市"`, `area = "全省"`)
	if _, err := province.Import(t.Context(), []app.Workbook{{Name: "province.xlsx", Data: wb.Bytes()}}, false, false); err != nil {
		t.Fatal(err)
	}
	_, r, err := province.Draft(t.Context(), "", time.Date(2024, 10, 18, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, layouttest.Named{Name: "province", Doc: r.Doc})
	return out
}
