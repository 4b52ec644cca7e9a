package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
	"tongbao/internal/excel"
)

// ExportPath is where a round's annex workbook goes by default.
func (a *App) ExportPath(r *circular.Round) string {
	return filepath.Join(a.Config.OutputDir(), r.Key()+" 附件.xlsx")
}

// Export writes the annex tables of round key's circular as a workbook to out
// (ExportPath when empty): the same tables the PDF prints. It returns the
// path and the number of sheets.
func (a *App) Export(ctx context.Context, key, out string) (string, int, error) {
	db, err := a.Open()
	if err != nil {
		return "", 0, err
	}
	defer db.Close()
	p, err := a.Prepare(ctx, db, key, today(), "")
	if err != nil {
		return "", 0, err
	}
	data := p.Snapshot.Data
	d, err := p.Set.Compose(&data, p.Snapshot.Letterhead)
	if err != nil {
		return "", 0, err
	}
	sheets := AnnexSheets(d)
	if len(sheets) == 0 {
		return "", 0, circular.Errorf(circular.ENotFound, "%s 的通报没有附件表格可以导出", p.Round.Key())
	}
	if out == "" {
		out = a.ExportPath(p.Round)
	}
	info := excel.WorkbookInfo{Title: d.Info.Title + "（附件）", Creator: a.Config.Issuer.Name, Date: p.Snapshot.Data.Date}
	if err := writeAnnexes(out, sheets, info); err != nil {
		return "", 0, err
	}
	return out, len(sheets), nil
}

// writeAnnexes writes the annex workbook to out atomically, as the PDFs are
// written.
func writeAnnexes(out string, sheets []excel.AnnexSheet, info excel.WorkbookInfo) error {
	var buf bytes.Buffer
	if err := excel.WriteAnnexes(&buf, sheets, info); err != nil {
		return fmt.Errorf("annex workbook: %w", err)
	}
	return writeOutput(out, buf.Bytes())
}

// AnnexSheets collects the annex tables of a document, one per annex.
func AnnexSheets(d *doc.Document) []excel.AnnexSheet {
	var sheets []excel.AnnexSheet
	for _, an := range d.Annexes {
		for _, b := range an.Blocks {
			if t, ok := b.(*doc.Table); ok {
				sheets = append(sheets, excel.AnnexSheet{Label: an.Label, Title: strings.ReplaceAll(an.Title, "\n", "") + an.Subtitle, Table: t})
				break
			}
		}
	}
	return sheets
}

// today is the current date in Beijing time, at midnight UTC as dates are kept.
func today() time.Time {
	now := circular.BeijingTime(time.Now())
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// BlankWorkbook writes the blank workbook a clerk fills in with the national
// platform list (see excel.WriteBlank); App.BlankWorkbook uses the office's.
func BlankWorkbook(w io.Writer) error { return excel.WriteBlank(w) }

// BlankWorkbook writes the blank workbook with the office's platforms in the
// 新媒体类型 drop-down and 填表说明.
func (a *App) BlankWorkbook(w io.Writer) error { return excel.WriteBlankWith(w, a.ExcelOptions()) }
