package main

// Faults: processes killed at random moments, an output folder that is
// read-only or full, and processes working on one database at once. These
// extend issue_test.go (TestConcurrentIssue: twenty issuers at once;
// TestIssueKilled: eight issue processes killed) to import, draft and
// archive, the output folder, and importing while issuing.
//
// TONGBAO_FAULT_KILLS=300 go test -run Killed ./cmd/tongbao   # more kills (default 30)

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
	"tongbao/internal/sqlite"
)

// faultKills is how many processes the kill tests kill in all.
func faultKills() int {
	if n, err := strconv.Atoi(os.Getenv("TONGBAO_FAULT_KILLS")); err == nil && n > 0 {
		return n
	}
	return 30
}

// roundSig is what identifies one version of a stored round.
type roundSig struct{ sites, accounts, failing int }

func sigOf(rr *circular.RoundResults) roundSig {
	s := roundSig{sites: len(rr.Sites), accounts: len(rr.Accounts)}
	for _, x := range rr.Sites {
		if x.Failing() {
			s.failing++
		}
	}
	for _, x := range rr.Accounts {
		if x.Failing() {
			s.failing++
		}
	}
	return s
}

// storeState is the database as a killed process left it.
type storeState struct {
	rounds    map[string]roundSig
	circulars []circular.Issued // by serial
}

// checkStore opens the database after a kill and checks what must always
// hold: SQLite's integrity check passes, every stored round is whole (one of
// the versions in want, when want names it), and the numbers issued are
// consecutive from first, each with a PDF matching its checksum.
func checkStore(t *testing.T, path string, want map[string][]roundSig, first int) storeState {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	var res string
	if err := db.SQL().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	st := storeState{rounds: map[string]roundSig{}}
	sums, err := db.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		r, err := db.Round(ctx, s.Round.Key())
		if err != nil {
			t.Fatal(err)
		}
		sites, err := db.SiteResults(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		accounts, err := db.AccountResults(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		sig := sigOf(&circular.RoundResults{Sites: sites, Accounts: accounts})
		st.rounds[r.Key()] = sig
		if versions, ok := want[r.Key()]; ok {
			whole := false
			for _, v := range versions {
				whole = whole || v == sig
			}
			if !whole {
				t.Fatalf("round %s is stored as %+v, none of the imported versions %+v: half an import", r.Key(), sig, versions)
			}
		}
	}
	list, err := db.Circulars(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Serial < list[j].Serial })
	for i, c := range list {
		if c.Serial != first+i {
			t.Fatalf("record %d has serial %d: numbers not consecutive from %d", i, c.Serial, first)
		}
		full, err := db.Circular(ctx, c.Code, c.Year, c.Serial)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(full.PDF)
		if hex.EncodeToString(sum[:]) != full.PDFSHA256 || len(full.Snapshot) == 0 {
			t.Fatalf("%s: stored PDF does not match its checksum, or no snapshot", c.Number)
		}
		st.circulars = append(st.circulars, *full)
	}
	return st
}

// checkOutput checks that every PDF under dir is whole, and returns the
// hidden temporary files killed writers left (.tongbao-*.tmp).
func checkOutput(t *testing.T, dir string) (temps []string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "."):
			temps = append(temps, path)
		case strings.HasSuffix(name, ".pdf"):
			b, _ := os.ReadFile(path)
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !strings.HasSuffix(strings.TrimSpace(string(b[max(0, len(b)-32):])), "%%EOF") {
				t.Fatalf("%s is not a whole PDF (%d bytes)", path, len(b))
			}
		case strings.Contains(name, "tmp") || strings.Contains(name, "~"):
			t.Fatalf("a visible temporary file: %s", path)
		}
		return nil
	})
	return temps
}

// killAt starts cmd and kills it after delay (or lets it finish first).
func killAt(t *testing.T, cmd *exec.Cmd, delay time.Duration) (finished bool) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return true
	case <-time.After(delay):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return false
	}
}

// timeRun runs the command to the end and returns how long it took: kill
// delays are drawn from that span, so that kills land all through the work.
func timeRun(t *testing.T, bin string, args ...string) time.Duration {
	t.Helper()
	start := time.Now()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// randomDelay is a uniformly random moment within 1.25 times span: most
// kills land during the work, some just after its commit.
func randomDelay(rng *rand.Rand, span time.Duration) time.Duration {
	return time.Duration(rng.Int64N(int64(span)*5/4 + 1))
}

// TestImportKilled kills `import -replace` at random moments while it
// replaces a province-scale round by another version of it: the database is
// always consistent and holds the one version or the other, whole.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills processes")
	}
	bin := binaryFor(t)
	e := newEnv(t)
	// Seeds 1 and 5 make different rounds with the same key (2020Q2).
	a, b := samplegen.Generate(samplegen.Province, 1), samplegen.Generate(samplegen.Province, 5)
	if a.Round.Key() != b.Round.Key() {
		t.Fatal("the two versions have different keys")
	}
	key := a.Round.Key()
	paths := []string{e.writeWorkbook("甲.xlsx", a), e.writeWorkbook("乙.xlsx", b)}
	want := map[string][]roundSig{key: {sigOf(a), sigOf(b)}}
	e.must("import", paths[0])
	e.importSamples()
	dbPath := filepath.Join(e.dir, "tongbao.db")
	rng := rand.New(rand.NewPCG(7, 7))
	span := timeRun(t, bin, "-c", e.cfg, "import", "-replace", paths[1])
	n := faultKills() / 2
	var finished, versions = 0, map[roundSig]int{}
	start := time.Now()
	for i := 0; i < n; i++ {
		cmd := exec.Command(bin, "-c", e.cfg, "import", "-replace", paths[i%2])
		if killAt(t, cmd, randomDelay(rng, span)) {
			finished++
		}
		st := checkStore(t, dbPath, want, 0)
		if _, ok := st.rounds[key]; !ok {
			t.Fatalf("kill %d: round %s is gone", i, key)
		}
		if len(st.rounds) != 3 {
			t.Fatalf("kill %d: rounds %v", i, st.rounds)
		}
		versions[st.rounds[key]]++
	}
	t.Logf("%d imports killed, %d finished first (an import takes %v), in %v; versions seen %v", n-finished, finished, span.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), versions)
	out := e.must("import", "-replace", paths[1])
	if !strings.Contains(out, "已导入 "+key) {
		t.Errorf("import after the kills: %s", out)
	}
	checkStore(t, dbPath, map[string][]roundSig{key: {sigOf(b)}}, 0)
}

// TestIssueArchiveKilled kills issue, draft and archive processes at random
// moments: the registry holds only whole records with consecutive numbers,
// the output and archive folders only whole files, and archiving again
// after a kill gives a package that verifies.
func TestIssueArchiveKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills processes")
	}
	bin := binaryFor(t)
	e := newEnv(t)
	e.importSamples()
	e.must("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	dbPath := filepath.Join(e.dir, "tongbao.db")
	outDir := filepath.Join(e.dir, "out")
	archive := filepath.Join(e.dir, "归档", "2019-23")
	rng := rand.New(rand.NewPCG(11, 11))
	ops := map[string][]string{
		"issue":   {"-c", e.cfg, "issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1"},
		"draft":   {"-c", e.cfg, "draft", "-date", "2019-04-12", "2019Q1"},
		"archive": {"-c", e.cfg, "archive", "-dir", archive, "2019-23"},
	}
	spans := map[string]time.Duration{}
	for _, op := range []string{"draft", "archive", "issue"} {
		spans[op] = timeRun(t, bin, ops[op]...)
	}
	first := 23
	n := faultKills() - faultKills()/2
	killed := map[string]int{}
	for i := 0; i < n; i++ {
		op := []string{"issue", "draft", "archive"}[i%3]
		if !killAt(t, exec.Command(bin, ops[op]...), randomDelay(rng, spans[op])) {
			killed[op]++
		}
		checkStore(t, dbPath, nil, first)
		checkOutput(t, outDir)
		if op == "archive" {
			// Archiving again after a kill completes the package.
			e.must("archive", "-dir", archive, "2019-23")
			e.must("verify", archive)
		}
	}
	st := checkStore(t, dbPath, nil, first)
	temps := checkOutput(t, outDir)
	t.Logf("killed %v of %d (spans %v); %d numbers issued; %d hidden temporary files left in the output folder", killed, n, spans, len(st.circulars), len(temps))
	// Every number issued can be output again, byte for byte.
	for _, c := range st.circulars {
		again := filepath.Join(e.dir, fmt.Sprintf("again-%d.pdf", c.Serial))
		e.must("reprint", "-o", again, strconv.Itoa(c.Year)+"-"+strconv.Itoa(c.Serial))
		if b, _ := os.ReadFile(again); !bytes.Equal(b, c.PDF) {
			t.Errorf("%s: reprint differs from the registry", c.Number)
		}
	}
}

// TestConcurrentImportIssue: one process replaces rounds while others issue
// and a third imports another round, all on one database at once; all
// succeed, and the store is whole with consecutive numbers.
func TestConcurrentImportIssue(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs processes at once")
	}
	bin := binaryFor(t)
	e := newEnv(t)
	e.importSamples()
	prov := samplegen.Generate(samplegen.Province, 2)
	provPath := e.writeWorkbook("省.xlsx", prov)
	want := map[string][]roundSig{prov.Round.Key(): {sigOf(prov)}, "2019Q1": {sigOf(samplegen.Jieyang2019Q1())}}
	const rounds = 4
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	runLoop := func(args ...string) {
		defer wg.Done()
		for i := 0; i < rounds; i++ {
			out, err := exec.Command(bin, append([]string{"-c", e.cfg}, args...)...).CombinedOutput()
			if err != nil {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("%s: %v\n%s", strings.Join(args, " "), err, out))
				mu.Unlock()
			}
		}
	}
	wg.Add(4)
	go runLoop("import", "-replace", "-replace-issued", "../../samples/2019Q1.xlsx")
	go runLoop("import", "-replace", provPath)
	go runLoop("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	go runLoop("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	st := checkStore(t, filepath.Join(e.dir, "tongbao.db"), want, 23)
	if len(st.circulars) != 2*rounds {
		t.Errorf("%d numbers issued, want %d", len(st.circulars), 2*rounds)
	}
	for _, c := range st.circulars {
		if c.Round != "2019Q1" {
			t.Errorf("%s issued for %s", c.Number, c.Round)
		}
	}
	checkOutput(t, filepath.Join(e.dir, "out"))
}

// mountTmpfs mounts a tmpfs of size on dir (root only); false when this
// machine does not allow it.
func mountTmpfs(t *testing.T, dir, size string) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tongbao-test", dir).CombinedOutput(); err != nil {
		t.Logf("cannot mount a tmpfs: %v %s", err, out)
		return false
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return true
}

// TestOutputFolderUnwritable: with an output folder that is read-only or
// full, draft, issue and archive fail with a Chinese reason, an earlier
// draft stays as it was, no file is left half-written, and an issued
// number keeps its PDF in the registry for reprint.
//
// chmod 0555 does not stop root, so as root the read-only folder is a
// tmpfs remounted read-only, and the full one a tmpfs of 64 kB; where root
// may not mount, those cases are skipped. Without root a full folder cannot
// be made, and that case is skipped.
func TestOutputFolderUnwritable(t *testing.T) {
	for _, c := range []struct {
		name   string
		reason string
		setup  func(t *testing.T, dir string) bool // after the old draft is written; false to skip
	}{
		{"read-only (chmod 0555)", "没有写入权限", func(t *testing.T, dir string) bool {
			if os.Geteuid() == 0 {
				t.Skip("root writes into a 0555 folder; the read-only tmpfs case covers this")
			}
			os.Chmod(dir, 0o555)
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
			return true
		}},
		{"read-only file system", "只读", func(t *testing.T, dir string) bool {
			return exec.Command("mount", "-o", "remount,ro", dir).Run() == nil
		}},
		{"full", "磁盘空间不足", func(t *testing.T, dir string) bool {
			f, err := os.Create(filepath.Join(dir, "占位"))
			if err != nil {
				return false
			}
			defer f.Close()
			for {
				if _, err := f.Write(make([]byte, 4096)); err != nil {
					return true
				}
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.importSamples()
			out := filepath.Join(e.dir, "out")
			os.MkdirAll(out, 0o755)
			if c.name != "read-only (chmod 0555)" && !mountTmpfs(t, out, "64k") {
				t.Skip("needs root and permission to mount a tmpfs")
			}
			cfg, _ := os.ReadFile(e.cfg)
			os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "output = ", `output = "`+filepath.ToSlash(out)+`"`)), 0o644)
			oldDraft := filepath.Join(out, "2019Q1 通报草稿.pdf")
			os.WriteFile(oldDraft, []byte("%PDF-1.7 上一次的草稿 %%EOF"), 0o644)
			if !c.setup(t, out) {
				t.Skip("cannot make the folder unwritable here")
			}
			_, errOut, code := e.run("draft", "-date", "2019-04-12", "2019Q1")
			if code != 1 || !strings.Contains(errOut, "无法写入") || !strings.Contains(errOut, c.reason) {
				t.Errorf("draft: exit %d\n%s", code, errOut)
			}
			if b, _ := os.ReadFile(oldDraft); string(b) != "%PDF-1.7 上一次的草稿 %%EOF" {
				t.Errorf("the earlier draft changed: %q", b)
			}
			_, errOut, code = e.run("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
			if code != 1 || !strings.Contains(errOut, "无法写入") || !strings.Contains(errOut, c.reason) {
				t.Errorf("issue: exit %d\n%s", code, errOut)
			}
			if !strings.Contains(errOut, "揭政数局函〔2019〕23号 已编号登记") || !strings.Contains(errOut, "tongbao reprint 揭政数局函〔2019〕23号") {
				t.Errorf("the issue error does not say the number was registered and how to get the PDF:\n%s", errOut)
			}
			_, errOut, code = e.run("archive", "-dir", filepath.Join(out, "归档"), "2019-23")
			if code != 1 || strings.Contains(errOut, "内部错误") || !strings.Contains(errOut, "归档") {
				t.Errorf("archive: exit %d\n%s", code, errOut)
			}
			if temps := checkOutput(t, out); len(temps) > 0 {
				t.Errorf("temporary files left: %v", temps)
			}
			// Nothing is lost: the number issued is in the registry and
			// comes out again, byte for byte.
			st := checkStore(t, filepath.Join(e.dir, "tongbao.db"), nil, 23)
			if len(st.circulars) != 1 {
				t.Fatalf("%d numbers issued", len(st.circulars))
			}
			again := filepath.Join(e.dir, "again.pdf")
			e.must("reprint", "-o", again, "2019-23")
			if b, _ := os.ReadFile(again); !bytes.Equal(b, st.circulars[0].PDF) {
				t.Error("the reprint differs from the registry")
			}
		})
	}
}

// TestDatabaseDiskFull: an import that does not fit on the database's disk
// fails with a Chinese reason and leaves the rounds already stored whole.
func TestDatabaseDiskFull(t *testing.T) {
	e := newEnv(t)
	dbDir := filepath.Join(e.dir, "数据")
	os.MkdirAll(dbDir, 0o755)
	if !mountTmpfs(t, dbDir, "4m") {
		t.Skip("needs root and permission to mount a tmpfs")
	}
	cfg, _ := os.ReadFile(e.cfg)
	os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "database = ", `database = "数据/tongbao.db"`)), 0o644)
	e.importSamples()
	// Fill the disk but for 64 kB.
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dbDir, &fs); err != nil {
		t.Fatal(err)
	}
	if free := int64(fs.Bavail) * fs.Bsize; free > 64<<10 {
		os.WriteFile(filepath.Join(dbDir, "占位"), make([]byte, free-64<<10), 0o644)
	}
	prov := samplegen.Generate(samplegen.Province, 3)
	_, errOut, code := e.run("import", e.writeWorkbook("省.xlsx", prov))
	if code != 1 {
		t.Errorf("import on a full disk: exit %d\n%s", code, errOut)
	}
	if strings.Contains(errOut, "内部错误") || !strings.Contains(errOut, "磁盘空间不足") {
		t.Errorf("the full disk is not explained in Chinese:\n%s", errOut)
	}
	want := map[string][]roundSig{"2019Q1": {sigOf(samplegen.Jieyang2019Q1())}, "2018Q4": {sigOf(samplegen.Jieyang2018Q4())}}
	st := checkStore(t, filepath.Join(dbDir, "tongbao.db"), want, 0)
	if _, ok := st.rounds[prov.Round.Key()]; ok || len(st.rounds) != 2 {
		t.Errorf("rounds after the failed import: %v", st.rounds)
	}
	e.must("draft", "-date", "2019-04-12", "-o", filepath.Join(e.dir, "d.pdf"), "2019Q1")

	// Issuing on the full disk: the PDF stored with the number does not fit.
	_, errOut, code = e.run("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	if code != 1 || strings.Contains(errOut, "内部错误") || !strings.Contains(errOut, "磁盘空间不足") {
		t.Errorf("issue on a full disk: exit %d, the full disk is not explained in Chinese:\n%s", code, errOut)
	}
	if st := checkStore(t, filepath.Join(dbDir, "tongbao.db"), want, 0); len(st.circulars) != 0 {
		t.Errorf("a number was recorded on the full disk: %v", st.circulars)
	}
}
