package docx

import (
	"fmt"
	"math"
	"strings"

	"tongbao/internal/doc"
)

// placed is a cell at its place in the table's grid.
type placed struct {
	cell     doc.Cell
	row, col int
	cs, rs   int
}

// grid places rows of cells, spans included, on ncol columns: each entry
// points at the cell covering it (nil where none does).
func grid(rows [][]doc.Cell) ([][]*placed, int) {
	ncol := 0
	var occ [][]*placed
	ensure := func(r, c int) {
		for len(occ) <= r {
			occ = append(occ, nil)
		}
		for len(occ[r]) <= c {
			occ[r] = append(occ[r], nil)
		}
	}
	for r, row := range rows {
		col := 0
		for _, c := range row {
			for {
				ensure(r, col)
				if occ[r][col] == nil {
					break
				}
				col++
			}
			pc := &placed{cell: c, row: r, col: col, cs: max(c.ColSpan, 1), rs: max(c.RowSpan, 1)}
			if pc.rs > len(rows)-r {
				pc.rs = len(rows) - r
			}
			for i := r; i < r+pc.rs; i++ {
				for j := col; j < col+pc.cs; j++ {
					ensure(i, j)
					occ[i][j] = pc
				}
			}
			col += pc.cs
			ncol = max(ncol, col)
		}
	}
	for len(occ) < len(rows) {
		occ = append(occ, nil)
	}
	return occ, ncol
}

// table writes a ruled table: header rows repeated on every page, merged
// header cells, rows that do not split, and the note under it. The column
// widths and body alignments are the model's, as layout.Explicit sets them
// from the typeset table; a column without an alignment (AlignJustify,
// the automatic one) is centred.
func (w *writer) table(b *strings.Builder, t *doc.Table, land bool) {
	all := append([][]doc.Cell(nil), t.Head...)
	for _, r := range t.Rows {
		all = append(all, r.Cells)
	}
	occ, ncol := grid(all)
	if ncol == 0 {
		return
	}
	total := areaW
	if land {
		total = landAreaW
	}
	widths := columnWidths(t, ncol, total)
	aligns := make([]string, ncol)
	for c := range ncol {
		aligns[c] = "center"
		if c < len(t.Aligns) && t.Aligns[c] != doc.AlignJustify {
			aligns[c] = jcOf(t.Aligns[c])
		}
	}
	tw := 0
	for _, v := range widths {
		tw += v
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="DocTable"/><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>`+
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, tw)
	for _, wd := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	for r := range occ {
		head := r < len(t.Head)
		totalRow := !head && t.Rows[r-len(t.Head)].Total
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if head {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`<w:jc w:val="center"/></w:trPr>`)
		for c := 0; c < ncol; {
			var pc *placed
			if c < len(occ[r]) {
				pc = occ[r][c]
			}
			span := 1
			if pc != nil {
				span = pc.cs
			}
			wd := 0
			for j := c; j < c+span && j < ncol; j++ {
				wd += widths[j]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, wd)
			if span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
			}
			text := ""
			if pc != nil && pc.rs > 1 {
				if pc.row == r {
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				} else {
					b.WriteString(`<w:vMerge/>`)
				}
			}
			if pc != nil && pc.row == r {
				text = pc.cell.Text
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			switch {
			case head:
				p(b, "TableHead", "", w.run(text, doc.FaceHei, "", ""))
			default:
				f, jc := doc.FaceFang, aligns[c]
				if totalRow {
					f = doc.FaceHei
				} else if span > 1 {
					jc = "center"
				}
				runs := w.run(text, f, "", "")
				if pc != nil && pc.row == r {
					if sp := lineSpacing(text, pc.cell.Lines, tableSize); sp != nil {
						runs = w.spacedRuns(text, f, "", sp)
					}
				}
				p(b, "TableText", `<w:jc w:val="`+jc+`"/>`, runs)
			}
			b.WriteString(`</w:tc>`)
			c += span
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	if t.Note != "" {
		p(b, "TableNote", "", w.run(t.Note, doc.FaceFang, "", ""))
	}
}

// jcOf is the w:jc value of an alignment.
func jcOf(a doc.Align) string {
	switch a {
	case doc.AlignLeft:
		return "left"
	case doc.AlignRight:
		return "right"
	case doc.AlignJustify:
		return "both"
	}
	return "center"
}

// columnWidths shares total twips among the columns by the table's
// Widths, in points (layout.Explicit sets them as typeset): as given when
// they fit, in proportion when they add up to more than total, and in equal
// shares when the table does not give every column one.
func columnWidths(t *doc.Table, ncol, total int) []int {
	out := make([]int, ncol)
	want := make([]float64, ncol)
	sum := 0.0
	for c := range ncol {
		if len(t.Widths) != ncol || t.Widths[c] <= 0 {
			for c := range want {
				want[c] = 1
			}
			share(out, want, total)
			return out
		}
		want[c] = t.Widths[c]
		sum += want[c]
	}
	if sum*20 > float64(total)+1 {
		share(out, want, total)
		return out
	}
	for c, v := range want {
		out[c] = int(v*20 + 0.5)
	}
	return out
}

// share sets out to total twips shared by the weights want.
func share(out []int, want []float64, total int) {
	sum := 0.0
	for _, v := range want {
		sum += v
	}
	left := total
	for c := range out {
		out[c] = int(float64(total) * want[c] / sum)
		left -= out[c]
	}
	out[len(out)-1] += left
}

// record writes the 版记 (and the 公开方式 line above it) as paragraphs in
// one frame at the foot of the page, its last rule on the bottom edge of
// the 版心: 抄送 and 印发机关/印发日期 in 4号仿宋 one character in from each
// side, rules across the 版心, thick first and last, thin between. Every
// line is a grid line, so the frame's height is known and its place fixed
// from the top of the page (LibreOffice reads frames, not a table floating
// "at the bottom").
func (w *writer) record(b *strings.Builder) {
	d := w.d
	rec := d.Record
	const thick, thin = 8, 6 // 0.35 mm and 0.25 mm, in eighths of a point
	pad := smallSize * 20    // one 4号 character
	type para struct {
		style, ppr, runs string
		lines            int
	}
	var ps []para
	if d.Disclosure != "" {
		ps = append(ps, para{"Disclosure", "", w.run("公开方式：", doc.FaceHei, "", "") + w.run(d.Disclosure, doc.FaceFang, "", ""), 1})
	}
	// the letter format's 版记 has no rules (GB/T 9704, 信函格式)
	letter := d.Header.Format == doc.FormatLetter
	var ruled []int
	if rec != nil && len(rec.CC) > 0 {
		text := "抄送：" + strings.Join(rec.CC, "，")
		if !strings.HasSuffix(text, "。") {
			text += "。"
		}
		per := float64(areaW-2*pad) / float64(pad) // 4号 characters a line
		n, first := 1, ems(text)
		if first > per {
			n += int(math.Ceil((first - per) / (per - 3)))
		}
		if !letter {
			ruled = append(ruled, len(ps))
		}
		ps = append(ps, para{"Record", fmt.Sprintf(`<w:ind w:left="%d" w:right="%d" w:hanging="%d"/>`, 4*pad, pad, 3*pad),
			w.run(text, doc.FaceFang, "", ""), n})
	}
	// a letter-format document's 版记 has no 印发机关 and 印发日期 line
	if rec != nil && !letter && (rec.Printer != "" || rec.PrintDate != "") {
		runs := w.run(rec.Printer, doc.FaceFang, "", "")
		if rec.PrintDate != "" {
			runs += `<w:r>` + w.rPr("", doc.FaceFang, "") + `<w:tab/></w:r>` + w.run(rec.PrintDate+"印发", doc.FaceFang, "", "")
		}
		ruled = append(ruled, len(ps))
		ps = append(ps, para{"Record", fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:ind w:left="%d" w:right="%d"/>`, areaW-pad, pad, pad), runs, 1})
	}
	height := 0
	for _, q := range ps {
		height += q.lines * pitch
	}
	// the rules are paragraphs of their own, one point high, across the
	// 版心 whatever the indents of the text
	var box strings.Builder
	rule := func(eighths int) {
		p(&box, "Record", `<w:pBdr>`+border("bottom", eighths, "000000")+`</w:pBdr>`+exact(20, 0, 0), "")
		height += 20
	}
	for i, q := range ps {
		for j, k := range ruled {
			if k == i {
				if j == 0 {
					rule(thick)
				} else {
					rule(thin)
				}
			}
		}
		p(&box, q.style, q.ppr, q.runs)
	}
	if len(ruled) > 0 {
		rule(thick)
	}
	// the text box's bottom on the bottom edge of the 版心, its text at the bottom
	cx, cy := areaW*635, (height+60)*635
	w.nextID++
	anchor := fmt.Sprintf(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251660288" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">`+
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionV>`+
		`<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="%d" name="版记"/><wp:cNvGraphicFramePr/>`+
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>`+
		`<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>`+
		`<wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx>`+
		`<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>`,
		(pageH-marginBot)*635-cy, cx, cy, w.nextID, cx, cy, box.String())
	// anchored in a paragraph that takes no room
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Record"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr>` + anchor + `</w:p>`)
}
