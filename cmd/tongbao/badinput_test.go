package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/circular"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

// Bad input end to end: what reaches the clerk through the commands. The
// workbook reader's own table is internal/excel/badinput_test.go.

// writeWorkbook writes rr as a workbook in the env's folder.
func (e *env) writeWorkbook(name string, rr *circular.RoundResults) string {
	e.t.Helper()
	var buf bytes.Buffer
	if err := excel.WriteRound(&buf, rr); err != nil {
		e.t.Fatal(err)
	}
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// failingSite returns the sample's failing site.
func failingSite(rr *circular.RoundResults) *circular.SiteResult {
	for i := range rr.Sites {
		if rr.Sites[i].Failing() {
			return &rr.Sites[i]
		}
	}
	panic("no failing site")
}

// TestImportBadFiles: files that are not a workbook are refused by the
// import command with the file named, and nothing is stored.
func TestImportBadFiles(t *testing.T) {
	e := newEnv(t)
	sample, err := os.ReadFile("../../samples/2019Q1.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	pdfBytes, err := os.ReadFile("../../internal/pdf/testdata/specimen.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"截断.xlsx", sample[:len(sample)*2/3], "文件已损坏或不完整"},
		{"改名的通报.xlsx", pdfBytes, "这是 PDF 文件"},
		{"记事本.xlsx", []byte("网站标识码\t网站名称\n4452000001\t揭阳市人民政府门户网站\n"), "文本文件"},
	} {
		path := filepath.Join(e.dir, c.name)
		os.WriteFile(path, c.data, 0o644)
		_, errOut, code := e.run("import", "../../samples/2018Q4.xlsx", path)
		if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, c.name) {
			t.Errorf("%s: exit %d\n%s", c.name, code, errOut)
		}
	}
	if out := e.must("rounds"); strings.Contains(out, "2018Q4") {
		t.Errorf("a refused batch stored a round:\n%s", out)
	}
}

// TestDraftMissingGlyph: a character no bundled font has (an emoji, a rare
// CJK Extension B character) stops the draft with the character and where
// it is, and leaves no PDF.
func TestDraftMissingGlyph(t *testing.T) {
	for _, c := range []struct{ name, char, code, where string }{
		{"emoji in a site name", "😀", "U+1F600", "正文第"},
		{"private use character in a site name", "\ue000", "U+E000", "正文第"},
		{"emoji in an account's region (annex only)", "😀", "U+1F600", "表格第 1 行第 2 列"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			rr := samplegen.Jieyang2019Q1()
			if strings.Contains(c.name, "region") {
				for i := range rr.Accounts {
					if rr.Accounts[i].Failing() {
						rr.Accounts[i].Region = "揭阳大南海" + c.char + "区"
						break
					}
				}
			} else {
				failingSite(rr).Name = "揭阳大南海" + c.char + "网站"
			}
			e.must("import", e.writeWorkbook("2019Q1.xlsx", rr))
			out := filepath.Join(e.dir, "draft.pdf")
			_, errOut, code := e.run("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
			if code != 1 || !strings.Contains(errOut, "“"+c.char+"”") || !strings.Contains(errOut, c.code) ||
				!strings.Contains(errOut, "位置：") || !strings.Contains(errOut, c.where) || !strings.Contains(errOut, "揭阳大南海") {
				t.Errorf("exit %d\n%s", code, errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a PDF was written")
			}
		})
	}
}

// TestDraftLongAndRare: the longest names and problems the import allows
// are typeset; a character of CJK Extension B is typeset or named.
func TestDraftLongAndRare(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	s := failingSite(rr)
	s.Name = strings.Repeat("揭阳大南海石化工业区管理委员会官方网站", 10)  // 190 characters
	s.Problem = strings.Repeat("7个栏目更新不及时、5个栏目空白、", 58) // 986 characters
	e.must("import", e.writeWorkbook("2019Q1.xlsx", rr))
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	if text := strings.ReplaceAll(pdfText(t, out), " ", ""); !strings.Contains(text, "揭阳大南海石化工业区管理委员会官方网站揭阳") {
		t.Error("the long name is not in the draft")
	}

	// A rare character of CJK Extension B in a unit's name (real place
	// names have such): typeset if a bundled font has it, else named.
	s.Unit = "揭阳𠀀石化工业区管理委员会"
	e.must("import", "-replace", e.writeWorkbook("2019Q1.xlsx", rr))
	_, errOut, code := e.run("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	switch {
	case code == 1 && strings.Contains(errOut, "“𠀀”（U+20000）") && strings.Contains(errOut, "位置"):
		t.Logf("Extension B is not in the bundled fonts; the draft names it:\n%s", errOut)
	case code != 0:
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// TestImportRefusesOverlongCell: a 100,000-character name is refused at
// import with the cell named, before it can reach a circular.
func TestImportRefusesOverlongCell(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	failingSite(rr).Problem = strings.Repeat("栏", 30000) // Excel's own limit is 32,767 characters
	failingSite(rr).Name = strings.Repeat("网", 30000)
	_, errOut, code := e.run("import", e.writeWorkbook("长.xlsx", rr))
	if code != 1 || !strings.Contains(errOut, "「网站名称」有 30000 个字，超过 200 字的上限") || !strings.Contains(errOut, "「存在的突出问题」有 30000 个字") ||
		!strings.Contains(errOut, "工作表「政府网站」") || len(errOut) > 4000 {
		t.Errorf("exit %d, %d bytes\n%s", code, len(errOut), errOut)
	}
}

// templatesEnv is an env whose config uses its own copy of the default
// templates, written by `tongbao templates`.
func templatesEnv(t *testing.T) (*env, string) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "templates")
	e.must("templates", dir)
	cfg, _ := os.ReadFile(e.cfg)
	os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "templates = ", `templates = "templates"`)), 0o644)
	return e, dir
}

// TestRunawayTemplates: an edited template that loops is stopped with a
// Chinese error naming the template, not left to run out of memory.
func TestRunawayTemplates(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"nested ranges writing", "二、主要问题\n{{range .Sites.ByKind}}{{range $.Accounts.ByRegion}}{{range $.Accounts.ByRegion}}{{range $.Accounts.ByRegion}}{{range $.Accounts.ByRegion}}{{range $.Accounts.ByRegion}}{{range $.Accounts.ByRegion}}很长的一段文字很长的一段文字很长的一段文字{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}\n",
			[]string{"主要问题.tmpl", "输出超过 4 MB"}},
		{"recursion writing", "{{define \"again\"}}又一遍{{template \"again\" .}}{{end}}二、主要问题\n{{template \"again\" .}}\n",
			[]string{"主要问题.tmpl"}},
		{"recursion silent", "{{define \"again\"}}{{template \"again\" .}}{{end}}二、主要问题\n{{template \"again\" .}}\n",
			[]string{"主要问题.tmpl"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, dir := templatesEnv(t)
			e.importSamples()
			os.WriteFile(filepath.Join(dir, "主要问题.tmpl"), []byte(c.text), 0o644)
			out := filepath.Join(e.dir, "draft.pdf")
			_, errOut, code := e.run("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
			if code != 1 || strings.Contains(errOut, "内部错误") {
				t.Errorf("exit %d\n%s", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message lacks %q:\n%s", w, errOut)
				}
			}
			t.Log(errOut)
		})
	}
	for _, c := range []struct{ name, text, want string }{
		// A loop that writes nothing escapes the output bound: loops whose
		// length is a number, not the data, are refused when parsed.
		{"silent loop", "二、主要问题\n{{range 2000000000}}{{range 2000000000}}{{end}}{{end}}\n", "第 2 行"},
		{"silent loop in parentheses", "二、主要问题\n\n{{if true}}{{range (add 1000000 1000000)}}{{end}}{{end}}\n", "第 3 行"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, dir := templatesEnv(t)
			e.importSamples()
			os.WriteFile(filepath.Join(dir, "主要问题.tmpl"), []byte(c.text), 0o644)
			_, errOut, code := e.run("draft", "-date", "2019-04-12", "-o", filepath.Join(e.dir, "draft.pdf"), "2019Q1")
			if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "range 不能遍历数字") {
				t.Errorf("exit %d, want an error at %s:\n%s", code, c.want, errOut)
			}
		})
	}
}

// TestConfigMissingFiles: a config naming files or folders that are not
// there says which setting and which path.
func TestConfigMissingFiles(t *testing.T) {
	for _, c := range []struct {
		name, prefix, line string
		cmd                []string
		want               []string
	}{
		{"templates folder", "templates = ", `templates = "没有的模板"`, []string{"draft", "2019Q1"}, []string{"模板文件夹", "没有的模板", "不存在", "tongbao templates"}},
		{"seal image", "seal = ", `seal = "没有的印章.png"`, []string{"draft", "2019Q1"}, []string{"issuer.seal", "没有的印章.png", "不存在"}},
		{"database folder", "database = ", `database = "没有的文件夹/tongbao.db"`, []string{"rounds"}, []string{"数据库文件夹", "没有的文件夹", "不存在"}},
		{"output folder is a file", "output = ", `output = "config.toml"`, []string{"draft", "2019Q1"}, []string{"config.toml"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.importSamples()
			cfg, _ := os.ReadFile(e.cfg)
			os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), c.prefix, c.line)), 0o644)
			_, errOut, code := e.run(c.cmd...)
			if code != 1 || strings.Contains(errOut, "内部错误") {
				t.Errorf("exit %d\n%s", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
	_, errOut, code := newEnv(t).run("-c", "没有的配置.toml", "rounds")
	if code == 0 || !strings.Contains(errOut, "没有的配置.toml") {
		t.Errorf("missing config: exit %d\n%s", code, errOut)
	}
}
