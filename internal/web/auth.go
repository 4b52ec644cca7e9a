package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

// Network mode: the workbench listens on an address other computers reach.
// Then a request must name one of the office's hosts (else 421, before
// anything else is looked at), and people sign in with their accounts
// (tongbao users); each route needs a role.

// access is the role each route needs, keyed by its pattern as the routes
// register it. A GET not listed needs 查看; any other method not listed
// needs 文秘, so that a route added later is safe by default. "" is public.
var access = map[string]string{
	"GET /login":                     "",
	"POST /login":                    "",
	"GET /static/":                   "",
	"POST /logout":                   app.RoleViewer,
	"POST /templates/images":         app.RoleEditor,
	"POST /templates/{name}":         app.RoleEditor,
	"POST /templates/{name}/restore": app.RoleEditor,
}

// needRole returns the role route pattern needs and whether it needs one.
func needRole(pattern string) (string, bool) {
	if role, ok := access[pattern]; ok {
		return role, role != ""
	}
	if strings.HasPrefix(pattern, "GET ") {
		return app.RoleViewer, true
	}
	return app.RoleClerk, true
}

// sessionCookie is the session cookie's name; over TLS it carries the
// __Host- prefix, so the browser keeps it only as Secure, for this host and
// Path=/.
func (h *Handler) sessionCookie() string {
	if h.opt.TLS {
		return "__Host-tongbao_session"
	}
	return "tongbao_session"
}

// userKey is the context key of the signed-in account.
type userKey struct{}

// signedIn returns the account signed in for r, or nil (loopback mode).
func signedIn(r *http.Request) *app.Signed {
	u, _ := r.Context().Value(userKey{}).(*app.Signed)
	return u
}

// allowedHost reports whether a Host header names one of the hosts.
func allowedHost(host string, hosts []string) bool {
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	name = strings.ToLower(strings.Trim(name, "[]"))
	for _, a := range hosts {
		if a == strings.ToLower(host) || a == name {
			return true
		}
	}
	return false
}

// authorize checks, in network mode, that r's session may use the route
// pattern, and returns r with the account in its context. Otherwise it
// answers the request: a sign-in page for nobody signed in, 403 for a
// route above the account's role.
func (h *Handler) authorize(w http.ResponseWriter, r *http.Request, pattern string) (*http.Request, bool) {
	need, ok := needRole(pattern)
	if !ok {
		return r, true // public: the sign-in page and the static files
	}
	var u *app.Signed
	if c, err := r.Cookie(h.sessionCookie()); err == nil {
		var err error
		u, err = h.sessionUser(r.Context(), c.Value)
		if err != nil {
			h.fail(w, r, err)
			return r, false
		}
	}
	if u != nil {
		ctx := circular.WithActor(context.WithValue(r.Context(), userKey{}, u), u.Name)
		r = r.WithContext(ctx)
	}
	if u == nil {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return r, false
		}
		h.errorPage(w, r, http.StatusForbidden, "请先登录：登录已过期或尚未登录。请在新页面登录后重新操作。")
		return r, false
	}
	if !app.RoleAllows(u.Role, need) {
		h.errorPage(w, r, http.StatusForbidden, "您的账号（"+u.Name+"，"+u.Role+"）不能做这件事：需要「"+need+"」或更高的角色。如需要，请找管理员用 tongbao users role 调整。")
		return r, false
	}
	return r, true
}

// loginData is the sign-in page's content.
type loginData struct {
	Name  string
	Next  string
	Error string
}

// loginPage shows the sign-in form.
func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if !h.opt.Network {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "login", "登录", "", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks the name and password and starts a session.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if !h.opt.Network {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	next := safeNext(r.PostForm.Get("next"))
	token, _, err := h.cur().SignIn(r.Context(), name, r.PostForm.Get("password"), h.opt.Now())
	if err != nil {
		var ce *circular.Error
		if !asUserError(err, &ce) || ce.Code != circular.EInvalid {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnauthorized, "login", "登录", "", loginData{Name: name, Next: next, Error: ce.Message})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: h.sessionCookie(), Value: token, Path: "/", MaxAge: int(app.SessionMax.Seconds()),
		HttpOnly: true, Secure: h.opt.TLS, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(h.sessionCookie()); err == nil {
		if err := h.cur().SignOut(r.Context(), c.Value); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: h.sessionCookie(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.opt.TLS, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login?msg="+url.QueryEscape("已退出登录。"), http.StatusSeeOther)
}

// safeNext is where to go after signing in: a path of this site, else /.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.HasPrefix(next, "/login") {
		return "/"
	}
	return next
}
