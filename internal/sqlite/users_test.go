package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"tongbao/internal/circular"
)

// TestUsersStore: accounts are unique by name; failures count up and a lock
// clears them; a session is found by its token's hash, ends when the
// password changes or the account is disabled, and old ones are swept.
func TestUsersStore(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2019, 4, 12, 9, 0, 0, 0, time.UTC)
	if err := db.AddUser(ctx, User{Name: "张三", Role: "文秘", Hash: "h1", Created: now}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddUser(ctx, User{Name: "张三", Role: "查看", Hash: "h2", Created: now}); circular.ErrorCode(err) != circular.EConflict {
		t.Errorf("a second 张三: %v", err)
	}
	if err := db.AddUser(ctx, User{Name: "李四", Role: "老板", Hash: "h2", Created: now}); err == nil {
		t.Error("a role outside the list was stored")
	}
	u, err := db.User(ctx, "张三")
	if err != nil || u.Role != "文秘" || !u.Created.Equal(now) {
		t.Fatalf("user: %+v %v", u, err)
	}
	if _, err := db.User(ctx, "无名"); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("unknown user: %v", err)
	}
	for i := 1; i <= 3; i++ {
		if n, err := db.AddFailure(ctx, u.ID); err != nil || n != i {
			t.Fatalf("failure %d: %d %v", i, n, err)
		}
	}
	if err := db.Lock(ctx, u.ID, now.Add(15*time.Minute)); err != nil {
		t.Fatal(err)
	}
	u, _ = db.User(ctx, "张三")
	if u.Failures != 0 || !u.LockedUntil.Equal(now.Add(15*time.Minute)) {
		t.Errorf("after lock: %+v", u)
	}
	if err := db.StartSession(ctx, "tok1", u.ID, now); err != nil {
		t.Fatal(err)
	}
	s, err := db.Session(ctx, "tok1")
	if err != nil || s == nil || s.User.Name != "张三" || !s.LastSeen.Equal(now) {
		t.Fatalf("session: %+v %v", s, err)
	}
	if !s.User.LockedUntil.IsZero() {
		t.Error("a sign-in did not clear the lock")
	}
	if err := db.SetPassword(ctx, "张三", "h3"); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Session(ctx, "tok1"); s != nil {
		t.Error("a new password left the session")
	}
	db.StartSession(ctx, "tok2", u.ID, now)
	if err := db.SetDisabled(ctx, "张三", true); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Session(ctx, "tok2"); s != nil {
		t.Error("disabling left the session")
	}
	db.SetDisabled(ctx, "张三", false)
	db.StartSession(ctx, "old", u.ID, now)
	db.StartSession(ctx, "new", u.ID, now.Add(time.Hour))
	if err := db.EndSessionsBefore(ctx, now.Add(time.Minute), now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Session(ctx, "old"); s != nil {
		t.Error("an idle session was not swept")
	}
	if s, _ := db.Session(ctx, "new"); s == nil {
		t.Error("a fresh session was swept")
	}
	list, err := db.Users(ctx)
	if err != nil || len(list) != 1 {
		t.Errorf("users: %+v %v", list, err)
	}
}
