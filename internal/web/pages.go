package web

import (
	"net/http"
	"net/url"
	"strings"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

// pageRoutes adds the office's pages: settings, trends, the clerk's help, a
// round's print view and the activity log. GETs read; every POST changes config.toml (the
// settings and their undo).
func (h *Handler) pageRoutes() {
	h.mux.HandleFunc("GET /settings", h.settings)
	h.mux.HandleFunc("POST /settings", h.settingsSave)
	h.mux.HandleFunc("POST /settings/restore", h.settingsRestore)
	h.mux.HandleFunc("GET /settings/versions/{id}", h.settingsVersion)
	h.mux.HandleFunc("GET /trends", h.trends)
	h.mux.HandleFunc("GET /help", h.guide)
	h.mux.HandleFunc("GET /rounds/{key}/print", h.roundPrint)
	h.mux.HandleFunc("GET /activity", h.activity)
}

// settingsData is the settings page.
type settingsData struct {
	Settings []app.Setting
	// Base is the SHA-256 of the config file the form was filled from.
	Base    string
	Path    string
	History []app.TemplateVersion
	// Undo is the version before the live one, which 撤销 restores.
	Undo string
	// Saved lists the settings just saved; Restored the version restored.
	Saved    []string
	Restored string
	Error    string
	Problems []circular.Problem
	// Broken is true when the config file on disk does not load: no form.
	Broken bool
}

// settings shows the form of config.toml's settings with its history.
func (h *Handler) settings(w http.ResponseWriter, r *http.Request) {
	a := h.cur()
	s, base, err := a.Settings()
	if err != nil {
		// A config file broken outside the workbench: say what is wrong and
		// offer the history, from which a good version can be restored.
		var ce *circular.Error
		if !asUserError(err, &ce) {
			h.fail(w, r, err)
			return
		}
		h.renderSettings(w, r, http.StatusOK, a, settingsData{Broken: true, Error: ce.Message, Problems: ce.Problems})
		return
	}
	d := settingsData{Settings: s, Base: base, Restored: r.URL.Query().Get("restored")}
	if v := r.URL.Query().Get("saved"); v != "" {
		for _, k := range strings.Split(v, ",") {
			d.Saved = append(d.Saved, settingLabel(s, k))
		}
	}
	h.renderSettings(w, r, http.StatusOK, a, d)
}

func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, status int, a *app.App, d settingsData) {
	vs, err := a.SettingsHistory()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.History, d.Path = vs, a.Config.Path()
	for i, v := range vs {
		if v.Current && i+1 < len(vs) {
			d.Undo = vs[i+1].ID
		}
	}
	h.render(w, r, status, "settings", "设置", "settings", d)
}

// settingLabel is the label of setting key.
func settingLabel(s []app.Setting, key string) string {
	for _, x := range s {
		if x.Key == key {
			return x.Label
		}
	}
	return key
}

// settingsSave saves the form into config.toml; a bad value is shown with
// the form as typed and nothing is saved.
func (h *Handler) settingsSave(w http.ResponseWriter, r *http.Request) {
	h.saving.Lock()
	defer h.saving.Unlock()
	a := h.cur()
	s, base, err := a.Settings()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	values := map[string]string{}
	for i := range s {
		if v, ok := r.PostForm[s[i].Key]; ok {
			values[s[i].Key] = strings.Join(v, "\n")
			s[i].Value = values[s[i].Key]
		}
	}
	changed, err := a.SaveSettings(r.Context(), values, r.PostForm.Get("base"))
	if err != nil {
		var ce *circular.Error
		if !asUserError(err, &ce) {
			h.fail(w, r, err)
			return
		}
		status := http.StatusUnprocessableEntity
		if ce.Code == circular.EConflict {
			status = http.StatusConflict
		}
		h.renderSettings(w, r, status, a, settingsData{Settings: s, Base: base, Error: ce.Message, Problems: ce.Problems})
		return
	}
	target := "/settings"
	if len(changed) > 0 {
		target += "?saved=" + url.QueryEscape(strings.Join(changed, ","))
	} else {
		target += "?msg=" + url.QueryEscape("设置没有改动，无需保存。")
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// settingsRestore makes a saved version of config.toml the live one again.
func (h *Handler) settingsRestore(w http.ResponseWriter, r *http.Request) {
	h.saving.Lock()
	defer h.saving.Unlock()
	id := r.PostForm.Get("version")
	if err := h.cur().RestoreSettings(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?restored="+url.QueryEscape(id), http.StatusSeeOther)
}

// settingsVersionData is a saved version of config.toml.
type settingsVersionData struct {
	Version app.TemplateVersion
	Text    string
}

// settingsVersion shows a saved version of config.toml.
func (h *Handler) settingsVersion(w http.ResponseWriter, r *http.Request) {
	a := h.cur()
	id := r.PathValue("id")
	text, err := a.SettingsVersionText(id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	vs, err := a.SettingsHistory()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := settingsVersionData{Text: string(text)}
	for _, v := range vs {
		if v.ID == id {
			d.Version = v
		}
	}
	h.render(w, r, http.StatusOK, "settingsversion", "设置的历史版本", "settings", d)
}

// guide is the clerk's help: a quarter's work in the workbench's words.
func (h *Handler) guide(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "guide", "使用说明", "help", nil)
}

// roundPrint is a round's figures alone, laid out for printing.
func (h *Handler) roundPrint(w http.ResponseWriter, r *http.Request) {
	rd, data, err := h.cur().RoundFigures(r.Context(), r.PathValue("key"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "print", rd.Name()+"检查数字", "rounds", roundData{Round: rd, Data: data})
}
