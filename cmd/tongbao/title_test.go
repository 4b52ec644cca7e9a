package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTitleBreaks: \n written in 标题.tmpl and in an annex title forces a
// break there; an annex subtitle prints under its title and is not part of
// the annex's name in the 附件说明.
func TestTitleBreaks(t *testing.T) {
	e, tdir := editableEnv(t)
	e.importSamples()
	write := func(name, from, to string) {
		t.Helper()
		p := filepath.Join(tdir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), from) {
			t.Fatalf("%s lacks %q", name, from)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("标题.tmpl", "关于{{.Round.Name}}", `关于\n{{.Round.Name}}`)
	write("附件-网站检查情况.toml", `title = "{{.Area}}政府网站检查情况"`,
		"title = '{{.Area}}政府網站\\n檢查情況'\nsubtitle = \"（{{.Round.Name}}）\"")
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	lines := pdfLines(t, out)
	for _, want := range [][]string{
		{"关于"},
		{"2019年第一季度全市政府网站"},
		{"和政务新媒体检查情况的通报"},
		{"附件：1．全市政府網站檢查情況"}, // the name in the 附件说明, without the subtitle
		{"全市政府網站"},
		{"檢查情況"},
		{"（2019年第一季度）"},
	} {
		found := false
		for _, l := range lines {
			if l == want[0] {
				found = true
			}
		}
		if !found {
			t.Errorf("no line %q in\n%s", want[0], strings.Join(lines, "\n"))
		}
	}
	for _, l := range lines {
		if strings.Contains(l, `\n`) {
			t.Errorf("a line prints \\n: %q", l)
		}
		if strings.Contains(l, "檢查情況（2019年第一季度）") || strings.HasPrefix(l, "附件") && strings.Contains(l, "（2019年第一季度）") {
			t.Errorf("the subtitle is part of a title or the annex's name: %q", l)
		}
	}
}

// pdfLines is a PDF's text lines (pdftotext without -layout), spaces removed.
func pdfLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.Join(strings.Fields(l), ""); l != "" {
			out = append(out, l)
		}
	}
	return out
}
