package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkSignedInPage serves the help page (no database work of its own)
// to a signed-in account in network mode: what checking the session costs
// each request.
func BenchmarkSignedInPage(b *testing.B) {
	n := newNetEnv(b, false)
	c := n.signIn("王五")
	b.ReportAllocs()
	for b.Loop() {
		if w := n.req(http.MethodGet, "/help", nil, c); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// TestSessionsAcrossReload: the database sessions are checked in is opened
// once per loaded config and replaced when config.toml changes, while
// signed-in requests go on at the same time, none failing; one naming another
// database signs everybody out.
func TestSessionsAcrossReload(t *testing.T) {
	n := newNetEnv(t, false)
	c := n.signIn("王五")
	if w := n.req(http.MethodGet, "/help", nil, c); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	first := n.h.sessions
	if first == nil || n.h.sessOf != n.h.cur() {
		t.Fatal("no sessions database kept open")
	}
	n.req(http.MethodGet, "/help", nil, c)
	if n.h.sessions != first {
		t.Error("the sessions database was opened again for the same config")
	}

	cfg := n.app.Config.Path()
	var wg sync.WaitGroup
	codes := make(chan int, 400)
	for range 4 {
		wg.Go(func() {
			for range 50 {
				codes <- n.req(http.MethodGet, "/help", nil, c).Code
			}
		})
	}
	mod := time.Now()
	for i := range 20 {
		mod = mod.Add(time.Duration(i+1) * time.Second)
		if err := os.Chtimes(cfg, mod, mod); err != nil {
			t.Fatal(err)
		}
		n.req(http.MethodGet, "/help", nil, c)
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("a request during reloads: status %d\n%s", code, n.log.String())
		}
	}
	if n.h.sessions == first || n.h.sessOf != n.h.cur() {
		t.Error("the sessions database was not replaced with the config")
	}

	// Another database: the session is unknown there.
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), `database = "tongbao.db"`, `database = "other.db"`, 1)
	if text == string(b) {
		t.Fatal("config.toml has no database = \"tongbao.db\"")
	}
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mod = mod.Add(time.Minute)
	os.Chtimes(cfg, mod, mod)
	if w := n.req(http.MethodGet, "/help", nil, c); w.Code != http.StatusSeeOther {
		t.Errorf("with another database: status %d, want a redirect to sign in", w.Code)
	}
	if err := n.h.Close(); err != nil || n.h.sessions != nil {
		t.Errorf("close: %v", err)
	}
}

// TestSignedInOnEveryPage: a page and an error page alike show the signed-in
// account and its sign-out button, and neither does in loopback mode.
func TestSignedInOnEveryPage(t *testing.T) {
	n := newNetEnv(t, false)
	c := n.signIn("李四")
	expect(t, n.req(http.MethodGet, "/help", nil, c), http.StatusOK, "李四（编辑）", "退出登录")
	expect(t, n.req(http.MethodGet, "/rounds/2030Q1", nil, c), http.StatusNotFound, "李四（编辑）", "退出登录")
	expect(t, n.req(http.MethodPost, "/import", nil, c), http.StatusForbidden, "李四（编辑）", "退出登录")
	e := newEnv(t)
	for _, w := range []*httptest.ResponseRecorder{e.get("/help"), e.get("/rounds/2030Q1")} {
		if strings.Contains(w.Body.String(), "退出登录") {
			t.Errorf("loopback mode shows a sign-out button:\n%s", text(w.Body.String()))
		}
	}
}
