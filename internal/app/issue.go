package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/records"
	"tongbao/internal/sqlite"
)

// ErrRoundIssued is in the chain of the error that refuses a second number
// for a round already issued (without Again).
var ErrRoundIssued = errors.New("round already issued")

// IssueRequest is what the clerk asks Issue for.
type IssueRequest struct {
	// Round is the round's key: 2019Q1, 2019年第一季度 or its label.
	Round string
	// Date is the 成文日期; the number is of its year.
	Date time.Time
	// Serial is the number asked for; 0 takes the next free one.
	Serial int
	// Again issues a round that has been issued already.
	Again bool
	// Force issues despite the date warnings (IssuePlan.Warnings).
	Force bool
	// Deadline is the rectification deadline the clerk gave; zero takes the
	// config's rule (see Deadline). The deadline used is recorded.
	Deadline time.Time
}

// IssuePlan is an issue ready to register: the number it would take now,
// the circular rendered with that number, and what the clerk should look at
// before confirming. Nothing is registered until IssuePlanned.
type IssuePlan struct {
	Request IssueRequest
	Round   *circular.Round
	Number  circular.DocNumber
	Title   string
	Pages   int
	// Deadline is the rectification deadline the circular states (zero when
	// it states none).
	Deadline time.Time
	// Warnings are the 成文日期's problems (earlier than the previous number's,
	// or far in the future), in Chinese; issuing needs Force when there are any.
	Warnings []string

	first    int
	config   []byte
	ofd      bool // [archive] formats lists ofd: issue one beside the PDF
	prepared *Prepared
	rendered *Rendered
	record   *circular.Issued
}

// Issue plans and registers round req.Round's circular: see PlanIssue and
// IssuePlanned. It returns the record and the PDF's path.
func (a *App) Issue(ctx context.Context, req IssueRequest) (*circular.Issued, string, error) {
	p, err := a.PlanIssue(ctx, req)
	if err != nil {
		return nil, "", err
	}
	return a.IssuePlanned(ctx, p)
}

// PlanIssue reads the round, the templates and the register, and renders
// the circular with the number it would get now. A round already issued is
// refused unless req.Again, as IssuePlanned refuses it again atomically.
func (a *App) PlanIssue(ctx context.Context, req IssueRequest) (*IssuePlan, error) {
	cfg := a.Config
	if cfg.Issuer.Code == "" {
		return nil, circular.Errorf(circular.EConfig, "配置文件 %s 没有写明机关代字「issuer.code」，无法编号", cfg.Path())
	}
	configBytes, err := os.ReadFile(cfg.Path())
	if err != nil {
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取配置文件 %s：%s", cfg.Path(), IOReason(err)))
	}
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	prepared, err := a.Prepare(ctx, db, req.Round, req.Date, "")
	if err != nil {
		return nil, err
	}
	if err := prepared.setDeadline(cfg.Circular, req.Deadline); err != nil {
		return nil, err
	}
	p := &IssuePlan{Request: req, Round: prepared.Round, Deadline: prepared.Snapshot.Data.Deadline, first: cfg.Issuer.FirstNumber[strconv.Itoa(req.Date.Year())], config: configBytes, prepared: prepared,
		ofd: cfg.Archive.WantOFD()}
	if !req.Again {
		prev, err := db.RoundCirculars(ctx, p.Round.Key())
		if err != nil {
			return nil, err
		}
		if err := p.checkRound(prev); err != nil {
			return nil, err
		}
	}
	serial, err := db.Pick(ctx, cfg.Issuer.Code, req.Date.Year(), p.first, req.Serial)
	if err != nil {
		return nil, err
	}
	if p.Warnings, err = a.dateWarnings(ctx, db, req.Date, serial); err != nil {
		return nil, err
	}
	if err := p.render(serial); err != nil {
		return nil, err
	}
	return p, nil
}

// checkRound refuses a round that has an issued circular among list.
func (p *IssuePlan) checkRound(list []circular.Issued) error {
	for _, c := range list {
		if c.Status != circular.StatusIssued {
			continue
		}
		return circular.Wrap(ErrRoundIssued, circular.EConflict, fmt.Sprintf("%s 已经印发为 %s（%s）。需要原件请用 tongbao reprint %s；原件有误需要重新发文的，先用 tongbao void 作废原编号，或加 -again 再编一个号",
			c.Round, c.Number, fmt.Sprintf("%d年%d月%d日", c.Date.Year(), int(c.Date.Month()), c.Date.Day()), c.Number))
	}
	return nil
}

// render renders the circular with serial and builds its record.
func (p *IssuePlan) render(serial int) error {
	code, year := p.prepared.Snapshot.Data.Issuer.Code, p.Request.Date.Year()
	p.Number = circular.DocNumber{Code: code, Year: year, Serial: serial}
	p.prepared.Snapshot.Data.Number = p.Number.String()
	r, err := p.prepared.Render()
	if err != nil {
		return err
	}
	snap, err := p.prepared.Snapshot.Encode()
	if err != nil {
		return err
	}
	p.rendered = r
	p.Title, p.Pages = r.Doc.Info.Title, r.Pages()
	p.record = &circular.Issued{
		Code: code, Year: year, Serial: serial,
		Number:          p.Number.String(),
		Round:           p.Round.Key(),
		Title:           p.Title,
		Date:            p.Request.Date,
		Deadline:        p.prepared.Snapshot.Data.Deadline,
		TemplatesSHA256: compose.FilesSHA256(p.prepared.Snapshot.Files),
		ConfigSHA256:    sha256Hex(p.config),
		DataSHA256:      compose.DataSHA256(&p.prepared.Snapshot.Data),
		PDFSHA256:       sha256Hex(r.PDF),
		Pages:           p.Pages,
		Snapshot:        snap,
		PDF:             r.PDF,
		ProgramVersion:  ProgramVersion(),
		Notices:         r.FontNotices(),
	}
	return nil
}

// drawOFD draws the planned circular's OFD into its record when the
// archive formats ask for one: when it is registered, not planned, so that
// a dry run or a declined confirmation draws none.
func (p *IssuePlan) drawOFD() error {
	if !p.ofd {
		return nil
	}
	o, err := p.rendered.OFD()
	if err != nil {
		return err
	}
	p.record.OFD, p.record.OFDSHA256 = o, sha256Hex(o)
	return nil
}

// maxRenders bounds how often IssuePlanned renders again because other
// processes keep taking the number: each retry means one of them succeeded.
const maxRenders = 200

// IssuePlanned registers the planned circular in one short transaction that
// checks again that the round has not been issued (unless Again) and takes
// the number; when another process took the number meanwhile, it renders
// again with the next one, outside the transaction, and retries. Then it
// writes the PDF to the output folder. It returns the record (whose number
// may differ from the plan's) and the PDF's path.
func (a *App) IssuePlanned(ctx context.Context, p *IssuePlan) (*circular.Issued, string, error) {
	if len(p.Warnings) > 0 && !p.Request.Force {
		return nil, "", circular.Errorf(circular.EConflict, "%s。确认成文日期无误仍要印发时，命令行请加 -force，工作台请勾选「成文日期无误」", strings.Join(p.Warnings, "；"))
	}
	db, err := a.Open()
	if err != nil {
		return nil, "", err
	}
	defer db.Close()
	reg := sqlite.Registration{Code: p.Number.Code, Year: p.Number.Year, First: p.first, Want: p.Request.Serial}
	if !p.Request.Again {
		reg.Check = p.checkRound
	}
	if err := p.drawOFD(); err != nil {
		return nil, "", err
	}
	var c *circular.Issued
	for renders := 1; ; renders++ {
		c, err = db.Register(acting(ctx), reg, p.record)
		var moved *sqlite.MovedError
		if !errors.As(err, &moved) {
			break
		}
		if renders >= maxRenders {
			return nil, "", circular.Errorf(circular.EConflict, "编号被其他程序连续占用了 %d 次，本次没有登记。请稍后再试", renders)
		}
		if err := p.render(moved.Serial); err != nil {
			return nil, "", err
		}
		if err := p.drawOFD(); err != nil {
			return nil, "", err
		}
	}
	if err != nil {
		return nil, "", err
	}
	out := a.IssuedPath(c)
	if err := writeOutput(out, c.PDF); err != nil {
		return c, "", circular.Wrap(err, circular.EIO, fmt.Sprintf("%s 已编号登记，但 PDF 没有写出：%s。编号没有丢失，不要重新编号；排除问题后用 tongbao reprint %s 重新输出", c.Number, strings.TrimPrefix(circular.ErrorMessage(err), "内部错误："), c.Number))
	}
	if c.OFD != nil {
		if err := writeOutput(OFDPath(out), c.OFD); err != nil {
			return c, out, circular.Wrap(err, circular.EIO, fmt.Sprintf("%s 已编号登记，PDF 已写出，但 OFD 没有写出：%s。排除问题后用 tongbao reprint %s 重新输出", c.Number, strings.TrimPrefix(circular.ErrorMessage(err), "内部错误："), c.Number))
		}
	}
	if a.Config.Circular.DOCX {
		if err := a.writeDOCX(DOCXPath(out), p.rendered); err != nil {
			return c, out, circular.Wrap(err, circular.EIO, fmt.Sprintf("%s 已编号登记，PDF 已写出（%s），但 DOCX 没有写出：%s。不要重新编号", c.Number, out, strings.TrimPrefix(circular.ErrorMessage(err), "内部错误：")))
		}
	}
	return c, out, nil
}

// futureDays is how far past today a 成文日期 may lie without a warning.
const futureDays = 30

// DateWarnings returns the problems of 成文日期 date for the next number of its
// year: earlier than the previous number's, or more than 30 days after today.
func (a *App) DateWarnings(ctx context.Context, date time.Time) ([]string, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	next, err := db.NextSerial(ctx, a.Config.Issuer.Code, date.Year(), a.Config.Issuer.FirstNumber[strconv.Itoa(date.Year())])
	if err != nil {
		return nil, err
	}
	return a.dateWarnings(ctx, db, date, next)
}

func (a *App) dateWarnings(ctx context.Context, db *sqlite.DB, date time.Time, serial int) ([]string, error) {
	var out []string
	prev, err := db.PreviousDate(ctx, a.Config.Issuer.Code, date.Year(), serial)
	if err != nil {
		return nil, err
	}
	if !prev.Date.IsZero() && date.Before(prev.Date) {
		out = append(out, fmt.Sprintf("成文日期 %s 早于前一个编号 %s 的成文日期 %s", cnDate(date), prev.Number, cnDate(prev.Date)))
	}
	now := circular.BeijingTime(time.Now())
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if days := int(date.Sub(today).Hours() / 24); days > futureDays {
		out = append(out, fmt.Sprintf("成文日期 %s 比今天晚 %d 天（超过 %d 天）", cnDate(date), days, futureDays))
	}
	return out, nil
}

// cnDate writes a date as 2019年4月12日.
func cnDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// ProgramVersion names this build of tongbao: its module version and, when
// built from a git checkout, the commit (with +dirty for local changes).
// Issue records it, so reprint can say when the typesetter has changed.
func ProgramVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " " + rev[:min(12, len(rev))] + dirty
	}
	return strings.TrimSpace(v)
}

// IssuedPath is where an issued circular's PDF goes: its number and title as
// the file name, in the output folder.
func (a *App) IssuedPath(c *circular.Issued) string {
	return filepath.Join(a.Config.OutputDir(), FileName(c)+".pdf")
}

// OFDPath is where the OFD goes beside the PDF at pdfPath: the same name
// ending in .ofd.
func OFDPath(pdfPath string) string { return besidePath(pdfPath, ".ofd") }

// besidePath is the file of extension ext written beside the PDF at path
// pdfPath: the same name, the other extension.
func besidePath(pdfPath, ext string) string {
	return strings.TrimSuffix(pdfPath, filepath.Ext(pdfPath)) + ext
}

// FileName is an issued circular's file name without extension, safe on
// Windows and keeping 〔〕: 揭政数局函〔2019〕23号 关于….
func FileName(c *circular.Issued) string { return records.FileName(c.Number, c.Title) }

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
	out, err := db.RoundCirculars(ctx, r.Key())
	if err != nil {
		return nil, nil, err
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
// its snapshot and PDF: what is archived and exported.
func (a *App) Issued(ctx context.Context, number string) (*circular.Issued, error) {
	c, err := a.Circular(ctx, number)
	if err != nil {
		return nil, err
	}
	if c.Status == circular.StatusVoid {
		return nil, circular.Errorf(circular.EConflict, "%s 已作废（%s），不能再归档或导出；它的 PDF 仍可下载或用 tongbao reprint 重新输出", c.Number, c.VoidReason)
	}
	return c, nil
}

// Circular returns the circular tongbao made with the given number, issued
// or since voided (Status says which), with its snapshot and PDF: a voided
// circular stays downloadable and reprintable. A number that was never
// issued by tongbao is refused.
func (a *App) Circular(ctx context.Context, number string) (*circular.Issued, error) {
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
	if c.PDF == nil {
		return nil, circular.Errorf(circular.ENotFound, "%s 不是用 tongbao 印发的（%s：%s），没有 PDF", c.Number, circular.StatusText(c.Status), c.VoidReason)
	}
	return c, nil
}

var numberArgRE = regexp.MustCompile(`^(.*?)[〔\[(（]?(\d{4})[〕\])）-]?(\d+)号?$`)

// ParseNumber reads a number as a user writes it: the full
// 揭政数局函〔2019〕23号, or 2019-23 with the configured 机关代字.
func (a *App) ParseNumber(s string) (circular.DocNumber, error) {
	n, _, err := a.parseNumber(s)
	return n, err
}

// parseNumber is ParseNumber, also saying whether the 代字 was written.
func (a *App) parseNumber(s string) (n circular.DocNumber, typed bool, err error) {
	s = strings.TrimSpace(circular.Normalize(s))
	m := numberArgRE.FindStringSubmatch(s)
	if m == nil {
		return circular.DocNumber{}, false, circular.Errorf(circular.EInvalid, "文号「%s」格式不对，应写成 %s〔2019〕23号 或 2019-23", s, a.Config.Issuer.Code)
	}
	n = circular.DocNumber{Code: strings.TrimSpace(m[1])}
	typed = n.Code != ""
	if !typed {
		n.Code = a.Config.Issuer.Code
	}
	n.Year, _ = strconv.Atoi(m[2])
	n.Serial, _ = strconv.Atoi(m[3])
	if n.Year < 1990 || n.Year > 2100 {
		return circular.DocNumber{}, false, circular.Errorf(circular.EInvalid, "文号「%s」的年份 %d 不对，应写成 %s〔2019〕23号 或 2019-23", s, n.Year, a.Config.Issuer.Code)
	}
	if n.Serial < 1 {
		return circular.DocNumber{}, false, circular.Errorf(circular.EInvalid, "文号「%s」的序号应为正整数", s)
	}
	return n, typed, nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
