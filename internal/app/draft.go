package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/ofd"
	"tongbao/internal/pdf"
	"tongbao/internal/sqlite"
)

// Prepared is a circular ready to render: the round, the parsed templates and
// the snapshot of templates, letterhead and data it is rendered from.
type Prepared struct {
	Round    *circular.Round
	Set      *compose.Set
	Snapshot compose.Snapshot
	// Draft, when not empty, is when the draft was made, as printed
	// (2026年12月2日 18:43): Render then marks every page 「草稿」 with it.
	// Draft sets it; an issued circular never has it.
	Draft string
}

// Rendered is a composed and typeset circular with its PDF bytes.
type Rendered struct {
	Doc    *doc.Document
	Layout *layout.Result
	PDF    []byte
}

// Pages is the PDF's page count.
func (r *Rendered) Pages() int { return r.Layout.PageCount() }

// OFD draws the same pages as an OFD (GB/T 33190): every glyph where the
// PDF has it.
func (r *Rendered) OFD() ([]byte, error) {
	b, err := ofd.Render(r.Layout, r.Doc.Info)
	if err != nil {
		return nil, fmt.Errorf("write ofd: %w", err)
	}
	return b, nil
}

// FontNotices tells the clerk, in Chinese, of every character set from a
// face of another style than its paragraph's or cell's own (which
// character, page, and where); none when every character is in its face.
func (r *Rendered) FontNotices() []string {
	return FontNotices(r.Layout.Substitutions)
}

// FontNotices is Rendered.FontNotices for a list of substitutions: a
// heading line, then one line per character and place.
func FontNotices(subs []layout.Substitution) []string {
	if len(subs) == 0 {
		return nil
	}
	out := []string{fmt.Sprintf("注意：有 %d 处字符不是用所在段落或单元格的字体排印的（该字体没有这些字），请核对打印效果，或改用常用字：", len(subs))}
	for _, s := range subs {
		out = append(out, s.String())
	}
	return out
}

// PageOf returns the first page (from 1) whose text holds needle, spaces
// and line breaks aside; 0 when none does. The workbench shows the page a
// saved template's text lands on.
func (r *Rendered) PageOf(needle string) int {
	needle = strings.Join(strings.Fields(needle), "")
	if needle == "" {
		return 0
	}
	for i, pg := range r.Layout.Pages {
		var b strings.Builder
		for _, t := range pg.Texts {
			b.WriteString(t.Text)
		}
		if strings.Contains(strings.Join(strings.Fields(b.String()), ""), needle) {
			return i + 1
		}
	}
	return 0
}

// Prepare loads the round named key (the latest when empty) and the one
// before it, reads the templates and the letterhead, and computes the
// template data for the 成文日期 date and the number ("" for a draft: the
// serial left blank).
func (a *App) Prepare(ctx context.Context, db *sqlite.DB, key string, date time.Time, number string) (*Prepared, error) {
	r, data, err := a.RoundData(ctx, db, key)
	if err != nil {
		return nil, err
	}
	a.fill(data, date, number)

	files, err := a.templateFiles()
	if err != nil {
		return nil, err
	}
	set, err := compose.LoadSet(compose.FilesFS(files), a.Config.TemplatesDir())
	if err != nil {
		return nil, err
	}
	lh, err := a.letterhead()
	if err != nil {
		return nil, err
	}
	return &Prepared{Round: r, Set: set, Snapshot: compose.Snapshot{Files: files, Letterhead: lh, Data: *data}}, nil
}

// Deadline weekend rules: [circular] deadline_weekend in config.toml.
const (
	WeekendMove = "顺延到周一" // a deadline on a Saturday or Sunday moves to the Monday after (the default)
	WeekendKeep = "不顺延"   // a deadline may fall on a weekend
)

// Deadline is the one place the rectification deadline is decided: the date
// the clerk gave for this circular when given is not zero, else days after
// the 成文日期, moved to the Monday after when it falls on a weekend unless
// weekend is WeekendKeep (public holidays are not known; the clerk gives
// the date outright then). A given date before the 成文日期 is refused.
func Deadline(date time.Time, days int, weekend string, given time.Time) (time.Time, error) {
	if !given.IsZero() {
		if given.Before(date) {
			return time.Time{}, circular.Errorf(circular.EInvalid, "整改期限 %s 早于成文日期 %s，请检查 -deadline 或印发页面中的整改期限",
				given.Format(time.DateOnly), date.Format(time.DateOnly))
		}
		return given, nil
	}
	d := date.AddDate(0, 0, days)
	if weekend == WeekendKeep {
		return d, nil
	}
	switch d.Weekday() {
	case time.Saturday:
		d = d.AddDate(0, 0, 2)
	case time.Sunday:
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// setDeadline sets the prepared circular's deadline: the one the clerk gave
// (not zero) or the config's rule for its 成文日期.
func (p *Prepared) setDeadline(c CircularConfig, given time.Time) error {
	d, err := Deadline(p.Snapshot.Data.Date, c.DeadlineDays, c.DeadlineWeekend, given)
	if err != nil {
		return err
	}
	p.Snapshot.Data.Deadline = d
	return nil
}

// fill completes a round's template data from the config for the 成文日期
// date and the number ("" for a draft: the 代字 and year, serial blank).
func (a *App) fill(data *compose.Data, date time.Time, number string) {
	cfg := a.Config
	if number == "" {
		number = circular.DocNumber{Code: cfg.Issuer.Code, Year: date.Year()}.String()
	}
	data.Number = number
	data.Issuer = compose.Issuer{Name: cfg.Issuer.Name, Code: cfg.Issuer.Code}
	data.Date = date
	data.Deadline, _ = Deadline(date, cfg.Circular.DeadlineDays, cfg.Circular.DeadlineWeekend, time.Time{})
	data.Recipients = cfg.Circular.Recipients
	data.Rates = cfg.Rates()
	if cfg.Circular.Area != "" {
		data.Area = cfg.Circular.Area
	}
	data.Contact = compose.Contact{Person: cfg.Contact.Person, Phone: cfg.Contact.Phone, Fax: cfg.Contact.Fax, Email: cfg.Contact.Email}
}

// RoundData computes the template data of round key (the latest when empty)
// from stored results in db.
func (a *App) RoundData(ctx context.Context, db *sqlite.DB, key string) (*circular.Round, *compose.Data, error) {
	var r *circular.Round
	var err error
	if key == "" {
		r, err = db.LatestRound(ctx)
	} else {
		r, err = db.Round(ctx, key)
	}
	if err != nil {
		return nil, nil, err
	}
	d, err := roundData(ctx, db, r)
	return r, d, err
}

// RoundFigures is RoundData on the configured database: the figures a
// round's page shows.
func (a *App) RoundFigures(ctx context.Context, key string) (*circular.Round, *compose.Data, error) {
	db, err := a.Open()
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	return a.RoundData(ctx, db, key)
}

// roundData computes the template data of round r from stored results.
func roundData(ctx context.Context, db *sqlite.DB, r *circular.Round) (*compose.Data, error) {
	sites, err := db.SiteResults(ctx, r)
	if err != nil {
		return nil, err
	}
	accounts, err := db.AccountResults(ctx, r)
	if err != nil {
		return nil, err
	}
	prev, err := db.PreviousRound(ctx, r)
	if err != nil {
		return nil, err
	}
	var prevSites []circular.SiteResult
	var prevAccounts []circular.AccountResult
	if prev != nil {
		if prevSites, err = db.SiteResults(ctx, prev); err != nil {
			return nil, err
		}
		if prevAccounts, err = db.AccountResults(ctx, prev); err != nil {
			return nil, err
		}
	}
	return compose.NewData(r, prev, sites, accounts, prevSites, prevAccounts), nil
}

// templateFiles reads the templates folder named in the config once, so the
// set parsed and the snapshot kept are the same bytes.
func (a *App) templateFiles() (map[string][]byte, error) {
	cfg := a.Config
	dir := cfg.TemplatesDir()
	if dir == "" {
		return nil, circular.Errorf(circular.EConfig, "配置文件 %s 没有写明模板文件夹「templates」", cfg.Path())
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, circular.Errorf(circular.EConfig, "配置文件 %s 中「templates」指向的模板文件夹 %s 不存在。可运行 tongbao templates %s 写出默认模板", cfg.Path(), dir, dir)
	}
	files, err := compose.ReadFiles(os.DirFS(dir))
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取模板文件夹 %s：%v", dir, err))
	}
	return files, nil
}

// letterhead maps the config to the circular's frame.
func (a *App) letterhead() (compose.Letterhead, error) {
	cfg := a.Config
	lh := compose.Letterhead{
		Mark:       cfg.Issuer.Mark,
		MarkSuffix: cfg.Issuer.MarkSuffix,
		Secrecy:    cfg.Circular.Secrecy,
		Note:       cfg.Circular.Note,
		Disclosure: cfg.Circular.Disclosure,
		CC:         cfg.Circular.CC,
		Printer:    cfg.Circular.Printer,
		Signers:    []string{cfg.Issuer.Name},
		NoSigners:  cfg.Circular.NoSignature,
	}
	if len(lh.Mark) == 0 {
		lh.Mark = []string{cfg.Issuer.Name}
	}
	switch cfg.Issuer.Format {
	case "信函式":
		lh.Format = doc.FormatLetter
	case "明电":
		lh.Format = doc.FormatTelegram
		t := cfg.Issuer.Telegram
		lh.Telegram = doc.Telegram{Title: t.Title, Unit: t.Unit, Approver: t.Approver, Grade: t.Grade, Serial: t.Serial}
		if lh.Telegram.Unit == "" {
			lh.Telegram.Unit = cfg.Issuer.Name
		}
		if lh.Telegram.Grade == "" {
			lh.Telegram.Grade = "特急 · 明电"
		}
	}
	if cfg.Issuer.Seal != "" {
		b, err := os.ReadFile(cfg.Resolve(cfg.Issuer.Seal))
		if err != nil {
			return lh, circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取印章图片 %s：%s", cfg.Resolve(cfg.Issuer.Seal), IOReason(err)))
		}
		lh.Seal = b
	}
	return lh, nil
}

// Render composes, typesets and draws the prepared circular, marked as a
// draft when p.Draft is set.
func (p *Prepared) Render() (*Rendered, error) {
	return render(p.Set, &p.Snapshot, p.Draft)
}

// RenderSnapshot composes, typesets and draws a snapshot with a parsed template set.
func RenderSnapshot(set *compose.Set, snap *compose.Snapshot) (*Rendered, error) {
	return render(set, snap, "")
}

// DraftTime is how a draft's time of making is printed in its mark, in
// China Standard Time: 2026年12月2日 18:43.
func DraftTime(t time.Time) string {
	t = circular.BeijingTime(t)
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
}

// render composes, typesets and draws a snapshot; draft is the draft mark's
// time, empty for none.
func render(set *compose.Set, snap *compose.Snapshot, draft string) (*Rendered, error) {
	r, err := typeset(set, snap, draft)
	if err != nil {
		return nil, err
	}
	// an issued circular (no draft mark) is PDF/A-2b for keeping; a draft
	// is a plain PDF
	write := pdf.WriteA
	if draft != "" {
		write = pdf.Write
	}
	var buf bytes.Buffer
	if err := write(&buf, r.Layout, r.Doc.Info); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	r.PDF = buf.Bytes()
	return r, nil
}

// typeset composes and typesets a snapshot, drawing nothing: the Rendered
// it returns has no PDF.
func typeset(set *compose.Set, snap *compose.Snapshot, draft string) (*Rendered, error) {
	data := snap.Data
	d, err := set.Compose(&data, snap.Letterhead)
	if err != nil {
		return nil, err
	}
	d.Draft = draft
	res, err := layout.Typeset(d)
	if err != nil {
		var ge *layout.GlyphError
		if errors.As(err, &ge) {
			return nil, circular.Wrap(err, circular.EFont, ge.Error())
		}
		var ie *layout.ImageError
		if errors.As(err, &ie) {
			return nil, circular.Wrap(err, circular.ETemplate, ie.Error())
		}
		return nil, fmt.Errorf("typeset: %w", err)
	}
	return &Rendered{Doc: d, Layout: res}, nil
}

// PagePDF draws page n (from 1) alone as a plain PDF, its fonts subset to
// that page: what a preview of one page of a long draft needs, without
// drawing the other pages.
func (r *Rendered) PagePDF(n int) ([]byte, error) {
	if n < 1 || n > r.Layout.PageCount() {
		return nil, fmt.Errorf("page %d of %d", n, r.Layout.PageCount())
	}
	one := &layout.Result{Pages: r.Layout.Pages[n-1 : n], Fonts: r.Layout.Fonts}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, one, r.Doc.Info); err != nil {
		return nil, fmt.Errorf("write page %d: %w", n, err)
	}
	return buf.Bytes(), nil
}

// DraftPath is where a round's draft goes by default: 「2019Q1 通报草稿.pdf」
// in the output folder.
func (a *App) DraftPath(r *circular.Round) string {
	return filepath.Join(a.Config.OutputDir(), r.Key()+" 通报草稿.pdf")
}

// Draft renders the unnumbered draft of round key (the latest when empty)
// dated date, with the rectification deadline the clerk gave (zero: the
// config's rule, see Deadline), every page marked 「草稿」 with the time it is
// made.
func (a *App) Draft(ctx context.Context, key string, date, deadline time.Time) (*Prepared, *Rendered, error) {
	return a.draft(ctx, key, date, deadline, true)
}

// DraftPages is Draft without the PDF: the draft composed and typeset, its
// pages drawn one at a time with Rendered.PagePDF. A long draft's first page
// shows without drawing the rest.
func (a *App) DraftPages(ctx context.Context, key string, date, deadline time.Time) (*Prepared, *Rendered, error) {
	return a.draft(ctx, key, date, deadline, false)
}

// draft is Draft, drawing the PDF when draw is true.
func (a *App) draft(ctx context.Context, key string, date, deadline time.Time, draw bool) (*Prepared, *Rendered, error) {
	db, err := a.Open()
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	p, err := a.Prepare(ctx, db, key, date, "")
	if err != nil {
		return nil, nil, err
	}
	if err := p.setDeadline(a.Config.Circular, deadline); err != nil {
		return nil, nil, err
	}
	p.Draft = DraftTime(time.Now())
	var r *Rendered
	if draw {
		r, err = p.Render()
	} else {
		r, err = typeset(p.Set, &p.Snapshot, p.Draft)
	}
	if err != nil {
		return nil, nil, err
	}
	return p, r, nil
}

// DraftFormats are the formats a draft can be written in: the PDF, the
// OFD drawing the same pages, and the editable DOCX for OA review.
var DraftFormats = []string{"pdf", "ofd", "docx"}

// WriteDraftAs renders round key's draft for date (and deadline, zero for
// the config's rule) and writes it to out in format "pdf", "ofd" (the OFD
// draws the same pages) or "docx" (the editable document for OA review);
// by default out is DraftPath with the format's extension. A format
// not in DraftFormats is refused before anything is rendered; for the OFD
// and the DOCX the PDF is not drawn (the Rendered has no PDF).
func (a *App) WriteDraftAs(ctx context.Context, key string, date, deadline time.Time, out, format string) (string, *Rendered, error) {
	if !slices.Contains(DraftFormats, format) {
		return "", nil, circular.Errorf(circular.EInvalid, "输出格式「%s」不对，只能是 %s", format, strings.Join(DraftFormats, "、"))
	}
	p, r, err := a.draft(ctx, key, date, deadline, format == "pdf")
	if err != nil {
		return "", nil, err
	}
	if out == "" {
		out = besidePath(a.DraftPath(p.Round), "."+format)
	}
	var b []byte
	switch format {
	case "pdf":
		b = r.PDF
	case "ofd":
		b, err = r.OFD()
	case "docx":
		b, err = a.DOCX(r)
	}
	if err != nil {
		return "", nil, err
	}
	if err := writeOutput(out, b); err != nil {
		return "", nil, err
	}
	return out, r, nil
}
