package layout

import (
	"fmt"
	"math"

	"tongbao/internal/doc"
)

// Tables: 小四仿宋 body, 小四黑体 header rows and 合计 row; column widths from content
// (CJK-aware, from the same glyph widths the lines are set with) or given;
// cells wrapped with the line breaker; rows as tall as their tallest cell and
// never split across pages; header rows (merged cells included) repeated on
// every page; a note under the table.

const (
	tableRule  = 0.5      // rule width
	tablePadX  = 1.9 * mm // cell padding, left and right (0.19 cm, as in WPS and Word)
	tablePadY  = 3.0      // cell padding, top and bottom
	tableLead  = 1.35     // line pitch in cells, in ems
	tableNoteG = 4.0      // gap between the table and its note
	tableMinCh = 2        // a column is at least this many characters wide
	tableShort = 8 * 1.0  // cells up to this many ems read centred
)

// tcell is a laid-out cell.
type tcell struct {
	col, span int
	rowSpan   int
	gs        []glyph
	lines     []line
	natural   float64 // width on one line
	minimum   float64 // widest unbreakable piece
	head      bool
	where     string
}

// trow is a laid-out row.
type trow struct {
	cells  []*tcell
	height float64
	total  bool
}

// table lays t out in the flow, starting at the next grid line.
func (ts *typesetter) table(t *doc.Table, name string) error {
	f := &ts.f
	if f.k >= f.pg.capacity() {
		f.newPage(f.pg.Landscape)
	}
	a := f.pg.a
	size := float64(sizeTable)
	head, rows, ncol, err := ts.tableCells(t, size, name)
	if err != nil {
		return err
	}
	if ncol == 0 {
		return nil
	}
	widths := tableWidths(t, head, rows, ncol, a.w, size)
	aligns := tableAligns(t, rows, ncol, widths, size)
	lead := tableLead * size
	layoutRow := func(r *trow) {
		r.height = 0
		for _, c := range r.cells {
			w := c.measure(widths)
			if c.head {
				// headings wrap into balanced lines: 网站标识码|或账号, not 网站标识码或账|号
				c.lines = c.lines[:0]
				from := 0
				for _, cut := range append(titleBreaks(c.gs, w, false), len(c.gs)) {
					c.lines = append(c.lines, line{from: from, to: cut})
					from = cut
				}
			} else {
				c.lines = breakLines(c.gs, func(int) float64 { return w })
			}
			if c.rowSpan == 1 {
				r.height = math.Max(r.height, float64(max(len(c.lines), 1))*lead+2*tablePadY)
			}
		}
	}
	for i := range head {
		layoutRow(&head[i])
	}
	// a cell spanning rows may need them taller
	for i := range head {
		for _, c := range head[i].cells {
			if c.rowSpan > 1 && i+c.rowSpan <= len(head) {
				need := float64(max(len(c.lines), 1))*lead + 2*tablePadY
				have := 0.0
				for k := i; k < i+c.rowSpan; k++ {
					have += head[k].height
				}
				if need > have {
					head[i+c.rowSpan-1].height += need - have
				}
			}
		}
	}
	headH := 0.0
	for _, r := range head {
		headH += r.height
	}
	for i := range rows {
		layoutRow(&rows[i])
	}

	// the note under the table comes with the last row to a new page
	var noteGs []glyph
	var noteLines []line
	noteW := spanWidth(widths, 0, ncol)
	noteH := 0.0
	if t.Note != "" {
		noteGs, err = ts.s.shape(nil, t.Note, style{role: roleFang, size: size}, name+"注")
		if err != nil {
			return err
		}
		noteLines = breakLines(noteGs, func(int) float64 { return noteW })
		noteH = tableNoteG + float64(len(noteLines))*lead
	}

	x0 := a.x
	y := a.lineTop(f.k)
	bottom := a.y + a.h
	first := true
	drawHead := func() {
		ty := y
		for i := range head {
			ts.drawRow(f.pg, &head[i], head, i, x0, ty, widths, nil, size, lead)
			ty += head[i].height
		}
		y = ty
	}
	newPage := func() {
		f.newPage(f.pg.Landscape)
		f.pg.hasTable = true
		y = f.pg.a.y
		drawHead()
	}
	f.pg.hasTable = true
	onPage := 0 // body rows on the current page
	for i := range rows {
		r := &rows[i]
		need := r.height
		if first {
			need += headH
		}
		switch {
		case i == len(rows)-1:
			need += noteH
		case i == len(rows)-2 && onPage >= 2:
			// the last row does not go to a page of its own (under the
			// repeated header): the one before it comes along
			need += rows[i+1].height + noteH
		}
		if y+need > bottom+eps && y > f.pg.a.y+headH+eps {
			onPage = 0
			if first {
				f.newPage(f.pg.Landscape)
				f.pg.hasTable = true
				y = f.pg.a.y
			} else {
				ts.closeTable(f.pg, x0, y, widths)
				newPage()
			}
		}
		if first {
			drawHead()
			first = false
		}
		ts.drawRow(f.pg, r, nil, 0, x0, y, widths, aligns, size, lead)
		y += r.height
		onPage++
	}
	if first { // a table with no body rows
		drawHead()
	}
	ts.closeTable(f.pg, x0, y, widths)
	if len(noteLines) > 0 {
		if y+noteH > bottom+eps {
			f.newPage(f.pg.Landscape)
			y = f.pg.a.y - tableNoteG
		}
		y += tableNoteG
		for k, ln := range noteLines {
			base := y + (lead-size)/2 + emAscent*size
			f.pg.Texts = setLine(f.pg.Texts, noteGs, ln, x0, base, noteW, alignJustify, k == len(noteLines)-1)
			y += lead
		}
	}
	// continue on the grid below the table
	pa := f.pg.a
	f.k = int(math.Ceil((y-pa.y)/pa.pitch - 0.05))
	return nil
}

// tableCells shapes a table's header and body cells and returns them with
// the number of columns.
func (ts *typesetter) tableCells(t *doc.Table, size float64, name string) (head, rows []trow, ncol int, err error) {
	head, ncol, err = ts.tableHead(t, size, name)
	if err != nil {
		return nil, nil, 0, err
	}
	rows = make([]trow, len(t.Rows))
	for i, r := range t.Rows {
		c := 0
		st := style{role: roleFang, size: size}
		if r.Total {
			st.role = roleHei // the 合计 row stands out, as bold does in WPS
		}
		for _, cl := range r.Cells {
			span := max(cl.ColSpan, 1)
			where := fmt.Sprintf("%s第 %d 行第 %d 列", name, i+1, c+1)
			tc, err := ts.tableCell(cl.Text, st, where)
			if err != nil {
				return nil, nil, 0, err
			}
			tc.col, tc.span, tc.rowSpan = c, span, 1
			rows[i].cells = append(rows[i].cells, tc)
			c += span
		}
		rows[i].total = r.Total
		ncol = max(ncol, c)
	}
	return head, rows, ncol, nil
}

// tableHead lays out the header rows, placing merged cells on a grid.
func (ts *typesetter) tableHead(t *doc.Table, size float64, name string) ([]trow, int, error) {
	head := make([]trow, len(t.Head))
	occupied := map[[2]int]bool{}
	ncol := 0
	for i, r := range t.Head {
		c := 0
		for _, cl := range r {
			for occupied[[2]int{i, c}] {
				c++
			}
			span, rs := max(cl.ColSpan, 1), max(cl.RowSpan, 1)
			if i+rs > len(t.Head) {
				rs = len(t.Head) - i
			}
			where := fmt.Sprintf("%s表头第 %d 行第 %d 列", name, i+1, c+1)
			tc, err := ts.tableCell(cl.Text, style{role: roleHei, size: size}, where)
			if err != nil {
				return nil, 0, err
			}
			tc.col, tc.span, tc.rowSpan, tc.head = c, span, rs, true
			head[i].cells = append(head[i].cells, tc)
			for di := 0; di < rs; di++ {
				for dc := 0; dc < span; dc++ {
					occupied[[2]int{i + di, c + dc}] = true
				}
			}
			c += span
		}
		for occupied[[2]int{i, c}] {
			c++
		}
		ncol = max(ncol, c)
	}
	return head, ncol, nil
}

// tableCell shapes a cell's text and measures it.
func (ts *typesetter) tableCell(text string, st style, where string) (*tcell, error) {
	gs, err := ts.s.shape(nil, text, st, where)
	if err != nil {
		return nil, err
	}
	c := &tcell{gs: gs, where: where}
	w, piece := 0.0, 0.0
	for i := range gs {
		if i > 0 && canBreak(gs, i) {
			c.minimum = math.Max(c.minimum, piece)
			piece = 0
		}
		if gs[i].font != noFont {
			w += gs[i].w
			piece += gs[i].w
		}
		if gs[i].r == '\n' {
			c.natural = math.Max(c.natural, w)
			w = 0
		}
	}
	c.minimum = math.Max(c.minimum, piece)
	c.natural = math.Max(c.natural, w)
	return c, nil
}

func spanWidth(widths []float64, col, span int) float64 {
	w := 0.0
	for i := col; i < col+span && i < len(widths); i++ {
		w += widths[i]
	}
	return w
}

// tableAligns gives each column's body alignment: as given, else centred
// when every cell of the column is short and fits on one line, else flush left.
func tableAligns(t *doc.Table, rows []trow, ncol int, widths []float64, size float64) []lineAlign {
	al := make([]lineAlign, ncol)
	for i := range al {
		if i < len(t.Aligns) && t.Aligns[i] != doc.AlignJustify {
			al[i] = alignOf(t.Aligns[i])
			continue
		}
		al[i] = alignCenter
		for _, r := range rows {
			for _, c := range r.cells {
				if c.col == i && c.span == 1 && (c.natural > tableShort*size+0.01 || c.natural > widths[i]-2*tablePadX+0.01) {
					al[i] = alignJustify
				}
			}
		}
	}
	return al
}

// measure is the width c's text is broken to: its columns less the
// padding (a column sized to its widest cell fits it despite rounding).
func (c *tcell) measure(widths []float64) float64 {
	return spanWidth(widths, c.col, c.span) - 2*tablePadX + 0.01
}

// align is how c's lines are set: as its column (aligns, from
// tableAligns; nil: centred), a cell spanning columns centred unless its
// text overflows one line, then justified.
func (c *tcell) align(widths []float64, aligns []lineAlign) lineAlign {
	switch {
	case c.span > 1 && c.natural > c.measure(widths) && !c.head:
		return alignJustify
	case aligns != nil && c.span == 1:
		return aligns[c.col]
	}
	return alignCenter
}

// drawRow draws a row's cells and their top and left rules at y.
func (ts *typesetter) drawRow(p *pageBuf, r *trow, head []trow, ri int, x0, y float64, widths []float64, aligns []lineAlign, size, lead float64) {
	for _, c := range r.cells {
		x := x0 + spanWidth(widths, 0, c.col)
		w := spanWidth(widths, c.col, c.span)
		h := r.height
		if c.rowSpan > 1 && head != nil {
			h = 0
			for k := ri; k < ri+c.rowSpan && k < len(head); k++ {
				h += head[k].height
			}
		}
		p.Rules = append(p.Rules,
			Rule{X1: x, Y1: y, X2: x + w, Y2: y, Width: tableRule, Color: Black},
			Rule{X1: x, Y1: y, X2: x, Y2: y + h, Width: tableRule, Color: Black})
		al := c.align(widths, aligns)
		n := max(len(c.lines), 1)
		ty := y + (h-float64(n)*lead)/2
		for k, ln := range c.lines {
			base := ty + float64(k)*lead + (lead-size)/2 + emAscent*size
			p.Texts = setLine(p.Texts, c.gs, ln, x+tablePadX, base, w-2*tablePadX, al, k == len(c.lines)-1)
		}
	}
	// the right edge
	right := x0 + spanWidth(widths, 0, len(widths))
	h := r.height
	p.Rules = append(p.Rules, Rule{X1: right, Y1: y, X2: right, Y2: y + h, Width: tableRule, Color: Black})
}

// closeTable draws the bottom rule of the table's part on a page.
func (ts *typesetter) closeTable(p *pageBuf, x0, y float64, widths []float64) {
	right := x0 + spanWidth(widths, 0, len(widths))
	p.Rules = append(p.Rules, Rule{X1: x0, Y1: y, X2: right, Y2: y, Width: tableRule, Color: Black})
}
