package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"
	"github.com/xuri/excelize/v2"

	"tongbao/internal/app"
	"tongbao/internal/doc"
	"tongbao/internal/samplegen"
)

// The rest of the clerk's quarter after the draft: archive and verify,
// export the annexes, and the editor's changes to templates/.

// TestArchiveVerify writes the records package of an issued circular,
// verifies it, then flips one byte of the PDF and one of the metadata: verify
// must fail each time and name the file.
func TestArchiveVerify(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	dir := filepath.Join(e.dir, "归档", "2019-23")
	e.must("archive", "-dir", dir, "揭政数局函〔2019〕23号")
	if out := e.must("verify", dir); !strings.Contains(out, "四性检测全部通过") || !strings.Contains(out, "登记簿：登记簿 tongbao.db（揭政数局函〔2019〕23号 登记的校验值）") {
		t.Fatalf("verify: %s", out)
	}
	if report, err := os.ReadFile(filepath.Join(dir, "检测报告.txt")); err != nil || !strings.Contains(string(report), "结论：四性检测全部通过") {
		t.Errorf("检测报告.txt: %v\n%s", err, report)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pdfName string
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".pdf") {
			pdfName = en.Name()
		}
	}
	if !strings.HasPrefix(pdfName, "揭政数局函〔2019〕23号") {
		t.Fatalf("archived PDF name %q", pdfName)
	}
	if got := pdfText(t, filepath.Join(dir, pdfName)); !strings.Contains(strings.ReplaceAll(got, " ", ""), "揭政数局函〔2019〕23号") {
		t.Errorf("archived PDF lacks its number")
	}
	meta, err := os.ReadFile(filepath.Join(dir, "元数据.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"揭政数局函〔2019〕23号", "通报", "30年", "揭阳市政务服务数据管理局", "20190412",
		"<文件实体>", "<公文元数据 标准=\"GB/T 33480-2016\">", "<主送机关>各县（市、区）人民政府（管委会），市府直属各单位</主送机关>",
		"<抄送机关>市政府办公室</抄送机关>", "<业务行为>印发</业务行为>", "<业务行为>归档</业务行为>"} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("元数据.xml lacks %q", want)
		}
	}
	for _, name := range []string{pdfName, "元数据.xml"} {
		p := filepath.Join(dir, name)
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		flipped := append([]byte(nil), orig...)
		flipped[len(flipped)/2] ^= 0x01
		if err := os.WriteFile(p, flipped, 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := e.run("verify", dir)
		if code != 1 || !strings.Contains(out+errOut, "【未通过】"+name) {
			t.Errorf("verify after flipping a byte of %s: exit %d\n%s%s", name, code, out, errOut)
		}
		if err := os.WriteFile(p, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.must("verify", dir)

	// A swapped PDF whose checksums were recomputed everywhere passes the
	// package's own checks but not the register's.
	swapped := filepath.Join(dir, pdfName)
	orig, err := os.ReadFile(swapped)
	if err != nil {
		t.Fatal(err)
	}
	forged := append(append([]byte(nil), orig...), "\n% forged\n"...)
	if err := os.WriteFile(swapped, forged, 0o644); err != nil {
		t.Fatal(err)
	}
	rehash(t, dir, pdfName, orig, forged)
	out, _, code := e.run("verify", dir)
	if code != 1 || !strings.Contains(out, "文件被替换过") || strings.Contains(out, "SHA-256 与 SHA256SUMS 不符") {
		t.Errorf("swapped and rehashed PDF: exit %d\n%s", code, out)
	}
	// Without the database at hand, verify says it did not check the register.
	other := t.TempDir()
	var stdout, stderr bytes.Buffer
	code = run([]string{"-c", filepath.Join(other, "config.toml"), "verify", dir}, &stdout, &stderr)
	cmdOut := stdout.String()
	if code != 0 || !strings.Contains(cmdOut, "登记簿：未核对") {
		t.Errorf("verify without a register: exit %d\n%s", code, cmdOut)
	}
	if err := os.WriteFile(swapped, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	rehash(t, dir, pdfName, forged, orig)

	// A missing file and an extra file each fail 完整性.
	if err := os.WriteFile(filepath.Join(dir, "说明.doc"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _, code := e.run("verify", dir); code != 1 || !strings.Contains(out, "未登记的文件 说明.doc") {
		t.Errorf("extra file: exit %d\n%s", code, out)
	}
	os.Remove(filepath.Join(dir, "说明.doc"))
	if err := os.Rename(swapped, swapped+".bak"); err != nil {
		t.Fatal(err)
	}
	if out, _, code := e.run("verify", dir); code != 1 || !strings.Contains(out, "【未通过】"+pdfName+"：文件缺失") {
		t.Errorf("missing file: exit %d\n%s", code, out)
	}
}

// rehash rewrites the checksum files and the metadata of the package in dir
// after the file name changed from old to new, as a forger would.
func rehash(t *testing.T, dir, name string, old, new []byte) {
	t.Helper()
	replace := func(file string, pairs ...string) {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for i := 0; i < len(pairs); i += 2 {
			s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace("元数据.xml",
		hexSHA256(old), hexSHA256(new), hexSM3(old), hexSM3(new),
		fmt.Sprintf("<计算机文件大小>%d<", len(old)), fmt.Sprintf("<计算机文件大小>%d<", len(new)))
	meta, err := os.ReadFile(filepath.Join(dir, "元数据.xml"))
	if err != nil {
		t.Fatal(err)
	}
	oldMeta := readSum(t, dir, "SHA256SUMS", "元数据.xml")
	oldMetaSM3 := readSum(t, dir, "SM3SUMS", "元数据.xml")
	replace("SHA256SUMS", hexSHA256(old), hexSHA256(new), oldMeta, hexSHA256(meta))
	replace("SM3SUMS", hexSM3(old), hexSM3(new), oldMetaSM3, hexSM3(meta))
}

func hexSHA256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hexSM3(b []byte) string {
	s := sm3.Sum(b)
	return hex.EncodeToString(s[:])
}

// readSum returns the checksum the checksum file lists for name.
func readSum(t *testing.T, dir, file, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if sum, n, ok := strings.Cut(line, "  "); ok && n == name {
			return sum
		}
	}
	t.Fatalf("%s lists no %s", file, name)
	return ""
}

// TestExportMatchesPDF exports the annex tables and reads the workbook back:
// each sheet holds the same header, rows and 合计 as the document's table,
// and the PDF prints the same totals and row numbers.
func TestExportMatchesPDF(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	xlsx := filepath.Join(e.dir, "附件.xlsx")
	if out := e.must("export", "-o", xlsx, "2019Q1"); !strings.Contains(out, "4 个附件表格") {
		t.Errorf("export: %s", out)
	}
	if fi, err := os.Stat(xlsx); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("workbook mode %v, %v: want 0644 like the PDFs", fi.Mode(), err)
	}
	pdfPath := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", pdfPath, "2019Q1")
	a, err := app.Load(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, r, err := a.Draft(context.Background(), "2019Q1", time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	sheets := app.AnnexSheets(r.Doc)
	if len(sheets) != 4 {
		t.Fatalf("%d annex tables, want 4", len(sheets))
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != len(sheets) {
		t.Fatalf("workbook sheets %v, want %d", names, len(sheets))
	}
	for i, s := range sheets {
		rows, err := f.GetRows(names[i])
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, row := range rows {
			got[joinCells(row)] = true
		}
		if !got[s.Title] {
			t.Errorf("sheet %s lacks the title %q", names[i], s.Title)
		}
		for _, row := range s.Table.Rows {
			want := joinCells(cellTexts(row.Cells))
			if !got[want] {
				t.Errorf("sheet %s lacks the row %q", names[i], want)
			}
		}
	}

	// The PDF's annex pages: every 合计 row's cells in order on one line,
	// and every body row's number.
	text := pdfText(t, pdfPath)
	pages := strings.Split(text, "\f")
	for _, s := range sheets {
		var page string
		for _, p := range pages {
			if strings.Contains(strings.ReplaceAll(p, " ", ""), s.Title) {
				page = p // the annex page, after the 附件说明 naming it
			}
		}
		if page == "" {
			t.Errorf("no PDF page titled %q", s.Title)
			continue
		}
		for _, row := range s.Table.Rows {
			if !row.Total {
				continue
			}
			if !lineHasInOrder(page, cellTexts(row.Cells)) {
				t.Errorf("PDF annex %q has no line with the totals %v", s.Title, cellTexts(row.Cells))
			}
		}
	}
	totals := 0
	for _, s := range sheets {
		for _, row := range s.Table.Rows {
			if row.Total {
				totals++
			}
		}
	}
	if totals != 2 {
		t.Errorf("%d 合计 rows, want 2 (annexes 1 and 3)", totals)
	}
}

func cellTexts(cells []doc.Cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.Text)
	}
	return out
}

// joinCells joins the non-empty cells of a row: merged cells leave empty
// neighbours in a workbook.
func joinCells(cells []string) string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "|")
}

// lineHasInOrder reports whether one line of text holds all of words in order.
func lineHasInOrder(text string, words []string) bool {
	for _, line := range strings.Split(text, "\n") {
		rest, ok := strings.ReplaceAll(line, " ", ""), true
		for _, w := range words {
			i := strings.Index(rest, strings.ReplaceAll(w, " ", ""))
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(w):]
		}
		if ok {
			return true
		}
	}
	return false
}

// editableEnv is an env with its own copy of templates/, as an editor has.
func editableEnv(t *testing.T) (*env, string) {
	e := newEnv(t)
	tdir := filepath.Join(e.dir, "templates")
	if err := os.CopyFS(tdir, os.DirFS("../../templates")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "templates = ") {
			lines[i] = `templates = "templates"`
		}
	}
	if err := os.WriteFile(e.cfg, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return e, tdir
}

// TestTemplateEdits: a changed sentence in a section template and a column
// added to an annex definition show in the next draft, with no rebuild.
func TestTemplateEdits(t *testing.T) {
	e, tdir := editableEnv(t)
	e.importSamples()
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	before := strings.ReplaceAll(pdfText(t, out), " ", "")
	if strings.Contains(before, "网站类别") && strings.Count(before, "网站类别") > 1 {
		t.Fatalf("unexpected second 网站类别 column before the edit")
	}

	req := filepath.Join(tdir, "工作要求.tmpl")
	b, err := os.ReadFile(req)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "（一）压实主办责任。", "（一）压实主办责任。编辑新增的一句话。", 1)
	if edited == string(b) {
		t.Fatal("工作要求.tmpl no longer has the sentence this test edits")
	}
	if err := os.WriteFile(req, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}

	def := filepath.Join(tdir, "附件-问题网站名单.toml")
	b, err = os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	col := "\n[[column]]\nheader = \"网站类别\"\nvalue = \"{{.Category}}\"\n"
	if err := os.WriteFile(def, append(b, col...), 0o644); err != nil {
		t.Fatal(err)
	}

	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	after := strings.ReplaceAll(pdfText(t, out), " ", "")
	if !strings.Contains(strings.ReplaceAll(after, "\n", ""), "编辑新增的一句话") {
		t.Error("the edited sentence is not in the draft")
	}
	var annex2 string
	for _, p := range strings.Split(after, "\f") {
		if strings.Contains(p, "存在突出问题的政府网站名单") && strings.Contains(p, "附件2") {
			annex2 = p
		}
	}
	if !strings.Contains(annex2, "网站类别") {
		t.Errorf("the added column is not in annex 2:\n%s", annex2)
	}
}

// TestDraftWatch runs draft -watch as the editor does and changes a template:
// the PDF is rendered again within a second or so, and a template error is
// printed without ending the loop.
func TestDraftWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("watch test runs a subprocess for a few seconds")
	}
	e, tdir := editableEnv(t)
	e.importSamples()
	out := filepath.Join(e.dir, "watch.pdf")
	cmd := exec.Command(tongbaoBinary(t), "-c", e.cfg, "draft", "-watch", "-date", "2019-04-12", "-o", out, "2019Q1")
	var stdout, stderr syncBuffer // written by exec's copying goroutines while the test reads
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	waitFor := func(what string, cond func() bool) time.Duration {
		t.Helper()
		start := time.Now()
		for time.Since(start) < 10*time.Second {
			if cond() {
				return time.Since(start)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: timed out\nstdout:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
		return 0
	}
	stat := func() time.Time {
		fi, err := os.Stat(out)
		if err != nil {
			return time.Time{}
		}
		return fi.ModTime()
	}
	waitFor("first render", func() bool { return !stat().IsZero() })
	first := stat()

	tmpl := filepath.Join(tdir, "工作要求.tmpl")
	b, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if err := os.WriteFile(tmpl, []byte(strings.Replace(string(b), "压实主办责任", "压实主办单位责任", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	took := waitFor("re-render after a template change", func() bool { return stat().After(first) })
	t.Logf("re-rendered %v after the template changed", took)
	if text := strings.ReplaceAll(pdfText(t, out), " ", ""); !strings.Contains(text, "压实主办单位责任") {
		t.Error("the re-rendered draft lacks the change")
	}

	// A broken template: an error on stderr naming the file and line, the
	// loop goes on, and the last good draft stays.
	good := stat()
	if err := os.WriteFile(tmpl, []byte("三、工作要求\n\n{{.NoSuchField}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("template error reported", func() bool { return strings.Contains(stderr.String(), "工作要求.tmpl") })
	if !strings.Contains(stderr.String(), ":3") && !strings.Contains(stderr.String(), "第 3 行") && !strings.Contains(stderr.String(), "第3行") {
		t.Errorf("the error does not name line 3:\n%s", stderr.String())
	}
	if !stat().Equal(good) {
		t.Error("a failed render replaced the last good draft")
	}
	if cmd.ProcessState != nil {
		t.Fatal("draft -watch exited after a template error")
	}
	if err := os.WriteFile(tmpl, b, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("re-render after the fix", func() bool { return stat().After(good) })
}

// TestExportIssued: the annex workbook of an issued number comes from what was
// recorded, not from templates changed since; the round's export follows the
// change.
func TestExportIssued(t *testing.T) {
	e, tdir := editableEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	def := filepath.Join(tdir, "附件-问题网站名单.toml")
	b, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, append(b, "\n[[column]]\nheader = \"网站类别\"\nvalue = \"{{.Category}}\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	hasColumn := func(path string) bool {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetList()[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, c := range row {
				if c == "网站类别" {
					return true
				}
			}
		}
		return false
	}
	issued, round := filepath.Join(e.dir, "issued.xlsx"), filepath.Join(e.dir, "round.xlsx")
	e.must("export", "-o", issued, "揭政数局函〔2019〕23号")
	e.must("export", "-o", round, "2019Q1")
	if hasColumn(issued) {
		t.Error("the issued circular's workbook has a column added after it was issued")
	}
	if !hasColumn(round) {
		t.Error("the round's workbook lacks the added column")
	}
	if _, errOut, code := e.run("export", "2019-99"); code == 0 || !strings.Contains(errOut, "没有登记过") {
		t.Errorf("export of an unknown number: exit %d %s", code, errOut)
	}
}

// TestDraftLargeRoundSummarises: with many failing items of one kind, 主要问题
// gives the count and a few examples and points at the annex by its number,
// instead of naming them all in the body.
func TestDraftLargeRoundSummarises(t *testing.T) {
	e := newEnv(t)
	e.must("import", e.writeWorkbook("省.xlsx", samplegen.Generate(samplegen.Province, 1)))
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2021-01-12", "-o", out)
	text := strings.Join(strings.Fields(pdfText(t, out)), "")
	body := text[:strings.Index(text, "三、工作要求")]
	if !strings.Contains(body, "具体名单见附件4") || !strings.Contains(body, "个账号存在此类问题") {
		t.Errorf("主要问题 does not summarise the accounts:\n%s", body)
	}
	if n := strings.Count(body, "”"); n > 60 {
		t.Errorf("the body names %d accounts", n)
	}
}

// TestArea: config.toml's area names the whole area in the title, the text
// and the annex titles (a provincial office writes 全省).
func TestArea(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	cfg, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "area = ", `area = "全省"`)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", out, "2019Q1")
	text := strings.Join(strings.Fields(pdfText(t, out)), "")
	for _, want := range []string{"关于2019年第一季度全省", "全省正常运行的政府网站共54个", "全省政府网站检查情况", "全省政务新媒体检查情况"} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	if strings.Contains(text, "全市") {
		t.Error("draft still says 全市")
	}
}

// syncBuffer is a strings.Builder safe to write from one goroutine while
// another reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
