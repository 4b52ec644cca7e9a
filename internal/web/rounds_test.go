package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestRoundsEmpty(t *testing.T) {
	e := newEnv(t)
	expect(t, e.get("/"), http.StatusOK, "检查轮次", "还没有导入任何轮次", `name="csrf"`, "/blank.xlsx", "替换已有轮次")
}

func TestImportUpload(t *testing.T) {
	e := newEnv(t)
	w := e.upload(map[string][]byte{"2018Q4.xlsx": sample(t, "2018Q4.xlsx"), `C:\Users\文员\桌面\2019Q1.xlsx`: sample(t, "2019Q1.xlsx")}, e.withCSRF(nil))
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/?imported=") {
		t.Fatalf("upload: %d %s\n%s", w.Code, w.Header().Get("Location"), text(w.Body.String()))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已导入", "2019年第一季度", "2018年第四季度", "98.2%", "未印发")

	// One workbook goes straight to its round.
	w = e.upload(map[string][]byte{"2019Q1.xlsx": sample(t, "2019Q1.xlsx")}, e.withCSRF(url.Values{"replace": {"1"}}))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/rounds/2019Q1?imported=1" {
		t.Fatalf("replace upload: %d %s\n%s", w.Code, w.Header().Get("Location"), text(w.Body.String()))
	}
	e.noTempLeft()
}

func TestImportConflict(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	w := e.upload(map[string][]byte{"2019Q1.xlsx": sample(t, "2019Q1.xlsx")}, e.withCSRF(nil))
	expect(t, w, http.StatusConflict, "已经导入过", "替换已有轮次", `id="import-error"`)
}

func TestImportNotWorkbook(t *testing.T) {
	e := newEnv(t)
	w := e.upload(map[string][]byte{"说明.docx": []byte("hello")}, e.withCSRF(nil))
	expect(t, w, http.StatusUnprocessableEntity, "说明.docx", "不是 .xlsx 工作簿", "没有导入任何工作簿")

	w = e.upload(map[string][]byte{"假的.xlsx": []byte("this is not a zip")}, e.withCSRF(nil))
	body := expect(t, w, http.StatusUnprocessableEntity, "假的.xlsx", `id="import-error"`)
	if strings.Contains(body, "内部错误") {
		t.Errorf("a broken workbook is reported as an internal error:\n%s", text(body))
	}

	w = e.upload(nil, e.withCSRF(nil))
	expect(t, w, http.StatusUnprocessableEntity, "请先选择要导入的检查结果工作簿")
	rounds, err := e.app.Rounds(t.Context())
	if err != nil || len(rounds) != 0 {
		t.Errorf("rounds after failed uploads: %v %v", rounds, err)
	}
}

// TestImportWorkbookErrors: a workbook with a bad cell is refused with a
// table naming the file, sheet, row and column.
func TestImportWorkbookErrors(t *testing.T) {
	e := newEnv(t)
	f, err := excelize.OpenReader(bytes.NewReader(sample(t, "2019Q1.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	sheet, col, row := findCell(t, f, "政府网站", "网站标识码")
	cell, _ := excelize.CoordinatesToCellName(col, row+5)
	f.SetCellValue(sheet, cell, "44520X0001")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	w := e.upload(map[string][]byte{"坏的2019Q1.xlsx": buf.Bytes()}, e.withCSRF(nil))
	body := expect(t, w, http.StatusUnprocessableEntity, "<th>文件</th><th>工作表</th><th>行</th><th>列</th><th>问题</th>",
		"<td>坏的2019Q1.xlsx</td>", "<td>"+sheet+"</td>", "网站标识码", "44520X0001")
	if !strings.Contains(body, `<td class="num">`) {
		t.Errorf("no row number in the problems table")
	}
}

func findCell(t *testing.T, f *excelize.File, sheetPart, header string) (string, int, int) {
	t.Helper()
	for _, s := range f.GetSheetList() {
		if !strings.Contains(s, sheetPart) {
			continue
		}
		rows, _ := f.GetRows(s)
		for r, row := range rows {
			for c, v := range row {
				if strings.Contains(v, header) {
					return s, c + 1, r + 1
				}
			}
		}
	}
	t.Fatalf("no header %q in a sheet named like %q", header, sheetPart)
	return "", 0, 0
}

func TestImportTooLarge(t *testing.T) {
	e := newEnv(t) // MaxUpload is 2 MB
	w := e.upload(map[string][]byte{"大.xlsx": bytes.Repeat([]byte("x"), 3<<20)}, e.withCSRF(nil))
	expect(t, w, http.StatusRequestEntityTooLarge, "上传的内容太大", "2 MB")
	entries, _ := os.ReadDir(os.TempDir())
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), "multipart-") {
			info, _ := en.Info()
			t.Logf("note: %s in the system temp folder (%d bytes), maybe from another process", en.Name(), info.Size())
		}
	}
}

func TestCSRF(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	// No token on an upload.
	w := e.upload(map[string][]byte{"2019Q1.xlsx": sample(t, "2019Q1.xlsx")}, nil)
	expect(t, w, http.StatusForbidden, "请求被拒绝", "安全令牌")
	// A wrong token on a form.
	expect(t, e.post("/circulars/void", url.Values{"csrf": {"0000"}, "number": {"2019-23"}, "reason": {"x"}}), http.StatusForbidden, "安全令牌")
	// A cross-site POST, even with the token.
	r := httptest.NewRequest(http.MethodPost, "/circulars/void", strings.NewReader(e.withCSRF(url.Values{"number": {"2019-23"}, "reason": {"x"}}).Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	r.Header.Set("Origin", "http://evil.example")
	expect(t, e.do(r), http.StatusForbidden, "来自另一个网站")
	list, _ := e.app.Circulars(t.Context())
	if len(list) != 0 {
		t.Errorf("a refused request changed the registry: %v", list)
	}
}

func TestNotFoundAndMethod(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/nope"), http.StatusNotFound, "找不到这个页面")
	w := e.get("/import")
	expect(t, w, http.StatusMethodNotAllowed, "只能通过页面上的按钮提交")
	if w.Header().Get("Allow") != "POST" {
		t.Errorf("Allow: %q", w.Header().Get("Allow"))
	}
	expect(t, e.get("/rounds/2030Q1"), http.StatusNotFound, "没有轮次「2030Q1」", "2019Q1")
	expect(t, e.get("/rounds/2019Q1?date=2019-13-45"), http.StatusUnprocessableEntity, "日期「2019-13-45」格式不对")
	expect(t, e.get("/rounds/2019Q1/pages/99?date=2019-04-12"), http.StatusNotFound)
}

func TestLocalOnly(t *testing.T) {
	e := newEnv(t)
	e.h.opt.LocalOnly = true
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "tongbao.evil.example"
	expect(t, e.do(r), http.StatusMisdirectedRequest, "只接受本机访问")
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		if w := e.do(r); w.Code != http.StatusOK {
			t.Errorf("host %s: %d", host, w.Code)
		}
	}
}

func TestBlankWorkbook(t *testing.T) {
	e := newEnv(t)
	w := e.get("/blank.xlsx")
	expect(t, w, http.StatusOK)
	if !strings.Contains(w.Header().Get("Content-Disposition"), "attachment") || !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
		t.Errorf("blank workbook: %v", w.Header())
	}
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(f.GetSheetList(), ","), "填表说明") {
		t.Errorf("sheets: %v", f.GetSheetList())
	}
}

func TestRoundPage(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	body := expect(t, e.get("/rounds/2019Q1?date=2019-04-12"), http.StatusOK,
		"2019年第一季度检查情况", "98.2%", "4452000024", "存在问题的政务新媒体", "上季度问题的复查（2018年第四季度）",
		"已整改", "/rounds/2019Q1/draft.pdf?date=2019-04-12", "/issue/2019Q1?date=2019-04-12",
		"/rounds/2019Q1/draft.docx?date=2019-04-12", "下载 DOCX（核稿用）")
	if pdftoppm() != "" && !strings.Contains(body, "/rounds/2019Q1/pages/1?date=2019-04-12&amp;v=") {
		t.Errorf("no page images although pdftoppm is installed")
	}
	w := e.get("/rounds/2019Q1/draft.pdf?date=2019-04-12")
	expect(t, w, http.StatusOK)
	if w.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF")) {
		t.Fatalf("draft: %v", w.Header())
	}
	txt := pdfText(t, e.dir, w.Body.Bytes())
	if !strings.Contains(txt, "揭政数局函〔2019〕") || !strings.Contains(txt, "4452000024") {
		t.Errorf("draft text:\n%s", txt)
	}
	if pdftoppm() != "" {
		w := e.get("/rounds/2019Q1/pages/2?date=2019-04-12")
		expect(t, w, http.StatusOK)
		if !bytes.HasPrefix(w.Body.Bytes(), []byte("\x89PNG")) {
			t.Errorf("page image is not a PNG")
		}
	}
	e.noTempLeft()
}

// pdfText extracts a PDF's text with pdftotext (spaces removed).
func pdfText(t *testing.T, dir string, pdf []byte) string {
	t.Helper()
	p := filepath.Join(dir, "extract.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return pdfFileText(t, p)
}

// TestConfigReload: an edited config.toml takes effect at the next request,
// without restarting the workbench; a broken edit keeps the last good config.
func TestConfigReload(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/"), http.StatusOK, "揭阳市政务服务数据管理局")
	cfg := filepath.Join(e.dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `name = "揭阳市政务服务数据管理局"`, `name = "揭阳市政务服务和数据管理局"`, 1)
	if edited == string(b) {
		t.Fatal("config.toml no longer has the issuer name this test edits")
	}
	later := time.Now().Add(2 * time.Second)
	write := func(text string) {
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		later = later.Add(2 * time.Second)
		os.Chtimes(cfg, later, later)
	}
	write(edited)
	expect(t, e.get("/"), http.StatusOK, "揭阳市政务服务和数据管理局")
	write(edited + "\n没有等号的一行\n")
	expect(t, e.get("/"), http.StatusOK, "揭阳市政务服务和数据管理局")
	if !strings.Contains(e.log.String(), "仍使用上一次的配置") {
		t.Errorf("the broken config was not reported: %s", e.log.String())
	}
}

// TestDraftDOCXDownload: the round page's DOCX is the draft for OA review, a
// WordprocessingML package holding the circular's text, offered as a file.
func TestDraftDOCXDownload(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	w := e.get("/rounds/2019Q1/draft.docx?date=2019-04-12")
	expect(t, w, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".docx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	for _, want := range []string{"揭阳市政务服务数据管理局", "4452000024", "2019年4月12日"} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("word/document.xml lacks %q", want)
		}
	}
	w = e.get("/rounds/2019Q1/draft.docx?date=2019-13-40")
	if w.Code == http.StatusOK {
		t.Errorf("a bad date gave a DOCX")
	}
}

// TestDraftPageAfterCacheForgot: a page image asked for with a key the
// cache no longer holds typesets the draft once and keeps it under that
// key, so the page's other images are drawn from it, not typeset again.
func TestDraftPageAfterCacheForgot(t *testing.T) {
	needPdftoppm(t)
	e := newEnv(t)
	e.importSamples()
	const key = "0123456789abcdef"
	for _, n := range []string{"1", "2"} {
		w := e.get("/rounds/2019Q1/pages/" + n + "?date=2019-04-12&v=" + key)
		expect(t, w, http.StatusOK)
		if !bytes.HasPrefix(w.Body.Bytes(), []byte("\x89PNG")) {
			t.Fatalf("page %s is not a PNG", n)
		}
	}
	kept := 0
	for _, p := range e.h.previews.list {
		if p.sha == key {
			kept++
		}
	}
	if kept != 1 || len(e.h.previews.list) != 1 {
		t.Errorf("%d previews kept, %d under the page's key; want the one draft typeset once", len(e.h.previews.list), kept)
	}
}
