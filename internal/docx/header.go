package docx

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"tongbao/internal/doc"
)

// The 版头 of each format: the 份号, 密级 and 紧急程度, the 发文机关标志, the
// number and the red rule, as the typesetter sets them.

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

// jointMark writes joint issuers' names stacked lead twips apart, each
// justified to the names' width, with the suffix to their right centred
// on them: a borderless table of one row, its names column where the PDF
// has them (m.Left), the suffix's column half an em of the names' size and
// the suffix's width across.
func (w *writer) jointMark(b *strings.Builder, h *doc.Header, m doc.Mark, lead int) {
	nw := int(math.Round(m.NamesWidth * 20))
	indent := int(math.Round(m.Left * 20))
	sw := 0
	if h.MarkSuffix != "" {
		sw = int(math.Ceil((m.Size/2+m.SuffixWidth)*20)) + 40
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
	used := w.marks(b, h) * pitch
	if lines := markLines(h); len(lines) > 0 {
		// the mark's em boxes from 35 mm below the top of the 版心, the
		// number on the third grid line below them
		m := h.Mark
		size := m.Size * 20
		joint := len(lines) > 1 && m.NamesWidth > 0
		lead := 1.2 // each line's height, in ems
		if joint {
			lead = doc.MarkLead
		}
		line := int(size * lead)
		before := max(mm(35)-(line-int(size))/2-used, 0)
		bottom := mm(35) + int(size*(lead*float64(len(lines)-1)+1))
		after := max((bottom/pitch+3)*pitch-used-before-line*len(lines), 0)
		if joint {
			// a borderless table, the names justified to one width in its
			// first column, the suffix centred on them in the second
			if before > 0 {
				p(b, "DocMark", exact(before, 0, 0), "")
			}
			w.jointMark(b, h, m, line)
			if after > 0 {
				p(b, "DocMark", exact(after, 0, 0), "")
			}
		} else {
			p(b, "DocMark", exact(line, before, after), w.run(strings.Join(lines, "\n"), doc.FaceSong, "", sz(m.Size)))
		}
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
		size := h.Mark.Size
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
	for i, row := range form {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="` + fmt.Sprint(pitch) + `" w:hRule="exact"/></w:trPr>`)
		for j, c := range row {
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
			f := doc.FaceFang
			if c.Label {
				f = doc.FaceHei
			}
			extra := ""
			if math.Abs(c.Size-bodySize) > 0.01 {
				extra = sz(c.Size)
			}
			p(b, "DocNumber", "", w.run(c.Text, f, "", extra))
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	p(b, "Recipients", exact(pitch, 0, 0), "")
}
