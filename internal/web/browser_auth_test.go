package web

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSignIn drives a real headless Chromium through network mode:
// a page asks for sign-in, a wrong password is refused, 王五 (查看) signs in
// and lands on the page he asked for with his name in the header, reads a
// template, is refused saving it (a page above his role), and signs out.
// With TONGBAO_SCREENSHOTS=folder it saves screenshots there.
func TestBrowserSignIn(t *testing.T) {
	bin := chromium(t)
	n := newNetEnv(t, false)
	n.now = time.Now() // the browser's cookie and the sessions use real time
	srv := httptest.NewServer(n.h)
	defer srv.Close()
	shots := os.Getenv("TONGBAO_SCREENSHOTS")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(1366, 900), chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Minute)
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
	location := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatalf("location: %v", err)
		}
		return s
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
		if err := os.WriteFile(filepath.Join(shots, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	signIn := func(name, password, wait string) {
		t.Helper()
		do("sign in as "+name,
			chromedp.SetValue(chromedp.CSS(`input[name=name]`), name),
			chromedp.SetValue(chromedp.CSS(`input[name=password]`), password),
			chromedp.Click(chromedp.CSS(`.login-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(wait)))
	}

	do("open a page", chromedp.Navigate(srv.URL+"/templates"), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)))
	shot("auth-01-登录")
	signIn("王五", "wrong-password", `.alert.error`)
	if s := textOf(`.alert.error`); !strings.Contains(s, "账号或密码不对") {
		t.Errorf("wrong password: %s", s)
	}
	signIn("王五", testPassword, `header .who`)
	if loc := location(); !strings.HasSuffix(loc, "/templates") {
		t.Errorf("after sign-in at %s, want the page asked for", loc)
	}
	if s := textOf(`header .who`); !strings.Contains(s, "王五（查看）") {
		t.Errorf("header shows %q", s)
	}
	shot("auth-02-已登录")

	do("open a template", chromedp.Navigate(srv.URL+"/templates/"+"标题.tmpl"), chromedp.WaitVisible(chromedp.CSS(`textarea[name=text]`)))
	do("save it", chromedp.Click(chromedp.CSS(`form[method=post] button.primary`)), chromedp.WaitVisible(chromedp.CSS(`.error-page`)))
	if s := textOf(`.error-page`); !strings.Contains(s, "需要「编辑」") || !strings.Contains(s, "请求被拒绝") {
		t.Errorf("a save above the role shows:\n%s", s)
	}
	shot("auth-03-权限不足")

	do("sign out", chromedp.Click(chromedp.CSS(`header .who button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)))
	do("open a page again", chromedp.Navigate(srv.URL+"/circulars"), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)))
}
