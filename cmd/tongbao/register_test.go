package main

// The register's rules end to end, on real database files and, where
// concurrency matters, separate processes: one round gets one number, many
// rounds get consecutive numbers, issue confirms, void leaves no gaps, a
// round is deleted whole, and reprint proves itself.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"tongbao/internal/compose"
	"tongbao/internal/sqlite"
)

// procResult is one finished process.
type procResult struct {
	code           int
	stdout, stderr string
}

// runProcs starts one process per argument list at once and waits for all.
func runProcs(t *testing.T, bin, cfg string, argLists [][]string) []procResult {
	t.Helper()
	res := make([]procResult, len(argLists))
	var wg sync.WaitGroup
	for i, args := range argLists {
		wg.Add(1)
		go func(i int, args []string) {
			defer wg.Done()
			cmd := exec.Command(bin, append([]string{"-c", cfg}, args...)...)
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			res[i] = procResult{stdout: out.String(), stderr: errOut.String()}
			var ee *exec.ExitError
			switch {
			case errors.As(err, &ee):
				res[i].code = ee.ExitCode()
			case err != nil:
				res[i].code = -1
				res[i].stderr += err.Error()
			}
		}(i, args)
	}
	wg.Wait()
	return res
}

// registered lists the register's numbers, oldest first.
func (e *env) registered() []string {
	e.t.Helper()
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	list, err := db.Circulars(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Year != list[j].Year {
			return list[i].Year < list[j].Year
		}
		return list[i].Serial < list[j].Serial
	})
	var out []string
	for _, c := range list {
		out = append(out, c.Number+" "+c.Status+" "+c.Round)
	}
	return out
}

// TestIssueOneRoundConcurrently: twenty issue processes of one round at
// once — exactly one number, nineteen refusals naming it, exit code 3.
func TestIssueOneRoundConcurrently(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 20 processes")
	}
	bin := binaryFor(t)
	e := newEnv(t)
	e.importSamples()
	args := make([][]string, 20)
	for i := range args {
		args[i] = []string{"issue", "-yes", "-date", "2019-04-12", "2019Q1"}
	}
	res := runProcs(t, bin, e.cfg, args)
	var ok, refused int
	for i, r := range res {
		switch r.code {
		case 0:
			ok++
			if !strings.Contains(r.stdout, "已编号并登记：揭政数局函〔2019〕23号") {
				t.Errorf("process %d succeeded with %s", i, r.stdout)
			}
		case exitRoundIssued:
			refused++
			if !strings.Contains(r.stderr, "2019Q1 已经印发为 揭政数局函〔2019〕23号（2019年4月12日）") {
				t.Errorf("process %d refusal does not name the number: %s", i, r.stderr)
			}
		default:
			t.Errorf("process %d: exit %d\n%s%s", i, r.code, r.stdout, r.stderr)
		}
	}
	if ok != 1 || refused != 19 {
		t.Errorf("%d issued, %d refused; want 1 and 19", ok, refused)
	}
	if got := e.registered(); len(got) != 1 || got[0] != "揭政数局函〔2019〕23号 issued 2019Q1" {
		t.Errorf("register: %v", got)
	}
}

// TestIssueManyRoundsConcurrently: twenty rounds, one of province scale,
// issued by twenty processes at once — twenty consecutive numbers, no
// process failing on a busy database.
func TestIssueManyRoundsConcurrently(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 20 processes")
	}
	bin := binaryFor(t)
	e := newEnv(t)
	dir := filepath.Join(e.dir, "rounds")
	e.must("generate", "-scale", "city", "-rounds", "19", "-o", dir)  // 2020Q2 … 2024Q4
	e.must("generate", "-scale", "province", "-seed", "4", "-o", dir) // 2020Q1, 550 sites and 3,600 accounts
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(files) != 20 {
		t.Fatalf("%d workbooks generated", len(files))
	}
	e.must(append([]string{"import"}, files...)...)
	args := make([][]string, len(files))
	for i, f := range files {
		args[i] = []string{"issue", "-yes", "-date", "2025-01-10", strings.TrimSuffix(filepath.Base(f), ".xlsx")}
	}
	res := runProcs(t, bin, e.cfg, args)
	for i, r := range res {
		if r.code != 0 {
			t.Errorf("%s: exit %d\n%s%s", args[i][4], r.code, r.stdout, r.stderr)
		}
	}
	got := e.registered()
	rounds := map[string]bool{}
	for i, line := range got {
		f := strings.Fields(line)
		if f[0] != fmt.Sprintf("揭政数局函〔2025〕%d号", i+1) {
			t.Errorf("numbers not consecutive from 1: %v", got)
			break
		}
		rounds[f[2]] = true
	}
	if len(got) != 20 || len(rounds) != 20 || !rounds["2020Q1"] {
		t.Errorf("register: %v", got)
	}
}

// TestIssueConfirmation: without a terminal issue needs -yes; -dry-run
// shows the number, date, title and pages and registers nothing; on a
// terminal the clerk answers 确认印发？.
func TestIssueConfirmation(t *testing.T) {
	bin := binaryFor(t)
	e := newEnv(t)
	e.importSamples()
	cmd := exec.Command(bin, "-c", e.cfg, "issue", "-date", "2019-04-12", "2019Q1")
	cmd.Stdin = strings.NewReader("y\n") // a pipe, not a person
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(errOut.String(), "-yes") || !strings.Contains(out.String(), "揭政数局函〔2019〕23号") {
		t.Errorf("piped stdin without -yes: %v\n%s%s", err, out.String(), errOut.String())
	}
	// Options after the round; -dry-run registers nothing.
	dry := e.must("issue", "2019Q1", "-date", "2019-04-12", "-dry-run")
	for _, want := range []string{"发文字号：揭政数局函〔2019〕23号", "成文日期：2019年4月12日", "标题：　　关于2019年第一季度", "页数：", "没有编号"} {
		if !strings.Contains(dry, want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry)
		}
	}
	if got := e.registered(); len(got) != 0 {
		t.Fatalf("registered without confirmation: %v", got)
	}
	// Without -date the confirmation says the date is today's.
	if dry := e.must("issue", "-dry-run", "2019Q1"); !strings.Contains(dry, "今天；未用 -date 指定") {
		t.Errorf("default date not pointed out:\n%s", dry)
	}
	// On a terminal: no, then yes.
	term := func(answer string, args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := runIO(append([]string{"-c", e.cfg}, args...), strings.NewReader(answer), true, &out, &errOut)
		return out.String(), errOut.String(), code
	}
	if o, eo, code := term("n\n", "issue", "-date", "2019-04-12", "2019Q1"); code != 1 || !strings.Contains(o, "确认印发？") || !strings.Contains(eo, "已取消") {
		t.Errorf("answered no: %d\n%s%s", code, o, eo)
	}
	if got := e.registered(); len(got) != 0 {
		t.Fatalf("registered after no: %v", got)
	}
	if o, eo, code := term("y\n", "issue", "-date", "2019-04-12", "2019Q1"); code != 0 || !strings.Contains(o, "已编号并登记：揭政数局函〔2019〕23号") {
		t.Errorf("answered yes: %d\n%s%s", code, o, eo)
	}
}

// TestCommandLineHints: options after arguments, and the nearest command
// or option for a mistyped one.
func TestCommandLineHints(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	out := filepath.Join(e.dir, "d.pdf")
	e.must("draft", "2019Q1", "-date", "2019-04-12", "-o", out)
	if _, err := os.Stat(out); err != nil {
		t.Errorf("draft with options after the round: %v", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"imprt", "x.xlsx"}, "是不是 import？"},
		{[]string{"isue", "2019Q1"}, "是不是 issue？"},
		{[]string{"issue", "2019Q1", "-nmber", "3"}, "没有选项 -nmber。是不是 -number？"},
		{[]string{"issue", "-dryrun", "2019Q1"}, "是不是 -dry-run？"},
		{[]string{"void", "-reson", "x", "2019-23"}, "是不是 -reason？"},
	} {
		_, errOut, code := e.run(tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, errOut)
		}
	}
	if _, errOut, _ := e.run("zzzzzz"); strings.Contains(errOut, "是不是") {
		t.Errorf("a hint for nonsense: %s", errOut)
	}
}

// TestIssueDateRules: a 成文日期 earlier than the previous number's, or more
// than 30 days ahead, is refused with -yes alone, issued with -force.
func TestIssueDateRules(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	_, errOut, code := e.run("issue", "-yes", "-date", "2019-04-01", "2018Q4")
	if code != 1 || !strings.Contains(errOut, "成文日期 2019年4月1日 早于前一个编号 揭政数局函〔2019〕23号 的成文日期 2019年4月12日") || !strings.Contains(errOut, "-force") {
		t.Errorf("earlier date: %d %s", code, errOut)
	}
	if got := e.registered(); len(got) != 1 {
		t.Fatalf("a refused date took a number: %v", got)
	}
	future := time.Now().AddDate(0, 0, 45).Format(time.DateOnly)
	out, errOut, code := e.run("issue", "-yes", "-again", "-date", future, "2019Q1")
	if code != 1 || !strings.Contains(errOut, "超过 30 天") {
		t.Errorf("future date: %d %s%s", code, out, errOut)
	}
	if out := e.must("issue", "-yes", "-force", "-date", "2019-04-01", "2018Q4"); !strings.Contains(out, "请注意：成文日期 2019年4月1日 早于") || !strings.Contains(out, "揭政数局函〔2019〕24号") {
		t.Errorf("-force: %s", out)
	}
	soon := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	if out, errOut, code := e.run("issue", "-yes", "-again", "-dry-run", "-date", soon, "2019Q1"); code != 0 || strings.Contains(out, "请注意") {
		t.Errorf("10 days ahead warned: %d %s%s", code, out, errOut)
	}
}

// TestVoidRules: no gaps, only the configured 代字 unless another is named,
// ranges confirmed, numbers used elsewhere kept apart, unvoid recorded, and
// a voided circular still reprintable.
func TestVoidRules(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"void", "-reason", "x", "2019-99"}, 1, "不能跳号：揭政数局函〔2019〕下一个可用编号是 24 号"},
		{[]string{"void", "-reason", "x", "12019-25"}, 1, "代字「1」不是本机关的代字「揭政数局函」"},
		{[]string{"void", "-reason", "x", "揭府办函〔2019〕5号"}, 1, "请用 -code 写明"},
		{[]string{"void", "-external", "-through", "2019-30", "-reason", "纸质发文", "2019-24"}, 2, "-yes"},
		{[]string{"void", "-yes", "-reason", "x", "-through", "2019-30", "2019-25"}, 1, "不能跳号"},
	} {
		_, errOut, code := e.run(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", tc.args, code, tc.code, tc.want, errOut)
		}
	}
	if got := e.registered(); len(got) != 1 {
		t.Fatalf("refused voids registered something: %v", got)
	}
	out := e.must("void", "-external", "-yes", "-through", "2019-30", "-reason", "纸质发文已用", "2019-24")
	if !strings.Contains(out, "已登记为在别处使用 揭政数局函〔2019〕24号 至 揭政数局函〔2019〕30号（共 7 个）") {
		t.Errorf("range: %s", out)
	}
	if list := e.must("list"); !strings.Contains(list, "已在别处使用") {
		t.Errorf("list does not show 已在别处使用:\n%s", list)
	}
	e.must("unvoid", "-reason", "30 号其实没用", "2019-30")
	if _, errOut, code := e.run("unvoid", "-reason", "x", "2019-26"); code != 1 || !strings.Contains(errOut, "空号") {
		t.Errorf("unvoid in the middle: %d %s", code, errOut)
	}
	if out := e.must("issue", "-yes", "-date", "2019-04-20", "2018Q4"); !strings.Contains(out, "揭政数局函〔2019〕30号") {
		t.Errorf("after unvoid: %s", out)
	}
	// A joint document's other 代字, named explicitly.
	if out := e.must("void", "-code", "揭府办函", "-reason", "联合发文", "2019-5"); !strings.Contains(out, "揭府办函〔2019〕5号") {
		t.Errorf("other code: %s", out)
	}
	// A voided circular stays reprintable, marked void.
	e.must("void", "-reason", "数据有误", "2019-23")
	copyPath := filepath.Join(e.dir, "void.pdf")
	_, errOut, code := e.run("reprint", "-o", copyPath, "2019-23")
	if code != 0 || !strings.Contains(errOut, "已作废（原因：数据有误）") {
		t.Errorf("reprint void: %d %s", code, errOut)
	}
	if _, err := os.Stat(copyPath); err != nil {
		t.Error(err)
	}
	e.must("unvoid", "-reason", "作废错了", "2019-23")
	if list := e.registered(); !strings.Contains(strings.Join(list, "\n"), "揭政数局函〔2019〕23号 issued 2019Q1") {
		t.Errorf("unvoid of a circular: %v", list)
	}
}

// TestDeleteRoundAndReplaceIssued: a round without a circular is deleted
// whole; one with a circular is refused, and replacing its data needs
// -replace-issued.
func TestDeleteRoundAndReplaceIssued(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	if _, errOut, code := e.run("rounds", "-delete", "2019Q1"); code != 1 || !strings.Contains(errOut, "已经印发为 揭政数局函〔2019〕23号，不能删除") {
		t.Errorf("delete issued: %d %s", code, errOut)
	}
	if out := e.must("rounds", "-delete", "2018Q4"); !strings.Contains(out, "已删除轮次 2018Q4") {
		t.Errorf("delete: %s", out)
	}
	if out := e.must("rounds"); strings.Contains(out, "2018Q4") || !strings.Contains(out, "2019Q1") {
		t.Errorf("rounds after delete:\n%s", out)
	}
	if _, errOut, code := e.run("import", "-replace", "../../samples/2019Q1.xlsx"); code != 1 || !strings.Contains(errOut, "已经印发为 揭政数局函〔2019〕23号") || !strings.Contains(errOut, "-replace-issued") {
		t.Errorf("replace issued: %d %s", code, errOut)
	}
	e.must("import", "-replace", "-replace-issued", "../../samples/2019Q1.xlsx", "../../samples/2018Q4.xlsx")
}

// TestReprintProvesItself: a reprint is byte-identical to the PDF issued,
// also after the templates changed (and says they did); when the
// re-render differs it fails loudly, names the input and writes nothing,
// and -original gives the stored PDF.
func TestReprintProvesItself(t *testing.T) {
	e, tdir := editableEnv(t)
	e.importSamples()
	out := e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	if !strings.Contains(out, "揭政数局函〔2019〕23号") {
		t.Fatalf("issue: %s", out)
	}
	pdfs, _ := filepath.Glob(filepath.Join(e.dir, "out", "*.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("output folder: %v", pdfs)
	}
	issued := pdfs[0]
	orig, err := os.ReadFile(issued)
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(e.dir, "first.pdf")
	e.must("reprint", "-o", first, "2019-23")
	if b, _ := os.ReadFile(first); !bytes.Equal(b, orig) {
		t.Fatal("reprint is not byte-identical to the PDF issued")
	}
	tmpl := filepath.Join(tdir, "工作要求.tmpl")
	if err := os.WriteFile(tmpl, []byte("三、工作要求\n\n全部改写了。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(e.dir, "second.pdf")
	_, errOut, code := e.run("reprint", "-o", second, "2019-23")
	if b, _ := os.ReadFile(second); code != 0 || !bytes.Equal(b, orig) {
		t.Fatalf("reprint after a template change: exit %d, identical %v\n%s", code, bytes.Equal(b, orig), errOut)
	}
	if !strings.Contains(errOut, "模板（模板文件夹在印发后修改过）") {
		t.Errorf("the template change is not mentioned: %s", errOut)
	}

	// The registered snapshot changed behind tongbao's back: the re-render differs.
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Circular(context.Background(), "揭政数局函", 2019, 23)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := compose.DecodeSnapshot(c.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	snap.Files["工作要求.tmpl"] = []byte("三、工作要求\n\n偷偷改了。\n")
	b, err := snap.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`UPDATE circulars SET snapshot = ?, program_version = 'v0.9.0 0123456789ab' WHERE serial = 23`, b); err != nil {
		t.Fatal(err)
	}
	db.Close()
	third := filepath.Join(e.dir, "third.pdf")
	_, errOut, code = e.run("reprint", "-o", third, "2019-23")
	if code != 1 || !strings.Contains(errOut, "重新排版的结果与登记的不一致，没有输出") ||
		!strings.Contains(errOut, "模板（登记时保存的模板快照与登记的校验值不符）") || !strings.Contains(errOut, "程序版本（印发时 v0.9.0 0123456789ab") ||
		!strings.Contains(errOut, "tongbao reprint -original") {
		t.Errorf("changed snapshot: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(third); err == nil {
		t.Error("a differing reprint was written")
	}
	e.must("reprint", "-original", "-o", third, "2019-23")
	if b, _ := os.ReadFile(third); !bytes.Equal(b, orig) {
		t.Error("-original is not the PDF issued")
	}
}
