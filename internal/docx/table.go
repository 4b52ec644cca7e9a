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
// header cells, rows that do not split, column widths from the model or
// from the cells' contents, and the note under it.
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
	widths := columnWidths(t, occ, ncol, len(t.Head), total)
	aligns := make([]string, ncol)
	for c := range ncol {
		aligns[c] = "center"
		if c < len(t.Aligns) && t.Aligns != nil {
			aligns[c] = jcOf(t.Aligns[c])
			continue
		}
		for r := len(t.Head); r < len(occ); r++ {
			if c < len(occ[r]) && occ[r][c] != nil && occ[r][c].cs == 1 && ems(occ[r][c].cell.Text) > 8 {
				aligns[c] = "left"
			}
		}
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="DocTable"/><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>`+
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, total)
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
			case totalRow:
				p(b, "TableText", `<w:jc w:val="`+aligns[c]+`"/>`, w.run(text, doc.FaceHei, "", ""))
			default:
				jc := aligns[c]
				if span > 1 {
					jc = "center"
				}
				p(b, "TableText", `<w:jc w:val="`+jc+`"/>`, w.run(text, doc.FaceFang, "", ""))
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

// columnWidths shares total twips among the columns: by the model's
// relative widths when it gives all of them, else by the widest single
// cell of each column (header words may wrap), at least two characters.
func columnWidths(t *doc.Table, occ [][]*placed, ncol, nhead, total int) []int {
	want := make([]float64, ncol)
	ok := len(t.Widths) == ncol
	for c := range ncol {
		if ok && t.Widths[c] > 0 {
			want[c] = t.Widths[c]
			continue
		}
		ok = false
	}
	if !ok {
		for c := range ncol {
			want[c] = 2
			for r := range occ {
				if c >= len(occ[r]) || occ[r][c] == nil || occ[r][c].cs != 1 || occ[r][c].row != r {
					continue
				}
				n := ems(occ[r][c].cell.Text) + 1
				if r < nhead {
					n = math.Min(n, 5)
				}
				want[c] = math.Max(want[c], math.Min(n, 16))
			}
		}
	}
	sum := 0.0
	for _, v := range want {
		sum += v
	}
	out := make([]int, ncol)
	left := total
	for c := range ncol {
		out[c] = int(float64(total) * want[c] / sum)
		left -= out[c]
	}
	out[ncol-1] += left
	return out
}

// record writes the 版记 (and the 公开方式 line above it) as a table
// floating at the foot of the last page: 抄送 and 印发机关/印发日期 in
// 4号仿宋 one character in from each side, thick rules first and last, a
// thin one between.
func (w *writer) record(b *strings.Builder) {
	d := w.d
	rec := d.Record
	const thick, thin = 8, 6 // 0.35 mm and 0.25 mm, in eighths of a point
	pad := smallSize * 20 * cell / (bodySize * 20)
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/>`+
		`<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, areaW, pad, pad, areaW)
	var rows []string
	var rowBorders [][2]int
	if rec != nil {
		if len(rec.CC) > 0 {
			text := "抄送：" + strings.Join(rec.CC, "，")
			if !strings.HasSuffix(text, "。") {
				text += "。"
			}
			rows = append(rows, fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="Record"/><w:ind w:left="%d" w:hanging="%d"/></w:pPr>%s</w:p>`, 3*pad, 3*pad, w.run(text, doc.FaceFang, "", "")))
		}
		if rec.Printer != "" || rec.PrintDate != "" {
			date := ""
			if rec.PrintDate != "" {
				date = "\t" + rec.PrintDate + "印发"
			}
			rows = append(rows, fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="Record"/><w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs></w:pPr>%s</w:p>`,
				areaW-2*pad, strings.ReplaceAll(w.run(rec.Printer+date, doc.FaceFang, "", ""), "\t", `</w:t><w:tab/><w:t xml:space="preserve">`)))
		}
	}
	for i := range rows {
		top, bottom := thin, thin
		if i == 0 {
			top = thick
		}
		if i == len(rows)-1 {
			bottom = thick
		}
		rowBorders = append(rowBorders, [2]int{top, bottom})
	}
	if d.Disclosure != "" {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="` + fmt.Sprint(areaW) + `" w:type="dxa"/><w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar></w:tcPr>`)
		p(b, "Disclosure", "", w.run("公开方式：", doc.FaceHei, "", "")+w.run(d.Disclosure, doc.FaceFang, "", ""))
		b.WriteString(`</w:tc></w:tr>`)
	}
	for i, r := range rows {
		fmt.Fprintf(b, `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:tcBorders>%s%s</w:tcBorders></w:tcPr>%s</w:tc></w:tr>`,
			areaW, border("top", rowBorders[i][0], "000000"), border("bottom", rowBorders[i][1], "000000"), r)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph after a table; this one takes no room
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Record"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`)
}
