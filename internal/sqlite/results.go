package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tongbao/internal/circular"
)

// SiteResults returns the sites' results in round r, in workbook order.
func (db *DB) SiteResults(ctx context.Context, r *circular.Round) ([]circular.SiteResult, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.id, s.code, x.name, x.unit, x.region, x.category, x.closed, x.checked,
		x.verdict, x.vetoes, x.blank_columns, x.stale_columns, x.broken_links, x.stale_days, x.deduction, x.problem, x.note,
		x.deductions FROM site_results x JOIN sites s ON s.id = x.site_id WHERE x.round_id = ? ORDER BY x.seq`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("site results %s: %w", r.Key(), err)
	}
	defer rows.Close()
	var out []circular.SiteResult
	for rows.Next() {
		var s circular.SiteResult
		var verdict, vetoes string
		var blank, stale, links, days sql.NullInt64
		var deduction sql.NullFloat64
		if err := rows.Scan(&s.Site.ID, &s.Code, &s.Name, &s.Unit, &s.Region, &s.Category, &s.Closed, &s.Checked,
			&verdict, &vetoes, &blank, &stale, &links, &days, &deduction, &s.Problem, &s.Result.Note, &s.Deductions); err != nil {
			return nil, fmt.Errorf("site results %s: %w", r.Key(), err)
		}
		s.Verdict, _ = circular.ParseVerdict(verdict)
		s.Vetoes = splitVetoes(vetoes)
		s.BlankColumns, s.StaleColumns, s.BrokenLinks, s.StaleDays = count(blank), count(stale), count(links), count(days)
		s.Deduction = circular.NA
		if deduction.Valid {
			s.Deduction = deduction.Float64
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("site results %s: %w", r.Key(), err)
	}
	return out, nil
}

// AccountResults returns the new-media accounts' results in round r, in workbook order.
func (db *DB) AccountResults(ctx context.Context, r *circular.Round) ([]circular.AccountResult, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT a.id, a.platform, a.name, x.unit, x.region, x.closed, x.checked,
		x.verdict, x.vetoes, x.stale_days, x.problem, x.note, x.deductions
		FROM account_results x JOIN accounts a ON a.id = x.account_id WHERE x.round_id = ? ORDER BY x.seq`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("account results %s: %w", r.Key(), err)
	}
	defer rows.Close()
	var out []circular.AccountResult
	for rows.Next() {
		a := circular.AccountResult{Result: circular.NewResult()}
		var verdict, vetoes string
		var days sql.NullInt64
		if err := rows.Scan(&a.Account.ID, &a.Platform, &a.Name, &a.Unit, &a.Region, &a.Closed, &a.Checked,
			&verdict, &vetoes, &days, &a.Problem, &a.Result.Note, &a.Deductions); err != nil {
			return nil, fmt.Errorf("account results %s: %w", r.Key(), err)
		}
		a.Verdict, _ = circular.ParseVerdict(verdict)
		a.Vetoes = splitVetoes(vetoes)
		a.StaleDays = count(days)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("account results %s: %w", r.Key(), err)
	}
	return out, nil
}

func count(n sql.NullInt64) int {
	if !n.Valid {
		return circular.NA
	}
	return int(n.Int64)
}

func splitVetoes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}
