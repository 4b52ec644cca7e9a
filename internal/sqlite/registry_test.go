package sqlite

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tongbao/internal/circular"
)

const code = "揭政数局函"

// issueAt registers a circular of round at serial, as the app does after
// rendering it.
func issueAt(t *testing.T, db *DB, round string, first, want, serial int, check func([]circular.Issued) error) (*circular.Issued, error) {
	t.Helper()
	n := circular.DocNumber{Code: code, Year: 2019, Serial: serial}
	c := &circular.Issued{Code: code, Year: 2019, Serial: serial, Number: n.String(), Round: round, Title: "通报",
		Date: time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), PDF: []byte("%PDF " + n.String()), Snapshot: []byte("{}")}
	return db.Register(context.Background(), Registration{Code: code, Year: 2019, First: first, Want: want, Check: check}, c)
}

func mustIssue(t *testing.T, db *DB, round string, serial int) {
	t.Helper()
	if _, err := issueAt(t, db, round, 0, 0, serial, nil); err != nil {
		t.Fatalf("issue %d: %v", serial, err)
	}
}

func next(t *testing.T, db *DB, first int) int {
	t.Helper()
	n, err := db.NextSerial(context.Background(), code, 2019, first)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mark(db *DB, from, through int, status string) ([]string, error) {
	return db.MarkNumbers(context.Background(), Mark{Code: code, Year: 2019, From: from, Through: through, Status: status, Reason: "测试", Own: true})
}

func TestNextSerial(t *testing.T) {
	db := openTemp(t)
	if n := next(t, db, 0); n != 1 {
		t.Errorf("empty register: next %d, want 1", n)
	}
	if n := next(t, db, 23); n != 23 {
		t.Errorf("first number 23: next %d", n)
	}
	mustIssue(t, db, "2019Q1", 1)
	if _, err := mark(db, 2, 0, circular.StatusVoid); err != nil {
		t.Fatal(err)
	}
	if _, err := mark(db, 3, 0, circular.StatusExternal); err != nil {
		t.Fatal(err)
	}
	if n := next(t, db, 0); n != 4 {
		t.Errorf("after issued, void and external: next %d, want 4", n)
	}
	// Another year and another 代字 have their own sequences.
	if n, _ := db.NextSerial(context.Background(), code, 2020, 0); n != 1 {
		t.Errorf("2020: next %d", n)
	}
	if n, _ := db.NextSerial(context.Background(), "揭府办函", 2019, 0); n != 1 {
		t.Errorf("other code: next %d", n)
	}
}

func TestPick(t *testing.T) {
	db := openTemp(t)
	mustIssue(t, db, "2019Q1", 1)
	mark(db, 2, 0, circular.StatusVoid)
	mark(db, 3, 0, circular.StatusExternal)
	for _, tc := range []struct {
		want    int
		got     int
		problem string
	}{
		{0, 4, ""},
		{4, 4, ""},
		{1, 0, "已经使用"},
		{2, 0, "已作废"},
		{3, 0, "在别处使用"},
		{6, 0, "不能跳号"},
	} {
		got, err := db.Pick(context.Background(), code, 2019, 0, tc.want)
		if tc.problem == "" && (err != nil || got != tc.got) {
			t.Errorf("want %d: got %d, %v", tc.want, got, err)
		}
		if tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem) || circular.ErrorCode(err) != circular.EConflict) {
			t.Errorf("want %d: error %v, want one saying %s", tc.want, err, tc.problem)
		}
	}
}

func TestRegisterMovedAndChecked(t *testing.T) {
	db := openTemp(t)
	mustIssue(t, db, "2019Q1", 1)
	// Rendered with 1, but 1 is taken meanwhile: told to render with 2, nothing written.
	_, err := issueAt(t, db, "2018Q4", 0, 0, 1, nil)
	var moved *MovedError
	if !errors.As(err, &moved) || moved.Serial != 2 {
		t.Fatalf("stale number: %v, want MovedError{2}", err)
	}
	if n := next(t, db, 0); n != 2 {
		t.Errorf("a moved registration wrote something: next %d", n)
	}
	// Check sees the round's issued circulars inside the transaction.
	refuse := errors.New("round issued")
	var seen []circular.Issued
	_, err = issueAt(t, db, "2019Q1", 0, 0, 2, func(l []circular.Issued) error {
		seen = l
		if len(l) > 0 {
			return refuse
		}
		return nil
	})
	if !errors.Is(err, refuse) || len(seen) != 1 || seen[0].Serial != 1 {
		t.Errorf("check: %v, saw %v", err, seen)
	}
	if _, err := issueAt(t, db, "2018Q4", 0, 0, 2, func(l []circular.Issued) error {
		if len(l) > 0 {
			return refuse
		}
		return nil
	}); err != nil {
		t.Errorf("other round: %v", err)
	}
}

// TestRegisterConcurrent: goroutines on separate connections, each retrying
// when its number moved, end with consecutive numbers and one per round.
func TestRegisterConcurrent(t *testing.T) {
	db := openTemp(t)
	const n = 12
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			serial := next(t, db, 23)
			for {
				round := "R" + string(rune('A'+i%6)) // two issuers per round
				_, err := issueAt(t, db, round, 23, 0, serial, func(l []circular.Issued) error {
					if len(l) > 0 {
						return circular.Errorf(circular.EConflict, "已经印发为 %s", l[0].Number)
					}
					return nil
				})
				var moved *MovedError
				if errors.As(err, &moved) {
					serial = moved.Serial
					continue
				}
				errs[i] = err
				return
			}
		}(i)
	}
	wg.Wait()
	refused := 0
	for _, err := range errs {
		if err != nil {
			if !strings.Contains(err.Error(), "已经印发为") {
				t.Errorf("unexpected error: %v", err)
			}
			refused++
		}
	}
	list, _ := db.Circulars(context.Background())
	if refused != n/2 || len(list) != n/2 {
		t.Fatalf("%d refused, %d recorded; want %d each", refused, len(list), n/2)
	}
	for i, c := range list { // newest first
		if c.Serial != 23+n/2-1-i {
			t.Errorf("serials not consecutive from 23: %v", list)
		}
	}
}

func TestMarkNumbers(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	mustIssue(t, db, "2019Q1", 1)
	// Past the next free number: refused alone, naming the gap; as a range from it, accepted.
	if _, err := mark(db, 5, 0, circular.StatusVoid); err == nil || !strings.Contains(err.Error(), "2–4 号成为空号") {
		t.Errorf("gap: %v", err)
	}
	if _, err := mark(db, 3, 5, circular.StatusExternal); err == nil || !strings.Contains(err.Error(), "不能跳号") {
		t.Errorf("range past the next: %v", err)
	}
	got, err := mark(db, 2, 5, circular.StatusExternal)
	if err != nil || len(got) != 4 || got[3] != "揭政数局函〔2019〕5号" {
		t.Fatalf("range: %v %v", got, err)
	}
	if n := next(t, db, 0); n != 6 {
		t.Errorf("next after range: %d", n)
	}
	// A recorded number: void twice, external over issued, a range over recorded ones.
	for _, tc := range []struct {
		from, through   int
		status, problem string
	}{
		{3, 0, circular.StatusVoid, "已经登记为在别处使用"},
		{1, 0, circular.StatusExternal, "已由 tongbao 印发"},
		{1, 6, circular.StatusVoid, "范围中的"},
		{6, 4, circular.StatusVoid, "结束的编号不能小于"},
	} {
		if _, err := mark(db, tc.from, tc.through, tc.status); err == nil || !strings.Contains(err.Error(), tc.problem) {
			t.Errorf("%d–%d %s: %v, want %s", tc.from, tc.through, tc.status, err, tc.problem)
		}
	}
	// Voiding the issued circular keeps its PDF.
	if _, err := mark(db, 1, 0, circular.StatusVoid); err != nil {
		t.Fatal(err)
	}
	c, err := db.Circular(ctx, code, 2019, 1)
	if err != nil || c.Status != circular.StatusVoid || len(c.PDF) == 0 {
		t.Errorf("voided circular: %+v %v", c, err)
	}
	if _, err := mark(db, 1, 0, circular.StatusVoid); err == nil || !strings.Contains(err.Error(), "已经作废过了") {
		t.Errorf("void twice: %v", err)
	}
	// Another office's 代字 has no gap rule here: tongbao does not give its numbers.
	if _, err := db.MarkNumbers(ctx, Mark{Code: "揭府办函", Year: 2019, From: 40, Status: circular.StatusVoid, Reason: "联合发文"}); err != nil {
		t.Errorf("other code: %v", err)
	}
	ev, err := db.Events(ctx, code, 2019)
	if err != nil || len(ev) != 5 || ev[0].Action != circular.StatusExternal || ev[4].Action != circular.StatusVoid {
		t.Errorf("history: %+v %v", ev, err)
	}
}

func TestUnvoid(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	mustIssue(t, db, "2019Q1", 1)
	mark(db, 2, 3, circular.StatusVoid)
	// Not the last: it would become a gap.
	if _, err := db.Unvoid(ctx, code, 2019, 2, "错了"); err == nil || !strings.Contains(err.Error(), "空号") {
		t.Errorf("unvoid before a later number: %v", err)
	}
	if st, err := db.Unvoid(ctx, code, 2019, 3, "错了"); err != nil || st != "" {
		t.Fatalf("unvoid last: %q %v", st, err)
	}
	if n := next(t, db, 0); n != 3 {
		t.Errorf("next after unvoid: %d", n)
	}
	if _, err := db.Unvoid(ctx, code, 2019, 3, "again"); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("unvoid a free number: %v", err)
	}
	if _, err := db.Unvoid(ctx, code, 2019, 1, "x"); err == nil || !strings.Contains(err.Error(), "没有作废") {
		t.Errorf("unvoid an issued one: %v", err)
	}
	// A voided circular comes back as issued, unless its round was issued anew.
	mark(db, 1, 0, circular.StatusVoid)
	mustIssue(t, db, "2019Q1", 3)
	if _, err := db.Unvoid(ctx, code, 2019, 1, "x"); err == nil || !strings.Contains(err.Error(), "已另行印发为 揭政数局函〔2019〕3号") {
		t.Errorf("unvoid a replaced circular: %v", err)
	}
	mark(db, 3, 0, circular.StatusVoid)
	if st, err := db.Unvoid(ctx, code, 2019, 1, "作废错了"); err != nil || st != circular.StatusIssued {
		t.Errorf("restore: %q %v", st, err)
	}
	ev, _ := db.Events(ctx, code, 2019)
	var actions []string
	for _, e := range ev {
		actions = append(actions, e.Action+e.Number[len(e.Number)-4:])
	}
	if got := strings.Join(actions, " "); got != "void2号 void3号 unvoid3号 void1号 void3号 unvoid1号" {
		t.Errorf("history: %s", got)
	}
}

func TestDeleteRound(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, rr := range []*circular.RoundResults{
		round(2019, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, []circular.AccountResult{account("乙", true)}),
		round(2019, 2, []circular.SiteResult{site("4452000001", "甲", "门户网站", true)}, nil),
	} {
		if err := db.ImportRound(ctx, rr, Source{Name: "x.xlsx"}, false); err != nil {
			t.Fatal(err)
		}
	}
	mustIssue(t, db, "2019Q1", 1)
	if _, err := db.DeleteRound(ctx, "2019Q1"); err == nil || !strings.Contains(err.Error(), "已经印发为 揭政数局函〔2019〕1号") {
		t.Errorf("delete an issued round: %v", err)
	}
	r, err := db.DeleteRound(ctx, "2019年第二季度")
	if err != nil || r.Key() != "2019Q2" {
		t.Fatalf("delete: %v %v", r, err)
	}
	if _, err := db.Round(ctx, "2019Q2"); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("deleted round still there: %v", err)
	}
	var n int
	db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM site_results`).Scan(&n)
	if n != 1 {
		t.Errorf("%d site results left, want the 2019Q1 one", n)
	}
	if _, err := db.DeleteRound(ctx, "2019Q2"); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("delete twice: %v", err)
	}
}

func TestReplaceIssued(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	rr := round(2019, 1, []circular.SiteResult{site("4452000001", "甲", "门户网站", false)}, nil)
	if err := db.ImportRound(ctx, rr, Source{Name: "a.xlsx"}, false); err != nil {
		t.Fatal(err)
	}
	mustIssue(t, db, "2019Q1", 1)
	err := db.ImportRounds(ctx, []Import{{Results: rr, Source: Source{Name: "b.xlsx"}}}, true)
	if err == nil || !strings.Contains(err.Error(), "已经印发为 揭政数局函〔2019〕1号") || !strings.Contains(err.Error(), "-replace-issued") {
		t.Errorf("replace issued: %v", err)
	}
	if err := db.ImportRounds(ctx, []Import{{Results: rr, Source: Source{Name: "b.xlsx"}, ReplaceIssued: true}}, true); err != nil {
		t.Errorf("replace issued, confirmed: %v", err)
	}
}
