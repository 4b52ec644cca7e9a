package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/app"
)

const number23 = "揭政数局函〔2019〕23号"

func issueForm(serial string) url.Values {
	return url.Values{"serial": {serial}, "date": {"2019-04-12"}, "confirm": {"1"}}
}

// TestIssueAndDownloads: the issue page proposes 23, issuing goes to the
// circular's page, and the PDF, records package and annex workbook download.
func TestIssueAndDownloads(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/issue/2019Q1?date=2019-04-12"), http.StatusOK, "揭政数局函〔2019〕", `name="serial" value="23"`, `name="confirm"`)

	w := e.post("/issue/2019Q1", issueForm("23"))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != circularURL(number23)+"?issued=1" {
		t.Fatalf("issue: %d %s\n%s", w.Code, w.Header().Get("Location"), text(w.Body.String()))
	}
	page := expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已编号并登记", number23, "2019年4月12日", "下载正式 PDF", "下载归档包", "下载附件工作簿")
	if pdftoppm() != "" {
		i := strings.Index(page, `/pages/1?v=`)
		if i < 0 {
			t.Fatalf("no page image on the circular's page")
		}
		src := page[strings.LastIndex(page[:i], `"`)+1 : i+strings.Index(page[i:], `"`)]
		img := e.get(strings.ReplaceAll(src, "&amp;", "&"))
		expect(t, img, http.StatusOK)
		if !bytes.HasPrefix(img.Body.Bytes(), []byte("\x89PNG")) {
			t.Errorf("page image of the issued circular is not a PNG")
		}
		// A page image asked for after the cache forgot it is made again.
		e.h.previews = previews{}
		expect(t, e.get(circularURL(number23)+"/pages/2?v=gone"), http.StatusOK)
		expect(t, e.get(circularURL(number23)+"/pages/99?v=gone"), http.StatusNotFound, "只有 8 页")
	}
	expect(t, e.get("/"), http.StatusOK, number23)
	expect(t, e.get("/circulars"), http.StatusOK, number23, "已印发", "作废…")

	pdf := e.get(circularURL(number23) + "/pdf")
	expect(t, pdf, http.StatusOK)
	if cd := pdf.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("Content-Disposition %q", cd)
	}
	txt := pdfText(t, e.dir, pdf.Body.Bytes())
	for _, want := range []string{number23, "2019年4月12日", "4452000024"} {
		if !strings.Contains(txt, want) {
			t.Errorf("issued PDF lacks %q", want)
		}
	}

	z := e.get(circularURL(number23) + "/archive.zip")
	expect(t, z, http.StatusOK)
	zr, err := zip.NewReader(bytes.NewReader(z.Body.Bytes()), int64(z.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Flags&0x800 == 0 && strings.ContainsFunc(f.Name, func(r rune) bool { return r > 127 }) {
			t.Errorf("%s is not marked UTF-8", f.Name)
		}
	}
	sort.Strings(names)
	joined := strings.Join(names, "\n")
	for _, want := range []string{".pdf", "元数据.xml", "SHA256SUMS", "SM3SUMS", "〔2019〕23号"} {
		if !strings.Contains(joined, want) {
			t.Errorf("zip lacks %q:\n%s", want, joined)
		}
	}

	x := e.get(circularURL(number23) + "/annex.xlsx")
	expect(t, x, http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.GetSheetList()) != 4 {
		t.Errorf("annex sheets %v", f.GetSheetList())
	}
	e.noTempLeft()
}

// TestDoubleIssue: the confirmed number is used or refused, never silently
// replaced; a refused number shows the page again with the next free one.
func TestDoubleIssue(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("first issue: %d %s", w.Code, text(w.Body.String()))
	}
	// The same form again (double click, reload): the circular issued, no error.
	w := e.post("/issue/2019Q1", issueForm("23"))
	if w.Code != http.StatusSeeOther || !strings.HasSuffix(w.Header().Get("Location"), "repeat=1") {
		t.Fatalf("repeated issue: %d %s", w.Code, w.Header().Get("Location"))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "刚才已经印发过", number23)
	// The round issued already is refused, naming its number, unless 再次印发 is ticked.
	taken := issueForm("24")
	taken.Set("date", "2019-04-13")
	expect(t, e.post("/issue/2019Q1", taken), http.StatusConflict, "2019Q1 已经印发为 "+number23, `name="again"`, "这一轮已经印发过")
	// The number taken for another date or round is refused, with the next one proposed.
	taken = issueForm("23")
	taken.Set("date", "2019-04-13")
	taken.Set("again", "1")
	expect(t, e.post("/issue/2019Q1", taken), http.StatusConflict, "23号已经使用", `name="serial" value="24"`, "这一轮已经印发过")
	expect(t, e.post("/issue/2018Q4", issueForm("23")), http.StatusConflict, "23号已经使用")
	expect(t, e.post("/issue/2018Q4", issueForm("30")), http.StatusConflict, "不能跳号")
	expect(t, e.post("/issue/2019Q1", url.Values{"serial": {"24"}, "date": {"2019-04-12"}}), http.StatusUnprocessableEntity, "请先核对草稿")
	expect(t, e.post("/issue/2019Q1", issueForm("二十四")), http.StatusUnprocessableEntity, "序号应为正整数")
	expect(t, e.post("/issue/2030Q1", issueForm("24")), http.StatusNotFound, "没有轮次")
	list, _ := e.app.Circulars(t.Context())
	if len(list) != 1 {
		t.Errorf("registry has %d entries, want 1", len(list))
	}
}

// TestIssueDateChanged: a changed 成文日期 shows the new draft and number
// before anything is issued.
func TestIssueDateChanged(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	f := issueForm("23")
	f.Set("previewed", "2019-04-12")
	f.Set("date", "2019-04-15")
	expect(t, e.post("/issue/2019Q1", f), http.StatusOK, "成文日期已改为 2019年4月15日", `name="previewed" value="2019-04-15"`, `name="serial" value="23"`)
	f.Set("date", "2020-01-06")
	expect(t, e.post("/issue/2019Q1", f), http.StatusOK, "成文日期已改为 2020年1月6日", "揭政数局函〔2020〕", `name="serial" value="1"`)
	if list, _ := e.app.Circulars(t.Context()); len(list) != 0 {
		t.Errorf("issued although the date changed: %v", list)
	}
	f.Set("previewed", "2019-04-15")
	f.Set("date", "2019-04-15")
	if w := e.post("/issue/2019Q1", f); w.Code != http.StatusSeeOther {
		t.Fatalf("issue after confirming: %d %s", w.Code, text(w.Body.String()))
	}
}

func TestVoid(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d", w.Code)
	}
	expect(t, e.post("/circulars/void", url.Values{"number": {number23}, "reason": {"  "}}), http.StatusUnprocessableEntity, "请写明作废原因")
	w := e.post("/circulars/void", url.Values{"number": {number23}, "reason": {"数据有误"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("void: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已作废 "+number23, "作废原因：数据有误")
	expect(t, e.post("/circulars/void", url.Values{"number": {number23}, "reason": {"再来"}}), http.StatusConflict, "已经作废过了")
	// The voided circular stays downloadable, marked void; it is not archived.
	expect(t, e.get(circularURL(number23)+"/pdf"), http.StatusOK, "%PDF")
	expect(t, e.get(circularURL(number23)), http.StatusOK, "已作废", "原因：数据有误")
	expect(t, e.get(circularURL(number23)+"/archive.zip"), http.StatusConflict, "已作废")
	// A number used outside tongbao.
	if w := e.post("/circulars/void", url.Values{"number": {"2019-24"}, "reason": {"已用于其他公文"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("void unused: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get("/issue/2019Q1?date=2019-04-12"), http.StatusOK, `name="serial" value="25"`)
	expect(t, e.post("/circulars/void", url.Values{"number": {"二〇一九年"}, "reason": {"x"}}), http.StatusUnprocessableEntity, "格式不对")
}

// TestSharedDatabase: the workbench and the command line (the app layer, with
// its own connections) issue at the same time from one database file; every
// number is given once and they are consecutive.
func TestSharedDatabase(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	const each = 3
	var wg sync.WaitGroup
	var mu sync.Mutex
	var numbers []string
	var errs []string
	date := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	for i := 0; i < each; i++ {
		wg.Add(2)
		go func() { // the command line: next free number
			defer wg.Done()
			c, _, err := e.app.Issue(t.Context(), app.IssueRequest{Round: "2019Q1", Date: date, Again: true, Force: true})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err.Error())
				return
			}
			numbers = append(numbers, c.Number)
		}()
		go func(i int) { // the workbench: a page, then its proposed number, retried when taken
			defer wg.Done()
			for try := 0; try < 2*each+1; try++ {
				next, err := e.app.NextNumber(t.Context(), 2019)
				if err != nil {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
					return
				}
				f := issueForm(fmt.Sprint(next.Serial))
				// Each clerk's own date: a number taken by another is a
				// conflict, not a repeat of the same request.
				f.Set("date", fmt.Sprintf("2019-04-%d", 13+i))
				f.Set("again", "1")
				f.Set("force", "1") // the clerks' dates interleave with the numbers
				w := e.post("/issue/2019Q1", f)
				if w.Code == http.StatusConflict {
					continue
				}
				mu.Lock()
				if w.Code != http.StatusSeeOther {
					errs = append(errs, fmt.Sprintf("web issue %d: %s", w.Code, text(w.Body.String())))
				} else {
					n, _ := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(w.Header().Get("Location"), "/circulars/"), "?issued=1"))
					numbers = append(numbers, n)
				}
				mu.Unlock()
				return
			}
		}(i)
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	seen := map[string]bool{}
	for _, n := range numbers {
		if seen[n] {
			t.Errorf("number %s given twice", n)
		}
		seen[n] = true
	}
	for s := 23; s < 23+2*each; s++ {
		if n := fmt.Sprintf("揭政数局函〔2019〕%d号", s); !seen[n] {
			t.Errorf("%s missing: %v", n, numbers)
		}
	}
}

// TestIssueOutputUnwritable: when the PDF cannot be written to the output
// folder, the number is still recorded and the page says so and offers the
// download.
func TestIssueOutputUnwritable(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	if err := os.WriteFile(e.app.Config.OutputDir(), []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	w := e.post("/issue/2019Q1", issueForm("23"))
	if w.Code != http.StatusSeeOther || !strings.HasSuffix(w.Header().Get("Location"), "unsaved=1") {
		t.Fatalf("issue: %d %s\n%s", w.Code, w.Header().Get("Location"), text(w.Body.String()))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已编号并登记", "未能写入输出文件夹")
	expect(t, e.get(circularURL(number23)+"/pdf"), http.StatusOK, "%PDF")
	expect(t, e.get(circularURL(number23)+"/archive.zip"), http.StatusInternalServerError, "无法创建文件夹")
}

// TestIssueDeadline: the issue form's 整改期限 shows the rule's date, a date
// given there updates the draft first, then is issued and recorded.
func TestIssueDeadline(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/issue/2019Q1?date=2019-04-12"), http.StatusOK, `name="deadline"`, "本次为 2019-04-22")
	form := issueForm("23")
	form.Set("previewed", "2019-04-12")
	form.Set("previewedDeadline", "")
	form.Set("deadline", "2019-04-20")
	expect(t, e.post("/issue/2019Q1", form), http.StatusOK, "整改期限已改", `name="deadline" value="2019-04-20"`)
	form.Set("previewedDeadline", "2019-04-20")
	w := e.post("/issue/2019Q1", form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d\n%s", w.Code, text(w.Body.String()))
	}
	c, err := e.app.Issued(t.Context(), number23)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Deadline.Format(time.DateOnly); got != "2019-04-20" {
		t.Errorf("recorded deadline %s, want 2019-04-20", got)
	}
	if txt := strings.Join(strings.Fields(pdfText(t, e.dir, c.PDF)), ""); !strings.Contains(txt, "于2019年4月20日前") {
		t.Errorf("issued PDF lacks the deadline given")
	}
	form = issueForm("24")
	form.Set("deadline", "2019-04-01")
	expect(t, e.post("/issue/2019Q1", form), http.StatusUnprocessableEntity, "早于成文日期")
}

// TestFontNotices: the round page's draft lists a character set from a face
// of another style, with its page and paragraph.
func TestFontNotices(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/rounds/2019Q1?date=2019-04-12"), http.StatusOK)
	if strings.Contains(e.get("/rounds/2019Q1?date=2019-04-12").Body.String(), `id="font-notices"`) {
		t.Fatal("the sample's draft already has notices")
	}
	p := e.dir + "/templates/开头.tmpl"
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, append([]byte("本季度檢查情況為㐁字。\n\n"), b...), 0o644)
	expect(t, e.get("/rounds/2019Q1?date=2019-04-12"), http.StatusOK, `id="font-notices"`,
		"“㐁”（U&#43;3401）：第 1 页正文第 1 段（“本季度檢查情況為㐁字。”）用 宋体（Noto Serif SC） 排印，不是本处的仿宋")
}
