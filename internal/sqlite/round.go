package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// Source names where a round's results came from, kept with the round.
type Source struct {
	// Name is the workbook's file name; SHA256 its checksum (hex).
	Name   string
	SHA256 string
}

// Import is one round to import and the workbook it came from.
type Import struct {
	Results *circular.RoundResults
	Source  Source
	// ReplaceIssued confirms replacing a round that has an issued circular
	// (the next quarter's recheck reads it); without it that is refused.
	ReplaceIssued bool
}

// ImportRound stores one round with all its results; see ImportRounds.
func (db *DB) ImportRound(ctx context.Context, rr *circular.RoundResults, src Source, replace bool) error {
	return db.ImportRounds(ctx, []Import{{Results: rr, Source: src}}, replace)
}

// ImportRounds stores rounds with all their results in one transaction:
// either all of them land or nothing does. A round that exists is refused
// unless replace is set; replacing swaps the old results for the new in the
// same transaction (the round keeps its identity).
func (db *DB) ImportRounds(ctx context.Context, imports []Import, replace bool) error {
	return db.storeError(db.importRounds(ctx, imports, replace))
}

func (db *DB) importRounds(ctx context.Context, imports []Import, replace bool) error {
	seen := map[string]string{}
	for _, im := range imports {
		key := im.Results.Round.Key()
		if key == "" {
			return circular.Errorf(circular.EInvalid, "%s：轮次没有检查期间：季度、月份、半年或起止日期（加轮次名称）至少要有一项", im.Source.Name)
		}
		if other, ok := seen[key]; ok {
			return circular.Errorf(circular.EInvalid, "%s 和 %s 是同一轮次 %s，一次只能导入其中一个", other, im.Source.Name, key)
		}
		seen[key] = im.Source.Name
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import: begin: %w", err)
	}
	defer tx.Rollback()
	for _, im := range imports {
		if err := importRound(ctx, tx, im, replace); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import: commit: %w", err)
	}
	return nil
}

func importRound(ctx context.Context, tx *sql.Tx, im Import, replace bool) error {
	rr, src := im.Results, im.Source
	r := rr.Round
	key := r.Key()
	var id int64
	var importedAt, oldSource string
	err := tx.QueryRowContext(ctx, `SELECT id, imported_at, source FROM rounds WHERE key = ?`, key).Scan(&id, &importedAt, &oldSource)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id = 0
	case err != nil:
		return fmt.Errorf("import %s: find round: %w", key, err)
	case !replace:
		return circular.Errorf(circular.EConflict, "轮次 %s 已经导入过（%s，导入于 %s）。", key, orDash(oldSource), localTime(importedAt))
	case !im.ReplaceIssued:
		issued, err := roundCirculars(ctx, tx, key, true)
		if err != nil {
			return err
		}
		if len(issued) > 0 {
			return circular.Errorf(circular.EConflict, "轮次 %s 已经印发为 %s。替换它的数据不会改变已印发的通报，但下一季度通报的复查会按新数据计算。确认要替换时，命令行请加 -replace-issued，工作台请勾选「确认替换已印发轮次的数据」。", key, issuedNumbers(issued))
		}
	}

	now := nowText()
	args := []any{key, r.Year, r.Quarter, r.Label, r.Scope.String(), nullShare(r), nullDate(r.SampleStart), nullDate(r.SampleEnd),
		nullCount(r.Reports), nullCount(r.ReportsOnTime), r.Note, src.Name, src.SHA256, now,
		r.Month, r.Half, nullDate(r.PeriodStart), nullDate(r.PeriodEnd)}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO rounds (key, year, quarter, label, scope, share, sample_start, sample_end,
			reports, reports_on_time, note, source, source_sha256, imported_at, month, half, period_start, period_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return fmt.Errorf("import %s: insert round: %w", key, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("import %s: round id: %w", key, err)
		}
	} else {
		if _, err := tx.ExecContext(ctx, `UPDATE rounds SET key = ?, year = ?, quarter = ?, label = ?, scope = ?, share = ?,
			sample_start = ?, sample_end = ?, reports = ?, reports_on_time = ?, note = ?, source = ?, source_sha256 = ?,
			imported_at = ?, month = ?, half = ?, period_start = ?, period_end = ? WHERE id = ?`, append(args, id)...); err != nil {
			return fmt.Errorf("import %s: update round: %w", key, err)
		}
		if err := keepKinds(ctx, tx, id, rr, src); err != nil {
			return err
		}
		for _, table := range []string{"site_results", "account_results", "round_figures"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE round_id = ?`, id); err != nil {
				return fmt.Errorf("import %s: clear %s: %w", key, table, err)
			}
		}
	}
	for i, f := range r.Figures {
		if _, err := tx.ExecContext(ctx, `INSERT INTO round_figures (round_id, seq, name, value) VALUES (?, ?, ?, ?)`,
			id, i+1, f.Name, f.Value); err != nil {
			return fmt.Errorf("import %s: figure %s: %w", key, f.Name, dupError(err, "数字", f.Name))
		}
	}
	if err := insertSites(ctx, tx, id, rr.Sites); err != nil {
		return fmt.Errorf("import %s: %w", key, err)
	}
	action := "import"
	if importedAt != "" {
		action = "replace"
	}
	if err := logRoundEvent(ctx, tx, key, action); err != nil {
		return err
	}
	if err := insertAccounts(ctx, tx, id, rr.Accounts); err != nil {
		return fmt.Errorf("import %s: %w", key, err)
	}
	return nil
}

// keepKinds refuses a replacement that would empty a kind (websites or
// accounts) the stored round has results for: a sheet left out or not
// recognised must never wipe what was imported before.
func keepKinds(ctx context.Context, tx *sql.Tx, id int64, rr *circular.RoundResults, src Source) error {
	for _, k := range []struct {
		table, what string
		n           int
	}{{"site_results", "政府网站", len(rr.Sites)}, {"account_results", "政务新媒体", len(rr.Accounts)}} {
		if k.n > 0 {
			continue
		}
		var stored int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+k.table+` WHERE round_id = ?`, id).Scan(&stored); err != nil {
			return fmt.Errorf("import %s: count %s: %w", rr.Round.Key(), k.table, err)
		}
		if stored > 0 {
			return circular.Errorf(circular.EConflict, "%s 没有%s的检查结果，替换会清空轮次 %s 已导入的 %d 个%s，没有导入任何数据。"+
				"请核对工作簿中的「%s」表；如本轮确实没有检查%s，请先删除这个轮次再导入。",
				orDash(src.Name), k.what, rr.Round.Key(), stored, k.what, k.what, k.what)
		}
	}
	return nil
}

func insertSites(ctx context.Context, tx *sql.Tx, roundID int64, sites []circular.SiteResult) error {
	upsert, err := tx.PrepareContext(ctx, `INSERT INTO sites (code) VALUES (?) ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id`)
	if err != nil {
		return fmt.Errorf("prepare sites: %w", err)
	}
	defer upsert.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO site_results (round_id, site_id, seq, name, unit, region, category, closed,
		checked, verdict, vetoes, blank_columns, stale_columns, broken_links, stale_days, deduction, problem, note, deductions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare site results: %w", err)
	}
	defer ins.Close()
	for i, s := range sites {
		var siteID int64
		if err := upsert.QueryRowContext(ctx, s.Code).Scan(&siteID); err != nil {
			return fmt.Errorf("site %s: %w", s.Code, err)
		}
		if _, err := ins.ExecContext(ctx, roundID, siteID, i+1, s.Name, s.Unit, s.Region, s.Category, s.Closed,
			s.Checked, s.Verdict.String(), strings.Join(s.Vetoes, "、"), nullCount(s.BlankColumns), nullCount(s.StaleColumns),
			nullCount(s.BrokenLinks), nullCount(s.StaleDays), nullScore(s.Deduction), s.Problem, s.Result.Note, s.Deductions); err != nil {
			return fmt.Errorf("site %s result: %w", s.Code, dupError(err, "网站标识码", s.Code))
		}
	}
	return nil
}

func insertAccounts(ctx context.Context, tx *sql.Tx, roundID int64, accounts []circular.AccountResult) error {
	upsert, err := tx.PrepareContext(ctx, `INSERT INTO accounts (platform, name) VALUES (?, ?)
		ON CONFLICT (platform, name) DO UPDATE SET name = excluded.name RETURNING id`)
	if err != nil {
		return fmt.Errorf("prepare accounts: %w", err)
	}
	defer upsert.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO account_results (round_id, account_id, seq, unit, region, closed,
		checked, verdict, vetoes, stale_days, problem, note, deductions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare account results: %w", err)
	}
	defer ins.Close()
	for i, a := range accounts {
		var accountID int64
		if err := upsert.QueryRowContext(ctx, a.Platform, a.Name).Scan(&accountID); err != nil {
			return fmt.Errorf("account %s %s: %w", a.Platform, a.Name, err)
		}
		if _, err := ins.ExecContext(ctx, roundID, accountID, i+1, a.Unit, a.Region, a.Closed, a.Checked, a.Verdict.String(),
			strings.Join(a.Vetoes, "、"), nullCount(a.StaleDays), a.Problem, a.Result.Note, a.Deductions); err != nil {
			return fmt.Errorf("account %s %s result: %w", a.Platform, a.Name, dupError(err, "政务新媒体", a.Platform+"「"+a.Name+"」"))
		}
	}
	return nil
}

// dupError turns a primary-key clash (the same site twice in a round, which
// the workbook reader reports first) into a user-facing error.
func dupError(err error, what, name string) error {
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return circular.Wrap(err, circular.EInvalid, fmt.Sprintf("同一轮次中%s %s 出现了两次", what, name))
	}
	return err
}

const roundColumns = `id, key, year, quarter, label, scope, share, sample_start, sample_end, reports, reports_on_time, note,
	month, half, period_start, period_end`

func scanRound(row interface{ Scan(...any) error }) (*circular.Round, error) {
	var r circular.Round
	var key, scope string
	var share sql.NullFloat64
	var start, end, pstart, pend sql.NullString
	var reports, onTime sql.NullInt64
	if err := row.Scan(&r.ID, &key, &r.Year, &r.Quarter, &r.Label, &scope, &share, &start, &end, &reports, &onTime, &r.Note,
		&r.Month, &r.Half, &pstart, &pend); err != nil {
		return nil, err
	}
	r.PeriodStart = parseDate(pstart)
	r.PeriodEnd = parseDate(pend)
	r.Scope, _ = circular.ParseScope(scope)
	r.Share = share.Float64
	r.SampleStart = parseDate(start)
	r.SampleEnd = parseDate(end)
	r.Reports, r.ReportsOnTime = circular.NA, circular.NA
	if reports.Valid {
		r.Reports = int(reports.Int64)
	}
	if onTime.Valid {
		r.ReportsOnTime = int(onTime.Int64)
	}
	return &r, nil
}

// allRounds returns every round in time order (circular.Round.Before).
func (db *DB) allRounds(ctx context.Context) ([]*circular.Round, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+roundColumns+` FROM rounds`)
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	defer rows.Close()
	var out []*circular.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, fmt.Errorf("list rounds: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	figs, err := db.figures(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, r := range out {
		r.Figures = figs[r.ID]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Before(*out[j]) })
	return out, nil
}

// figures returns the named figures of round id (every round when id is 0)
// by round, in workbook order.
func (db *DB) figures(ctx context.Context, id int64) (map[int64][]circular.Figure, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT round_id, name, value FROM round_figures WHERE ? IN (0, round_id) ORDER BY round_id, seq`, id)
	if err != nil {
		return nil, fmt.Errorf("round figures: %w", err)
	}
	defer rows.Close()
	out := map[int64][]circular.Figure{}
	for rows.Next() {
		var rid int64
		var f circular.Figure
		if err := rows.Scan(&rid, &f.Name, &f.Value); err != nil {
			return nil, fmt.Errorf("round figures: %w", err)
		}
		out[rid] = append(out[rid], f)
	}
	return out, rows.Err()
}

// Round returns the round named key: 2019Q1 (or 2019年第一季度), or a free label.
func (db *DB) Round(ctx context.Context, key string) (*circular.Round, error) {
	return db.findRound(ctx, db.sql, key)
}

func (db *DB) findRound(ctx context.Context, q queryer, key string) (*circular.Round, error) {
	k := strings.TrimSpace(key)
	if p, ok := circular.ParsePeriodKey(k); ok {
		k = p.Key()
	}
	r, err := scanRound(q.QueryRowContext(ctx, `SELECT `+roundColumns+` FROM rounds WHERE key = ?`, k))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, db.notFound(ctx, key)
	}
	if err != nil {
		return nil, fmt.Errorf("round %s: %w", key, err)
	}
	figs, err := db.figures(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	r.Figures = figs[r.ID]
	return r, nil
}

// notFound explains a missing round and lists the ones there are.
func (db *DB) notFound(ctx context.Context, key string) error {
	rounds, err := db.allRounds(ctx)
	if err != nil {
		return err
	}
	if len(rounds) == 0 {
		return circular.Errorf(circular.ENotFound, "数据库中还没有任何轮次。请先导入检查结果工作簿（命令 tongbao import，或网页工作台的“检查轮次”页）")
	}
	keys := make([]string, len(rounds))
	for i, r := range rounds {
		keys[i] = r.Key()
	}
	return circular.Errorf(circular.ENotFound, "数据库中没有轮次「%s」。已导入的轮次：%s", key, strings.Join(keys, "、"))
}

// LatestRound returns the latest round in time.
func (db *DB) LatestRound(ctx context.Context) (*circular.Round, error) {
	rounds, err := db.allRounds(ctx)
	if err != nil {
		return nil, err
	}
	if len(rounds) == 0 {
		return nil, circular.Errorf(circular.ENotFound, "数据库中还没有任何轮次。请先导入检查结果工作簿（命令 tongbao import，或网页工作台的“检查轮次”页）")
	}
	return rounds[len(rounds)-1], nil
}

// PreviousRound returns the round just before r in time, or nil when r is the first.
func (db *DB) PreviousRound(ctx context.Context, r *circular.Round) (*circular.Round, error) {
	rounds, err := db.allRounds(ctx)
	if err != nil {
		return nil, err
	}
	var prev *circular.Round
	for _, x := range rounds {
		if x.ID == r.ID {
			return prev, nil
		}
		prev = x
	}
	return nil, circular.Errorf(circular.ENotFound, "数据库中没有轮次「%s」", r.Key())
}

// Rounds returns every round in time order with its figures counted from
// the stored results.
func (db *DB) Rounds(ctx context.Context) ([]circular.Summary, error) {
	rounds, err := db.allRounds(ctx)
	if err != nil {
		return nil, err
	}
	counts := func(table string) (map[int64]circular.Count, error) {
		rows, err := db.sql.QueryContext(ctx, `SELECT round_id, SUM(closed = 0), SUM(checked), SUM(checked AND verdict = '不合格')
			FROM `+table+` GROUP BY round_id`)
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", table, err)
		}
		defer rows.Close()
		m := map[int64]circular.Count{}
		for rows.Next() {
			var id int64
			var c circular.Count
			if err := rows.Scan(&id, &c.Running, &c.Checked, &c.Failing); err != nil {
				return nil, fmt.Errorf("count %s: %w", table, err)
			}
			m[id] = c
		}
		return m, rows.Err()
	}
	sites, err := counts("site_results")
	if err != nil {
		return nil, err
	}
	accounts, err := counts("account_results")
	if err != nil {
		return nil, err
	}
	out := make([]circular.Summary, len(rounds))
	for i, r := range rounds {
		out[i] = circular.Summary{Round: *r, Sites: sites[r.ID], Accounts: accounts[r.ID]}
	}
	return out, nil
}

// DeleteRound removes round key (2019Q1 or its label) and all its results in
// one transaction, and returns it. A round with an issued circular is
// refused: the circular and the next quarter's recheck rest on its data.
// Void entries of the register stay.
func (db *DB) DeleteRound(ctx context.Context, key string) (*circular.Round, error) {
	r, err := db.deleteRound(ctx, key)
	return r, db.storeError(err)
}

func (db *DB) deleteRound(ctx context.Context, key string) (*circular.Round, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("delete round: begin: %w", err)
	}
	defer tx.Rollback()
	r, err := db.findRound(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	issued, err := roundCirculars(ctx, tx, r.Key(), true)
	if err != nil {
		return nil, err
	}
	if len(issued) > 0 {
		return nil, circular.Errorf(circular.EConflict, "轮次 %s 已经印发为 %s，不能删除。数据有误时，请用 tongbao import -replace -replace-issued 替换它的数据", r.Key(), issuedNumbers(issued))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rounds WHERE id = ?`, r.ID); err != nil {
		return nil, fmt.Errorf("delete round %s: %w", r.Key(), err)
	}
	if err := logRoundEvent(ctx, tx, r.Key(), "delete"); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("delete round: commit: %w", err)
	}
	return r, nil
}

func nullCount(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

func nullScore(f float64) any {
	if f < 0 {
		return nil
	}
	return f
}

func nullShare(r circular.Round) any {
	if r.Scope != circular.ScopeSample || r.Share <= 0 {
		return nil
	}
	return r.Share
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

func parseDate(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(time.DateOnly, s.String)
	return t
}

func orDash(s string) string {
	if s == "" {
		return "来源未记录"
	}
	return s
}

// localTime shows a stored moment in Beijing time, as a clerk reads it.
func localTime(s string) string {
	t := parseTime(s)
	if t.IsZero() {
		return s
	}
	return circular.BeijingTime(t).Format("2006-01-02 15:04")
}

// logRoundEvent records that round key was imported, replaced or deleted,
// by whom (circular.Actor) and when, in the round's history and the
// activity log.
func logRoundEvent(ctx context.Context, tx *sql.Tx, key, action string) error {
	at := nowText()
	_, err := tx.ExecContext(ctx, `INSERT INTO round_events (round, action, actor, at) VALUES (?, ?, ?, ?)`,
		key, action, circular.Actor(ctx), at)
	if err != nil {
		return fmt.Errorf("round history: %w", err)
	}
	return logActivity(ctx, tx, at, action, key, "")
}

// RoundEvent is one entry of a round's history: imported, replaced or
// deleted, by whom.
type RoundEvent struct {
	Round string
	// Action is import, replace or delete.
	Action string
	Actor  string
	At     time.Time
}

// RoundEvents lists the history of round key, oldest first.
func (db *DB) RoundEvents(ctx context.Context, key string) ([]RoundEvent, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT round, action, actor, at FROM round_events WHERE round = ? ORDER BY id`, key)
	if err != nil {
		return nil, fmt.Errorf("round history: %w", err)
	}
	defer rows.Close()
	var out []RoundEvent
	for rows.Next() {
		var e RoundEvent
		var at string
		if err := rows.Scan(&e.Round, &e.Action, &e.Actor, &at); err != nil {
			return nil, fmt.Errorf("round history: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
