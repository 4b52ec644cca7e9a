package docx

import (
	"fmt"
	"math"
	"slices"
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
		case w.opt.Record == RecordAfterBlank:
			w.sectBreak(b, land, first, true)
			first, land, numbered = false, false, false
			w.pageBreak(b)
		case land:
			// the 版记 goes on a portrait page, as the typesetter puts it
			w.sectBreak(b, land, first, true)
			first, land = false, false
		case w.opt.Record == RecordNextPage:
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

// mark is one of the 份号, 密级 and 紧急程度 lines, with its face.
type mark struct {
	text string
	face doc.Face
}

// headerMarks are the 份号 (仿宋), 密级 and 紧急程度 (黑体) the header has,
// in that order.
func headerMarks(h *doc.Header) []mark {
	var out []mark
	for _, m := range []mark{{h.CopyNumber, doc.FaceFang}, {h.Secrecy, doc.FaceHei}, {h.Urgency, doc.FaceHei}} {
		if m.text != "" {
			out = append(out, m)
		}
	}
	return out
}

// marks writes the 份号, 密级 and 紧急程度 lines at the left and returns how many.
func (w *writer) marks(b *strings.Builder, h *doc.Header) int {
	ms := headerMarks(h)
	for _, m := range ms {
		p(b, "Recipients", "", w.run(m.text, m.face, "", ""))
	}
	return len(ms)
}

// markSize is the size of the 发文机关标志: at most 52 pt, its widest line
// at most 92% of the 版心.
func markSize(lines []string) float64 {
	wid := 0.0
	for _, l := range lines {
		wid = math.Max(wid, ems(l))
	}
	if wid == 0 {
		return 52
	}
	return math.Min(52, math.Floor(0.92*float64(areaW)/20/wid*2)/2)
}

// markOf is how the typesetter sets h's 发文机关标志 (h.Mark, from
// layout.Explicit), or, for a document that did not go through it, one
// size from the lines' character counts and no joint widths.
func markOf(h *doc.Header) doc.Mark {
	if h.Mark.Size > 0 {
		return h.Mark
	}
	return doc.Mark{Size: markSize(markLines(h))}
}

// jointMark writes joint issuers' names stacked lead twips apart, each
// justified to the names' width, with the suffix to their right centred
// on them: a borderless table of one row, its names column where the PDF
// has it (the names and the suffix's width centred in the 版心), the
// suffix's column as wide as the suffix set larger than the names needs.
func (w *writer) jointMark(b *strings.Builder, h *doc.Header, m doc.Mark, lead int) {
	nw := int(math.Round(m.NamesWidth * 20))
	indent := (areaW - int(math.Round((m.NamesWidth+m.SuffixWidth)*20))) / 2
	sw := 0
	if h.MarkSuffix != "" && m.Size > 0 {
		gap := m.Size / 2                                   // the half em before the suffix
		text := (m.SuffixWidth/m.Size - 0.5) * m.SuffixSize // the suffix's own width
		sw = int(math.Ceil((gap+text)*20)) + 40
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="%d"/>`, nw+sw, indent, nw)
	if sw > 0 {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, sw)
	}
	fmt.Fprintf(b, `</w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, nw)
	for _, name := range h.Issuers {
		p(b, "DocMark", `<w:jc w:val="distribute"/>`+exact(lead, 0, 0), w.run(name, doc.FaceSong, "", sz(m.Size)))
	}
	b.WriteString(`</w:tc>`)
	if sw > 0 {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, sw)
		p(b, "DocMark", fmt.Sprintf(`<w:jc w:val="left"/><w:ind w:left="%d" w:firstLine="0" w:firstLineChars="0"/>`, int(m.Size*10))+exact(int(m.SuffixSize*20*1.2), 0, 0),
			w.run(h.MarkSuffix, doc.FaceSong, "", sz(m.SuffixSize)))
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr></w:tbl>`)
}

// markLines are the mark's lines: one issuer with its suffix, or joint
// issuers stacked with the suffix after the last.
func markLines(h *doc.Header) []string {
	if len(h.Issuers) == 0 {
		return nil
	}
	lines := append([]string(nil), h.Issuers...)
	lines[len(lines)-1] += h.MarkSuffix
	return lines
}

// fileHeader is the 文件式 版头: the red mark 35 mm below the top of the
// 版心, the number two lines below it, the red rule 4 mm under the number,
// and the title two lines below the rule.
func (w *writer) fileHeader(b *strings.Builder, h *doc.Header) {
	n := w.marks(b, h)
	lines := markLines(h)
	used := n * pitch
	if m := markOf(h); len(lines) > 1 && m.NamesWidth > 0 {
		// joint issuers: a borderless table, the names justified to one
		// width in its first column, the suffix centred on them in the second
		size := m.Size * 20
		lead := int(size * doc.MarkLead)
		top := mm(35) - (lead-int(size))/2
		before := max(top-used, 0)
		height := lead * len(lines)
		bottom := mm(35) + int(size*(doc.MarkLead*float64(len(lines)-1)+1))
		k := bottom/pitch + 3
		after := max(k*pitch-used-before-height, 0)
		if before > 0 {
			p(b, "DocMark", exact(before, 0, 0), "")
		}
		w.jointMark(b, h, m, lead)
		if after > 0 {
			p(b, "DocMark", exact(after, 0, 0), "")
		}
		used = k * pitch
	} else if len(lines) > 0 {
		size := m.Size
		line := int(size * 20 * 1.2)
		top := mm(35) - int(size*20*0.1)
		before := max(top-used, 0)
		height := line * len(lines)
		bottom := top + int(size*20)*len(lines)
		k := bottom/pitch + 3
		after := max(k*pitch-used-before-height, 0)
		text := strings.Join(lines, "\n")
		p(b, "DocMark", exact(line, before, after), w.run(text, doc.FaceSong, "", sz(size)))
		used = k * pitch
	}
	ppr := `<w:pBdr><w:bottom w:val="single" w:sz="9" w:space="5" w:color="` + red + `"/></w:pBdr>` + exact(pitch, 0, 3*pitch-120)
	if len(h.Signers) == 0 {
		p(b, "DocNumber", ppr, w.run(h.Number, doc.FaceFang, "", ""))
		return
	}
	// 上行文: the number one character from the left, 签发人 at the right
	tab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:jc w:val="left"/><w:ind w:left="%d" w:right="%d"/>`, areaW-2*cell, cell, cell)
	p(b, "DocNumber", tab+ppr, w.run(h.Number+"\t", doc.FaceFang, "", "")+w.run("签发人：", doc.FaceFang, "", "")+
		w.run(strings.Join(h.Signers, "　"), doc.FaceKai, "", ""))
}

// letterHeader is the 信函式 版头: the mark 30 mm from the top of the
// paper over a red double rule, in a frame; the number flush right under
// it; no page number on the first page. The double rule near the foot of
// the first page is left out (Word has no place for it but a drawing).
func (w *writer) letterHeader(b *strings.Builder, h *doc.Header) {
	lines := markLines(h)
	if len(lines) > 0 {
		size := markOf(h).Size
		frame := fmt.Sprintf(`<w:framePr w:w="%d" w:hSpace="0" w:wrap="notBeside" w:vAnchor="page" w:hAnchor="page" w:xAlign="center" w:y="%d"/>`, mm(170), mm(30))
		bdr := `<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="4" w:color="` + red + `"/></w:pBdr>`
		p(b, "DocMark", frame+bdr+exact(int(size*20*1.2), 0, 0), w.run(strings.Join(lines, "\n"), doc.FaceSong, "", sz(size)))
	}
	// the 份号, 密级 and 紧急程度 stacked at the left, the number flush
	// right on the first of their lines, 7/8 of a character under the rule
	left := headerMarks(h)
	tab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:jc w:val="left"/>`, areaW)
	if len(left) == 0 {
		p(b, "DocNumber", tab+exact(pitch, pitch+300, 2*pitch-300), w.run("\t", doc.FaceFang, "", "")+w.run(h.Number, doc.FaceFang, "", ""))
		return
	}
	for i, m := range left {
		before, after, runs := 0, 0, w.run(m.text, m.face, "", "")
		if i == 0 {
			before = pitch + 300
			runs += `<w:r>` + w.rPr("", doc.FaceFang, "") + `<w:tab/></w:r>` + w.run(h.Number, doc.FaceFang, "", "")
		}
		if i == len(left)-1 {
			after = 2*pitch - 300
		}
		p(b, "DocNumber", tab+exact(pitch, before, after), runs)
	}
}

// telegramHeader is the 明电 版头: the red title on lines 1–2 and the form
// of 发电单位, 签批盖章, 等级 and number on lines 4–5 in red rules.
func (w *writer) telegramHeader(b *strings.Builder, h *doc.Header) {
	t := h.Telegram
	title := t.Title
	if title == "" {
		title = "明电"
	}
	size := math.Min(40, math.Floor(0.92*float64(areaW)/20/ems(title)))
	p(b, "DocMark", exact(2*pitch, 0, pitch), w.run(title, doc.FaceSong, "", sz(size)))
	red1 := func(side string, eighths int) string {
		return fmt.Sprintf(`<w:%s w:val="single" w:sz="%d" w:space="0" w:color="%s"/>`, side, eighths, red)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(areaW) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>` +
		red1("top", 10) + red1("bottom", 9) + red1("insideH", 4) + red1("insideV", 4) +
		`</w:tblBorders><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	// the cells as the typesetter sets them (doc.Telegram.Form): each row
	// its own widths, so the grid is every cell edge of both rows and a
	// cell spans the grid columns between its edges
	form := t.Form
	if len(form[0]) != 4 || len(form[1]) != 4 {
		form = evenForm()
	}
	var edges [2][]int
	var grid []int
	for i, row := range form {
		x := 0.0
		for j, c := range row {
			x += c.Width
			e := int(math.Round(x * 20))
			if j == len(row)-1 {
				e = areaW
			}
			edges[i] = append(edges[i], e)
			if !slices.Contains(grid, e) {
				grid = append(grid, e)
			}
		}
	}
	slices.Sort(grid)
	b.WriteString(`<w:tblGrid>`)
	prev := 0
	for _, e := range grid {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, e-prev)
		prev = e
	}
	b.WriteString(`</w:tblGrid>`)
	rows := [2][4]string{{"发电单位", t.Unit, "签批盖章", t.Approver}, {"等　　级", t.Grade, h.Number, t.Serial}}
	for i, row := range rows {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="` + fmt.Sprint(pitch) + `" w:hRule="exact"/></w:trPr>`)
		for j, text := range row {
			left := 0
			if j > 0 {
				left = edges[i][j-1]
			}
			right := edges[i][j]
			span := 0
			for _, e := range grid {
				if e > left && e <= right {
					span++
				}
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, right-left)
			if span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			f, size := doc.FaceFang, form[i][j].Size
			if j%2 == 0 && !(i == 1 && j == 2) {
				f = doc.FaceHei // the labels
			}
			extra := ""
			if size > 0 && math.Abs(size-bodySize) > 0.01 {
				extra = sz(size)
			}
			p(b, "DocNumber", "", w.run(text, f, "", extra))
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	p(b, "Recipients", exact(pitch, 0, 0), "")
}

// evenForm is the 明电 form for a document that did not go through
// layout.Explicit: labels five cells wide, the values sharing the rest
// evenly, all in 3号.
func evenForm() [2][]doc.FormCell {
	label := 5 * float64(cell) / 20
	val := (float64(areaW)/20 - 2*label) / 2
	row := []doc.FormCell{{Width: label, Size: bodySize}, {Width: val, Size: bodySize}, {Width: label, Size: bodySize}, {Width: val, Size: bodySize}}
	return [2][]doc.FormCell{row, row}
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
	spacing := lineSpacing(x.Text(), x.Lines)
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

// spacedRuns is text in face f with character style cs as runs of one
// character spacing each, spacing holding each character's in twips (the
// styles' condenseTwips left to the styles).
func (w *writer) spacedRuns(text string, f doc.Face, cs string, spacing []int) string {
	var b strings.Builder
	rs := []rune(text)
	for from := 0; from < len(rs); {
		to := from + 1
		for to < len(rs) && spacing[to] == spacing[from] {
			to++
		}
		extra := ""
		if v := spacing[from]; v != condenseTwips {
			extra = fmt.Sprintf(`<w:spacing w:val="%d"/>`, v)
		}
		b.WriteString(w.run(string(rs[from:to]), f, cs, extra))
		from = to
	}
	return b.String()
}

// Margins of lineSpacing, in points: a line is made to fit fitRoom short of
// its measure (Word takes a first-line indent of two characters as 32 pt,
// where the grid has two 15.79 pt cells, and LibreOffice drops the spacing
// after the last character of a run), and what starts the next line must
// overrun the measure by pullRoom.
const (
	fitRoom  = 1.0
	pullRoom = 0.5
)

// lineSpacing is the character spacing in twips of each character of text
// that makes a word processor break it where the typesetter broke it
// (lines, from a paragraph's or a cell's Lines), or nil when every line breaks there at the styles'
// spacing (condenseTwips on every character). A line that would overrun
// the measure (the typesetter squeezed its punctuation) is closed up, and
// one that would take in what starts the next line is spread, by one
// spacing on all its characters, as near the measure as fits.
func lineSpacing(text string, lines []doc.Line) []int {
	if len(lines) == 0 || strings.ContainsRune(text, '\t') {
		return nil
	}
	total := 0
	for _, l := range lines {
		total += l.Runes
	}
	if total != utf8.RuneCountInString(text) {
		return nil
	}
	base := float64(condenseTwips) / 20
	out := make([]int, 0, total)
	changed := false
	for _, l := range lines {
		v := condenseTwips
		width := l.Advance + float64(l.Chars)*base
		next := l.Next + float64(l.NextChars)*base
		over := width > l.Measure-fitRoom
		pulls := l.Full && l.NextChars > 0 && width+next <= l.Measure+pullRoom
		if (over || pulls) && l.Chars > 0 {
			v = int(math.Floor(20 * (l.Measure - fitRoom - l.Advance) / float64(l.Chars)))
			changed = true
		}
		for i := 0; i < l.Runes; i++ {
			out = append(out, v)
		}
	}
	if !changed {
		return nil
	}
	return out
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
