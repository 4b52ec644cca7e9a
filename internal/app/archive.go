package app

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/doc"
	"tongbao/internal/records"
)

// Archive writes the records package of the issued circular number into dir:
// the PDF (and the OFD when one was issued), the metadata (DA/T 46's entity
// layout with GB/T 33480's 公文 elements, read from the circular as composed
// from its snapshot) and SHA-256 and SM3 checksums. archived is the date of
// the 归档 action recorded in the metadata.
func (a *App) Archive(ctx context.Context, number, dir string, overwrite bool, archived time.Time) ([]string, error) {
	c, err := a.Issued(ctx, number)
	if err != nil {
		return nil, err
	}
	d, err := composeSnapshot(c.Snapshot)
	if err != nil {
		return nil, err
	}
	cfg := a.Config
	retention := cfg.Archive.Retention
	if retention == "" {
		retention = "30年"
	}
	p := records.Package{
		PDF: c.PDF, OFD: c.OFD, Title: c.Title, Number: c.Number, Responsible: cfg.Issuer.Name, Date: c.Date,
		Secrecy: d.Header.Secrecy, Retention: retention, Pages: c.Pages,
		Recipients: d.Recipients, CopyNumber: d.Header.CopyNumber, Urgency: d.Header.Urgency,
		Mark:        strings.Join(d.Header.Issuers, "、") + d.Header.MarkSuffix,
		Signers:     strings.Join(d.Header.Signers, "、"),
		Attachments: d.Attachments, Signature: strings.Join(d.Signature.Names, "、"), Note: d.Note,
		Publication: cfg.Archive.Publication,
		Unit:        cfg.Archive.Unit, Fonds: cfg.Archive.Fonds, Organization: cfg.Archive.Organization,
		Creator: Creator(c), Issued: c.CreatedAt, Archived: archived,
	}
	if d.Record != nil {
		p.CC, p.Printer = d.Record.CC, d.Record.Printer
		p.PrintDate = chineseDate(d.Record.PrintDate)
	}
	files, err := records.Write(dir, p, overwrite)
	if err != nil {
		return nil, err
	}
	return files, a.Log(ctx, ActArchive, c.Number, dir)
}

var chineseDateRE = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)

// chineseDate reads a date as printed (2019年4月12日); zero when s holds none.
func chineseDate(s string) time.Time {
	m := chineseDateRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.Local)
}

// composeSnapshot composes the document an issued circular's snapshot
// describes, without typesetting it.
func composeSnapshot(b []byte) (*doc.Document, error) {
	snap, err := compose.DecodeSnapshot(b)
	if err != nil {
		return nil, err
	}
	set, err := compose.LoadSet(compose.FilesFS(snap.Files), "（登记时的模板）")
	if err != nil {
		return nil, err
	}
	data := snap.Data
	return set.Compose(&data, snap.Letterhead)
}

// Verify checks the records package in dir for the four properties and,
// when this App's database file exists, against the register: the SHA-256
// registered for the package's number. The report says which it checked
// against.
func (a *App) Verify(ctx context.Context, dir string) (*records.Report, error) {
	db := a.Config.Resolve(a.Config.Database)
	if _, err := os.Stat(db); err != nil {
		rep, err := records.Verify(dir, nil)
		if rep != nil {
			rep.Register = "未核对（找不到数据库 " + db + "）"
		}
		return rep, err
	}
	return records.Verify(dir, func(number string) (*records.Registered, error) {
		c, err := a.Issued(ctx, number)
		if circular.ErrorCode(err) == circular.ENotFound {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return &records.Registered{
			Source: "登记簿 " + filepath.Base(db),
			SHA256: registeredSHA256(c),
		}, nil
	})
}

// registeredSHA256 is the SHA-256 registered for each format c was issued
// in, by file extension.
func registeredSHA256(c *circular.Issued) map[string]string {
	m := map[string]string{"pdf": c.PDFSHA256}
	if c.OFDSHA256 != "" {
		m["ofd"] = c.OFDSHA256
	}
	return m
}

// Creator names the program that made a circular's files for the records'
// 文档创建程序: tongbao and the build recorded when it was issued (registers
// from before builds were recorded name the current build).
func Creator(c *circular.Issued) string {
	v := c.ProgramVersion
	if v == "" {
		v = ProgramVersion()
	}
	return "tongbao " + v
}
