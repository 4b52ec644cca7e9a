package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/records"
)

// Issue gives round key's circular the next free number of the configured
// 机关代字 in date's year (or want, when not 0), records it with what it was
// made from and renders the final PDF, all in one transaction, then writes
// the PDF to the output folder. It returns the record and the PDF's path.
// deadline is the rectification deadline the clerk gave (zero: the config's
// rule, see Deadline); the deadline used is recorded with the number.
func (a *App) Issue(ctx context.Context, key string, date, deadline time.Time, want int) (*circular.Issued, string, error) {
	cfg := a.Config
	if cfg.Issuer.Code == "" {
		return nil, "", circular.Errorf(circular.EConfig, "配置文件 %s 没有写明机关代字「issuer.code」，无法编号", cfg.Path())
	}
	configBytes, err := os.ReadFile(cfg.Path())
	if err != nil {
		return nil, "", circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取配置文件 %s：%s", cfg.Path(), IOReason(err)))
	}
	db, err := a.Open()
	if err != nil {
		return nil, "", err
	}
	defer db.Close()
	p, err := a.Prepare(ctx, db, key, date, "")
	if err != nil {
		return nil, "", err
	}
	if err := p.setDeadline(cfg.Circular, deadline); err != nil {
		return nil, "", err
	}
	year := date.Year()
	first := cfg.Issuer.FirstNumber[strconv.Itoa(year)]
	c, err := db.Issue(ctx, cfg.Issuer.Code, year, first, want, func(serial int) (*circular.Issued, error) {
		p.Snapshot.Data.Number = circular.DocNumber{Code: cfg.Issuer.Code, Year: year, Serial: serial}.String()
		r, err := p.Render()
		if err != nil {
			return nil, err
		}
		snap, err := p.Snapshot.Encode()
		if err != nil {
			return nil, err
		}
		return &circular.Issued{
			Number:          p.Snapshot.Data.Number,
			Round:           p.Round.Key(),
			Title:           r.Doc.Info.Title,
			Date:            date,
			Deadline:        p.Snapshot.Data.Deadline,
			TemplatesSHA256: compose.FilesSHA256(p.Snapshot.Files),
			ConfigSHA256:    sha256Hex(configBytes),
			DataSHA256:      compose.DataSHA256(&p.Snapshot.Data),
			PDFSHA256:       sha256Hex(r.PDF),
			Pages:           r.Pages(),
			Snapshot:        snap,
			PDF:             r.PDF,
			Notices:         r.FontNotices(),
		}, nil
	})
	if err != nil {
		return nil, "", err
	}
	out := a.IssuedPath(c)
	if err := writeOutput(out, c.PDF); err != nil {
		return c, "", circular.Wrap(err, circular.EIO, fmt.Sprintf("%s 已编号登记，但 PDF 没有写出：%s。编号没有丢失，不要重新编号；排除问题后用 tongbao reprint %s 重新输出", c.Number, strings.TrimPrefix(circular.ErrorMessage(err), "内部错误："), c.Number))
	}
	return c, out, nil
}

// IssuedPath is where an issued circular's PDF goes: its number and title as
// the file name, in the output folder.
func (a *App) IssuedPath(c *circular.Issued) string {
	return filepath.Join(a.Config.OutputDir(), FileName(c)+".pdf")
}

// FileName is an issued circular's file name without extension, safe on
// Windows and keeping 〔〕: 揭政数局函〔2019〕23号 关于….
func FileName(c *circular.Issued) string { return records.FileName(c.Number, c.Title) }

// Void records number as void with a reason.
func (a *App) Void(ctx context.Context, number, reason string) (string, error) {
	n, err := a.ParseNumber(number)
	if err != nil {
		return "", err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", circular.Errorf(circular.EInvalid, "请写明作废原因")
	}
	db, err := a.Open()
	if err != nil {
		return "", err
	}
	defer db.Close()
	s := n.String()
	return s, db.Void(ctx, n.Code, n.Year, n.Serial, s, reason)
}

// RoundCirculars returns round key (the latest when empty) and its entries
// in the number registry, void ones included, newest first.
func (a *App) RoundCirculars(ctx context.Context, key string) (*circular.Round, []circular.Issued, error) {
	db, err := a.Open()
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	var r *circular.Round
	if key == "" {
		r, err = db.LatestRound(ctx)
	} else {
		r, err = db.Round(ctx, key)
	}
	if err != nil {
		return nil, nil, err
	}
	all, err := db.Circulars(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []circular.Issued
	for _, c := range all {
		if c.Round == r.Key() {
			out = append(out, c)
		}
	}
	return r, out, nil
}

// IssuedFor returns round key and the circulars issued (not void) for it,
// newest first: the clerk is warned before a round gets a second number.
func (a *App) IssuedFor(ctx context.Context, key string) (*circular.Round, []circular.Issued, error) {
	r, all, err := a.RoundCirculars(ctx, key)
	if err != nil {
		return nil, nil, err
	}
	var out []circular.Issued
	for _, c := range all {
		if c.Status == circular.StatusIssued {
			out = append(out, c)
		}
	}
	return r, out, nil
}

// Circulars lists the number registry, newest first.
func (a *App) Circulars(ctx context.Context) ([]circular.Issued, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Circulars(ctx)
}

// Issued returns the issued (not void) circular with the given number, with
// its snapshot and PDF.
func (a *App) Issued(ctx context.Context, number string) (*circular.Issued, error) {
	n, err := a.ParseNumber(number)
	if err != nil {
		return nil, err
	}
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	c, err := db.Circular(ctx, n.Code, n.Year, n.Serial)
	if err != nil {
		return nil, err
	}
	if c.Status == circular.StatusVoid {
		return nil, circular.Errorf(circular.EConflict, "%s 已作废（%s），不能再输出", c.Number, c.VoidReason)
	}
	return c, nil
}

// Reprint renders an issued circular again from its snapshot — the templates,
// letterhead and data recorded when it was issued — and checks the result
// against the recorded SHA-256. When the typesetter has changed since, the
// PDF as issued is returned instead, and same is false.
func (a *App) Reprint(ctx context.Context, number string) (c *circular.Issued, pdfBytes []byte, same bool, err error) {
	c, err = a.Issued(ctx, number)
	if err != nil {
		return nil, nil, false, err
	}
	snap, err := compose.DecodeSnapshot(c.Snapshot)
	if err != nil {
		return nil, nil, false, err
	}
	set, err := compose.LoadSet(compose.FilesFS(snap.Files), "（登记时的模板）")
	if err != nil {
		return nil, nil, false, err
	}
	r, err := RenderSnapshot(set, snap)
	if err != nil {
		return nil, nil, false, err
	}
	if sha256Hex(r.PDF) != c.PDFSHA256 {
		return c, c.PDF, false, nil
	}
	return c, r.PDF, true, nil
}

var numberArgRE = regexp.MustCompile(`^(.*?)[〔\[(（]?(\d{4})[〕\])）-]?(\d+)号?$`)

// ParseNumber reads a number as a user writes it: the full
// 揭政数局函〔2019〕23号, or 2019-23 with the configured 机关代字.
func (a *App) ParseNumber(s string) (circular.DocNumber, error) {
	s = strings.TrimSpace(circular.Normalize(s))
	m := numberArgRE.FindStringSubmatch(s)
	if m == nil {
		return circular.DocNumber{}, circular.Errorf(circular.EInvalid, "文号「%s」格式不对，应写成 %s〔2019〕23号 或 2019-23", s, a.Config.Issuer.Code)
	}
	n := circular.DocNumber{Code: m[1]}
	if n.Code == "" {
		n.Code = a.Config.Issuer.Code
	}
	n.Year, _ = strconv.Atoi(m[2])
	n.Serial, _ = strconv.Atoi(m[3])
	if n.Year < 1990 || n.Year > 2100 {
		return circular.DocNumber{}, circular.Errorf(circular.EInvalid, "文号「%s」的年份 %d 不对，应写成 %s〔2019〕23号 或 2019-23", s, n.Year, a.Config.Issuer.Code)
	}
	if n.Serial < 1 {
		return circular.DocNumber{}, circular.Errorf(circular.EInvalid, "文号「%s」的序号应为正整数", s)
	}
	return n, nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
