package docx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"tongbao/internal/doc"
)

const docOpen = xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
	` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
	` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
	` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
	` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"` +
	` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
	` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="wps"><w:body>`

// document is word/document.xml.
func (w *writer) document() (string, error) {
	d := w.d
	b := &strings.Builder{}
	b.WriteString(docOpen)
	if err := w.frontMatter(b); err != nil {
		return "", err
	}
	for _, blk := range d.Body {
		if err := w.block(b, blk, false); err != nil {
			return "", err
		}
	}
	if err := w.closing(b); err != nil {
		return "", err
	}
	land := false
	first := d.Header.Format == doc.FormatLetter
	for i := range d.Annexes {
		// the section so far ends in this paragraph; the annex starts a new page
		w.sectBreak(b, land, first, true)
		first = false
		an := &d.Annexes[i]
		land = an.Landscape()
		if err := w.annex(b, an, land); err != nil {
			return "", err
		}
	}
	if d.Record != nil || d.Disclosure != "" {
		numbered := true
		switch {
		case w.opt.Record == doc.RecordAfterBlank:
			w.sectBreak(b, land, first, true)
			first, land, numbered = false, false, false
			w.pageBreak(b)
		case land:
			// the 版记 goes on a portrait page, as the typesetter puts it
			w.sectBreak(b, land, first, true)
			first, land = false, false
		case w.opt.Record == doc.RecordNextPage:
			w.pageBreak(b)
		}
		w.record(b)
		b.WriteString(w.sectPr(land, first, numbered))
	} else {
		b.WriteString(w.sectPr(land, first, true))
	}
	b.WriteString(`</w:body></w:document>`)
	return b.String(), nil
}

// sectPr is a section's properties: page size and margins, the line and
// character grid, odd and even footers (none when not numbered, or on the
// first page of a letter-format document) and the draft header.
func (w *writer) sectPr(land, titlePg, numbered bool) string {
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	fmt.Fprintf(&b, `<w:headerReference w:type="default" r:id="rIdHeaderDraft"/><w:headerReference w:type="even" r:id="rIdHeaderDraft"/>`)
	odd, even := "rIdFooterOdd", "rIdFooterEven"
	if !numbered {
		odd, even = "rIdFooterNone", "rIdFooterNone"
	}
	fmt.Fprintf(&b, `<w:footerReference w:type="default" r:id="%s"/><w:footerReference w:type="even" r:id="%s"/>`, odd, even)
	if titlePg {
		// only the first page of a letter-format document has a first-page
		// footer: no page number, the red double rule near the foot
		b.WriteString(`<w:headerReference w:type="first" r:id="rIdHeaderDraft"/><w:footerReference w:type="first" r:id="rIdFooterLetter"/>`)
	}
	if land {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, pageH, pageW)
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
			landTop, landR, landBot, landL, headerDist*landTop/marginTop, footerDist*landBot/marginBot)
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, pageW, pageH)
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
			marginTop, marginR, marginBot, marginL, headerDist, footerDist)
	}
	if titlePg {
		b.WriteString(`<w:titlePg/>`)
	}
	// A line grid: 22 lines (15 on a landscape page). The 28 characters a
	// line come from the characters' condensed pitch (see unsnapped), not
	// from a character grid, which LibreOffice sets 27 characters a line.
	if land {
		fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, landPitch)
	} else {
		fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, pitch)
	}
	b.WriteString(`</w:sectPr>`)
	return b.String()
}

// sectBreak ends the current section with an empty paragraph carrying its
// properties; the next section starts on a new page.
func (w *writer) sectBreak(b *strings.Builder, land, titlePg, numbered bool) {
	b.WriteString(`<w:p><w:pPr>` + w.sectPr(land, titlePg, numbered) + `</w:pPr></w:p>`)
}

// pageBreak is an empty paragraph that ends the page.
func (w *writer) pageBreak(b *strings.Builder) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Record"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// p writes a paragraph of style with extra paragraph properties and runs.
func p(b *strings.Builder, style, ppr, runs string) {
	b.WriteString(`<w:p><w:pPr>`)
	if style != "" {
		b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	b.WriteString(ppr + `</w:pPr>` + runs + `</w:p>`)
}

// run is a run of text in face f ("\n" a line break, "\t" a tab) with a character
// style and extra run properties.
func (w *writer) run(text string, f doc.Face, cstyle, extra string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	rpr := w.rPr(cstyle, f, extra)
	for i, line := range strings.Split(text, "\n") {
		b.WriteString(`<w:r>` + rpr)
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		for j, piece := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString(`<w:tab/>`)
			}
			if piece != "" {
				b.WriteString(`<w:t xml:space="preserve">` + esc(piece) + `</w:t>`)
			}
		}
		b.WriteString(`</w:r>`)
	}
	return b.String()
}

// blank is an empty body line.
func (w *writer) blank(b *strings.Builder, style string) {
	p(b, style, "", "")
}

// ems is the width of text in ems of its size: CJK and full-width
// characters one, others half.
func ems(s string) float64 {
	n := 0.0
	for _, r := range s {
		if r < 0x2E80 || r >= 0xFF61 && r <= 0xFFDC {
			n += 0.5
		} else {
			n++
		}
	}
	return n
}

// frontMatter writes the 版头, title and 主送机关.
func (w *writer) frontMatter(b *strings.Builder) error {
	d := w.d
	switch d.Header.Format {
	case doc.FormatLetter:
		w.letterHeader(b, &d.Header)
	case doc.FormatTelegram:
		w.telegramHeader(b, &d.Header)
	default:
		w.fileHeader(b, &d.Header)
	}
	if d.Title != "" {
		p(b, "DocTitle", "", w.run(d.Title, doc.FaceSong, "", ""))
		w.blank(b, "Recipients")
	}
	if d.Recipients != "" {
		p(b, "Recipients", "", w.run(d.Recipients+"：", doc.FaceFang, "", ""))
	}
	return nil
}

// block writes a paragraph, table or image of the body or an annex.
func (w *writer) block(b *strings.Builder, blk doc.Block, land bool) error {
	switch x := blk.(type) {
	case *doc.Paragraph:
		w.paragraph(b, x)
	case *doc.Table:
		w.table(b, x, land)
	case *doc.Image:
		return w.image(b, x, land)
	}
	return nil
}

// paragraph writes a body paragraph: a heading as 标题 1–4, a run-in
// heading's first run in the character style 段内标题 1 or 2.
func (w *writer) paragraph(b *strings.Builder, x *doc.Paragraph) {
	style := ""
	if x.Heading >= 1 && x.Heading <= 4 {
		style = fmt.Sprintf("Heading%d", x.Heading)
	}
	ppr := ""
	switch x.Align {
	case doc.AlignLeft:
		ppr = `<w:jc w:val="left"/><w:ind w:firstLine="0" w:firstLineChars="0"/>`
	case doc.AlignCenter:
		ppr = `<w:jc w:val="center"/><w:ind w:firstLine="0" w:firstLineChars="0"/>`
	case doc.AlignRight:
		ppr = `<w:jc w:val="right"/><w:ind w:firstLine="0" w:firstLineChars="0"/>`
	default:
		if x.NoIndent {
			ppr = `<w:ind w:firstLine="0" w:firstLineChars="0"/>`
		}
	}
	var runs strings.Builder
	spacing := lineSpacing(x.Text(), x.Lines, bodySize)
	at := 0 // rune index of the run in the paragraph's text
	for i, r := range x.Runs {
		f := r.Face
		if f == doc.FaceDefault {
			f = headingFace(x.Heading)
		}
		cs := ""
		if i == 0 && x.Heading == 0 && len(x.Runs) > 1 {
			switch r.Face {
			case doc.FaceHei:
				cs = "RunInHeading1"
			case doc.FaceKai:
				cs = "RunInHeading2"
			}
		}
		n := utf8.RuneCountInString(r.Text)
		if spacing == nil {
			runs.WriteString(w.run(r.Text, f, cs, ""))
		} else {
			runs.WriteString(w.spacedRuns(r.Text, f, cs, spacing[at:at+n]))
		}
		at += n
	}
	p(b, style, ppr, runs.String())
}

// headingFace is the face of a heading level's text.
func headingFace(level int) doc.Face {
	switch level {
	case 1:
		return doc.FaceHei
	case 2:
		return doc.FaceKai
	}
	return doc.FaceFang
}

// closing writes the 附件说明, 署名, 成文日期 (with the seal) and 附注.
func (w *writer) closing(b *strings.Builder) error {
	d := w.d
	if len(d.Attachments) > 0 {
		w.blank(b, "AttachmentList")
		label := 3 * cell
		if len(d.Attachments) == 1 {
			p(b, "AttachmentList", fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d" w:firstLineChars="0"/>`, 2*cell+label, label),
				w.run("附件："+d.Attachments[0], doc.FaceFang, "", ""))
		} else {
			num := cell * 3 / 2
			if len(d.Attachments) >= 10 {
				num = 2 * cell
			}
			for i, a := range d.Attachments {
				text := fmt.Sprintf("%d．%s", i+1, a)
				hang := num
				if i == 0 {
					text = "附件：" + text
					hang += label
				}
				p(b, "AttachmentList", fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d" w:firstLineChars="0"/>`, 2*cell+label+num, hang),
					w.run(text, doc.FaceFang, "", ""))
			}
		}
	}
	sg := d.Signature
	if len(sg.Names) > 0 || sg.Date != "" {
		right := float64(areaW) / cell // the 版心 in characters
		nameW := 0.0
		for _, n := range sg.Names {
			nameW = math.Max(nameW, ems(n))
		}
		dateW := ems(sg.Date)
		var xName, xDate float64
		if sg.Seal == nil {
			xName = right - 2 - nameW
			xDate = xName + 2
			if xDate+dateW > right-2 {
				xDate = right - 2 - dateW
				xName = xDate - 2
			}
			w.blank(b, "Signature")
		} else {
			xDate = right - 4 - dateW
			mid := xDate + dateW/2
			anchor, err := w.seal(sg.Seal, mid)
			if err != nil {
				return err
			}
			p(b, "Signature", "", anchor)
			w.blank(b, "Signature")
			xName = mid - nameW/2
		}
		for _, n := range sg.Names {
			x := xName
			if sg.Seal != nil {
				x = xDate + dateW/2 - ems(n)/2
			}
			p(b, "Signature", fmt.Sprintf(`<w:ind w:left="%d"/>`, int(x*cell)), w.run(n, doc.FaceFang, "", ""))
		}
		if sg.Date != "" {
			p(b, "SignDate", fmt.Sprintf(`<w:ind w:left="%d"/>`, int(xDate*cell)), w.run(sg.Date, doc.FaceFang, "", ""))
		}
	}
	if d.Note != "" {
		p(b, "Note", "", w.run(d.Note, doc.FaceFang, "", ""))
	}
	return nil
}

// annex writes one 附件: its label on line 1, the title from line 3, the
// subtitle, and its blocks.
func (w *writer) annex(b *strings.Builder, an *doc.Annex, land bool) error {
	label := an.Label
	if label == "" {
		label = "附件"
	}
	p(b, "AnnexLabel", "", w.run(label, doc.FaceHei, "", ""))
	w.blank(b, "AnnexLabel")
	if an.Title != "" {
		p(b, "AnnexTitle", "", w.run(an.Title, doc.FaceSong, "", ""))
	}
	if an.Subtitle != "" {
		p(b, "AnnexSubtitle", "", w.run(an.Subtitle, doc.FaceKai, "", ""))
	}
	if an.Title != "" || an.Subtitle != "" {
		w.blank(b, "AnnexLabel")
	}
	for _, blk := range an.Blocks {
		if err := w.block(b, blk, land); err != nil {
			return err
		}
	}
	return nil
}
