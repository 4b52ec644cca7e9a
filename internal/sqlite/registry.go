package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tongbao/internal/circular"
)

// Issue gives the next free number of code in year (or want, when not 0) and
// records the circular render makes for it, in one write transaction: another
// process issuing at the same time waits, so numbers are distinct and
// consecutive, and a crash at any point leaves either no record or a whole one.
//
// The first number of a year is first (an office that starts mid-year). want
// is refused when taken (issued or void) or when it would skip numbers.
func (db *DB) Issue(ctx context.Context, code string, year, first, want int, render func(serial int) (*circular.Issued, error)) (*circular.Issued, error) {
	c, err := db.issue(ctx, code, year, first, want, render)
	return c, db.storeError(err)
}

func (db *DB) issue(ctx context.Context, code string, year, first, want int, render func(serial int) (*circular.Issued, error)) (*circular.Issued, error) {
	if first < 1 {
		first = 1
	}
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("issue: begin: %w", err)
	}
	defer tx.Rollback()
	var max int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(serial), 0) FROM circulars WHERE code = ? AND year = ?`, code, year).Scan(&max); err != nil {
		return nil, fmt.Errorf("issue: next number: %w", err)
	}
	next := max + 1
	if next < first {
		next = first
	}
	serial := next
	if want > 0 {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM circulars WHERE code = ? AND year = ? AND serial = ?`, code, year, want).Scan(&status)
		switch {
		case err == nil && status == circular.StatusVoid:
			return nil, circular.Errorf(circular.EConflict, "%s〔%d〕%d号已作废，作废的编号不再使用。下一个可用编号是 %d 号", code, year, want, next)
		case err == nil:
			return nil, circular.Errorf(circular.EConflict, "%s〔%d〕%d号已经使用。下一个可用编号是 %d 号", code, year, want, next)
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("issue: check number: %w", err)
		case want > next:
			return nil, circular.Errorf(circular.EConflict, "不能跳号：%s〔%d〕下一个可用编号是 %d 号。如 %d–%d 号已在别处使用，请先用 tongbao void 登记作废它们", code, year, next, next, want-1)
		}
		serial = want
	}
	c, err := render(serial)
	if err != nil {
		return nil, err
	}
	c.Code, c.Year, c.Serial, c.Status = code, year, serial, circular.StatusIssued
	c.CreatedAt = time.Now().UTC()
	if _, err := tx.ExecContext(ctx, `INSERT INTO circulars (code, year, serial, number, status, round, title, date,
		templates_sha256, config_sha256, data_sha256, pdf_sha256, pages, snapshot, pdf, created_at, deadline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Code, c.Year, c.Serial, c.Number, c.Status, c.Round, c.Title, c.Date.Format(time.DateOnly),
		c.TemplatesSHA256, c.ConfigSHA256, c.DataSHA256, c.PDFSHA256, c.Pages, c.Snapshot, c.PDF, c.CreatedAt.Format(time.RFC3339),
		dateText(c.Deadline)); err != nil {
		return nil, fmt.Errorf("issue: record: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("issue: commit: %w", err)
	}
	return c, nil
}

// Void marks a number void with a reason. A number never issued can be voided
// too (one used outside tongbao, say): it is recorded and never given.
func (db *DB) Void(ctx context.Context, code string, year, serial int, number, reason string) error {
	return db.storeError(db.void(ctx, code, year, serial, number, reason))
}

func (db *DB) void(ctx context.Context, code string, year, serial int, number, reason string) error {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("void: begin: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339)
	var status string
	err = tx.QueryRowContext(ctx, `SELECT status FROM circulars WHERE code = ? AND year = ? AND serial = ?`, code, year, serial).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO circulars (code, year, serial, number, status, void_reason, voided_at, created_at)
			VALUES (?, ?, ?, ?, 'void', ?, ?, ?)`, code, year, serial, number, reason, now, now)
	case err != nil:
	case status == circular.StatusVoid:
		return circular.Errorf(circular.EConflict, "%s 已经作废过了", number)
	default:
		_, err = tx.ExecContext(ctx, `UPDATE circulars SET status = 'void', void_reason = ?, voided_at = ? WHERE code = ? AND year = ? AND serial = ?`,
			reason, now, code, year, serial)
	}
	if err != nil {
		return fmt.Errorf("void: %w", err)
	}
	return tx.Commit()
}

// Circulars lists the registry, newest first, without snapshots and PDFs.
func (db *DB) Circulars(ctx context.Context) ([]circular.Issued, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT code, year, serial, number, status, round, title, date, pdf_sha256, pages,
		void_reason, voided_at, created_at, deadline FROM circulars ORDER BY year DESC, code, serial DESC`)
	if err != nil {
		return nil, fmt.Errorf("list circulars: %w", err)
	}
	defer rows.Close()
	var out []circular.Issued
	for rows.Next() {
		var c circular.Issued
		var date, voided, created, deadline string
		if err := rows.Scan(&c.Code, &c.Year, &c.Serial, &c.Number, &c.Status, &c.Round, &c.Title, &date, &c.PDFSHA256, &c.Pages,
			&c.VoidReason, &voided, &created, &deadline); err != nil {
			return nil, fmt.Errorf("list circulars: %w", err)
		}
		c.Deadline, _ = time.Parse(time.DateOnly, deadline)
		c.Date, _ = time.Parse(time.DateOnly, date)
		c.VoidedAt, _ = time.Parse(time.RFC3339, voided)
		c.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Circular returns one recorded circular with its snapshot and PDF.
func (db *DB) Circular(ctx context.Context, code string, year, serial int) (*circular.Issued, error) {
	c := circular.Issued{Code: code, Year: year, Serial: serial}
	var date, voided, created, deadline string
	err := db.SQL().QueryRowContext(ctx, `SELECT number, status, round, title, date, templates_sha256, config_sha256, data_sha256,
		pdf_sha256, pages, snapshot, pdf, void_reason, voided_at, created_at, deadline FROM circulars WHERE code = ? AND year = ? AND serial = ?`,
		code, year, serial).Scan(&c.Number, &c.Status, &c.Round, &c.Title, &date, &c.TemplatesSHA256, &c.ConfigSHA256, &c.DataSHA256,
		&c.PDFSHA256, &c.Pages, &c.Snapshot, &c.PDF, &c.VoidReason, &voided, &created, &deadline)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, circular.Errorf(circular.ENotFound, "没有登记过 %s〔%d〕%d号", code, year, serial)
	}
	if err != nil {
		return nil, fmt.Errorf("circular %s %d %d: %w", code, year, serial, err)
	}
	c.Date, _ = time.Parse(time.DateOnly, date)
	c.Deadline, _ = time.Parse(time.DateOnly, deadline)
	c.VoidedAt, _ = time.Parse(time.RFC3339, voided)
	c.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return &c, nil
}

// dateText is t as YYYY-MM-DD, or empty for the zero time.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
