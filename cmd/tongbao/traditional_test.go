package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"tongbao/fonts"
	"tongbao/internal/app"
	"tongbao/internal/sqlite"
)

// TestTraditionalRound: a round whose names and text are in traditional
// characters drafts with each paragraph and cell in one 仿宋 and nothing to
// report; a character only a face of another style has is reported with its
// page and paragraph.
func TestTraditionalRound(t *testing.T) {
	e, tdir := editableEnv(t)
	e.importSamples()
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE site_results SET name = '廣東省揭陽大南海石化工業區管理委員會官方網站', unit = '揭陽大南海石化工業區管理委員會', problem = '7個欄目更新不及時，5個欄目為空白欄目' WHERE site_id = (SELECT id FROM sites WHERE code = '4452000024')`,
		`UPDATE account_results SET unit = '惠來縣公安局' WHERE unit = '惠来县公安局'`,
	} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	opening := filepath.Join(tdir, "开头.tmpl")
	orig, err := os.ReadFile(opening)
	if err != nil {
		t.Fatal(err)
	}
	trad := "本季度對全市政府網站和政務新媒體的運行情況進行了檢查，複查了上季度存在問題的網站和帳號，現將有關情況通報如下："
	os.WriteFile(opening, []byte(trad+"\n\n"+string(orig)), 0o644)

	out := e.must("draft", "-date", "2019-04-12", "-o", filepath.Join(e.dir, "d.pdf"), "2019Q1")
	if strings.Contains(out, "注意") {
		t.Errorf("a traditional round reports substitutions:\n%s", out)
	}
	a, err := app.Load(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, r, err := a.Draft(context.Background(), "2019Q1", time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Layout.Substitutions) != 0 {
		t.Errorf("substitutions: %v", r.FontNotices())
	}
	// The paragraph and the cell in traditional characters read in one
	// 仿宋, cwTeX 仿宋, their punctuation and digits FandolFang's; the simplified
	// text around the names takes only what FandolFang lacks from cwTeX 仿宋.
	// No character is set from a face of another style (nothing reported).
	han := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Han, r) {
				return r
			}
			return -1
		}, s)
	}
	inTrad := func(page int) string {
		var b strings.Builder
		for _, tx := range r.Layout.Pages[page-1].Texts {
			if tx.Font == fonts.FangTraditional {
				b.WriteString(tx.Text)
			}
		}
		return b.String()
	}
	if got := inTrad(1); got != han(trad) {
		t.Errorf("page 1 in cwTeX 仿宋: %q, want the whole traditional paragraph %q", got, han(trad))
	}
	cell := han("7個欄目更新不及時，5個欄目為空白欄目")
	var pages []string
	for i := range r.Layout.Pages {
		pages = append(pages, inTrad(i+1))
	}
	if all := strings.Join(pages, ""); !strings.Contains(all, cell) {
		t.Errorf("the cell %q is not wholly in cwTeX 仿宋", cell)
	}
	for _, tx := range r.Layout.Pages[0].Texts {
		if tx.Font == fonts.Fang && strings.ContainsAny(tx.Text, "對網務體運況進檢複問帳報") {
			t.Errorf("page 1: traditional text in FandolFang: %q", tx.Text)
		}
	}

	os.WriteFile(opening, []byte("本季度檢查情況為㐁。\n\n"+string(orig)), 0o644)
	out = e.must("draft", "-date", "2019-04-12", "-o", filepath.Join(e.dir, "d.pdf"), "2019Q1")
	if !strings.Contains(out, "注意：有 1 处字符") || !strings.Contains(out, "“㐁”（U+3401）：第 1 页正文第 1 段") {
		t.Errorf("the substituted character is not reported:\n%s", out)
	}
	out = e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	if !strings.Contains(out, "“㐁”（U+3401）：第 1 页正文第 1 段") {
		t.Errorf("issue does not report the substituted character:\n%s", out)
	}
}
