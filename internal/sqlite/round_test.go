package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tongbao/internal/circular"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func site(code, name, cat string, fail bool) circular.SiteResult {
	r := circular.NewResult()
	if fail {
		r.BlankColumns, r.StaleColumns = 5, 7
	} else {
		r.BlankColumns = 0
	}
	r.Evaluate(false)
	return circular.SiteResult{Site: circular.Site{Code: code, Name: name, Unit: name + "主办", Region: "市直", Category: cat}, Result: r}
}

func account(name string, fail bool) circular.AccountResult {
	r := circular.NewResult()
	if fail {
		r.Vetoes = []string{circular.VetoInteraction}
	}
	r.Evaluate(true)
	return circular.AccountResult{Account: circular.Account{Platform: "微信", Name: name, Unit: name + "单位", Region: "榕城区"}, Result: r}
}

func round(y, q int, sites []circular.SiteResult, accounts []circular.AccountResult) *circular.RoundResults {
	return &circular.RoundResults{
		Round: circular.Round{Year: y, Quarter: q, Scope: circular.ScopeFull,
			SampleStart: time.Date(y, time.Month(3*q-1), 21, 0, 0, 0, 0, time.UTC), SampleEnd: time.Date(y, time.Month(3*q), 4, 0, 0, 0, 0, time.UTC),
			Reports: 12, ReportsOnTime: circular.NA},
		Sites: sites, Accounts: accounts,
	}
}

func TestImportAndRead(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	in := round(2019, 1, []circular.SiteResult{
		site("4452000001", "揭阳市人民政府门户网站", "门户网站", false),
		site("4452000024", "大南海网站", "门户网站", true),
	}, []circular.AccountResult{account("揭阳发布", false), account("揭阳公安", true)})
	in.Sites[1].Deduction = 12.5
	notChecked := site("4452000099", "未查网站", "部门网站", false)
	notChecked.Result = circular.Result{BlankColumns: circular.NA, StaleColumns: circular.NA, BrokenLinks: circular.NA, StaleDays: circular.NA, Deduction: circular.NA}
	in.Sites = append(in.Sites, notChecked)
	if err := db.ImportRound(ctx, in, Source{Name: "2019Q1.xlsx"}, false); err != nil {
		t.Fatal(err)
	}
	r, err := db.Round(ctx, "2019年第一季度")
	if err != nil {
		t.Fatal(err)
	}
	if r.Key() != "2019Q1" || !r.SampleStart.Equal(in.Round.SampleStart) || r.Reports != 12 || r.ReportsOnTime != circular.NA {
		t.Errorf("round read back as %+v", r)
	}
	sites, err := db.SiteResults(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sites {
		sites[i].Site.ID = 0
	}
	if !reflect.DeepEqual(sites, in.Sites) {
		t.Errorf("sites read back differ:\n got %+v\nwant %+v", sites, in.Sites)
	}
	accounts, err := db.AccountResults(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := range accounts {
		accounts[i].Account.ID = 0
	}
	if !reflect.DeepEqual(accounts, in.Accounts) {
		t.Errorf("accounts read back differ:\n got %+v\nwant %+v", accounts, in.Accounts)
	}
	sum, err := db.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := circular.Summary{Round: *r, Sites: circular.Count{Running: 3, Checked: 2, Failing: 1}, Accounts: circular.Count{Running: 2, Checked: 2, Failing: 1}}
	if len(sum) != 1 || !reflect.DeepEqual(sum[0], want) {
		t.Errorf("Rounds = %+v, want %+v", sum, want)
	}
}

func TestImportConflictAndReplace(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	first := round(2019, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, nil)
	if err := db.ImportRound(ctx, first, Source{Name: "a.xlsx"}, false); err != nil {
		t.Fatal(err)
	}
	err := db.ImportRound(ctx, first, Source{Name: "b.xlsx"}, false)
	if circular.ErrorCode(err) != circular.EConflict || !strings.Contains(err.Error(), "已经导入过") || !strings.Contains(err.Error(), "a.xlsx") {
		t.Fatalf("second import: %v", err)
	}
	r1, _ := db.Round(ctx, "2019Q1")

	// A replacement that fails half-way (the same site twice, which the
	// reader would have caught) leaves the old results in place.
	bad := round(2019, 1, []circular.SiteResult{site("4452000002", "乙", "门户网站", true), site("4452000002", "乙", "门户网站", true)}, nil)
	if err := db.ImportRound(ctx, bad, Source{Name: "bad.xlsx"}, true); err == nil {
		t.Fatal("duplicate site imported")
	}
	sites, _ := db.SiteResults(ctx, r1)
	if len(sites) != 1 || sites[0].Code != "4452000001" {
		t.Fatalf("failed replace changed the round: %+v", sites)
	}

	second := round(2019, 1, []circular.SiteResult{site("4452000002", "乙", "门户网站", true)}, []circular.AccountResult{account("揭阳发布", false)})
	if err := db.ImportRound(ctx, second, Source{Name: "c.xlsx"}, true); err != nil {
		t.Fatal(err)
	}
	r2, _ := db.Round(ctx, "2019Q1")
	if r2.ID != r1.ID {
		t.Errorf("replace changed the round's identity %d → %d", r1.ID, r2.ID)
	}
	sites, _ = db.SiteResults(ctx, r2)
	if len(sites) != 1 || sites[0].Code != "4452000002" || !sites[0].Failing() {
		t.Errorf("after replace: %+v", sites)
	}
}

func TestRoundsOrderAndPrevious(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, k := range [][2]int{{2019, 1}, {2018, 4}, {2018, 3}} {
		if err := db.ImportRound(ctx, round(k[0], k[1], []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, nil), Source{}, false); err != nil {
			t.Fatal(err)
		}
	}
	r, _ := db.Round(ctx, "2019q1")
	prev, err := db.PreviousRound(ctx, r)
	if err != nil || prev == nil || prev.Key() != "2018Q4" {
		t.Fatalf("previous of 2019Q1 = %v, %v", prev, err)
	}
	first, _ := db.Round(ctx, "2018Q3")
	if p, err := db.PreviousRound(ctx, first); p != nil || err != nil {
		t.Errorf("previous of the first round = %v, %v", p, err)
	}
	latest, _ := db.LatestRound(ctx)
	if latest.Key() != "2019Q1" {
		t.Errorf("latest = %s", latest.Key())
	}
	_, err = db.Round(ctx, "2020Q2")
	if circular.ErrorCode(err) != circular.ENotFound || !strings.Contains(err.Error(), "2018Q3、2018Q4、2019Q1") {
		t.Errorf("missing round: %v", err)
	}
	// The same site is the same across rounds.
	var n int
	db.SQL().QueryRow(`SELECT COUNT(*) FROM sites`).Scan(&n)
	if n != 1 {
		t.Errorf("%d site rows for one site in three rounds", n)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "x.db")
	os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o644)
	if _, err := Open(notDB); circular.ErrorCode(err) != circular.EConfig || !strings.Contains(err.Error(), "不是 SQLite 数据库") {
		t.Errorf("not a database: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing", "t.db")); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing folder: %v", err)
	}
	// A file from a newer tongbao is refused rather than damaged.
	path := filepath.Join(dir, "new.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec(`PRAGMA user_version = 99`)
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "较新版本") {
		t.Errorf("newer schema: %v", err)
	}
}

// TestConcurrentOpen opens one new file from many goroutines (separate
// connections): migrations must apply exactly once.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			db, err := Open(path)
			if err == nil {
				err = db.ImportRound(context.Background(), round(2018+i, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, nil), Source{}, false)
				db.Close()
			}
			errs[i] = err
		}(i)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	db, _ := Open(path)
	defer db.Close()
	sum, _ := db.Rounds(context.Background())
	if len(sum) != 8 {
		t.Errorf("%d rounds, want 8", len(sum))
	}
	var v int
	db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v)
	ms, _ := migrations()
	if last := ms[len(ms)-1].version; v != last {
		t.Errorf("user_version %d, want %d", v, last)
	}
}
