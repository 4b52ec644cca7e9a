package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

// needPdftoppm skips a test without poppler's pdftoppm on a developer's
// machine and fails it in CI (env CI set), where .ci/run installs
// poppler-utils.
func needPdftoppm(tb testing.TB) {
	tb.Helper()
	if pdftoppm() != "" {
		return
	}
	if os.Getenv("CI") == "" {
		tb.Skip("pdftoppm not installed (apt-get install poppler-utils)")
	}
	tb.Fatal("CI is set but pdftoppm was not found")
}

// bigDraft is a province round's draft, made once per test binary.
type bigDraft struct {
	app   *app.App
	key   string
	date  time.Time
	pdf   []byte
	pages int
}

var bigDrafts struct {
	sync.Mutex
	m map[int]*bigDraft
}

// provinceDraft imports a province round (full coverage) into a folder of
// its own and drafts it; the templates get fullAnnexes more annexes, each
// listing every checked account (some 225 pages each), so that 9 make a
// draft of some 1,800 pages.
func provinceDraft(tb testing.TB, fullAnnexes int) *bigDraft {
	tb.Helper()
	bigDrafts.Lock()
	defer bigDrafts.Unlock()
	if d := bigDrafts.m[fullAnnexes]; d != nil {
		return d
	}
	d := newProvinceDraft(tb, fullAnnexes)
	if bigDrafts.m == nil {
		bigDrafts.m = map[int]*bigDraft{}
	}
	bigDrafts.m[fullAnnexes] = d
	return d
}

// newProvinceDraft is provinceDraft made anew, its app and folder living
// as long as tb.
func newProvinceDraft(tb testing.TB, fullAnnexes int) *bigDraft {
	tb.Helper()
	dir := tb.TempDir()
	tdir := filepath.Join(dir, "templates")
	if err := os.CopyFS(tdir, os.DirFS(filepath.Join(root, "templates"))); err != nil {
		tb.Fatal(err)
	}
	addFullAnnexes(tb, tdir, fullAnnexes)
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	a, err := app.Load(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	rr := samplegen.GenerateRounds(samplegen.Options{Scale: samplegen.Province, Seed: 1, Rounds: 1, Full: true})[0]
	var buf bytes.Buffer
	if err := excel.WriteRound(&buf, rr); err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if _, err := a.Import(ctx, []app.Workbook{{Name: "province.xlsx", Data: buf.Bytes()}}, false, false); err != nil {
		tb.Fatal(err)
	}
	_, rendered, err := a.Draft(ctx, rr.Round.Key(), time.Date(2021, 1, 12, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		tb.Fatal(err)
	}
	return &bigDraft{app: a, key: rr.Round.Key(), date: time.Date(2021, 1, 12, 0, 0, 0, 0, time.UTC), pdf: rendered.PDF, pages: rendered.Pages()}
}

// addFullAnnexes adds n annexes of every checked account to the templates
// in dir.
func addFullAnnexes(tb testing.TB, dir string, n int) {
	tb.Helper()
	if n == 0 {
		return
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
	var list strings.Builder
	for i := range n {
		name := fmt.Sprintf("附件-全部政务新媒体%d.toml", i+1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(annex), 0o644); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&list, "\n  %q,", name)
	}
	manifest := filepath.Join(dir, "通报.toml")
	m, err := os.ReadFile(manifest)
	if err != nil {
		tb.Fatal(err)
	}
	m2 := strings.Replace(string(m), `"附件-问题政务新媒体名单.toml",`, `"附件-问题政务新媒体名单.toml",`+list.String(), 1)
	if m2 == string(m) {
		tb.Fatal("通报.toml no longer lists 附件-问题政务新媒体名单.toml")
	}
	if err := os.WriteFile(manifest, []byte(m2), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestPreviewCancelledFirst: a first request for a page that is cancelled
// does not poison the page for the requests after it.
func TestPreviewCancelledFirst(t *testing.T) {
	needPdftoppm(t)
	e := newEnv(t)
	e.importSamples()
	body := expect(t, e.get("/rounds/2019Q1"), http.StatusOK)
	i := strings.Index(body, "/rounds/2019Q1/pages/1?")
	if i < 0 {
		t.Fatal("round page links no page image")
	}
	url := body[i:]
	url = strings.ReplaceAll(url[:strings.IndexByte(url, '"')], "&amp;", "&")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, url, nil).WithContext(ctx))
	if w.Code == http.StatusOK && w.Body.Len() > 0 {
		t.Log("the cancelled request was served before it noticed")
	}
	// A request cancelled while its page is being drawn.
	ctx, cancel = context.WithCancel(context.Background())
	go func() { time.Sleep(time.Millisecond); cancel() }()
	e.h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, strings.Replace(url, "/pages/1?", "/pages/2?", 1), nil).WithContext(ctx))

	for _, u := range []string{url, strings.Replace(url, "/pages/1?", "/pages/2?", 1)} {
		w := e.get(u)
		if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("\x89PNG")) {
			t.Fatalf("%s after a cancelled request: status %d\n%s", u, w.Code, text(w.Body.String()))
		}
	}
	if strings.Contains(e.log.String(), "page image") {
		t.Errorf("a cancelled request was logged as a failure:\n%s", e.log.String())
	}
}

// TestPreviewPool: 50 parallel requests for pages of a province round's
// draft start no more pdftoppm processes at once than the pool holds, and
// every one gets its image.
func TestPreviewPool(t *testing.T) {
	needPdftoppm(t)
	d := provinceDraft(t, 0)
	e := newEnv(t)
	e.h.pool = newRenderPool(3)
	// Count the pdftoppm processes: how many at most at once, how many in all.
	var running, peak, started atomic.Int64
	e.h.pool.starting = func() func() {
		started.Add(1)
		now := running.Add(1)
		for {
			old := peak.Load()
			if now <= old || peak.CompareAndSwap(old, now) {
				break
			}
		}
		return func() { running.Add(-1) }
	}
	p := e.h.previews.add(d.pdf, d.pages)
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Go(func() {
			page := i%d.pages + 1
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, fmt.Sprintf("/rounds/%s/pages/%d?v=%s", d.key, page, p.sha), nil))
			if !bytes.HasPrefix(w.Body.Bytes(), []byte("\x89PNG")) {
				codes[i] = -w.Code
				return
			}
			codes[i] = w.Code
		})
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("request %d: status %d", i, c)
		}
	}
	if peak := peak.Load(); peak > int64(e.h.pool.size()) || peak < 1 {
		t.Errorf("%d pdftoppm ran at once, want 1 to 3", peak)
	}
	if started, want := started.Load(), int64(min(n, d.pages)); started != want {
		t.Errorf("%d pdftoppm started, want %d (one per page)", started, want)
	}
	t.Logf("%d pages; %d requests; peak %d; started %d", d.pages, n, peak.Load(), started.Load())
}

// BenchmarkPreviewFirstPage times page 1 of a province draft listing every
// checked account nine times (some 1,860 pages), never drawn before: the time from the
// request for the image to its bytes.
//
//	go test -run '^$' -bench PreviewFirstPage -benchtime 5x ./internal/web
func BenchmarkPreviewFirstPage(b *testing.B) {
	needPdftoppm(b)
	d := provinceDraft(b, 9)
	pool := newRenderPool(0)
	b.ResetTimer()
	for b.Loop() {
		var ps previews
		p := ps.add(d.pdf, d.pages)
		img, err := p.page(context.Background(), pool, 1)
		if err != nil || len(img) == 0 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.pages), "pages")
}

// BenchmarkRoundFirstPage measures what the clerk waits for on a round page
// of a draft of some 1,860 pages until page 1 shows: the draft composed and
// typeset (not drawn whole), then page 1 alone drawn and turned into an
// image.
func BenchmarkRoundFirstPage(b *testing.B) {
	needPdftoppm(b)
	d := newProvinceDraft(b, 9)
	pool := newRenderPool(0)
	b.ResetTimer()
	for b.Loop() {
		_, rendered, err := d.app.DraftPages(context.Background(), d.key, d.date, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		var ps previews
		p := ps.addPages(rendered.Pages(), rendered.PagePDF)
		img, err := p.page(context.Background(), pool, 1)
		if err != nil || len(img) == 0 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.pages), "pages")
}

// TestPreviewLoadOnce checks that the page images of a draft that left the
// cache, asked for together, typeset it once and share it; that a failed
// typesetting is not kept, so the next request tries again; and that an
// empty key is a new one each time.
func TestPreviewLoadOnce(t *testing.T) {
	var ps previews
	var runs atomic.Int32
	release := make(chan struct{})
	typeset := func() (int, func(int) ([]byte, error), error) {
		runs.Add(1)
		<-release
		return 3, func(int) ([]byte, error) { return nil, nil }, nil
	}
	const key = "0123456789abcdef"
	var wg sync.WaitGroup
	got := make([]*preview, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := ps.load(key, typeset)
			if err != nil {
				t.Error(err)
			}
			got[i] = p
		}()
	}
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("typeset %d times for 8 requests, want once", n)
	}
	for _, p := range got {
		if p == nil || p != got[0] || p.sha != key || p.pages != 3 {
			t.Fatalf("requests got different previews: %+v", got)
		}
	}

	fail := errors.New("模板有错")
	if _, err := ps.load("fedcba9876543210", func() (int, func(int) ([]byte, error), error) { return 0, nil, fail }); err != fail {
		t.Errorf("a failed typesetting gives %v", err)
	}
	if ps.get("fedcba9876543210") != nil {
		t.Error("a failed typesetting was kept")
	}
	a, _ := ps.load("", typeset)
	b, _ := ps.load("", typeset)
	if a == b || a.sha == "" || b.sha == "" {
		t.Error("an empty key did not give a new preview each time")
	}
}
