package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// env is a working folder with a config that points at the repository's
// templates and a fresh database, for end-to-end tests.
type env struct {
	t   testing.TB
	dir string
	cfg string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs("../..")
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), `templates = "templates"`, `templates = "`+filepath.ToSlash(filepath.Join(root, "templates"))+`"`, 1)
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, dir: dir, cfg: cfg}
}

// run runs tongbao with the env's config and returns stdout, stderr and the exit code.
func (e *env) run(args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	code := run(append([]string{"-c", e.cfg}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

// must runs tongbao and fails the test unless it exits 0.
func (e *env) must(args ...string) string {
	e.t.Helper()
	out, errOut, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("tongbao %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (e *env) importSamples() {
	e.t.Helper()
	e.must("import", "../../samples/2018Q4.xlsx", "../../samples/2019Q1.xlsx")
}

// pdfText extracts a PDF's text with pdftotext -layout.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// TestDraftSample is the README's main command end to end: import the
// samples, draft 2019 Q1, and compare the PDF's text with a golden text.
func TestDraftSample(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	text := pdfText(t, out)
	// every page is marked a draft with the time it was made; the golden
	// text holds the mark without the time
	if marks, pages := len(draftMark.FindAllString(text, -1)), strings.Count(text, "\f"); marks != pages || pages == 0 {
		t.Errorf("%d draft marks on %d pages", marks, pages)
	}
	text = draftMark.ReplaceAllString(text, "草稿 （生成时间） 生成")
	for _, want := range []string{"揭政数局函〔2019〕", "54", "98.2%", "1.8%", "4452000024", "合计", "注：检查采样时间为2019年2月21日至3月4日。"} {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	golden := filepath.Join("testdata", "draft-2019Q1.txt")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tongbao -run TestDraftSample -update)", err)
	}
	if text != string(want) {
		t.Errorf("draft text differs from %s; run with -update after checking the PDF.\n%s", golden, firstDiff(string(want), text))
	}
}

// draftMark is the mark of a draft in the text pdftotext reads.
var draftMark = regexp.MustCompile(`草稿\s+\d{4}年\d{1,2}月\d{1,2}日\s*\d\d:\d\d\s*生成`)

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + x + "\n  got: " + y
		}
	}
	return ""
}
