package web

import (
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestTemplatesList(t *testing.T) {
	e := newEnv(t)
	body := expect(t, e.get("/templates"), http.StatusOK, "通报.toml", "开头.tmpl", "附件-问题网站名单.toml", "附件表格：问题网站名单")
	if strings.Contains(body, "README.md") && strings.Contains(body, `href="/templates/README.md"`) {
		t.Errorf("README.md offered for editing")
	}
	if i, j := strings.Index(body, "通报.toml"), strings.Index(body, "开头.tmpl"); i > j {
		t.Errorf("manifest not listed first")
	}
	expect(t, e.get("/help/templates"), http.StatusOK, "通报模板说明", "段落规则")
}

// TestTemplateSaveAndUndo: a good edit is saved, shows in the draft, is kept
// in the history with the version before it, and can be undone.
func TestTemplateSaveAndUndo(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	path := filepath.Join(e.dir, "templates", "开头.tmpl")
	orig, _ := os.ReadFile(path)
	expect(t, e.get("/templates/开头.tmpl?round=2019Q1&date=2019-04-12"), http.StatusOK,
		"编辑模板", html.EscapeString("{{.Round.Name}}"), "还没有在工作台中保存过这个文件", `value="2019Q1"`)

	edited := strings.Replace(string(orig), "有关情况通报如下：", "现将有关情况通报如下（测试修改）：", 1)
	w := e.post("/templates/开头.tmpl", url.Values{"text": {strings.ReplaceAll(edited, "\n", "\r\n")}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", w.Code, text(w.Body.String()))
	}
	if got, _ := os.ReadFile(path); string(got) != edited {
		t.Fatalf("file after save (CRLF not normalized?):\n%q", got)
	}
	body := expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已保存", "撤销这次保存", "正在使用")
	if n := strings.Count(body, "恢复此版本"); n != 1 {
		t.Errorf("%d restorable versions, want 1 (the original)", n)
	}
	dw := e.get("/rounds/2019Q1/draft.pdf?date=2019-04-12")
	if txt := pdfText(t, e.dir, dw.Body.Bytes()); !strings.Contains(txt, "现将有关情况通报如下（测试修改）") {
		t.Errorf("draft lacks the edit:\n%s", txt)
	}
	// History is beside the templates, out of the snapshot.
	hist, err := e.app.TemplateHistory("开头.tmpl")
	if err != nil || len(hist) != 2 || !hist[0].Current {
		t.Fatalf("history %+v %v", hist, err)
	}
	// 撤销: back to the original, itself recorded.
	w = e.post("/templates/开头.tmpl/restore", url.Values{"version": {hist[1].ID}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "restored=") {
		t.Fatalf("restore: %d\n%s", w.Code, text(w.Body.String()))
	}
	if got, _ := os.ReadFile(path); string(got) != string(orig) {
		t.Errorf("file after undo differs from the original")
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已恢复")
	if hist, _ := e.app.TemplateHistory("开头.tmpl"); len(hist) != 3 || !hist[0].Current {
		t.Errorf("history after undo %+v", hist)
	}
	expect(t, e.get("/templates/开头.tmpl/versions/"+hist[0].ID), http.StatusOK, "现将有关情况通报如下（测试修改）", "恢复此版本")
	expect(t, e.get("/templates/开头.tmpl/versions/20990101-000000.000000000"), http.StatusNotFound, "没有历史版本")
	expect(t, e.get("/templates/开头.tmpl/versions/abc"), http.StatusUnprocessableEntity, "格式不对")
	expect(t, e.post("/templates/开头.tmpl/restore", url.Values{"version": {"20990101-000000.000000000"}}), http.StatusNotFound, "没有历史版本")
}

// TestTemplateError: a bad edit is not saved; the page names the file and
// line, shows that line, and keeps the editor's text.
func TestTemplateError(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	path := filepath.Join(e.dir, "templates", "开头.tmpl")
	orig, _ := os.ReadFile(path)
	// the line of {{.Round.Name}} in the template, as the error must name it
	line := strconv.Itoa(strings.Count(string(orig[:strings.Index(string(orig), "{{.Round.Name}}")]), "\n") + 1)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"parse", strings.Replace(string(orig), "{{end}}的运行情况", "的运行情况", 1),
			[]string{"没有保存", "开头.tmpl", "模板有误", "{{end}}"}},
		{"field", strings.Replace(string(orig), "{{.Round.Name}}", "{{.Round.Nmae}}", 1),
			[]string{"没有保存", "开头.tmpl", "第 <strong>" + line + "</strong> 行", "数据中没有字段「Nmae」", `<span class="ln">` + line + `</span>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.post("/templates/开头.tmpl", url.Values{"text": {tt.text}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
			body := expect(t, w, http.StatusUnprocessableEntity, tt.want...)
			if !strings.Contains(body, html.EscapeString(tt.text)) {
				t.Errorf("the editor lost the text")
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Errorf("bad template was written")
			}
			if hist, _ := e.app.TemplateHistory("开头.tmpl"); len(hist) != 0 {
				t.Errorf("bad template entered the history: %+v", hist)
			}
		})
	}
	// The manifest and annex definitions are checked too.
	w := e.post("/templates/通报.toml", url.Values{"text": {"title = \"标题.tmpl\"\nsections = [\n"}, "round": {"2019Q1"}})
	expect(t, w, http.StatusUnprocessableEntity, "没有保存", "通报.toml")
}

func TestTemplateBadNames(t *testing.T) {
	e := newEnv(t)
	expect(t, e.get("/templates/README.md"), http.StatusUnprocessableEntity, "不是可以编辑的模板文件名")
	expect(t, e.get("/templates/..%2Fconfig.toml"), http.StatusUnprocessableEntity, "不是可以编辑的模板文件名")
	expect(t, e.get("/templates/没有.tmpl"), http.StatusNotFound, "没有文件「没有.tmpl」")
	expect(t, e.post("/templates/..%2Fconfig.toml", url.Values{"text": {"x"}}), http.StatusUnprocessableEntity, "不是可以编辑的模板文件名")
	if b, _ := os.ReadFile(filepath.Join(e.dir, "config.toml")); string(b) == "x" {
		t.Fatal("config overwritten")
	}
}

// TestTemplateNoRound: with nothing imported, saving checks the syntax only.
func TestTemplateNoRound(t *testing.T) {
	e := newEnv(t)
	expect(t, e.get("/templates/标题.tmpl"), http.StatusOK, "还没有导入任何轮次，无法预览草稿")
	w := e.post("/templates/标题.tmpl", url.Values{"text": {"关于{{.Round.Name}}检查情况的通报"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.post("/templates/标题.tmpl", url.Values{"text": {"关于{{.Round.Name"}}), http.StatusUnprocessableEntity, "没有保存")
}

// TestBrokenLiveTemplate: a template broken outside the workbench shows on
// the round page with a way to the editor, and the editor can still fix it.
func TestBrokenLiveTemplate(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	path := filepath.Join(e.dir, "templates", "标题.tmpl")
	orig, _ := os.ReadFile(path)
	if err := os.WriteFile(path, []byte("关于{{.Round.Name"), 0o644); err != nil {
		t.Fatal(err)
	}
	expect(t, e.get("/rounds/2019Q1?date=2019-04-12"), http.StatusOK, "无法生成", "标题.tmpl", `href="/templates"`)
	expect(t, e.get("/rounds/2019Q1/draft.pdf?date=2019-04-12"), http.StatusUnprocessableEntity, "标题.tmpl")
	w := e.post("/templates/标题.tmpl", url.Values{"text": {string(orig)}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("fix: %d %s", w.Code, text(w.Body.String()))
	}
	// The broken text was kept in the history before the fix replaced it.
	hist, _ := e.app.TemplateHistory("标题.tmpl")
	if len(hist) != 2 {
		t.Fatalf("history %+v", hist)
	}
	if b, _ := e.app.TemplateVersionText("标题.tmpl", hist[1].ID); string(b) != "关于{{.Round.Name" {
		t.Errorf("oldest version %q", b)
	}
	expect(t, e.get("/rounds/2019Q1?date=2019-04-12"), http.StatusOK, "draft.pdf?date=2019-04-12&amp;v=")
}

func TestFirstWords(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"工作要求.tmpl", "三、工作要求\n\n（一）压实主办责任。", "三、工作要求"},
		{"开头.tmpl", "{{/* 注释 */ -}}\n{{if .X}}按照《国务院办公厅关于印发〈政府网站发展指引〉的通知》{{end}}", "按照《国务院办公"},
		{"附件-网站检查情况.toml", "# 附件：全市政府网站\ntitle = \"{{.Area}}政府网站检查情况\"\n", "政府网站检查情况"},
		{"标题.tmpl", "{{.X}}{{.Y}}", ""},
	} {
		if got := firstWords(c.name, c.text); got != c.want {
			t.Errorf("firstWords(%s) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSaveOpensThePage: after a save the preview opens at the page where the
// edited section is.
func TestSaveOpensThePage(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	orig, err := os.ReadFile(filepath.Join(e.dir, "templates", "工作要求.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	w := e.post("/templates/工作要求.tmpl", url.Values{"text": {string(orig) + "\n"}, "round": {"2019Q1"}, "date": {"2019-04-12"}})
	if w.Code != http.StatusSeeOther || !strings.HasSuffix(w.Header().Get("Location"), "#page-3") {
		t.Errorf("save: %d, Location %q, want the page of 三、工作要求 (3)", w.Code, w.Header().Get("Location"))
	}
	expect(t, e.get(strings.TrimSuffix(w.Header().Get("Location"), "#page-3")), http.StatusOK, `id="page-3"`)
}
