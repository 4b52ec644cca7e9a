package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tongbao/internal/circular"
)

// Activity is one entry of the activity log: who did what to what, and when.
type Activity struct {
	ID int64
	At time.Time
	// Actor is circular.Actor of the context it was done with.
	Actor string
	// Action is a short code: import, replace, delete, issue, void,
	// external, unvoid, reprint, archive, template, template-restore,
	// settings, settings-restore, user-add, user-passwd, user-role,
	// user-disable, user-enable, templates-write.
	Action string
	// Subject is what it was done to: a round, a number, a template, an
	// account, a folder.
	Subject string
	// Detail is a reason, a title or a note ("" when none).
	Detail string
}

// execer is a connection or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// logActivity appends to the activity log through ex (a transaction, so
// that the entry is written with what it records, or the connection), by
// circular.Actor(ctx), now.
func logActivity(ctx context.Context, ex execer, at, action, subject, detail string) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO activity (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)`,
		at, circular.Actor(ctx), action, subject, detail)
	if err != nil {
		return fmt.Errorf("activity log: %w", err)
	}
	return nil
}

// LogActivity appends to the activity log what was done outside the
// database's own transactions (a template or the settings saved, a
// circular reprinted or archived, an account managed), by
// circular.Actor(ctx).
func (db *DB) LogActivity(ctx context.Context, action, subject, detail string) error {
	return db.storeError(logActivity(ctx, db.sql, nowText(), action, subject, detail))
}

// Activities returns the activity log, newest first: at most limit entries
// (all when limit <= 0) after skipping offset, and how many there are in all.
func (db *DB) Activities(ctx context.Context, limit, offset int) ([]Activity, int, error) {
	var total int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM activity`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("activity log: %w", err)
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, at, actor, action, subject, detail FROM activity ORDER BY id DESC LIMIT ? OFFSET ?`, limit, max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("activity log: %w", err)
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var a Activity
		var at string
		if err := rows.Scan(&a.ID, &at, &a.Actor, &a.Action, &a.Subject, &a.Detail); err != nil {
			return nil, 0, fmt.Errorf("activity log: %w", err)
		}
		a.At = parseTime(at)
		out = append(out, a)
	}
	return out, total, rows.Err()
}
