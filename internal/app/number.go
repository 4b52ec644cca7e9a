package app

import (
	"context"
	"strconv"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/excel"
)

// NextNumber returns the number Issue gives next in year when no number is
// asked for, as the register computes it (sqlite.DB.NextSerial) for the
// configured 机关代字 and the year's configured first number.
func (a *App) NextNumber(ctx context.Context, year int) (circular.DocNumber, error) {
	code := a.Config.Issuer.Code
	db, err := a.Open()
	if err != nil {
		return circular.DocNumber{}, err
	}
	defer db.Close()
	next, err := db.NextSerial(ctx, code, year, a.Config.Issuer.FirstNumber[strconv.Itoa(year)])
	if err != nil {
		return circular.DocNumber{}, err
	}
	return circular.DocNumber{Code: code, Year: year, Serial: next}, nil
}

// ExportIssued writes the annex tables of issued circular number as a
// workbook to out, from the snapshot recorded when it was issued: the very
// tables its PDF prints, whatever the templates or data are now. It returns
// the number of sheets.
func (a *App) ExportIssued(ctx context.Context, number, out string) (int, error) {
	c, err := a.Issued(ctx, number)
	if err != nil {
		return 0, err
	}
	snap, err := compose.DecodeSnapshot(c.Snapshot)
	if err != nil {
		return 0, err
	}
	set, err := compose.LoadSet(compose.FilesFS(snap.Files), "（登记时的模板）")
	if err != nil {
		return 0, err
	}
	data := snap.Data
	d, err := set.Compose(&data, snap.Letterhead)
	if err != nil {
		return 0, err
	}
	sheets := AnnexSheets(d)
	if len(sheets) == 0 {
		return 0, circular.Errorf(circular.ENotFound, "%s 没有附件表格可以导出", c.Number)
	}
	info := excel.WorkbookInfo{Title: c.Title + "（附件）", Creator: a.Config.Issuer.Name, Date: c.Date}
	if len(snap.Letterhead.Signers) > 0 {
		info.Creator = snap.Letterhead.Signers[0] // the issuer as recorded
	}
	if err := writeAnnexes(out, sheets, info); err != nil {
		return 0, err
	}
	return len(sheets), nil
}
