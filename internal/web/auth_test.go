package web

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"tongbao/internal/app"
)

// netEnv is a workbench in network mode, answering to tongbao.test, with
// three accounts (文秘 张三, 编辑 李四, 查看 王五, all with password
// "password1") and a clock the test moves.
type netEnv struct {
	*env
	now time.Time
}

const testPassword = "password1"

func newNetEnv(t testing.TB, tls bool) *netEnv {
	t.Helper()
	e := newEnv(t)
	n := &netEnv{env: e, now: time.Date(2019, 4, 12, 9, 0, 0, 0, time.UTC)}
	var err error
	e.h, err = New(e.app, Options{
		MaxUpload: 2 << 20, Network: true, Hosts: []string{"localhost", "127.0.0.1", "tongbao.test", "10.1.2.3:8080"}, TLS: tls,
		Log: log.New(&e.log, "", 0), Now: func() time.Time { return n.now },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, role := range map[string]string{"张三": app.RoleClerk, "李四": app.RoleEditor, "王五": app.RoleViewer} {
		if err := e.app.AddUser(ctx, name, role, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// req serves a request to host tongbao.test with the session cookie, if any.
func (n *netEnv) req(method, target string, form url.Values, cookie *http.Cookie) *httptest.ResponseRecorder {
	n.t.Helper()
	var r *http.Request
	if method == http.MethodPost {
		if form == nil {
			form = url.Values{}
		}
		if !form.Has("csrf") {
			form.Set("csrf", n.h.csrf)
		}
		r = httptest.NewRequest(method, "http://tongbao.test"+target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, "http://tongbao.test"+target, nil)
	}
	if cookie != nil {
		r.AddCookie(cookie)
	}
	return n.do(r)
}

// signIn signs name in and returns the session cookie.
func (n *netEnv) signIn(name string) *http.Cookie {
	n.t.Helper()
	w := n.req(http.MethodPost, "/login", url.Values{"name": {name}, "password": {testPassword}, "next": {"/circulars"}}, nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/circulars" {
		n.t.Fatalf("sign in %s: status %d, location %q\n%s", name, w.Code, w.Header().Get("Location"), text(w.Body.String()))
	}
	for _, c := range w.Result().Cookies() {
		if strings.HasSuffix(c.Name, "tongbao_session") {
			return c
		}
	}
	n.t.Fatal("no session cookie")
	return nil
}

// TestUnlistedHost: in network mode a request naming another host gets 421
// and changes nothing, even with a valid session and token.
func TestUnlistedHost(t *testing.T) {
	n := newNetEnv(t, false)
	n.importSamples()
	c := n.signIn("张三")
	for _, host := range []string{"evil.example", "evil.example:8080", "10.1.2.3:9090", "tongbao.test.evil.example"} {
		r := httptest.NewRequest(http.MethodPost, "/rounds/2018Q4/delete", strings.NewReader(url.Values{"csrf": {n.h.csrf}, "confirm": {"1"}}.Encode()))
		r.Host = host
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(c)
		expect(t, n.do(r), http.StatusMisdirectedRequest, "不接受这个地址")
		g := httptest.NewRequest(http.MethodGet, "/", nil)
		g.Host = host
		g.AddCookie(c)
		expect(t, n.do(g), http.StatusMisdirectedRequest)
	}
	expect(t, n.req(http.MethodGet, "/rounds/2018Q4", nil, c), http.StatusOK)
	for _, host := range []string{"TONGBAO.test:8080", "10.1.2.3:8080", "127.0.0.1:8080", "[::1]:8080", "localhost"} {
		g := httptest.NewRequest(http.MethodGet, "/rounds/2018Q4", nil)
		g.Host = host
		g.AddCookie(c)
		if host == "[::1]:8080" {
			// ::1 is not listed in this test's hosts.
			expect(t, n.do(g), http.StatusMisdirectedRequest)
			continue
		}
		expect(t, n.do(g), http.StatusOK)
	}
}

// TestHostsFromConfig: without hosts in the options the workbench takes
// [server] hosts from config.toml, and an edit of it takes effect at the
// next request, without a restart.
func TestHostsFromConfig(t *testing.T) {
	e := newEnv(t)
	cfg := e.app.Config.Path()
	setHosts := func(hosts string) {
		b, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		text := regexp.MustCompile(`(?m)^# hosts = .*$|^hosts = .*$`).ReplaceAllString(string(b), "hosts = "+hosts)
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		// a new modification time, as an editor's save a moment later
		later := time.Now().Add(time.Duration(len(hosts)) * time.Second)
		if err := os.Chtimes(cfg, later, later); err != nil {
			t.Fatal(err)
		}
	}
	setHosts(`["tongbao.test"]`)
	a, err := app.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.h, err = New(a, Options{MaxUpload: 2 << 20, Network: true, Log: log.New(&e.log, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	get := func(host string) int {
		r := httptest.NewRequest(http.MethodGet, "/login", nil)
		r.Host = host
		return e.do(r).Code
	}
	if code := get("tongbao.test"); code != http.StatusOK {
		t.Fatalf("a listed host: %d", code)
	}
	if code := get("oa.jyzsj.local"); code != http.StatusMisdirectedRequest {
		t.Fatalf("an unlisted host: %d", code)
	}
	setHosts(`["tongbao.test", "oa.jyzsj.local"]`)
	if code := get("oa.jyzsj.local"); code != http.StatusOK {
		t.Errorf("a host added to config.toml: %d, want 200 without a restart", code)
	}
}

// TestCrossOriginPost: a POST from another site is refused, signed in or not.
func TestCrossOriginPost(t *testing.T) {
	n := newNetEnv(t, false)
	n.importSamples()
	c := n.signIn("张三")
	r := httptest.NewRequest(http.MethodPost, "http://tongbao.test/rounds/2018Q4/delete", strings.NewReader(url.Values{"csrf": {n.h.csrf}, "confirm": {"1"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "http://evil.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	r.AddCookie(c)
	expect(t, n.do(r), http.StatusForbidden, "另一个网站")
	// Without the token, from the same site: refused too.
	expect(t, n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"csrf": {"x"}, "confirm": {"1"}}, c), http.StatusForbidden)
	expect(t, n.req(http.MethodGet, "/rounds/2018Q4", nil, c), http.StatusOK)
}

// TestSessionCookie: the cookie is HttpOnly, SameSite=Strict, Path=/, and
// Secure with the __Host- prefix over TLS; a session ends after 12 hours
// unused and 7 days after sign-in, and at sign-out.
func TestSessionCookie(t *testing.T) {
	for _, tls := range []bool{false, true} {
		n := newNetEnv(t, tls)
		c := n.signIn("王五")
		if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure != tls || c.MaxAge != int(app.SessionMax/time.Second) {
			t.Errorf("tls %v: cookie %+v", tls, c)
		}
		if tls && c.Name != "__Host-tongbao_session" {
			t.Errorf("over TLS the cookie is %s, want the __Host- prefix", c.Name)
		}
		expect(t, n.req(http.MethodGet, "/", nil, c), http.StatusOK, "王五（查看）", "退出登录")

		// Used every 11 hours, it lasts up to 7 days.
		start := n.now
		for n.now.Sub(start) < app.SessionMax-11*time.Hour {
			n.now = n.now.Add(11 * time.Hour)
			expect(t, n.req(http.MethodGet, "/", nil, c), http.StatusOK)
		}
		n.now = start.Add(app.SessionMax + time.Minute)
		if w := n.req(http.MethodGet, "/", nil, c); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Errorf("a session 7 days old: status %d", w.Code)
		}
		// 12 hours unused.
		c = n.signIn("王五")
		n.now = n.now.Add(app.SessionIdle + time.Minute)
		if w := n.req(http.MethodGet, "/", nil, c); w.Code != http.StatusSeeOther {
			t.Errorf("a session unused for 12 hours: status %d", w.Code)
		}
		// Sign-out.
		c = n.signIn("王五")
		w := n.req(http.MethodPost, "/logout", nil, c)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("sign out: %d", w.Code)
		}
		if got := w.Result().Cookies(); len(got) != 1 || got[0].MaxAge >= 0 {
			t.Errorf("sign-out does not clear the cookie: %+v", got)
		}
		if w := n.req(http.MethodGet, "/", nil, c); w.Code != http.StatusSeeOther {
			t.Errorf("after sign-out: status %d", w.Code)
		}
	}
}

// TestNoClearSecrets: the database holds neither a password nor a session
// token in clear.
func TestNoClearSecrets(t *testing.T) {
	n := newNetEnv(t, false)
	c := n.signIn("张三")
	db, err := sql.Open("sqlite3", n.app.Config.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var hashes, tokens []string
	rows, err := db.Query(`SELECT password_hash FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		hashes = append(hashes, s)
	}
	rows.Close()
	rows, err = db.Query(`SELECT token_sha256 FROM sessions`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tokens = append(tokens, s)
	}
	rows.Close()
	if len(hashes) != 3 || len(tokens) != 1 {
		t.Fatalf("%d hashes, %d sessions", len(hashes), len(tokens))
	}
	for _, h := range hashes {
		if strings.Contains(h, testPassword) || !strings.HasPrefix(h, "$2a$") {
			t.Errorf("password stored as %q, want a bcrypt hash", h)
		}
	}
	if tokens[0] == c.Value || strings.Contains(tokens[0], c.Value) || len(c.Value) < 32 {
		t.Errorf("session token stored in clear (%q) or too short (%q)", tokens[0], c.Value)
	}
}

// TestLockOut: five wrong passwords lock the account for 15 minutes, even
// against the right password; then it signs in again.
func TestLockOut(t *testing.T) {
	n := newNetEnv(t, false)
	wrong := url.Values{"name": {"李四"}, "password": {"wrong-password"}}
	for i := 1; i < app.MaxFailures; i++ {
		expect(t, n.req(http.MethodPost, "/login", wrong, nil), http.StatusUnauthorized, "账号或密码不对")
	}
	expect(t, n.req(http.MethodPost, "/login", wrong, nil), http.StatusUnauthorized, "已锁定到 17:15（北京时间）")
	right := url.Values{"name": {"李四"}, "password": {testPassword}}
	expect(t, n.req(http.MethodPost, "/login", right, nil), http.StatusUnauthorized, "已锁定到 17:15")
	// An unknown name is answered like a wrong password.
	expect(t, n.req(http.MethodPost, "/login", url.Values{"name": {"无名"}, "password": {"x"}}, nil), http.StatusUnauthorized, "账号或密码不对")
	n.now = n.now.Add(app.LockFor + time.Second)
	if w := n.req(http.MethodPost, "/login", right, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("after the lock-out: status %d\n%s", w.Code, text(w.Body.String()))
	}
	// A disabled account cannot sign in, and its session ends.
	c := n.signIn("王五")
	if err := n.app.SetUserDisabled(context.Background(), "王五", true); err != nil {
		t.Fatal(err)
	}
	expect(t, n.req(http.MethodPost, "/login", url.Values{"name": {"王五"}, "password": {testPassword}}, nil), http.StatusUnauthorized, "已停用")
	if w := n.req(http.MethodGet, "/", nil, c); w.Code != http.StatusSeeOther {
		t.Errorf("a disabled account's session still works: %d", w.Code)
	}
}

// TestRoles: without a session every page leads to the sign-in page; 查看
// reads, 编辑 also saves templates, 文秘 does everything; a POST route not
// in the access table needs 文秘.
func TestRoles(t *testing.T) {
	n := newNetEnv(t, false)
	n.importSamples()
	w := n.req(http.MethodGet, "/circulars", nil, nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login?next=%2Fcirculars" {
		t.Fatalf("not signed in: %d %s", w.Code, w.Header().Get("Location"))
	}
	expect(t, n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"confirm": {"1"}}, nil), http.StatusForbidden, "请先登录")
	expect(t, n.req(http.MethodGet, "/login", nil, nil), http.StatusOK, "登录通报工作台")
	expect(t, n.req(http.MethodGet, "/static/style.css", nil, nil), http.StatusOK)

	viewer, editor, clerk := n.signIn("王五"), n.signIn("李四"), n.signIn("张三")
	expect(t, n.req(http.MethodGet, "/templates", nil, viewer), http.StatusOK)
	expect(t, n.req(http.MethodGet, "/rounds/2019Q1", nil, viewer), http.StatusOK)
	expect(t, n.req(http.MethodPost, "/templates/总体情况.tmpl", url.Values{"text": {"x"}}, viewer), http.StatusForbidden, "需要「编辑」")
	expect(t, n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"confirm": {"1"}}, viewer), http.StatusForbidden, "需要「文秘」")
	expect(t, n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"confirm": {"1"}}, editor), http.StatusForbidden, "需要「文秘」")
	expect(t, n.req(http.MethodPost, "/circulars/void", url.Values{"number": {"2019-1"}}, editor), http.StatusForbidden)
	if w := n.req(http.MethodPost, "/templates/总体情况.tmpl", url.Values{"text": {"{{"}}, editor); w.Code == http.StatusForbidden {
		t.Errorf("编辑 refused a template save: %s", text(w.Body.String()))
	}
	if w := n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"confirm": {"1"}}, clerk); w.Code != http.StatusSeeOther {
		t.Errorf("文秘 could not delete a round: %d %s", w.Code, text(w.Body.String()))
	}
	// A route some later change adds is safe by default.
	if role, ok := needRole("POST /something/new"); !ok || role != app.RoleClerk {
		t.Errorf("an unlisted POST needs %q", role)
	}
	if role, ok := needRole("GET /something/new"); !ok || role != app.RoleViewer {
		t.Errorf("an unlisted GET needs %q", role)
	}
}

// TestSafeNext: after sign-in the workbench only goes to its own pages.
func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/circulars": "/circulars", "//evil.example/": "/", "https://evil.example": "/", "/\\evil": "/", "": "/", "/login?next=x": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
