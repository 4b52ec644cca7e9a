package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

// issueData is the issue page: the number and date to confirm.
type issueData struct {
	Round  *circular.Round
	Code   string
	Year   int
	Serial int
	Date   string
	// Deadline is the rectification deadline the clerk gave (empty: the
	// config's rule); RuleDeadline what the rule gives for Date.
	Deadline     string
	RuleDeadline string
	Issued       []circular.Issued // already issued for this round
	// Warnings are the 成文日期's problems; issuing needs the force box.
	Warnings []string
	Error    string
	Notice   string
	Preview  *previewData
}

// issueForm shows the next free number and the date for the clerk to confirm,
// with the draft as it stands.
func (h *Handler) issueForm(w http.ResponseWriter, r *http.Request) {
	h.renderIssue(w, r, http.StatusOK, 0, "", "")
}

// renderIssue shows the issue page; serial 0 proposes the next free number.
func (h *Handler) renderIssue(w http.ResponseWriter, r *http.Request, status, serial int, msg, notice string) {
	date, err := h.dateParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rd, issued, err := h.cur().IssuedFor(r.Context(), r.PathValue("key"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	next, err := h.cur().NextNumber(r.Context(), date.Year())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if serial <= 0 {
		serial = next.Serial
	}
	d := issueData{Round: rd, Code: next.Code, Year: next.Year, Serial: serial, Date: date.Format(time.DateOnly), Error: msg, Notice: notice, Issued: issued,
		Warnings: h.dateWarnings(r, date)}
	c := h.cur().Config.Circular
	if rule, err := app.Deadline(date, c.DeadlineDays, c.DeadlineWeekend, time.Time{}); err == nil {
		d.RuleDeadline = rule.Format(time.DateOnly)
	}
	if deadline, err := h.deadlineParam(r); err == nil && !deadline.IsZero() {
		d.Deadline = deadline.Format(time.DateOnly)
	}
	d.Preview = h.renderPreview(r, rd.Key(), date)
	h.render(w, r, status, "issue", "编号印发 "+rd.Name()+"通报", "rounds", d)
}

// issue numbers, records and renders the circular with the confirmed serial
// (never silently another one), then goes to its downloads.
func (h *Handler) issue(w http.ResponseWriter, r *http.Request) {
	date, err := h.dateParam(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	deadline, err := h.deadlineParam(r)
	if err != nil {
		h.renderIssue(w, r, http.StatusUnprocessableEntity, 0, circular.ErrorMessage(err), "")
		return
	}
	serial, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("serial")))
	if err != nil || serial < 1 {
		h.renderIssue(w, r, http.StatusUnprocessableEntity, 0, "发文字号的序号应为正整数。", "")
		return
	}
	if prev := r.PostForm.Get("previewed"); prev != "" && prev != date.Format(time.DateOnly) {
		// The clerk changed the date: the draft, the deadline and perhaps the
		// year of the number change with it, so show them before issuing.
		if !strings.HasPrefix(prev, date.Format("2006")) {
			serial = 0
		}
		h.renderIssue(w, r, http.StatusOK, serial, "", "成文日期已改为 "+cnDate(date)+"，草稿和发文字号已按新日期更新。请核对后再点「编号并印发」。")
		return
	}
	if r.PostForm.Has("previewedDeadline") && r.PostForm.Get("previewedDeadline") != r.PostForm.Get("deadline") {
		h.renderIssue(w, r, http.StatusOK, serial, "", "整改期限已改，草稿已按新期限更新。请核对后再点「编号并印发」。")
		return
	}
	if r.PostForm.Get("confirm") == "" {
		h.renderIssue(w, r, http.StatusUnprocessableEntity, serial, "请先核对草稿，并勾选「已核对草稿、文号和成文日期」。", "")
		return
	}
	c, _, err := h.cur().Issue(r.Context(), app.IssueRequest{Round: r.PathValue("key"), Date: date, Deadline: deadline, Serial: serial,
		Again: r.PostForm.Get("again") != "", Force: r.PostForm.Get("force") != ""})
	if err != nil {
		if c != nil { // recorded, but the PDF could not be written to the output folder
			h.opt.Log.Printf("web: issue %s: %v", c.Number, err)
			http.Redirect(w, r, circularURL(c.Number)+"?issued=1&unsaved=1", http.StatusSeeOther)
			return
		}
		var ce *circular.Error
		if asUserError(err, &ce) && ce.Code == circular.EConflict {
			if same := h.sameIssued(r, date, serial); same != nil {
				// The very circular was issued already (a double click, a
				// reload): show it rather than an error that invites a
				// second number.
				http.Redirect(w, r, circularURL(same.Number)+"?issued=1&repeat=1", http.StatusSeeOther)
				return
			}
			if errors.Is(err, app.ErrRoundIssued) {
				h.renderIssue(w, r, http.StatusConflict, serial, ce.Message+"。", "")
				return
			}
			if len(h.dateWarnings(r, date)) > 0 {
				h.renderIssue(w, r, http.StatusConflict, serial, ce.Message+"。", "")
				return
			}
			h.renderIssue(w, r, http.StatusConflict, 0, ce.Message+"。页面已改为下一个可用编号，请再次核对。", "")
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, circularURL(c.Number)+"?issued=1", http.StatusSeeOther)
}

// dateWarnings returns the problems of the 成文日期 date (none when they
// cannot be computed: issuing checks again).
func (h *Handler) dateWarnings(r *http.Request, date time.Time) []string {
	w, err := h.cur().DateWarnings(r.Context(), date)
	if err != nil {
		h.opt.Log.Printf("web: date warnings: %v", err)
	}
	return w
}

// sameIssued returns the circular already issued with this serial for this
// round and date, or nil.
func (h *Handler) sameIssued(r *http.Request, date time.Time, serial int) *circular.Issued {
	key := r.PathValue("key")
	if p, ok := circular.ParsePeriodKey(key); ok {
		key = p.Key()
	}
	n := circular.DocNumber{Code: h.cur().Config.Issuer.Code, Year: date.Year(), Serial: serial}
	c, err := h.cur().Issued(r.Context(), n.String())
	if err != nil || c.Round != key || !c.Date.Equal(date) {
		return nil
	}
	return c
}

func circularURL(number string) string { return "/circulars/" + url.PathEscape(number) }

// circularsData is the registry page.
type circularsData struct {
	List   []circular.Issued
	Code   string
	Voided string
	// Filter is the register's search, filter, sort and page.
	Filter *registerView
}

// circulars lists the number registry, newest first, with 作废.
func (h *Handler) circulars(w http.ResponseWriter, r *http.Request) {
	h.renderCirculars(w, r, http.StatusOK, "")
}

func (h *Handler) renderCirculars(w http.ResponseWriter, r *http.Request, status int, voided string) {
	list, err := h.cur().Circulars(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if voided == "" {
		voided = r.URL.Query().Get("voided")
	}
	filter, list := filterRegister(r.URL.Query(), list)
	h.render(w, r, status, "circulars", "印发登记", "circulars", circularsData{List: list, Code: h.cur().Config.Issuer.Code, Voided: voided, Filter: filter})
}

// void records a number void with its reason.
func (h *Handler) void(w http.ResponseWriter, r *http.Request) {
	numbers, err := h.cur().Void(r.Context(), app.VoidRequest{Number: r.PostForm.Get("number"), Reason: r.PostForm.Get("reason"),
		External: r.PostForm.Get("external") != ""})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/circulars?voided="+url.QueryEscape(strings.Join(numbers, "、")), http.StatusSeeOther)
}

// circularData is the page of one issued circular.
type circularData struct {
	C       *circular.Issued
	Issued  bool
	Path    string
	Unsaved bool
	Repeat  bool
	Preview *previewData
}

// circularPage shows an issued (or since voided) circular with its downloads.
func (h *Handler) circularPage(w http.ResponseWriter, r *http.Request) {
	c, err := h.cur().Circular(r.Context(), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.previews.add(c.PDF, c.Pages)
	base := circularURL(c.Number)
	d := circularData{C: c, Issued: r.URL.Query().Get("issued") != "", Unsaved: r.URL.Query().Get("unsaved") != "",
		Repeat: r.URL.Query().Get("repeat") != "", Path: absPath(h.cur().IssuedPath(c)),
		Preview: h.previewOf(p, base+"/pdf?inline=1", "", base+"/pages/", "")}
	h.render(w, r, http.StatusOK, "circular", c.Number, "circulars", d)
}

// circularPageImage serves the PNG of a page of an issued circular.
func (h *Handler) circularPageImage(w http.ResponseWriter, r *http.Request) {
	p := h.previews.get(r.URL.Query().Get("v"))
	if p == nil {
		c, err := h.cur().Circular(r.Context(), r.PathValue("number"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p = h.previews.add(c.PDF, c.Pages)
	}
	h.pageImage(w, r, p)
}

// circularPDF downloads the PDF as issued, also of a voided circular.
func (h *Handler) circularPDF(w http.ResponseWriter, r *http.Request) {
	c, err := h.cur().Circular(r.Context(), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	download(w, app.FileName(c)+".pdf", "application/pdf", c.PDF, r.URL.Query().Get("inline") == "")
}

// circularArchive downloads the records package as a zip: app.Archive writes
// it into a temporary folder inside the output folder, removed afterwards.
func (h *Handler) circularArchive(w http.ResponseWriter, r *http.Request) {
	h.withIssued(w, r, func(c *circular.Issued, dir string) {
		h.archiveZip(w, r, c, dir)
	})
}

// withIssued runs f with the issued circular the request names and a
// temporary folder inside the output folder, removed afterwards.
func (h *Handler) withIssued(w http.ResponseWriter, r *http.Request, f func(c *circular.Issued, dir string)) {
	c, err := h.cur().Issued(r.Context(), r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	dir, err := h.tempDir()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	f(c, dir)
}

// archiveZip writes the records package into dir and sends it as a zip.
func (h *Handler) archiveZip(w http.ResponseWriter, r *http.Request, c *circular.Issued, dir string) {
	folder := app.FileName(c)
	pkg := filepath.Join(dir, "package")
	names, err := h.cur().Archive(r.Context(), c.Number, pkg, false, time.Now())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(pkg, n))
		if err != nil {
			h.fail(w, r, fmt.Errorf("archive zip: read %s: %w", n, err))
			return
		}
		// UTF-8 names (flag bit 11, set by archive/zip for non-ASCII names)
		// open correctly in Windows Explorer, WPS and 7-Zip.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: folder + "/" + n, Method: zip.Deflate, Modified: c.CreatedAt})
		if err == nil {
			_, err = f.Write(b)
		}
		if err != nil {
			h.fail(w, r, fmt.Errorf("archive zip: %w", err))
			return
		}
	}
	if err := zw.Close(); err != nil {
		h.fail(w, r, fmt.Errorf("archive zip: %w", err))
		return
	}
	download(w, folder+" 归档包.zip", "application/zip", buf.Bytes(), true)
}

// circularAnnex downloads the annex tables as a workbook, made from what was
// recorded when the circular was issued.
func (h *Handler) circularAnnex(w http.ResponseWriter, r *http.Request) {
	h.withIssued(w, r, func(c *circular.Issued, dir string) {
		out := filepath.Join(dir, "annex.xlsx")
		if _, err := h.cur().ExportIssued(r.Context(), c.Number, out); err != nil {
			h.fail(w, r, err)
			return
		}
		b, err := os.ReadFile(out)
		if err != nil {
			h.fail(w, r, fmt.Errorf("annex: read: %w", err))
			return
		}
		download(w, app.FileName(c)+" 附件.xlsx", xlsxType, b, true)
	})
}

// tempDir makes a temporary folder inside the output folder.
func (h *Handler) tempDir() (string, error) {
	out := h.cur().Config.OutputDir()
	if err := app.EnsureDir(out); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(out, ".tongbao-web-*")
	if err != nil {
		return "", circular.Wrap(err, circular.EIO, fmt.Sprintf("无法在输出文件夹 %s 中创建临时文件夹：%s", out, app.IOReason(err)))
	}
	return dir, nil
}

// absPath is p as a full path, so a clerk can find the file on the machine.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
