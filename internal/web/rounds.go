package web

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/internal/compose"
)

// roundRow is a line of the rounds table.
type roundRow struct {
	circular.Summary
	Issued []string // numbers issued for the round
}

// roundsData is the rounds page.
type roundsData struct {
	Rounds    []roundRow
	Imported  []string
	Notes     []string // what the import noticed: sheets read by header, hidden rows
	MaxUpload string
	// Error is the failed import's message and problems; Replace echoes the checkbox.
	Error         string
	Problems      []circular.Problem
	Replace       bool
	ReplaceIssued bool
	// Deleted is the round just deleted.
	Deleted string
}

// rounds shows the rounds with their figures and the upload form.
func (h *Handler) rounds(w http.ResponseWriter, r *http.Request) {
	d := roundsData{}
	if v := r.URL.Query().Get("imported"); v != "" {
		d.Imported = strings.Split(v, ",")
		d.Notes = r.URL.Query()["note"]
	}
	d.Deleted = r.URL.Query().Get("deleted")
	h.renderRounds(w, r, http.StatusOK, d)
}

// deleteRound deletes a wrongly imported round with all its results, once
// the clerk has ticked the confirmation; a round with an issued circular is
// refused.
func (h *Handler) deleteRound(w http.ResponseWriter, r *http.Request) {
	if r.PostForm.Get("confirm") == "" {
		h.errorPage(w, r, http.StatusUnprocessableEntity, "请先勾选「确认删除这一轮次的全部检查结果」。")
		return
	}
	rd, err := h.cur().DeleteRound(r.Context(), r.PathValue("key"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/?deleted="+url.QueryEscape(rd.Key()), http.StatusSeeOther)
}

func (h *Handler) renderRounds(w http.ResponseWriter, r *http.Request, status int, d roundsData) {
	sums, err := h.cur().Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	issued, err := h.cur().Circulars(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for i := len(sums) - 1; i >= 0; i-- { // newest first
		row := roundRow{Summary: sums[i]}
		for _, c := range issued {
			if c.Status == circular.StatusIssued && c.Round == sums[i].Round.Key() {
				row.Issued = append(row.Issued, c.Number)
			}
		}
		d.Rounds = append(d.Rounds, row)
	}
	d.MaxUpload = sizeText(h.opt.MaxUpload)
	h.render(w, r, status, "rounds", "检查轮次", "rounds", d)
}

// importWorkbooks imports the uploaded workbooks, all or none; problems are
// shown on the rounds page as a table.
func (h *Handler) importWorkbooks(w http.ResponseWriter, r *http.Request) {
	d := roundsData{Replace: r.PostForm.Get("replace") != "", ReplaceIssued: r.PostForm.Get("replace_issued") != ""}
	var files []app.Workbook
	var problems []circular.Problem
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["workbook"] {
			name := clientName(fh.Filename)
			if !strings.EqualFold(path.Ext(name), ".xlsx") {
				problems = append(problems, circular.Problem{File: name, Text: "不是 .xlsx 工作簿。请用 Excel 或 WPS 表格另存为「Excel 工作簿（*.xlsx）」后再上传"})
				continue
			}
			f, err := fh.Open()
			if err != nil {
				h.fail(w, r, fmt.Errorf("import: open upload: %w", err))
				return
			}
			b, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				h.fail(w, r, fmt.Errorf("import: read upload: %w", err))
				return
			}
			files = append(files, app.Workbook{Name: name, Data: b})
		}
	}
	switch {
	case len(problems) > 0:
		d.Error, d.Problems = "上传的文件中有不能导入的，没有导入任何工作簿：", problems
		h.renderRounds(w, r, http.StatusUnprocessableEntity, d)
		return
	case len(files) == 0:
		d.Error = "请先选择要导入的检查结果工作簿（.xlsx）。"
		h.renderRounds(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	imported, err := h.cur().Import(r.Context(), files, d.Replace, d.ReplaceIssued)
	if err != nil {
		var ce *circular.Error
		if !asUserError(err, &ce) {
			h.fail(w, r, err)
			return
		}
		d.Error, d.Problems = ce.Message, ce.Problems
		if ce.Code == circular.EConflict && !d.Replace {
			d.Error += "如要用新工作簿替换已导入的数据，请勾选「替换已有轮次」后重新上传。"
		}
		h.renderRounds(w, r, statusOf(ce.Code), d)
		return
	}
	keys := make([]string, len(imported))
	q := url.Values{}
	for i, im := range imported {
		keys[i] = im.Round.Key()
		for _, n := range im.Notes {
			if len(imported) > 1 {
				n = im.Source + "：" + n
			}
			if len(q["note"]) < maxNotes {
				q.Add("note", truncate(n, 200))
			}
		}
	}
	if len(keys) == 1 {
		q.Set("imported", "1")
		http.Redirect(w, r, "/rounds/"+url.PathEscape(keys[0])+"?"+q.Encode(), http.StatusSeeOther)
		return
	}
	q.Set("imported", strings.Join(keys, ","))
	http.Redirect(w, r, "/?"+q.Encode(), http.StatusSeeOther)
}

// maxNotes bounds the import notes (sheets read by header, hidden rows) a
// redirect carries to the page that shows them.
const maxNotes = 12

// truncate shortens s to at most n characters.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// clientName is the last element of a browser's file name, for messages
// only: it never becomes a path.
func clientName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	if name == "." || name == "/" || name == "" {
		return "（未命名文件）"
	}
	return name
}

// blankWorkbook downloads the blank workbook with its 填表说明.
func (h *Handler) blankWorkbook(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.cur().BlankWorkbook(&buf); err != nil {
		h.fail(w, r, fmt.Errorf("blank workbook: %w", err))
		return
	}
	download(w, "检查结果工作簿（空白）.xlsx", xlsxType, buf.Bytes(), true)
}

// roundData is the round page.
type roundData struct {
	Round    *circular.Round
	Data     *compose.Data
	Date     string // 成文日期 of the preview, 2019-04-12
	Imported bool
	Notes    []string // what the import noticed: sheets read by header, hidden rows
	Issued   []circular.Issued
	// HasIssued is true when an entry is an issued circular: no delete.
	HasIssued bool
	Preview   *previewData
	// SiteList and AccountList are the failing (or all checked) sites and
	// accounts as the query filters, sorts and pages them.
	SiteList, AccountList *listView
}

// previewData is a rendered PDF as a page shows it — page images when
// pdftoppm is installed, else the browser's PDF viewer — or why there is none.
type previewData struct {
	Error string
	Probs []circular.Problem
	// Template is true when the error is in the templates, which the
	// editor can fix on the templates page.
	Template bool
	PDF      string // URL of the PDF, inline
	Download string // URL of the PDF as a download; empty for none
	// DOCX is the URL of the draft as an editable .docx for OA review
	// (核稿); empty for none.
	DOCX  string
	Pages []pageImage
	// Notices list the characters set from a face of another style than
	// their paragraph's or cell's (app.Rendered.FontNotices).
	Notices []string
}

// pageImage is one page's image.
type pageImage struct {
	N   int
	URL string
}

// round shows a round's figures, failing items, recheck and draft.
func (h *Handler) round(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	date, err := h.dateParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rd, data, err := h.cur().RoundFigures(r.Context(), key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, entries, err := h.cur().RoundCirculars(r.Context(), rd.Key())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := roundData{Round: rd, Data: data, Date: date.Format(time.DateOnly), Imported: r.URL.Query().Get("imported") != "", Issued: entries}
	for _, c := range entries {
		d.HasIssued = d.HasIssued || c.Status == circular.StatusIssued
	}
	if d.Imported {
		d.Notes = r.URL.Query()["note"]
	}
	d.SiteList, d.AccountList = roundLists(r, rd.Key(), data)
	d.Preview = h.renderPreview(r, rd.Key(), date)
	h.render(w, r, http.StatusOK, "round", rd.Name()+"检查情况", "rounds", d)
}

// renderPreview renders round key's draft dated date for a page, with the
// deadline in the request when it gives one.
func (h *Handler) renderPreview(r *http.Request, key string, date time.Time) *previewData {
	deadline, err := h.deadlineParam(r)
	var rendered *app.Rendered
	if err == nil {
		// typeset only: each page is drawn alone when its image is asked
		// for, so page 1 of a long draft shows without drawing the rest
		_, rendered, err = h.cur().DraftPages(r.Context(), key, date, deadline)
	}
	if err != nil {
		pd := &previewData{}
		var ce *circular.Error
		if asUserError(err, &ce) {
			pd.Error, pd.Probs, pd.Template = ce.Message, ce.Problems, ce.Code == circular.ETemplate
		} else {
			h.opt.Log.Printf("web: draft %s: %v", key, err)
			pd.Error = circular.ErrorMessage(err)
		}
		return pd
	}
	p := h.previews.addPages(rendered.Pages(), rendered.PagePDF)
	base := "/rounds/" + url.PathEscape(key)
	q := "date=" + date.Format(time.DateOnly)
	if !deadline.IsZero() {
		q += "&deadline=" + deadline.Format(time.DateOnly)
	}
	pd := h.previewOf(p, base+"/draft.pdf?"+q+"&v="+p.sha, base+"/draft.pdf?"+q+"&download=1", base+"/pages/", q)
	pd.DOCX = base + "/draft.docx?" + q
	pd.Notices = rendered.FontNotices()
	return pd
}

// previewOf describes preview p with the URLs of its PDF and page images.
func (h *Handler) previewOf(p *preview, pdf, download, pageBase, query string) *previewData {
	pd := &previewData{PDF: pdf, Download: download}
	if pdftoppm() != "" {
		if query != "" {
			query += "&"
		}
		for i := 1; i <= p.pages; i++ {
			pd.Pages = append(pd.Pages, pageImage{N: i, URL: fmt.Sprintf("%s%d?%sv=%s", pageBase, i, query, p.sha)})
		}
	}
	return pd
}

// draft renders the draft of the round in the path for the 成文日期 and
// 整改期限 in the query, with the application it used; draw false only
// typesets it (no PDF: app.DraftPages). On an error it has answered the
// request and returns ok false.
func (h *Handler) draft(w http.ResponseWriter, r *http.Request, draw bool) (a *app.App, p *app.Prepared, rendered *app.Rendered, ok bool) {
	a, p, rendered, err := h.drafted(r.Context(), r, draw)
	if err != nil {
		h.fail(w, r, err)
		return nil, nil, nil, false
	}
	return a, p, rendered, true
}

// drafted is draft without answering the request, in ctx.
func (h *Handler) drafted(ctx context.Context, r *http.Request, draw bool) (a *app.App, p *app.Prepared, rendered *app.Rendered, err error) {
	date, err := h.dateParam(r)
	if err != nil {
		return nil, nil, nil, err
	}
	deadline, err := h.deadlineParam(r)
	if err != nil {
		return nil, nil, nil, err
	}
	a = h.cur()
	drafter := a.DraftPages
	if draw {
		drafter = a.Draft
	}
	p, rendered, err = drafter(ctx, r.PathValue("key"), date, deadline)
	return a, p, rendered, err
}

// draftPDF serves round key's draft PDF for the date in the query: inline
// for the page's viewer, or as a download with ?download=1.
func (h *Handler) draftPDF(w http.ResponseWriter, r *http.Request) {
	_, p, rendered, ok := h.draft(w, r, true)
	if !ok {
		return
	}
	download(w, p.Round.Key()+" 通报草稿.pdf", "application/pdf", rendered.PDF, r.URL.Query().Get("download") != "")
}

// draftDOCX serves round key's draft for the date in the query as an
// editable .docx, for the clerk to send through OA review (核稿).
func (h *Handler) draftDOCX(w http.ResponseWriter, r *http.Request) {
	a, p, rendered, ok := h.draft(w, r, false) // the DOCX needs the pages, not the PDF
	if !ok {
		return
	}
	b, err := a.DOCX(rendered)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	download(w, p.Round.Key()+" 通报草稿.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b, true)
}

// draftPage serves the PNG of page n of the draft a page rendered (?v= its
// key), typesetting it again when it has left the cache: once for all the
// page's images that ask meanwhile, kept under the key they ask with.
func (h *Handler) draftPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("v")
	if _, err := hex.DecodeString(v); err != nil || len(v) != 16 {
		v = "" // not a key this workbench gives
	}
	// the typesetting outlives a request that gives up: others may wait for it
	ctx := context.WithoutCancel(r.Context())
	p, err := h.previews.load(v, func() (int, func(int) ([]byte, error), error) {
		_, _, rendered, err := h.drafted(ctx, r, false)
		if err != nil {
			return 0, nil, err
		}
		return rendered.Pages(), rendered.PagePDF, nil
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.pageImage(w, r, p)
}

// dateParam reads the 成文日期 from ?date=2019-04-12; today (Beijing time)
// when absent.
func (h *Handler) dateParam(r *http.Request) (time.Time, error) {
	return parseDate(r.FormValue("date"), h.opt.Now())
}

// deadlineParam reads the deadline the clerk gave (the issue form's
// 整改期限); empty is the zero time: the config's rule.
func (h *Handler) deadlineParam(r *http.Request) (time.Time, error) {
	if strings.TrimSpace(r.FormValue("deadline")) == "" {
		return time.Time{}, nil
	}
	return parseDate(r.FormValue("deadline"), h.opt.Now())
}

// parseDate reads a date as a browser's date field sends it; empty is today
// in Beijing time, at midnight UTC as tongbao keeps dates.
func parseDate(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		t := circular.BeijingTime(now)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, circular.Errorf(circular.EInvalid, "日期「%s」格式不对，应写成 2019-04-12", s)
	}
	if t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, circular.Errorf(circular.EInvalid, "日期「%s」的年份不合理", s)
	}
	return t, nil
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download writes b with a Content-Disposition naming the file in UTF-8 (and
// an ASCII fallback for old browsers).
func download(w http.ResponseWriter, name, ctype string, b []byte, attachment bool) {
	disp := "inline"
	if attachment {
		disp = "attachment"
	}
	fallback := asciiName(name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, disp, fallback, strings.ReplaceAll(url.QueryEscape(name), "+", "%20")))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// asciiName keeps the ASCII letters, digits and dots of name for the plain
// filename parameter.
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		}
	}
	s := b.String()
	if !asciiOnly(strings.TrimSuffix(name, path.Ext(name))) {
		s = "" // a Chinese name's stray digits (2019232019.pdf) mean nothing
	}
	if strings.TrimLeft(s, ".") == strings.TrimLeft(path.Ext(name), ".") || s == "" {
		s = "tongbao" + path.Ext(name)
	}
	return s
}

func asciiOnly(s string) bool {
	for _, r := range s {
		if r > 0x7e {
			return false
		}
	}
	return true
}
