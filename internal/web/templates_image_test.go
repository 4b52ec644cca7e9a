package web

import (
	"bytes"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// uploadImage posts one file to the template editor's picture upload.
func (e *env) uploadImage(name string, b []byte) *httptest.ResponseRecorder {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", e.h.csrf)
	fw, err := mw.CreateFormFile("image", name)
	if err != nil {
		e.t.Fatal(err)
	}
	fw.Write(b)
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/templates/images", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return e.do(r)
}

// TestTemplateImageUpload: a picture uploaded on the templates page lands
// in the templates folder, a template includes it, and the draft draws it;
// a file that is no picture is refused and nothing is written.
func TestTemplateImageUpload(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/templates"), http.StatusOK, "上传图片", `name="image"`)
	var pic bytes.Buffer
	png.Encode(&pic, image.NewGray(image.Rect(0, 0, 320, 200)))
	w := e.uploadImage(`C:\截图\发布流程.png`, pic.Bytes())
	if w.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已上传图片 发布流程.png", `image &#34;发布流程.png&#34;`)
	dir := filepath.Join(e.dir, "templates")
	if b, err := os.ReadFile(filepath.Join(dir, "发布流程.png")); err != nil || !bytes.Equal(b, pic.Bytes()) {
		t.Fatalf("the picture was not saved: %v", err)
	}

	orig, _ := os.ReadFile(filepath.Join(dir, "工作要求.tmpl"))
	edited := string(orig) + "\n\n{{image \"发布流程.png\" \"图 1 发布流程\" 100}}\n"
	w = e.post("/templates/工作要求.tmpl", url.Values{"text": {edited}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", w.Code, text(w.Body.String()))
	}
	_, r, err := e.app.Draft(t.Context(), "2019Q1", time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range r.Layout.Pages {
		n += len(p.Images)
	}
	if n != 1 {
		t.Errorf("the draft draws %d pictures, want 1", n)
	}

	w = e.uploadImage("说明.png", []byte("不是图片"))
	if w.Code == http.StatusSeeOther || !strings.Contains(text(w.Body.String()), "图片 说明.png 不是 PNG 或 JPEG 文件") {
		t.Errorf("a file that is no picture: %d\n%s", w.Code, text(w.Body.String()))
	}
	if _, err := os.Stat(filepath.Join(dir, "说明.png")); err == nil {
		t.Error("the refused file was written")
	}
}
