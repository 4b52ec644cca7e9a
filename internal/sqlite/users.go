package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tongbao/internal/circular"
)

// The accounts of the workbench and their sign-in sessions. The rules (how a
// password is hashed, when a session expires, when an account is locked)
// live in internal/app; the store keeps what they decide.

// User is one account of the workbench.
type User struct {
	ID   int64
	Name string
	// Role is 文秘, 编辑 or 查看.
	Role string
	// Hash is the password's bcrypt hash.
	Hash     string
	Disabled bool
	// Failures counts wrong passwords since the last success.
	Failures int
	// LockedUntil is when a lock-out ends; zero when not locked.
	LockedUntil time.Time
	Created     time.Time
}

// Session is a signed-in session with its account.
type Session struct {
	User     User
	Created  time.Time
	LastSeen time.Time
}

const userColumns = `id, name, role, password_hash, disabled, failures, locked_until, created_at`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var u User
	var locked, created string
	if err := row.Scan(&u.ID, &u.Name, &u.Role, &u.Hash, &u.Disabled, &u.Failures, &locked, &created); err != nil {
		return nil, err
	}
	u.LockedUntil = parseTime(locked)
	u.Created = parseTime(created)
	return &u, nil
}

// AddUser records a new account; a name already taken is a conflict.
func (db *DB) AddUser(ctx context.Context, u User) error {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE name = ?`, u.Name).Scan(&n); err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	if n > 0 {
		return circular.Errorf(circular.EConflict, "账号「%s」已经存在。要改密码请用 tongbao users passwd %s", u.Name, u.Name)
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?)`,
		u.Name, u.Role, u.Hash, u.Disabled, timeText(u.Created))
	if err != nil {
		return fmt.Errorf("add user %s: %w", u.Name, err)
	}
	return nil
}

// User returns the account called name.
func (db *DB) User(ctx context.Context, name string) (*User, error) {
	u, err := scanUser(db.sql.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, circular.Errorf(circular.ENotFound, "没有账号「%s」。用 tongbao users list 查看已有的账号", name)
	}
	if err != nil {
		return nil, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Users returns every account by name.
func (db *DB) Users(ctx context.Context) ([]User, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var list []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("users: %w", err)
		}
		list = append(list, *u)
	}
	return list, rows.Err()
}

// updateUser runs one UPDATE of the account called name; no such account
// is not found.
func (db *DB) updateUser(ctx context.Context, name, set string, args ...any) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE users SET `+set+` WHERE name = ?`, append(args, name)...)
	if err != nil {
		return fmt.Errorf("update user %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return circular.Errorf(circular.ENotFound, "没有账号「%s」。用 tongbao users list 查看已有的账号", name)
	}
	return nil
}

// SetPassword replaces the password hash of the account called name, lifts
// its lock-out and ends its sessions.
func (db *DB) SetPassword(ctx context.Context, name, hash string) error {
	if err := db.updateUser(ctx, name, `password_hash = ?, failures = 0, locked_until = ''`, hash); err != nil {
		return err
	}
	return db.endSessions(ctx, name)
}

// SetRole changes the role of the account called name.
func (db *DB) SetRole(ctx context.Context, name, role string) error {
	return db.updateUser(ctx, name, `role = ?`, role)
}

// SetDisabled disables (ending its sessions) or enables the account called
// name; enabling also lifts a lock-out.
func (db *DB) SetDisabled(ctx context.Context, name string, disabled bool) error {
	if !disabled {
		return db.updateUser(ctx, name, `disabled = 0, failures = 0, locked_until = ''`)
	}
	if err := db.updateUser(ctx, name, `disabled = 1`); err != nil {
		return err
	}
	return db.endSessions(ctx, name)
}

func (db *DB) endSessions(ctx context.Context, name string) error {
	_, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)`, name)
	if err != nil {
		return fmt.Errorf("end sessions of %s: %w", name, err)
	}
	return nil
}

// AddFailure counts one more wrong password of account id and returns the
// count.
func (db *DB) AddFailure(ctx context.Context, id int64) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `UPDATE users SET failures = failures + 1 WHERE id = ? RETURNING failures`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sign-in failure: %w", err)
	}
	return n, nil
}

// Lock locks account id until the given time and starts its count of
// failures again.
func (db *DB) Lock(ctx context.Context, id int64, until time.Time) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE users SET failures = 0, locked_until = ? WHERE id = ?`, timeText(until), id)
	if err != nil {
		return fmt.Errorf("lock user: %w", err)
	}
	return nil
}

// StartSession records a session of account id by the SHA-256 of its token
// and clears the account's count of failures.
func (db *DB) StartSession(ctx context.Context, tokenHash string, id int64, now time.Time) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE users SET failures = 0, locked_until = '' WHERE id = ?`, id); err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	at := timeText(now)
	if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_sha256, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)`, tokenHash, id, at, at); err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	return tx.Commit()
}

// Session returns the session whose token has the given SHA-256, or nil.
func (db *DB) Session(ctx context.Context, tokenHash string) (*Session, error) {
	row := db.sql.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.password_hash, u.disabled, u.failures, u.locked_until, u.created_at,
		s.created_at, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ?`, tokenHash)
	var s Session
	var locked, created, sCreated, seen string
	err := row.Scan(&s.User.ID, &s.User.Name, &s.User.Role, &s.User.Hash, &s.User.Disabled, &s.User.Failures, &locked, &created, &sCreated, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	s.User.LockedUntil, s.User.Created = parseTime(locked), parseTime(created)
	s.Created, s.LastSeen = parseTime(sCreated), parseTime(seen)
	return &s, nil
}

// TouchSession records that the session was used at now.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := db.sql.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE token_sha256 = ?`, timeText(now), tokenHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// EndSession deletes the session whose token has the given SHA-256.
func (db *DB) EndSession(ctx context.Context, tokenHash string) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE token_sha256 = ?`, tokenHash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndSessionsBefore deletes the sessions last used before idle or started
// before started.
func (db *DB) EndSessionsBefore(ctx context.Context, idle, started time.Time) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < ? OR created_at < ?`, timeText(idle), timeText(started)); err != nil {
		return fmt.Errorf("end old sessions: %w", err)
	}
	return nil
}
