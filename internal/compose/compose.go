// Package compose turns stored results into the circular's document: it
// computes the template data, runs the editor's text/template files and builds
// a doc.Document. It knows nothing of PDF or SQLite.
package compose

import (
	"fmt"
	"strings"

	"tongbao/internal/doc"
)

// Letterhead is what the circular's frame needs beyond the templates: the
// header, signature and 版记, from config.toml.
type Letterhead struct {
	Format     doc.HeaderFormat
	Mark       []string // 发文机关标志 lines
	MarkSuffix string
	Secrecy    string
	Urgency    string
	// Signature names; default the issuer's name.
	Signers []string
	// NoSigners drops the 署名 (落款), keeping the 成文日期 ([circular] no_signature).
	NoSigners bool `json:",omitempty"`
	Seal      []byte
	Note      string // 附注
	CC        []string
	Printer   string // 印发机关
	// Telegram fields for the 明电 format.
	Telegram doc.Telegram
	// Disclosure is the 公开方式 (主动公开, 依申请公开, 不予公开); empty for none.
	Disclosure string `json:",omitempty"`
}

// Compose runs the templates on data and returns the circular.
func (s *Set) Compose(data *Data, lh Letterhead) (*doc.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rates = data.RateRule()
	// Annexes first: which are included and their titles, so the body and the
	// 附件说明 can name them.
	type built struct {
		def             *annexDef
		title, subtitle string
	}
	var annexes []built
	data.Annexes = nil
	for _, a := range s.annexes {
		ok, err := s.included(a, data)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		title, err := s.execute(a.title, data)
		if err != nil {
			return nil, err
		}
		b := built{def: a, title: titleLines(title)}
		if a.subtitle != nil {
			sub, err := s.execute(a.subtitle, data)
			if err != nil {
				return nil, err
			}
			b.subtitle = oneLine(sub)
		}
		annexes = append(annexes, b)
	}
	for i := range annexes {
		label := "附件"
		if len(annexes) > 1 {
			label = fmt.Sprintf("附件%d", i+1)
		}
		// the name, as the 附件说明 lists it: the title on one line, without the subtitle
		data.Annexes = append(data.Annexes, AnnexRef{No: i + 1, Label: label, Title: strings.ReplaceAll(annexes[i].title, "\n", "")})
	}

	d := &doc.Document{}
	title, err := s.execute(s.title, data)
	if err != nil {
		return nil, err
	}
	d.Title = titleLines(title)
	rec, err := s.execute(s.recipients, data)
	if err != nil {
		return nil, err
	}
	d.Recipients = strings.TrimSuffix(oneLine(rec), "：")
	for _, t := range s.sections {
		out, err := s.execute(t, data)
		if err != nil {
			return nil, err
		}
		blocks, err := s.images(Paragraphs(out), t.Name())
		if err != nil {
			return nil, err
		}
		d.Body = append(d.Body, blocks...)
	}
	if s.attachments != nil {
		out, err := s.execute(s.attachments, data)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(out, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				d.Attachments = append(d.Attachments, line)
			}
		}
	}
	for i, a := range annexes {
		blocks, err := s.build(a.def, data)
		if err != nil {
			return nil, err
		}
		d.Annexes = append(d.Annexes, doc.Annex{Label: data.Annexes[i].Label, Title: a.title, Subtitle: a.subtitle, Blocks: blocks})
	}

	signers := lh.Signers
	if len(signers) == 0 {
		signers = []string{data.Issuer.Name}
	}
	if lh.NoSigners {
		signers = nil
	}
	d.Header = doc.Header{
		Format:     lh.Format,
		Secrecy:    lh.Secrecy,
		Urgency:    lh.Urgency,
		Issuers:    lh.Mark,
		MarkSuffix: lh.MarkSuffix,
		Number:     data.Number,
		Telegram:   lh.Telegram,
	}
	d.Signature = doc.Signature{Names: signers, Date: date(data.Date), Seal: lh.Seal}
	d.Note = lh.Note
	d.Disclosure = lh.Disclosure
	if lh.Format != doc.FormatLetter {
		d.Record = &doc.Record{CC: lh.CC, Printer: lh.Printer, PrintDate: date(data.Date)}
	} else if len(lh.CC) > 0 {
		d.Record = &doc.Record{CC: lh.CC}
	}
	d.Info = doc.Info{
		Title:   strings.ReplaceAll(d.Title, "\n", ""),
		Author:  data.Issuer.Name,
		Subject: data.Round.Name + strings.Replace(subjectOf(data), "和", "与", 1) + "检查情况通报",
		Creator: "tongbao",
		Date:    data.Date.Format("2006-01-02T15:04:05+08:00"),
	}
	if data.Number != "" {
		d.Info.Keywords = data.Number
	}
	return d, nil
}

// titleLines is a title as written: a line break in the template, or \n
// written as two characters (as a TOML literal string or a .tmpl file keeps
// it), forces a break there; each line trimmed, empty lines dropped.
func titleLines(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(s, `\n`, "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// oneLine joins the non-empty lines of s.
func oneLine(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}

// subjectOf is data's Subject; data composed before rounds had one (an
// issued circular's snapshot) spoke of both kinds.
func subjectOf(data *Data) string {
	if data.Subject == "" {
		return subject(true, true)
	}
	return data.Subject
}
