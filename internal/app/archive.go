package app

import (
	"context"

	"tongbao/internal/records"
)

// Archive writes the records package of the issued circular number into dir:
// the PDF, its DA/T 46 metadata and SHA-256 and SM3 checksums.
func (a *App) Archive(ctx context.Context, number, dir string, overwrite bool) ([]string, error) {
	c, err := a.Issued(ctx, number)
	if err != nil {
		return nil, err
	}
	cfg := a.Config
	retention := cfg.Archive.Retention
	if retention == "" {
		retention = "30年"
	}
	return records.Write(dir, records.Package{
		PDF: c.PDF, Title: c.Title, Number: c.Number, Responsible: cfg.Issuer.Name, Date: c.Date,
		Secrecy: cfg.Circular.Secrecy, Retention: retention, Pages: c.Pages,
		Recipients: cfg.Circular.Recipients, CC: cfg.Circular.CC,
	}, overwrite)
}
