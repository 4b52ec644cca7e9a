package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserPages drives headless Chromium through the office's pages:
// a setting changed and seen in the draft and undone, a province round's
// account list searched and paged, the trends page, the busy line of the
// issue form and the deletion of a round. TONGBAO_SCREENSHOTS=folder saves
// screenshots.
func TestBrowserPages(t *testing.T) {
	bin := chromium(t)
	e := newEnv(t)
	e.importSamples()
	prov := e.importProvince()
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	shots := os.Getenv("TONGBAO_SCREENSHOTS")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(1366, 900), chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	textOf := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	shot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		os.WriteFile(filepath.Join(shots, name+".png"), b, 0o644)
	}
	// draftText fetches the draft PDF the round page links to and returns its text.
	draftText := func() string {
		t.Helper()
		do("open the round", chromedp.Navigate(srv.URL+"/rounds/2019Q1?date=2019-04-12"), chromedp.WaitVisible(chromedp.CSS(`#draft`)))
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.preview-bar a.button').href`))
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.Get(href)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		p := filepath.Join(t.TempDir(), "draft.pdf")
		os.WriteFile(p, b, 0o644)
		return pdfFileText(t, p)
	}

	// Change the 机关代字 and the phone on the settings page: the draft follows.
	if txt := draftText(); !strings.Contains(txt, "揭政数局函〔2019〕") {
		t.Fatalf("draft before: %s", txt)
	}
	do("change settings",
		chromedp.Navigate(srv.URL+"/settings"),
		chromedp.WaitVisible(chromedp.CSS(`#settings-form`)),
		chromedp.SetValue(chromedp.CSS(`input[name="issuer.code"]`), "揭数函"),
		chromedp.SetValue(chromedp.CSS(`input[name="contact.phone"]`), "0663-1111111"),
		chromedp.Click(chromedp.CSS(`#settings-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#settings-saved`)))
	if s := textOf(`#settings-saved`); !strings.Contains(s, "机关代字") || !strings.Contains(s, "联系电话") {
		t.Errorf("saved: %s", s)
	}
	shot("20-设置已保存")
	if txt := draftText(); !strings.Contains(txt, "揭数函〔2019〕") || !strings.Contains(txt, "0663-1111111") {
		t.Errorf("the draft does not follow the settings: %s", txt)
	}
	// A bad value is refused on the page, and undo brings the old code back.
	do("refuse a bad value",
		chromedp.Navigate(srv.URL+"/settings"),
		chromedp.WaitVisible(chromedp.CSS(`#settings-form`)),
		chromedp.SetValue(chromedp.CSS(`input[name="circular.deadline_days"]`), "400"),
		chromedp.Click(chromedp.CSS(`#settings-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#settings-error`)))
	if s := textOf(`#settings-error`); !strings.Contains(s, "circular.deadline_days") {
		t.Errorf("refusal: %s", s)
	}
	shot("21-设置有误")
	// Leaving the refused form, whose values are not saved, asks first.
	do("type", chromedp.SendKeys(chromedp.CSS(`input[name="contact.person"]`), "甲"))
	dctx, dcancel := context.WithTimeout(ctx, 20*time.Second)
	dialogs := chromedp.Events(dctx, cdppage.JavascriptDialogOpening)
	eval(`setTimeout(() => { location.href = '/settings' }, 50); true`)
	asked := false
	for ev, err := range dialogs {
		if err != nil {
			t.Fatalf("no warning before leaving unsaved settings: %v", err)
		}
		asked = ev.Type == cdppage.DialogTypeBeforeunload
		if _, err := chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true}); err != nil {
			t.Fatal(err)
		}
		break
	}
	dcancel()
	if !asked {
		t.Error("leaving unsaved settings did not warn")
	}
	do("undo", chromedp.WaitNotPresent(chromedp.CSS(`#settings-error`)), chromedp.WaitVisible(chromedp.CSS(`#settings-undo`)),
		chromedp.Click(chromedp.CSS(`#settings-undo`)), chromedp.WaitVisible(chromedp.CSS(`#settings-restored`)))
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="issuer.code"]`))); v != "揭政数局函" {
		t.Errorf("after undo the code is %q", v)
	}

	// Search the province round's account list.
	_, data, err := e.app.RoundFigures(context.Background(), prov)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Accounts.Failing[len(data.Accounts.Failing)-1]
	do("open the province round", chromedp.Navigate(srv.URL+"/rounds/"+prov), chromedp.WaitVisible(chromedp.CSS(`#accounts form.filters`)))
	if n := eval(`document.querySelectorAll('#accounts table.items tbody tr').length`); n != float64(pageRows) {
		t.Errorf("province list shows %v rows at first", n)
	}
	do("search an account",
		chromedp.SetValue(chromedp.CSS(`#accounts input[name=aq]`), want.Name),
		chromedp.Click(chromedp.CSS(`#accounts form.filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#accounts .list-count.filtered`))) // the new page, not the one the click left
	if s := textOf(`#accounts table.items`); !strings.Contains(s, want.Name) {
		t.Errorf("search for %s shows:\n%s", want.Name, s)
	}
	if s := textOf(`#accounts .list-count`); !strings.Contains(s, "符合条件") {
		t.Errorf("count: %s", s)
	}
	shot("22-名单查找")
	do("all checked accounts, next page",
		chromedp.Navigate(srv.URL+"/rounds/"+prov+"?averdict=全部#accounts"),
		chromedp.WaitVisible(chromedp.CSS(`#accounts nav.pager a[rel=next]`)),
		chromedp.Click(chromedp.CSS(`#accounts nav.pager a[rel=next]`)),
		chromedp.WaitVisible(chromedp.CSS(`#accounts nav.pager a[rel=prev]`)))
	if s := textOf(`#accounts nav.pager`); !strings.Contains(s, "第 2 /") {
		t.Errorf("pager: %s", s)
	}

	// The trends page.
	do("open trends", chromedp.Navigate(srv.URL+"/trends"), chromedp.WaitVisible(chromedp.CSS(`#trend-sites svg`)), chromedp.WaitVisible(chromedp.CSS(`#region-accounts svg`)))
	if s := textOf(`#trend-sites`); !strings.Contains(s, "2019年第一季度") || !strings.Contains(s, "98.2%") {
		t.Errorf("trend chart: %s", s)
	}
	shot("23-趋势")

	// The issue form says it is busy once submitted (the submission itself
	// is held back here, so nothing is issued).
	do("open the issue form", chromedp.Navigate(srv.URL+"/issue/2019Q1?date=2019-04-12"), chromedp.WaitVisible(chromedp.CSS(`.issue-form`)))
	if eval(`getComputedStyle(document.querySelector('.issue-form .busy')).display`) != "none" {
		t.Error("busy line shown before submitting")
	}
	eval(`document.querySelector('.issue-form').addEventListener('submit', e => e.preventDefault(), true); document.querySelector('input[name=confirm]').checked = true; document.querySelector('.issue-form').requestSubmit(); true`)
	do("busy", chromedp.WaitVisible(chromedp.CSS(`.issue-form .busy`)))
	if s := textOf(`.issue-form .busy`); !strings.Contains(s, "正在印发，请稍候") {
		t.Errorf("busy line: %s", s)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.issue-form button[type=submit]').disabled`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the issue button stays enabled: %v", err)
	}
	shot("24-正在印发")

	// Delete a round: the confirmation, then it is gone.
	do("delete 2018Q4",
		chromedp.Navigate(srv.URL+"/rounds/2018Q4"),
		chromedp.WaitReady(chromedp.CSS(`#delete summary`)),
		chromedp.Click(chromedp.CSS(`#delete summary`)),
		chromedp.Click(chromedp.CSS(`#delete input[name=confirm]`)),
		chromedp.Click(chromedp.CSS(`#delete-round`)),
		chromedp.WaitVisible(chromedp.CSS(`#deleted`)))
	if s := textOf(`#deleted`); !strings.Contains(s, "2018Q4") {
		t.Errorf("deleted: %s", s)
	}
	do("the round is gone", chromedp.Navigate(srv.URL+"/rounds/2018Q4"), chromedp.WaitVisible(chromedp.CSS(`.error-page`)))
}
