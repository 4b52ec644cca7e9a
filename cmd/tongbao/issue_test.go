package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tongbao/internal/sqlite"
)

// buildBinary builds tongbao once per test binary run, for tests that need
// separate processes.
var buildOnce struct {
	sync.Once
	path string
	err  error
}

func tongbaoBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tongbao-bin-")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "tongbao")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = err
			t.Logf("%s", out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

func TestIssueVoidReprint(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	out := e.must("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	if !strings.Contains(out, "揭政数局函〔2019〕23号") { // first_number for 2019 is 23 in config.toml
		t.Fatalf("first issue: %s", out)
	}
	e.must("void", "-reason", "测试作废", "揭政数局函〔2019〕23号")
	if _, errOut, code := e.run("void", "-reason", "再次", "2019-23"); code == 0 || !strings.Contains(errOut, "已经作废") {
		t.Errorf("double void: %d %s", code, errOut)
	}
	out = e.must("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	if !strings.Contains(out, "〔2019〕24号") {
		t.Fatalf("after void: %s", out)
	}
	if _, errOut, code := e.run("issue", "-yes", "-again", "-date", "2019-04-12", "-number", "24", "2019Q1"); code != 1 || !strings.Contains(errOut, "已经使用") {
		t.Errorf("taken number: %d %s", code, errOut)
	}
	if _, errOut, code := e.run("issue", "-yes", "-again", "-date", "2019-04-12", "-number", "23", "2019Q1"); code != 1 || !strings.Contains(errOut, "已作废") {
		t.Errorf("void number: %d %s", code, errOut)
	}
	if _, errOut, code := e.run("issue", "-yes", "-again", "-date", "2019-04-12", "-number", "30", "2019Q1"); code != 1 || !strings.Contains(errOut, "不能跳号") {
		t.Errorf("gap: %d %s", code, errOut)
	}
	list := e.must("list")
	if !strings.Contains(list, "已作废") || !strings.Contains(list, "24号") {
		t.Errorf("list:\n%s", list)
	}

	// Reprint is byte-identical, even after the templates changed.
	first := filepath.Join(e.dir, "first.pdf")
	e.must("reprint", "-o", first, "2019-24")
	tmpl := filepath.Join(e.dir, "templates")
	e.must("templates", tmpl)
	cfg, _ := os.ReadFile(e.cfg)
	os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "templates = ", `templates = "templates"`)), 0o644)
	os.WriteFile(filepath.Join(tmpl, "工作要求.tmpl"), []byte("三、工作要求\n\n全部改写了。\n"), 0o644)
	second := filepath.Join(e.dir, "second.pdf")
	e.must("reprint", "-o", second, "揭政数局函〔2019〕24号")
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("reprint differs: %d vs %d bytes", len(a), len(b))
	}
	if strings.Contains(pdfText(t, first), "草稿") {
		t.Error("the issued circular carries the draft mark")
	}
	// …and the changed template does change a new draft.
	draft := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", draft, "2019Q1")
	if text := pdfText(t, draft); !strings.Contains(text, "全部改写了") || !strings.Contains(text, "草稿") {
		t.Error("edited template did not reach the draft, or the draft is not marked")
	}
}

func replaceLine(text, prefix, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
		}
	}
	return strings.Join(lines, "\n")
}

// TestConcurrentIssue starts twenty issue processes at once on one database:
// they must get twenty distinct consecutive numbers.
func TestConcurrentIssue(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs 20 processes")
	}
	bin := tongbaoBinary(t)
	e := newEnv(t)
	e.importSamples()
	const n = 20
	var wg sync.WaitGroup
	outs := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cmd := exec.Command(bin, "-c", e.cfg, "issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
			b, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(b), err
		}(i)
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			t.Fatalf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.Circulars(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var serials []int
	for _, c := range list {
		serials = append(serials, c.Serial)
	}
	sort.Ints(serials)
	if len(serials) != n {
		t.Fatalf("%d records, want %d", len(serials), n)
	}
	for i, s := range serials {
		if s != 23+i {
			t.Fatalf("serials %v, want 23…%d consecutive", serials, 23+n-1)
		}
	}
}

// TestIssueKilled kills issue processes at random moments: the registry must
// hold only whole records, with consecutive numbers and PDFs matching their
// recorded checksums.
func TestIssueKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills processes")
	}
	bin := tongbaoBinary(t)
	e := newEnv(t)
	e.importSamples()
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 8; i++ {
		cmd := exec.Command(bin, "-c", e.cfg, "issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	e.must("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.Circulars(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Serial < list[j].Serial })
	for i, c := range list {
		if c.Serial != 23+i {
			t.Fatalf("record %d has serial %d: numbers not consecutive", i, c.Serial)
		}
		full, err := db.Circular(context.Background(), c.Code, c.Year, c.Serial)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(full.PDF)
		if hex.EncodeToString(sum[:]) != full.PDFSHA256 || len(full.Snapshot) == 0 {
			t.Errorf("%s: stored PDF does not match its checksum or snapshot missing", c.Number)
		}
	}
	// The output folder holds no temporary leftovers under a final name.
	entries, _ := os.ReadDir(filepath.Join(e.dir, "out"))
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".pdf") {
			b, _ := os.ReadFile(filepath.Join(e.dir, "out", en.Name()))
			if !strings.HasSuffix(strings.TrimSpace(string(b[max(0, len(b)-32):])), "%%EOF") {
				t.Errorf("%s is not a whole PDF", en.Name())
			}
		}
	}
}

// TestIssueTwiceRefused: a round already issued is not numbered again by
// mistake; the message says how to get the original or issue anew. After a
// void, or with -again, a new number is given.
func TestIssueTwiceRefused(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	_, errOut, code := e.run("issue", "-yes", "-date", "2019-04-12", "2019年第一季度")
	if code != exitRoundIssued || !strings.Contains(errOut, "2019Q1 已经印发为 揭政数局函〔2019〕23号（2019年4月12日）") ||
		!strings.Contains(errOut, "tongbao reprint 揭政数局函〔2019〕23号") || !strings.Contains(errOut, "-again") {
		t.Errorf("second issue: exit %d\n%s", code, errOut)
	}
	if out := e.must("list"); strings.Contains(out, "24号") {
		t.Errorf("a refused issue took a number:\n%s", out)
	}
	if out := e.must("issue", "-yes", "-again", "-date", "2019-04-20", "2019Q1"); !strings.Contains(out, "揭政数局函〔2019〕24号") {
		t.Errorf("issue -again: %s", out)
	}
	e.must("void", "-reason", "内容有误", "2019-23")
	e.must("void", "-reason", "内容有误", "2019-24")
	if out := e.must("issue", "-yes", "-date", "2019-04-22", "2019Q1"); !strings.Contains(out, "揭政数局函〔2019〕25号") {
		t.Errorf("issue after voiding the earlier numbers: %s", out)
	}
	// 2018Q4 was never issued: no flag needed.
	e.must("issue", "-yes", "-force", "-date", "2019-01-10", "2018Q4")
}
