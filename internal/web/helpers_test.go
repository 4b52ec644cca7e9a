package web

import (
	"bytes"
	"context"
	"io/fs"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tongbao/internal/app"
)

// root is the repository root, for the samples, config and templates.
var root, _ = filepath.Abs("../..")

// env is a working folder with its own config, templates (copied, since the
// tests edit them), database and output folder, and the workbench over it.
type env struct {
	t   testing.TB
	dir string
	app *app.App
	h   *Handler
	log bytes.Buffer
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(filepath.Join(root, "templates"))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := app.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: dir, app: a}
	e.h, err = New(a, Options{
		MaxUpload: 2 << 20,
		Log:       log.New(&e.log, "", 0),
		Now:       func() time.Time { return time.Date(2019, 4, 12, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// sample returns the bytes of a sample workbook.
func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// importSamples stores the 2018Q4 and 2019Q1 samples.
func (e *env) importSamples() {
	e.t.Helper()
	_, err := e.app.Import(context.Background(), []app.Workbook{
		{Name: "2018Q4.xlsx", Data: sample(e.t, "2018Q4.xlsx")},
		{Name: "2019Q1.xlsx", Data: sample(e.t, "2019Q1.xlsx")},
	}, false, false)
	if err != nil {
		e.t.Fatal(err)
	}
}

// do serves one request and returns the recorder.
func (e *env) do(r *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// get serves a GET.
func (e *env) get(target string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// post serves a form POST carrying the CSRF token.
func (e *env) post(target string, form url.Values) *httptest.ResponseRecorder {
	e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf") == "" {
		form.Set("csrf", e.h.csrf)
	}
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(r)
}

// upload serves a multipart POST to /import with the given files.
func (e *env) upload(files map[string][]byte, fields url.Values) *httptest.ResponseRecorder {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, b := range files {
		fw, err := mw.CreateFormFile("workbook", name)
		if err != nil {
			e.t.Fatal(err)
		}
		fw.Write(b)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/import", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return e.do(r)
}

// withCSRF returns fields plus the token.
func (e *env) withCSRF(fields url.Values) url.Values {
	if fields == nil {
		fields = url.Values{}
	}
	fields.Set("csrf", e.h.csrf)
	return fields
}

// expect checks the status and that the body holds every fragment.
func expect(t *testing.T, w *httptest.ResponseRecorder, status int, fragments ...string) string {
	t.Helper()
	body := w.Body.String()
	if w.Code != status {
		t.Fatalf("status %d, want %d\n%s", w.Code, status, text(body))
	}
	for _, f := range fragments {
		if !strings.Contains(body, f) {
			t.Errorf("response lacks %q\n%s", f, text(body))
		}
	}
	return body
}

var tagRE = regexp.MustCompile(`<[^>]*>|\s+`)

// text is an HTML body without tags, for failure messages.
func text(body string) string {
	s := tagRE.ReplaceAllString(body, " ")
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// noTempLeft checks that no temporary folder or file is left in the output folder.
func (e *env) noTempLeft() {
	e.t.Helper()
	out := e.app.Config.OutputDir()
	fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tongbao") {
			e.t.Errorf("temporary %s left in the output folder", p)
		}
		return nil
	})
}

// pdfFileText extracts a PDF file's text with pdftotext, spaces removed.
func pdfFileText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}
