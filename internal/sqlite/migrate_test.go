package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// openAtVersion creates the database at path with the migrations up to
// version only, as an older tongbao left it, and returns the raw connection.
func openAtVersion(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > version {
			break
		}
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	if _, err := raw.Exec("PRAGMA user_version = " + strconv.Itoa(version)); err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestOldRowsStillRead: accounts and sessions written with the nanosecond
// layout of tongbao before migration 0009 read after it, at the second, in
// the one layout (so expired sessions are still swept by string comparison);
// and the histories written before the activity log (0010) are in it, oldest
// first.
func TestOldRowsStillRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw := openAtVersion(t, path, 8)
	for _, q := range []string{
		`INSERT INTO users (id, name, role, password_hash, created_at, locked_until) VALUES
			(1, '张三', '文秘', 'h', '2019-04-12T01:30:00.123456789Z', '2019-04-12T02:00:05.500000000Z'),
			(2, '李四', '查看', 'h', '2019-04-11T08:00:00.000000000Z', '')`,
		`INSERT INTO sessions (token_sha256, user_id, created_at, last_seen) VALUES
			('s1', 1, '2019-04-12T01:31:00.250000000Z', '2019-04-12T01:45:59.999999999Z'),
			('s2', 2, '2019-04-01T00:00:00.000000000Z', '2019-04-01T00:10:00.000000000Z')`,
		`INSERT INTO round_events (round, action, actor, at) VALUES ('2019Q1', 'import', 'clerk', '2019-04-10T01:00:00Z')`,
		`INSERT INTO circulars (code, year, serial, number, status, round, title, pdf_sha256, created_at, issued_by)
			VALUES ('揭政数局函', 2019, 23, '揭政数局函〔2019〕23号', 'void', '2019Q1', '通报', 'abc', '2019-04-12T01:00:00Z', '张三'),
			('揭政数局函', 2019, 24, '揭政数局函〔2019〕24号', 'external', '', '', '', '2019-04-12T03:00:00Z', '')`,
		`INSERT INTO register_events (code, year, serial, number, action, reason, at, actor) VALUES
			('揭政数局函', 2019, 23, '揭政数局函〔2019〕23号', 'void', '有误', '2019-04-12T02:00:00Z', '张三'),
			('揭政数局函', 2019, 24, '揭政数局函〔2019〕24号', 'external', '手工发文', '2019-04-12T03:00:00Z', '命令行：clerk')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.User(ctx, "张三")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2019, 4, 12, 1, 30, 0, 0, time.UTC); !u.Created.Equal(want) {
		t.Errorf("created %v, want %v", u.Created, want)
	}
	if want := time.Date(2019, 4, 12, 2, 0, 5, 0, time.UTC); !u.LockedUntil.Equal(want) {
		t.Errorf("locked until %v, want %v", u.LockedUntil, want)
	}
	s, err := db.Session(ctx, "s1")
	if err != nil || s == nil {
		t.Fatalf("session: %v %v", s, err)
	}
	if !s.Created.Equal(time.Date(2019, 4, 12, 1, 31, 0, 0, time.UTC)) || !s.LastSeen.Equal(time.Date(2019, 4, 12, 1, 45, 59, 0, time.UTC)) || s.User.Name != "张三" {
		t.Errorf("session %+v", s)
	}
	var stored string
	if err := db.sql.QueryRow(`SELECT group_concat(created_at || '|' || locked_until, ';') FROM users`).Scan(&stored); err != nil || stored != "2019-04-12T01:30:00Z|2019-04-12T02:00:05Z;2019-04-11T08:00:00Z|" {
		t.Errorf("stored users' times: %q %v", stored, err)
	}
	// A session last used before the cut is swept, the other kept.
	cut := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	if err := db.EndSessionsBefore(ctx, cut, cut.AddDate(0, 0, -30)); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Session(ctx, "s2"); s != nil {
		t.Error("the old session was not swept")
	}
	if s, _ := db.Session(ctx, "s1"); s == nil {
		t.Error("the recent session was swept")
	}

	acts, total, err := db.Activities(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Activity{
		{Actor: "命令行：clerk", Action: "external", Subject: "揭政数局函〔2019〕24号", Detail: "手工发文"},
		{Actor: "张三", Action: "void", Subject: "揭政数局函〔2019〕23号", Detail: "有误"},
		{Actor: "张三", Action: "issue", Subject: "揭政数局函〔2019〕23号", Detail: "通报"},
		{Actor: "clerk", Action: "import", Subject: "2019Q1"},
	}
	if total != len(want) || len(acts) != len(want) {
		t.Fatalf("activity log: %d of %d: %+v", len(acts), total, acts)
	}
	for i, w := range want {
		a := acts[i]
		if a.Actor != w.Actor || a.Action != w.Action || a.Subject != w.Subject || a.Detail != w.Detail || a.At.IsZero() {
			t.Errorf("activity %d: %+v, want %+v", i, a, w)
		}
	}
}
