// Package web is tongbao's local workbench: server-rendered pages in Chinese
// for the clerk and the editor — import a quarter's workbook, look at a
// round's figures and its draft, edit the templates and see the draft again,
// issue the circular with its number, download the PDF, the records package
// and the annex workbook, and void a number. It calls the application layer
// (internal/app) exactly as the command line does.
//
// Safety: every state-changing request is a POST carrying the process's CSRF
// token (and passing Go's cross-origin protection); request bodies are
// limited; uploads are read into memory and never written to disk under a
// name the browser gave; every failure is an HTML page with a Chinese message
// and the fitting status code.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

//go:embed assets
var assets embed.FS

// DefaultMaxUpload is the default limit of a request body: 50 MB.
const DefaultMaxUpload = 50 << 20

// Options tune the workbench.
type Options struct {
	// MaxUpload limits a request body in bytes; 0 means DefaultMaxUpload.
	MaxUpload int64
	// LocalOnly refuses requests whose Host is not a loopback name or
	// address, so a web page elsewhere cannot reach the workbench through a
	// DNS name pointed at 127.0.0.1. Set it when listening on loopback.
	LocalOnly bool
	// Network is network mode: the workbench listens on an address other
	// computers reach. Requests must name one of Hosts (else 421) and people
	// sign in with their accounts; each route needs a role.
	Network bool
	// Hosts are the host names and addresses accepted in network mode; an
	// entry without a port allows any port. Nil means the config's
	// (app.Config.AllowedHosts: [server] hosts, or this machine's own), read
	// again whenever config.toml changes.
	Hosts []string
	// TLS says the workbench is served over HTTPS: the session cookie is
	// Secure.
	TLS bool
	// Log receives one line per failed request; nil means log.Default().
	Log *log.Logger
	// PreviewWorkers bounds the pdftoppm processes drawing page images at
	// once; 0 means twice the number of CPUs.
	PreviewWorkers int
	// Now is the clock (for the default 成文日期); nil means time.Now.
	Now func() time.Time
}

// Handler is the workbench as an http.Handler.
type Handler struct {
	app   *app.App
	opt   Options
	mux   *http.ServeMux
	pages map[string]*template.Template
	// csrf is the per-process token every POST form carries.
	csrf  string
	cross *http.CrossOriginProtection
	// previews keeps the drafts pages rendered, for their page images.
	previews previews
	// pool bounds the pdftoppm processes drawing page images.
	pool *renderPool
	// saving serializes template saves and restores, so two editors saving
	// at once each record their version in the history.
	saving sync.Mutex
	// cfgMu guards app and cfgMod, the config file's time when app was loaded.
	cfgMu  sync.Mutex
	cfgMod time.Time
	// hostsOf caches the hosts allowed by the config of the app they were
	// read from: the interfaces are not listed again on every request.
	hostsMu  sync.Mutex
	hostsOf  *app.App
	hostList []string
	// sessions checks sign-in sessions through the database of sessOf, kept
	// open while that config is the live one; sessMu is held for reading
	// while it is used and for writing while it is replaced or closed.
	sessMu   sync.RWMutex
	sessOf   *app.App
	sessions *app.Sessions
}

// cur returns the application with config.toml as it is on disk: an edited
// config takes effect at the next request. A config that no longer loads is
// logged, and the last good one stays in use.
func (h *Handler) cur() *app.App {
	h.cfgMu.Lock()
	defer h.cfgMu.Unlock()
	path := h.app.Config.Path()
	fi, err := os.Stat(path)
	if err != nil || fi.ModTime().Equal(h.cfgMod) {
		return h.app
	}
	a, err := app.Load(path)
	if err != nil {
		h.opt.Log.Printf("web: 配置文件 %s 有误，仍使用上一次的配置：%s", path, circular.ErrorMessage(err))
		h.cfgMod = fi.ModTime()
		return h.app
	}
	h.app, h.cfgMod = a, fi.ModTime()
	return a
}

// hosts are the host names and addresses accepted in network mode: the
// options' when given, else those of config.toml as it is now.
func (h *Handler) hosts() []string {
	if h.opt.Hosts != nil {
		return h.opt.Hosts
	}
	a := h.cur()
	h.hostsMu.Lock()
	defer h.hostsMu.Unlock()
	if h.hostsOf != a {
		h.hostsOf, h.hostList = a, a.Config.AllowedHosts()
	}
	return h.hostList
}

// sessionUser returns the account signed in with token, through the
// database of the live config, opened once per config: a reloaded config
// closes the previous one's.
func (h *Handler) sessionUser(ctx context.Context, token string) (*app.Signed, error) {
	for {
		a := h.cur()
		h.sessMu.RLock()
		if h.sessOf == a {
			u, err := h.sessions.User(ctx, token, h.opt.Now())
			h.sessMu.RUnlock()
			return u, err
		}
		h.sessMu.RUnlock()
		if err := h.openSessions(a); err != nil {
			return nil, err
		}
	}
}

// openSessions makes a's database the one sessions are checked in, unless
// it is already, closing the previous one.
func (h *Handler) openSessions(a *app.App) error {
	h.sessMu.Lock()
	defer h.sessMu.Unlock()
	if h.sessOf == a {
		return nil
	}
	s, err := a.OpenSessions()
	if err != nil {
		return err
	}
	if h.sessions != nil {
		h.sessions.Close()
	}
	h.sessOf, h.sessions = a, s
	return nil
}

// Close releases what the workbench keeps open between requests: the
// database sessions are checked in. Call it after the server has shut down.
func (h *Handler) Close() error {
	h.sessMu.Lock()
	defer h.sessMu.Unlock()
	if h.sessions == nil {
		return nil
	}
	err := h.sessions.Close()
	h.sessOf, h.sessions = nil, nil
	return err
}

// New returns the workbench of a.
func New(a *app.App, opt Options) (*Handler, error) {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.Log == nil {
		opt.Log = log.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("web: csrf secret: %w", err)
	}
	h := &Handler{app: a, opt: opt, mux: http.NewServeMux(), csrf: hex.EncodeToString(secret), cross: http.NewCrossOriginProtection(), pool: newRenderPool(opt.PreviewWorkers)}
	if fi, err := os.Stat(a.Config.Path()); err == nil {
		h.cfgMod = fi.ModTime()
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	h.pages = pages
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	static, _ := fs.Sub(assets, "assets/static")
	h.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	h.mux.HandleFunc("GET /login", h.loginPage)
	h.mux.HandleFunc("POST /login", h.login)
	h.mux.HandleFunc("POST /logout", h.logout)
	h.mux.HandleFunc("GET /{$}", h.rounds)
	h.mux.HandleFunc("POST /import", h.importWorkbooks)
	h.mux.HandleFunc("GET /blank.xlsx", h.blankWorkbook)
	h.mux.HandleFunc("GET /rounds/{key}", h.round)
	h.mux.HandleFunc("POST /rounds/{key}/delete", h.deleteRound)
	h.mux.HandleFunc("GET /rounds/{key}/draft.pdf", h.draftPDF)
	h.mux.HandleFunc("GET /rounds/{key}/draft.docx", h.draftDOCX)
	h.mux.HandleFunc("GET /rounds/{key}/pages/{n}", h.draftPage)
	h.mux.HandleFunc("GET /templates", h.templates)
	h.mux.HandleFunc("GET /help/templates", h.templatesHelp)
	h.mux.HandleFunc("POST /templates/images", h.templateImage)
	h.mux.HandleFunc("GET /templates/{name}", h.templateEdit)
	h.mux.HandleFunc("POST /templates/{name}", h.templateSave)
	h.mux.HandleFunc("POST /templates/{name}/restore", h.templateRestore)
	h.mux.HandleFunc("GET /templates/{name}/versions/{id}", h.templateVersion)
	h.mux.HandleFunc("GET /issue/{key}", h.issueForm)
	h.mux.HandleFunc("POST /issue/{key}", h.issue)
	h.mux.HandleFunc("GET /circulars", h.circulars)
	h.mux.HandleFunc("POST /circulars/void", h.void)
	h.mux.HandleFunc("GET /circulars/{number}", h.circularPage)
	h.mux.HandleFunc("GET /circulars/{number}/pdf", h.circularPDF)
	h.mux.HandleFunc("GET /circulars/{number}/pages/{n}", h.circularPageImage)
	h.mux.HandleFunc("GET /circulars/{number}/archive.zip", h.circularArchive)
	h.mux.HandleFunc("GET /circulars/{number}/annex.xlsx", h.circularAnnex)
	h.pageRoutes()
}

// ServeHTTP checks the host, the method and, for a POST, the body limit and
// the CSRF token, then serves the request; a panic becomes a Chinese 500 page.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.opt.Log.Printf("web: %s %s: panic: %v", r.Method, r.URL.Path, v)
			h.errorPage(w, r, http.StatusInternalServerError, "内部错误：处理请求时程序出错。请把这个页面截图发给维护人员。")
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	w.Header().Set("Referrer-Policy", "same-origin")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; object-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
	if h.opt.LocalOnly && !loopbackHost(r.Host) {
		h.errorPage(w, r, http.StatusMisdirectedRequest, "本工作台只接受本机访问：请用 http://127.0.0.1 或 http://localhost 打开。")
		return
	}
	if h.opt.Network && !allowedHost(r.Host, h.hosts()) {
		h.errorPage(w, r, http.StatusMisdirectedRequest, "本工作台不接受这个地址："+r.Host+"。请用管理员告知的地址打开；管理员可在 config.toml 的 [server] hosts 中添加它。")
		return
	}
	_, pattern := h.mux.Handler(r)
	if pattern == "" {
		h.unrouted(w, r)
		return
	}
	if h.opt.Network {
		var ok bool
		if r, ok = h.authorize(w, r, pattern); !ok {
			return
		}
	}
	if r.Method == http.MethodPost {
		if err := h.cross.Check(r); err != nil {
			h.errorPage(w, r, http.StatusForbidden, "请求被拒绝：它来自另一个网站，不是本工作台的页面。请回到工作台页面重新操作。")
			return
		}
		if !h.checkPost(w, r) {
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

// unrouted answers a request no route takes: 405 when the path exists for
// another method, 404 otherwise.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, p := h.mux.Handler(r2); p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		msg := "这个地址不接受这种请求方式。"
		if r.Method == http.MethodGet {
			msg = "这个地址只能通过页面上的按钮提交，不能直接打开。请回到上一页操作。"
		}
		h.errorPage(w, r, http.StatusMethodNotAllowed, msg)
		return
	}
	h.errorPage(w, r, http.StatusNotFound, "找不到这个页面："+r.URL.Path)
}

// checkPost limits the body, parses the form and checks the CSRF token,
// answering the request itself when something is wrong.
func (h *Handler) checkPost(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, h.opt.MaxUpload)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		// Everything fits in memory (the body is limited), so no file part
		// is ever spilled to a temporary file on disk.
		err = r.ParseMultipartForm(h.opt.MaxUpload + 1<<20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.errorPage(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("上传的内容太大：每次最多 %s。请检查是否选错了文件，或用 tongbao serve -max-upload 调高上限。", sizeText(h.opt.MaxUpload)))
			return false
		}
		h.errorPage(w, r, http.StatusBadRequest, "无法读取提交的表单："+err.Error())
		return false
	}
	got := r.PostForm.Get("csrf")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(h.csrf)) != 1 {
		h.errorPage(w, r, http.StatusForbidden, "请求被拒绝：页面已过期或不是从本工作台提交的（缺少有效的安全令牌）。请刷新页面后重新操作；如果工作台刚重新启动过，旧页面上的按钮会失效。")
		return false
	}
	return true
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// page is what every page template gets.
type page struct {
	Title  string
	Nav    string // which tab is current: rounds, templates, circulars
	CSRF   string
	Issuer string
	Flash  string
	// User and Role are the signed-in account's, in network mode.
	User, Role string
	// Data is the page's own content.
	Data any
}

// newPage is what page templates get for r: the title, the current tab,
// the form token, the office's name, the signed-in account (network mode)
// and the page's own data.
func (h *Handler) newPage(r *http.Request, title, nav string, data any) page {
	p := page{Title: title, Nav: nav, CSRF: h.csrf, Issuer: h.cur().Config.Issuer.Name, Data: data}
	if u := signedIn(r); u != nil {
		p.User, p.Role = u.Name, u.Role
	}
	return p
}

// writePage writes an HTML page, never cached, with status.
func writePage(w http.ResponseWriter, status int, html []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(html)
}

// render writes page name with status.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name, title, nav string, data any) {
	p := h.newPage(r, title, nav, data)
	p.Flash = r.URL.Query().Get("msg")
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		h.opt.Log.Printf("web: render %s: %v", name, err)
		h.errorPage(w, r, http.StatusInternalServerError, "内部错误：页面无法显示（"+err.Error()+"）")
		return
	}
	writePage(w, status, buf.Bytes())
}

// errorData is the error page's content.
type errorData struct {
	Status   int
	Heading  string
	Message  string
	Problems []circular.Problem
	Back     string
}

// errorPage writes a Chinese error page.
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	h.errorPageProblems(w, r, status, msg, nil)
}

// errorPageProblems writes a Chinese error page listing problems (a
// workbook's cells, a template's lines).
func (h *Handler) errorPageProblems(w http.ResponseWriter, r *http.Request, status int, msg string, problems []circular.Problem) {
	d := errorData{Status: status, Heading: statusText(status), Message: msg, Problems: problems, Back: backLink(r)}
	var buf bytes.Buffer
	if err := h.pages["error"].ExecuteTemplate(&buf, "layout", h.newPage(r, d.Heading, "", d)); err != nil {
		http.Error(w, msg, status)
		return
	}
	writePage(w, status, buf.Bytes())
}

// fail shows err as an error page: its Chinese message and problems, with
// the status its code calls for. Errors that are not user errors are logged.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := circular.ErrorCode(err)
	status := statusOf(code)
	if status >= 500 {
		h.opt.Log.Printf("web: %s %s: %v", r.Method, r.URL.Path, err)
	}
	var ce *circular.Error
	if errors.As(err, &ce) {
		h.errorPageProblems(w, r, status, ce.Message, ce.Problems)
		return
	}
	h.errorPage(w, r, status, circular.ErrorMessage(err))
}

// asUserError finds the user error in err's chain.
func asUserError(err error, ce **circular.Error) bool { return errors.As(err, ce) }

// statusOf maps a user-error code to an HTTP status.
func statusOf(code string) int {
	switch code {
	case circular.EInvalid, circular.ETemplate, circular.EFont:
		return http.StatusUnprocessableEntity
	case circular.ENotFound:
		return http.StatusNotFound
	case circular.EConflict:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

func statusText(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "请求有误"
	case http.StatusForbidden:
		return "请求被拒绝"
	case http.StatusNotFound:
		return "找不到"
	case http.StatusMethodNotAllowed:
		return "不能这样访问"
	case http.StatusConflict:
		return "与已有记录冲突"
	case http.StatusRequestEntityTooLarge:
		return "上传的内容太大"
	case http.StatusUnprocessableEntity:
		return "内容有误"
	case http.StatusMisdirectedRequest:
		return "不接受这个地址"
	}
	if status >= 500 {
		return "出错了"
	}
	return "无法完成"
}

// backLink is where the error page's 返回 goes: the page the request came
// from when it is ours, else the home page.
func backLink(r *http.Request) string {
	if ref := r.Header.Get("Referer"); ref != "" {
		if u, err := url.Parse(ref); err == nil && u.Host == r.Host && strings.HasPrefix(u.Path, "/") {
			return u.RequestURI()
		}
	}
	return "/"
}

// sizeText writes a byte count for people: 50 MB, 812 KB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
