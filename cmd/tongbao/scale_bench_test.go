package main

// The scale benchmarks, all in one place: import and draft at city,
// province and national scale, each as the clerk runs it — the tongbao
// binary in its own process, so that its peak resident memory is measured along with the time — plus import and a draft whose
// annex lists every checked account, in-process. They live here rather
// than in a package of their own because they need the binary and the
// config helpers of these tests.
//
//	go test -run '^$' -bench Scale -benchtime 1x ./cmd/tongbao            # all three scales
//	go test -run '^$' -bench 'Scale.*/province' -benchtime 3x ./cmd/tongbao
//	go test -run '^$' -bench Scale -short ./cmd/tongbao                   # without the nation
//
// Targets (2-core machine): province import + full-annex draft ≤ 3 s;
// national import ≤ 15 s and ≤ 500 MB; national draft listing every failing
// site and account (~7,000 rows) ≤ 10 s and ≤ 1 GB. Metrics: ns/row is the
// time per workbook row (sites + accounts) or per annex row, to show that
// cost grows linearly; peak-RSS-MB is the process's maximum resident set.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

// scaleSeed is the seed of the benchmark rounds. At national scale its
// second quarter fails 792 sites and 7,169 accounts (7,961 annex rows).
const scaleSeed = 1

// scaleFiles are a scale's two quarterly workbooks, written once into the
// temporary folder and reused by later runs.
type scaleFiles struct {
	dir          string
	prev, latest string // workbook paths
	key          string // the latest round's key
	rows         int    // sites + accounts in a workbook
	failing      int    // failing sites + accounts of the latest round
	checkedAccts int    // checked accounts of the latest round
}

var scaleCache struct {
	sync.Mutex
	m map[samplegen.Scale]*scaleFiles
}

// scaleWorkbooks generates (once) two consecutive full-coverage quarters at
// the scale, so that every scale's draft has a recheck and the national one
// lists some 8,000 failing items.
func scaleWorkbooks(tb testing.TB, sc samplegen.Scale) *scaleFiles {
	tb.Helper()
	scaleCache.Lock()
	defer scaleCache.Unlock()
	if f := scaleCache.m[sc]; f != nil {
		return f
	}
	// Kept between runs: the same seed always makes the same files.
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("tongbao-scale-%s-%d", sc, scaleSeed))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	rs := samplegen.GenerateRounds(samplegen.Options{Scale: sc, Seed: scaleSeed, Rounds: 2, Full: true})
	f := &scaleFiles{dir: dir, key: rs[1].Round.Key(), rows: len(rs[1].Sites) + len(rs[1].Accounts)}
	for i, rr := range rs {
		var buf bytes.Buffer
		path := filepath.Join(dir, rr.Round.Key()+".xlsx")
		if _, err := os.Stat(path); err != nil {
			if err := excel.WriteRound(&buf, rr); err != nil {
				tb.Fatal(err)
			}
			if err := app.WriteFileAtomic(path, buf.Bytes()); err != nil {
				tb.Fatal(err)
			}
		}
		if i == 0 {
			f.prev = path
		} else {
			f.latest = path
		}
	}
	for _, s := range rs[1].Sites {
		if s.Failing() {
			f.failing++
		}
	}
	for _, a := range rs[1].Accounts {
		if a.Failing() {
			f.failing++
		}
		if a.Checked {
			f.checkedAccts++
		}
	}
	tb.Logf("%s: %s (ready in %v, in %s)", sc, samplegen.Describe(rs[1]), time.Since(start).Round(time.Millisecond), dir)
	if scaleCache.m == nil {
		scaleCache.m = map[samplegen.Scale]*scaleFiles{}
	}
	scaleCache.m[sc] = f
	return f
}

// binaryFor builds the tongbao binary once (shared with issue_test.go's
// tongbaoBinary) for a benchmark or test.
func binaryFor(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tongbao-bin-")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "tongbao")
		if out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput(); err != nil {
			buildOnce.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if buildOnce.err != nil {
		tb.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// runProc runs the binary with args and returns its wall time and peak RSS
// in MB. The RSS comes from GNU time (/usr/bin/time -f %M) when installed:
// the rusage of a child started by this process is no good, as Linux counts
// the parent's resident set, shared at vfork, in the child's maxrss. Without
// GNU time it polls the child's VmHWM, which may miss a last-moment peak.
func runProc(tb testing.TB, bin string, args ...string) (time.Duration, float64) {
	tb.Helper()
	rssFile := filepath.Join(tb.TempDir(), "rss")
	var cmd *exec.Cmd
	gnuTime := false
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		gnuTime = true
		cmd = exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", rssFile, bin}, args...)...)
	} else {
		cmd = exec.Command(bin, args...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var hwm float64
	done := make(chan struct{})
	if !gnuTime {
		go func() {
			for {
				select {
				case <-done:
					return
				case <-time.After(5 * time.Millisecond):
				}
				if kb := vmHWM(cmd.Process.Pid); kb > 0 {
					hwm = kb / 1024
				}
			}
		}()
	}
	err := cmd.Wait()
	d := time.Since(start)
	close(done)
	if err != nil {
		tb.Fatalf("tongbao %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	if !gnuTime {
		return d, hwm
	}
	b, _ := os.ReadFile(rssFile)
	var kb float64
	fmt.Sscan(strings.TrimSpace(string(b)), &kb)
	return d, kb / 1024
}

// vmHWM reads a process's peak resident set in kB from /proc (0 when gone).
func vmHWM(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb float64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb
		}
	}
	return 0
}

var benchScales = []samplegen.Scale{samplegen.City, samplegen.Province, samplegen.Nation}

func skipNation(b *testing.B, sc samplegen.Scale) {
	if sc == samplegen.Nation && testing.Short() {
		b.Skip("national scale is left out under -short")
	}
}

// BenchmarkScaleImport imports the latest quarter's workbook into a fresh
// database with `tongbao import`, in its own process.
func BenchmarkScaleImport(b *testing.B) {
	for _, sc := range benchScales {
		b.Run(sc.String(), func(b *testing.B) {
			skipNation(b, sc)
			f := scaleWorkbooks(b, sc)
			bin := binaryFor(b)
			e := newEnv(b)
			var total time.Duration
			var peak float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				removeDB(e)
				b.StartTimer()
				d, rss := runProc(b, bin, "-c", e.cfg, "import", f.latest)
				total += d
				peak = max(peak, rss)
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(b.N)/float64(f.rows), "ns/row")
			b.ReportMetric(peak, "peak-RSS-MB")
		})
	}
}

func removeDB(e *env) {
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(e.dir, "tongbao.db"+s))
	}
}

// BenchmarkScaleDraft drafts the latest quarter with the default templates
// (its annexes list every failing site and account, the text names them by
// problem and rechecks the previous quarter's) with `tongbao draft`, in its
// own process.
func BenchmarkScaleDraft(b *testing.B) {
	for _, sc := range benchScales {
		b.Run(sc.String(), func(b *testing.B) {
			skipNation(b, sc)
			f := scaleWorkbooks(b, sc)
			bin := binaryFor(b)
			e := newEnv(b)
			e.must("import", f.prev, f.latest)
			out := filepath.Join(e.dir, "draft.pdf")
			var peak float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, rss := runProc(b, bin, "-c", e.cfg, "draft", "-date", "2021-01-12", "-o", out, f.key)
				peak = max(peak, rss)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(f.failing), "ns/row")
			b.ReportMetric(peak, "peak-RSS-MB")
			b.ReportMetric(float64(f.failing), "annex-rows")
			b.ReportMetric(float64(pdfPages(b, out)), "pages")
		})
	}
}

// BenchmarkScaleImportDraftFullAnnex is the province target: import the
// workbook and draft a circular with one more annex, as an editor adds it in
// templates/, listing every checked account (3,500 rows at province scale)
// from Accounts.Checked with its 结论.
func BenchmarkScaleImportDraftFullAnnex(b *testing.B) {
	for _, sc := range benchScales[:2] {
		b.Run(sc.String(), func(b *testing.B) {
			f := scaleWorkbooks(b, sc)
			e := newEnv(b)
			fullAnnexTemplates(b, e)
			e.must("import", f.prev)
			out := filepath.Join(e.dir, "full.pdf")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.must("import", "-replace", f.latest)
				e.must("draft", "-date", "2021-01-12", "-o", out, f.key)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(f.checkedAccts), "ns/row")
			b.ReportMetric(float64(f.checkedAccts), "annex-rows")
			b.ReportMetric(float64(pdfPages(b, out)), "pages")
		})
	}
}

// fullAnnexTemplates gives e its own copy of templates/ with an annex of all
// checked accounts added at the end.
func fullAnnexTemplates(tb testing.TB, e *env) {
	tb.Helper()
	dir := filepath.Join(e.dir, "templates")
	if err := os.CopyFS(dir, os.DirFS("../../templates")); err != nil {
		tb.Fatal(err)
	}
	annex := `title = "全部政务新媒体检查结果"
rows = "Accounts.Checked"

[[column]]
header = "序号"
value = "{{.No}}"

[[column]]
header = "地区"
value = "{{.Region}}"

[[column]]
header = "平台"
value = "{{.Platform}}"

[[column]]
header = "账号名称"
value = "{{.Name}}"
align = "左"

[[column]]
header = "主办单位"
value = "{{.Unit}}"
align = "左"

[[column]]
header = "检查结论"
value = "{{.Verdict}}{{if .Problem}}：{{.Problem}}{{end}}"
align = "左"
`
	if err := os.WriteFile(filepath.Join(dir, "附件-全部政务新媒体.toml"), []byte(annex), 0o644); err != nil {
		tb.Fatal(err)
	}
	manifest := filepath.Join(dir, "通报.toml")
	m, err := os.ReadFile(manifest)
	if err != nil {
		tb.Fatal(err)
	}
	m2 := strings.Replace(string(m), `"附件-问题政务新媒体名单.toml",`, `"附件-问题政务新媒体名单.toml",
  "附件-全部政务新媒体.toml",`, 1)
	if m2 == string(m) {
		tb.Fatal("通报.toml no longer lists 附件-问题政务新媒体名单.toml")
	}
	if err := os.WriteFile(manifest, []byte(m2), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := os.ReadFile(e.cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(e.cfg, []byte(replaceLine(string(cfg), "templates = ", `templates = "templates"`)), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// pdfPages counts a PDF's pages with pdfinfo (0 when it cannot).
func pdfPages(tb testing.TB, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(l, "Pages:"); ok {
			var n int
			fmt.Sscan(strings.TrimSpace(rest), &n)
			return n
		}
	}
	return 0
}
