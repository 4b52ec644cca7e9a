package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// The number registry. Every rule about which number comes next, which may be
// asked for, voided, registered as used elsewhere or taken back lives here,
// so the command line and the workbench (through internal/app) share it.
// Numbers of one 机关代字 and year are given without gaps: the next free number
// is one after the highest recorded (issued, void or used elsewhere), and not
// before the year's configured first number.

// queryer is a connection or a transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// NextSerial returns the next free number of code in year, not before first.
func (db *DB) NextSerial(ctx context.Context, code string, year, first int) (int, error) {
	return nextSerial(ctx, db.sql, code, year, first)
}

func nextSerial(ctx context.Context, q queryer, code string, year, first int) (int, error) {
	var top int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(serial), 0) FROM circulars WHERE code = ? AND year = ?`, code, year).Scan(&top); err != nil {
		return 0, fmt.Errorf("next number: %w", err)
	}
	return max(top+1, first, 1), nil
}

// Pick returns the number an issue would take now: want when it is free and
// skips nothing, the next free number when want is 0. See Register.
func (db *DB) Pick(ctx context.Context, code string, year, first, want int) (int, error) {
	return pick(ctx, db.sql, code, year, first, want)
}

func pick(ctx context.Context, q queryer, code string, year, first, want int) (int, error) {
	next, err := nextSerial(ctx, q, code, year, first)
	if err != nil || want <= 0 {
		return next, err
	}
	n := circular.DocNumber{Code: code, Year: year, Serial: want}
	status, _, err := statusOf(ctx, q, code, year, want)
	switch {
	case err != nil:
		return 0, err
	case status == circular.StatusVoid:
		return 0, circular.Errorf(circular.EConflict, "%s已作废，作废的编号不再使用。下一个可用编号是 %d 号", n, next)
	case status == circular.StatusExternal:
		return 0, circular.Errorf(circular.EConflict, "%s已登记为在别处使用。下一个可用编号是 %d 号", n, next)
	case status != "":
		return 0, circular.Errorf(circular.EConflict, "%s已经使用。下一个可用编号是 %d 号", n, next)
	case want > next:
		return 0, circular.Errorf(circular.EConflict, "不能跳号：%s〔%d〕下一个可用编号是 %d 号。如 %d–%d 号已在别处使用，请先用 tongbao void -external 登记它们", code, year, next, next, want-1)
	}
	return want, nil
}

// statusOf returns the recorded status of a number ("" when not recorded)
// and whether a PDF is kept for it.
func statusOf(ctx context.Context, q queryer, code string, year, serial int) (string, bool, error) {
	var status string
	var hasPDF bool
	err := q.QueryRowContext(ctx, `SELECT status, pdf IS NOT NULL FROM circulars WHERE code = ? AND year = ? AND serial = ?`, code, year, serial).Scan(&status, &hasPDF)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("number status: %w", err)
	}
	return status, hasPDF, nil
}

// Registration asks the register for a number for a circular already
// rendered with it.
type Registration struct {
	// Code, Year and First name the sequence: 机关代字, year, and the year's
	// first number (an office that starts mid-year).
	Code        string
	Year, First int
	// Want is the number asked for; 0 takes the next free one.
	Want int
	// Check, when set, runs inside the write transaction with the circulars
	// already issued (not void) for the circular's round, newest first; an
	// error refuses the registration. It is how the application refuses a
	// second number for one round under any concurrency.
	Check func(issued []circular.Issued) error
}

// MovedError says the number a circular was rendered with is no longer the
// one it would get (another process took it meanwhile): render again with
// Serial and register again.
type MovedError struct{ Serial int }

func (e *MovedError) Error() string { return fmt.Sprintf("number moved to %d", e.Serial) }

// Register records the rendered circular c under the number reg gives, in
// one short write transaction that re-checks everything: Check, the number
// (Pick) and that c.Serial is still that number (else a *MovedError, and
// nothing is written). No typesetting happens inside it, so other writers
// wait only for a few queries. A crash leaves either no record or a whole one.
func (db *DB) Register(ctx context.Context, reg Registration, c *circular.Issued) (*circular.Issued, error) {
	out, err := db.register(ctx, reg, c)
	return out, db.storeError(err)
}

func (db *DB) register(ctx context.Context, reg Registration, c *circular.Issued) (*circular.Issued, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("issue: begin: %w", err)
	}
	defer tx.Rollback()
	if reg.Check != nil {
		issued, err := roundCirculars(ctx, tx, c.Round, true)
		if err != nil {
			return nil, err
		}
		if err := reg.Check(issued); err != nil {
			return nil, err
		}
	}
	serial, err := pick(ctx, tx, reg.Code, reg.Year, reg.First, reg.Want)
	if err != nil {
		return nil, err
	}
	if serial != c.Serial || reg.Code != c.Code || reg.Year != c.Year {
		return nil, &MovedError{Serial: serial}
	}
	out := *c
	out.Status = circular.StatusIssued
	out.CreatedAt = parseTime(nowText()) // as stored
	out.IssuedBy = circular.Actor(ctx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO circulars (code, year, serial, number, status, round, title, date,
		templates_sha256, config_sha256, data_sha256, pdf_sha256, pages, snapshot, pdf, created_at, program_version, deadline, issued_by, ofd_sha256, ofd)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		out.Code, out.Year, out.Serial, out.Number, out.Status, out.Round, out.Title, out.Date.Format(time.DateOnly),
		out.TemplatesSHA256, out.ConfigSHA256, out.DataSHA256, out.PDFSHA256, out.Pages, out.Snapshot, out.PDF,
		timeText(out.CreatedAt), out.ProgramVersion, dateText(out.Deadline), out.IssuedBy, out.OFDSHA256, out.OFD); err != nil {
		return nil, fmt.Errorf("issue: record: %w", err)
	}
	if err := logActivity(ctx, tx, timeText(out.CreatedAt), "issue", out.Number, out.Title); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("issue: commit: %w", err)
	}
	return &out, nil
}

// PreviousDate returns the 成文日期 of the nearest number below serial of code
// in year that has one (an issued or voided circular); zero when none has.
func (db *DB) PreviousDate(ctx context.Context, code string, year, serial int) (circular.Issued, error) {
	var c circular.Issued
	var date string
	err := db.sql.QueryRowContext(ctx, `SELECT number, serial, date FROM circulars WHERE code = ? AND year = ? AND serial < ? AND date != ''
		ORDER BY serial DESC LIMIT 1`, code, year, serial).Scan(&c.Number, &c.Serial, &date)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("previous date: %w", err)
	}
	c.Code, c.Year = code, year
	c.Date, _ = time.Parse(time.DateOnly, date)
	return c, nil
}

// Mark registers numbers as void or as used elsewhere.
type Mark struct {
	Code string
	Year int
	// From and Through are the numbers; Through 0 means From alone.
	From, Through int
	// Status is circular.StatusVoid or circular.StatusExternal.
	Status string
	Reason string
	// Own is true for the office's own 代字, whose numbers are given without
	// gaps: a number past the next free one is refused unless the range
	// starts at or before it. First is its year's first number.
	Own   bool
	First int
}

// MarkNumbers registers m's numbers in one transaction, recording each in
// the register's history, and returns them formatted. An issued circular can
// be voided (its PDF is kept); any other number already recorded is refused,
// as is a range holding any recorded number.
func (db *DB) MarkNumbers(ctx context.Context, m Mark) ([]string, error) {
	out, err := db.markNumbers(ctx, m)
	return out, db.storeError(err)
}

func (db *DB) markNumbers(ctx context.Context, m Mark) ([]string, error) {
	if m.Through == 0 {
		m.Through = m.From
	}
	if m.From < 1 || m.Through < m.From {
		return nil, circular.Errorf(circular.EInvalid, "编号范围 %d–%d 号不对：结束的编号不能小于开始的编号", m.From, m.Through)
	}
	if m.Through-m.From >= 1000 {
		return nil, circular.Errorf(circular.EInvalid, "编号范围 %d–%d 号太大：一次最多登记 1000 个编号", m.From, m.Through)
	}
	if m.Status != circular.StatusVoid && m.Status != circular.StatusExternal {
		return nil, fmt.Errorf("mark: status %q", m.Status)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("void: begin: %w", err)
	}
	defer tx.Rollback()
	num := func(s int) string { return circular.DocNumber{Code: m.Code, Year: m.Year, Serial: s}.String() }
	if m.Own {
		next, err := nextSerial(ctx, tx, m.Code, m.Year, m.First)
		if err != nil {
			return nil, err
		}
		if m.From > next {
			if m.From == m.Through {
				return nil, circular.Errorf(circular.EConflict, "不能跳号：%s〔%d〕下一个可用编号是 %d 号，登记 %d 号会让 %d–%d 号成为空号。如这些编号也已作废或在别处用掉，请从 %d 号起连同它们一起登记（用 -through 写明范围的最后一个编号）",
					m.Code, m.Year, next, m.From, next, m.From-1, next)
			}
			return nil, circular.Errorf(circular.EConflict, "不能跳号：%s〔%d〕下一个可用编号是 %d 号，范围 %d–%d 号之前会留下 %d–%d 号空号。请从 %d 号起登记",
				m.Code, m.Year, next, m.From, m.Through, next, m.From-1, next)
		}
	}
	now := nowText()
	var done []string
	for s := m.From; s <= m.Through; s++ {
		status, _, err := statusOf(ctx, tx, m.Code, m.Year, s)
		if err != nil {
			return nil, err
		}
		switch {
		case status == circular.StatusVoid:
			return nil, circular.Errorf(circular.EConflict, "%s 已经作废过了", num(s))
		case status == circular.StatusExternal:
			return nil, circular.Errorf(circular.EConflict, "%s 已经登记为在别处使用", num(s))
		case status == circular.StatusIssued && m.From != m.Through:
			return nil, circular.Errorf(circular.EConflict, "范围中的 %s 已由 tongbao 印发。作废已印发的通报请单独写明它的文号", num(s))
		case status == circular.StatusIssued && m.Status == circular.StatusExternal:
			return nil, circular.Errorf(circular.EConflict, "%s 已由 tongbao 印发，不能登记为在别处使用。要作废它，请去掉 -external", num(s))
		case status == circular.StatusIssued:
			_, err = tx.ExecContext(ctx, `UPDATE circulars SET status = 'void', void_reason = ?, voided_at = ?, voided_by = ? WHERE code = ? AND year = ? AND serial = ?`,
				m.Reason, now, circular.Actor(ctx), m.Code, m.Year, s)
		default:
			_, err = tx.ExecContext(ctx, `INSERT INTO circulars (code, year, serial, number, status, void_reason, voided_at, created_at, voided_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.Code, m.Year, s, num(s), m.Status, m.Reason, now, now, circular.Actor(ctx))
		}
		if err != nil {
			return nil, fmt.Errorf("void %s: %w", num(s), err)
		}
		if err := logEvent(ctx, tx, m.Code, m.Year, s, m.Status, m.Reason, now); err != nil {
			return nil, err
		}
		done = append(done, num(s))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("void: commit: %w", err)
	}
	return done, nil
}

// logEvent records a void, external or unvoid of a number in the register's
// history and the activity log.
func logEvent(ctx context.Context, tx *sql.Tx, code string, year, serial int, action, reason, at string) error {
	number := circular.DocNumber{Code: code, Year: year, Serial: serial}.String()
	_, err := tx.ExecContext(ctx, `INSERT INTO register_events (code, year, serial, number, action, reason, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		code, year, serial, number, action, reason, at, circular.Actor(ctx))
	if err != nil {
		return fmt.Errorf("register history: %w", err)
	}
	return logActivity(ctx, tx, at, action, number, reason)
}

// Unvoid takes back a void (or used-elsewhere) registration, recording it in
// the register's history. A voided circular becomes issued again, unless its
// round has been issued anew since; a number that was never issued becomes
// free again, but only while no later number is recorded (it would be a gap).
// It returns the number's status afterwards ("" when free).
func (db *DB) Unvoid(ctx context.Context, code string, year, serial int, reason string) (string, error) {
	s, err := db.unvoid(ctx, code, year, serial, reason)
	return s, db.storeError(err)
}

func (db *DB) unvoid(ctx context.Context, code string, year, serial int, reason string) (string, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("unvoid: begin: %w", err)
	}
	defer tx.Rollback()
	n := circular.DocNumber{Code: code, Year: year, Serial: serial}
	status, hasPDF, err := statusOf(ctx, tx, code, year, serial)
	if err != nil {
		return "", err
	}
	var after string
	switch {
	case status == "":
		return "", circular.Errorf(circular.ENotFound, "%s 没有登记过，无需撤销", n)
	case status == circular.StatusIssued:
		return "", circular.Errorf(circular.EConflict, "%s 没有作废，无需撤销", n)
	case hasPDF:
		var round string
		if err := tx.QueryRowContext(ctx, `SELECT round FROM circulars WHERE code = ? AND year = ? AND serial = ?`, code, year, serial).Scan(&round); err != nil {
			return "", fmt.Errorf("unvoid: %w", err)
		}
		issued, err := roundCirculars(ctx, tx, round, true)
		if err != nil {
			return "", err
		}
		if len(issued) > 0 {
			return "", circular.Errorf(circular.EConflict, "轮次 %s 已另行印发为 %s，不能再恢复 %s。如确需恢复，请先作废 %s", round, issued[0].Number, n, issued[0].Number)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE circulars SET status = 'issued', void_reason = '', voided_at = '', voided_by = '' WHERE code = ? AND year = ? AND serial = ?`,
			code, year, serial); err != nil {
			return "", fmt.Errorf("unvoid: %w", err)
		}
		after = circular.StatusIssued
	default:
		var later int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(serial), 0) FROM circulars WHERE code = ? AND year = ? AND serial > ?`, code, year, serial).Scan(&later); err != nil {
			return "", fmt.Errorf("unvoid: %w", err)
		}
		if later > 0 {
			return "", circular.Errorf(circular.EConflict, "%s 之后的 %s 已经登记，撤销后 %d 号会成为空号，所以不能撤销。只能从最后一个登记的编号起依次撤销",
				n, circular.DocNumber{Code: code, Year: year, Serial: later}, serial)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM circulars WHERE code = ? AND year = ? AND serial = ?`, code, year, serial); err != nil {
			return "", fmt.Errorf("unvoid: %w", err)
		}
	}
	if err := logEvent(ctx, tx, code, year, serial, "unvoid", reason, nowText()); err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("unvoid: commit: %w", err)
	}
	return after, nil
}

// Event is one entry of the register's history: a number voided, registered
// as used elsewhere, or taken back.
type Event struct {
	Number string
	// Action is void, external or unvoid.
	Action string
	Reason string
	At     time.Time
	// Actor is who did it ("" when not recorded).
	Actor string
}

// Events lists the register's history of code's numbers in year, oldest first.
func (db *DB) Events(ctx context.Context, code string, year int) ([]Event, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT number, action, reason, at, actor FROM register_events WHERE code = ? AND year = ? ORDER BY id`, code, year)
	if err != nil {
		return nil, fmt.Errorf("register history: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&e.Number, &e.Action, &e.Reason, &at, &e.Actor); err != nil {
			return nil, fmt.Errorf("register history: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// roundCirculars returns the register's entries for round key, newest first;
// only the issued ones when issuedOnly.
func roundCirculars(ctx context.Context, q queryer, key string, issuedOnly bool) ([]circular.Issued, error) {
	query := `SELECT ` + listColumns + ` FROM circulars WHERE round = ?`
	if issuedOnly {
		query += ` AND status = 'issued'`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY year DESC, serial DESC`, key)
	if err != nil {
		return nil, fmt.Errorf("round circulars: %w", err)
	}
	return scanList(rows)
}

// RoundCirculars returns the register's entries for round key, void ones
// included, newest first.
func (db *DB) RoundCirculars(ctx context.Context, key string) ([]circular.Issued, error) {
	return roundCirculars(ctx, db.sql, key, false)
}

const listColumns = `code, year, serial, number, status, round, title, date, pdf_sha256, pages, void_reason, voided_at, created_at, deadline, issued_by, voided_by`

func scanList(rows *sql.Rows) ([]circular.Issued, error) {
	defer rows.Close()
	var out []circular.Issued
	for rows.Next() {
		var c circular.Issued
		var date, voided, created, deadline string
		if err := rows.Scan(&c.Code, &c.Year, &c.Serial, &c.Number, &c.Status, &c.Round, &c.Title, &date, &c.PDFSHA256, &c.Pages,
			&c.VoidReason, &voided, &created, &deadline, &c.IssuedBy, &c.VoidedBy); err != nil {
			return nil, fmt.Errorf("list circulars: %w", err)
		}
		c.Deadline, _ = time.Parse(time.DateOnly, deadline)
		c.Date, _ = time.Parse(time.DateOnly, date)
		c.VoidedAt = parseTime(voided)
		c.CreatedAt = parseTime(created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Circulars lists the registry, newest first, without snapshots and PDFs.
func (db *DB) Circulars(ctx context.Context) ([]circular.Issued, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+listColumns+` FROM circulars ORDER BY year DESC, code, serial DESC`)
	if err != nil {
		return nil, fmt.Errorf("list circulars: %w", err)
	}
	return scanList(rows)
}

// Circular returns one recorded circular with its snapshot and PDF.
func (db *DB) Circular(ctx context.Context, code string, year, serial int) (*circular.Issued, error) {
	c := circular.Issued{Code: code, Year: year, Serial: serial}
	var date, voided, created, deadline string
	err := db.sql.QueryRowContext(ctx, `SELECT number, status, round, title, date, templates_sha256, config_sha256, data_sha256,
		pdf_sha256, pages, snapshot, pdf, void_reason, voided_at, created_at, program_version, deadline, issued_by, voided_by, ofd_sha256, ofd FROM circulars WHERE code = ? AND year = ? AND serial = ?`,
		code, year, serial).Scan(&c.Number, &c.Status, &c.Round, &c.Title, &date, &c.TemplatesSHA256, &c.ConfigSHA256, &c.DataSHA256,
		&c.PDFSHA256, &c.Pages, &c.Snapshot, &c.PDF, &c.VoidReason, &voided, &created, &c.ProgramVersion, &deadline, &c.IssuedBy, &c.VoidedBy, &c.OFDSHA256, &c.OFD)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, circular.Errorf(circular.ENotFound, "没有登记过 %s〔%d〕%d号", code, year, serial)
	}
	if err != nil {
		return nil, fmt.Errorf("circular %s %d %d: %w", code, year, serial, err)
	}
	c.Date, _ = time.Parse(time.DateOnly, date)
	c.Deadline, _ = time.Parse(time.DateOnly, deadline)
	c.VoidedAt = parseTime(voided)
	c.CreatedAt = parseTime(created)
	return &c, nil
}

// issuedNumbers joins the numbers of circulars for a message.
func issuedNumbers(list []circular.Issued) string {
	var s []string
	for _, c := range list {
		s = append(s, c.Number)
	}
	return strings.Join(s, "、")
}

// dateText is t as YYYY-MM-DD, or empty for the zero time.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
