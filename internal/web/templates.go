package web

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/templates"
)

// templatesData is the templates page.
type templatesData struct {
	Dir   string
	Files []app.TemplateFile
}

// templates lists the template files.
func (h *Handler) templates(w http.ResponseWriter, r *http.Request) {
	files, err := h.cur().TemplateFiles()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "templates", "通报模板", "templates", templatesData{Dir: h.cur().Config.TemplatesDir(), Files: files})
}

// editData is the editor page of one template file.
type editData struct {
	Name    string
	Dir     string
	Text    string
	Files   []app.TemplateFile
	History []app.TemplateVersion
	// Undo is the version 撤销 goes back to: the one saved before the live one.
	Undo *app.TemplateVersion
	// Rounds and Round, Date choose the draft previewed.
	Rounds []string
	Round  string
	Date   string
	// Saved and Restored report what was just done.
	Saved    bool
	Restored string
	// Error is a save that failed, with its problems and the lines they name.
	Error    string
	Problems []problemLine
	Preview  *previewData
}

// problemLine is a template problem with the text of the line it names.
type problemLine struct {
	circular.Problem
	Source string
	// Here is true when the problem is in the file being edited, so the
	// editor can jump to its line.
	Here bool
}

// templateImage saves an uploaded picture into the templates folder and
// says how a template includes it.
func (h *Handler) templateImage(w http.ResponseWriter, r *http.Request) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["image"]) != 1 {
		h.errorPage(w, r, http.StatusBadRequest, "请选择一张 PNG 或 JPEG 图片再上传。")
		return
	}
	fh := r.MultipartForm.File["image"][0]
	f, err := fh.Open()
	if err != nil {
		h.fail(w, r, fmt.Errorf("template image: open upload: %w", err))
		return
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		h.fail(w, r, fmt.Errorf("template image: read upload: %w", err))
		return
	}
	name := clientName(fh.Filename)
	snippet, err := h.cur().SaveTemplateImage(name, b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := "已上传图片 " + name + "。在模板中单独写一段 " + snippet + " 即可插入（图题可改，可再写宽度毫米数）。"
	http.Redirect(w, r, "/templates?msg="+url.QueryEscape(msg), http.StatusSeeOther)
}

// templateEdit shows a template file in the editor, its history and the draft.
func (h *Handler) templateEdit(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	text, err := h.cur().ReadTemplate(name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	d, err := h.editData(r, name, string(text))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Saved = q.Get("saved") != ""
	d.Restored = q.Get("restored")
	if t, err := time.Parse("20060102-150405.000000000", d.Restored); err == nil {
		d.Restored = cnSecond(t) // the version's id is its UTC save time
	}
	h.renderEdit(w, r, http.StatusOK, d)
}

// editData gathers the editor page around text.
func (h *Handler) editData(r *http.Request, name, text string) (*editData, error) {
	files, err := h.cur().TemplateFiles()
	if err != nil {
		return nil, err
	}
	hist, err := h.cur().TemplateHistory(name)
	if err != nil {
		return nil, err
	}
	sums, err := h.cur().Rounds(r.Context())
	if err != nil {
		return nil, err
	}
	date, err := h.dateParam(r)
	if err != nil {
		return nil, err
	}
	d := &editData{Name: name, Dir: h.cur().Config.TemplatesDir(), Text: text, Files: files, History: hist, Date: date.Format(time.DateOnly)}
	for i := len(sums) - 1; i >= 0; i-- {
		d.Rounds = append(d.Rounds, sums[i].Round.Key())
	}
	d.Round = r.FormValue("round")
	if d.Round == "" && len(d.Rounds) > 0 {
		d.Round = d.Rounds[0]
	}
	for i, v := range hist {
		if v.Current && i+1 < len(hist) {
			d.Undo = &hist[i+1]
			break
		}
	}
	return d, nil
}

func (h *Handler) renderEdit(w http.ResponseWriter, r *http.Request, status int, d *editData) {
	if d.Preview == nil && d.Round != "" {
		date, _ := time.Parse(time.DateOnly, d.Date)
		d.Preview = h.renderPreview(r, d.Round, date)
	}
	h.render(w, r, status, "edit", "编辑模板 "+d.Name, "templates", d)
}

// templateSave saves the edited text when the draft renders with it, else
// shows the error and keeps the live version.
func (h *Handler) templateSave(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	text := r.PostForm.Get("text")
	date, err := h.dateParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saving.Lock()
	rendered, err := h.cur().SaveTemplate(r.Context(), name, []byte(text), r.PostForm.Get("round"), date)
	h.saving.Unlock()
	if err != nil {
		h.templateFailed(w, r, name, text, err)
		return
	}
	anchor := ""
	if rendered != nil {
		if n := rendered.PageOf(firstWords(name, text)); n > 0 {
			anchor = "#page-" + strconv.Itoa(n) // the preview opens at the page the edit lands on
		}
	}
	http.Redirect(w, r, h.editURL(name, r)+"&saved=1"+anchor, http.StatusSeeOther)
}

// templateRestore makes a saved version the live one again.
func (h *Handler) templateRestore(w http.ResponseWriter, r *http.Request) {
	name, id := r.PathValue("name"), r.PostForm.Get("version")
	date, err := h.dateParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saving.Lock()
	_, err = h.cur().RestoreTemplate(r.Context(), name, id, r.PostForm.Get("round"), date)
	h.saving.Unlock()
	if err != nil {
		text, rerr := h.cur().TemplateVersionText(name, id)
		if rerr != nil {
			h.fail(w, r, err)
			return
		}
		h.templateFailed(w, r, name, string(text), err)
		return
	}
	http.Redirect(w, r, h.editURL(name, r)+"&restored="+url.QueryEscape(id), http.StatusSeeOther)
}

// templateFailed shows the editor again with the text that was not saved and
// why; template errors get the lines they name.
func (h *Handler) templateFailed(w http.ResponseWriter, r *http.Request, name, text string, err error) {
	var ce *circular.Error
	if !asUserError(err, &ce) || (ce.Code != circular.ETemplate && ce.Code != circular.EFont && ce.Code != circular.EInvalid) {
		h.fail(w, r, err)
		return
	}
	d, derr := h.editData(r, name, text)
	if derr != nil {
		h.fail(w, r, derr)
		return
	}
	d.Error = ce.Message
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for _, p := range ce.Problems {
		pl := problemLine{Problem: p}
		if p.File != "" {
			pl.File = filepath.Base(p.File) // the folder is the same for all
		}
		if p.Line > 0 && p.Line <= len(lines) && pl.File == name {
			pl.Source = lines[p.Line-1]
			pl.Here = true
		}
		d.Problems = append(d.Problems, pl)
	}
	// The preview shows the live version, which is still in force.
	h.renderEdit(w, r, statusOf(ce.Code), d)
}

// editURL is the editor page of name keeping the chosen round and date.
func (h *Handler) editURL(name string, r *http.Request) string {
	q := url.Values{}
	q.Set("round", r.FormValue("round"))
	q.Set("date", r.FormValue("date"))
	return "/templates/" + url.PathEscape(name) + "?" + q.Encode()
}

// versionData is the page of one saved version.
type versionData struct {
	Name    string
	Version app.TemplateVersion
	Text    string
}

// templateVersion shows a saved version with a button to restore it.
func (h *Handler) templateVersion(w http.ResponseWriter, r *http.Request) {
	name, id := r.PathValue("name"), r.PathValue("id")
	text, err := h.cur().TemplateVersionText(name, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hist, err := h.cur().TemplateHistory(name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := versionData{Name: name, Text: string(text)}
	for _, v := range hist {
		if v.ID == id {
			d.Version = v
		}
	}
	h.render(w, r, http.StatusOK, "version", name+" 的历史版本", "templates", d)
}

// templatesHelp shows the templates folder's README.md (the fields,
// functions and paragraph rules), or the bundled one when the folder has none.
func (h *Handler) templatesHelp(w http.ResponseWriter, r *http.Request) {
	b, err := os.ReadFile(filepath.Join(h.cur().Config.TemplatesDir(), "README.md"))
	if errors.Is(err, fs.ErrNotExist) {
		b, err = templates.FS.ReadFile("README.md")
	}
	if err != nil {
		h.fail(w, r, circular.Wrap(err, circular.EIO, "无法读取模板说明 README.md："+app.IOReason(err)))
		return
	}
	h.render(w, r, http.StatusOK, "help", "模板说明", "templates", string(b))
}

// templateActions matches a {{…}} action on one line.
var templateActions = regexp.MustCompile(`\{\{.*?\}\}`)

// firstWords returns the first words of plain text a template file writes:
// the longest run of text outside {{…}} actions on its first line that has
// one (a .toml annex definition: in its title), at most eight characters, to
// find its page in the draft.
func firstWords(name, text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasSuffix(name, ".toml") {
			v, ok := strings.CutPrefix(line, "title")
			if !ok {
				continue
			}
			line = strings.Trim(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "=")), `"`)
		}
		longest := ""
		for _, run := range templateActions.Split(line, -1) { // the longest literal run
			if run = strings.TrimSpace(run); len([]rune(run)) > len([]rune(longest)) {
				longest = run
			}
		}
		if r := []rune(longest); len(r) >= 4 && !strings.HasPrefix(longest, "#") {
			return string(r[:min(len(r), 8)])
		}
	}
	return ""
}
