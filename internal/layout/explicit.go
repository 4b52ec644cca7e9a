package layout

import (
	"strings"

	"tongbao/internal/doc"
)

// Explicit returns the document with the typesetter's choices that a word
// processor would make otherwise written into it: the 标题 and the
// annexes' titles broken into the lines Typeset sets them in (each break an
// explicit "\n"), every table's column widths (in points) and alignments,
// the lines each paragraph and table cell is broken into (Lines), the
// 发文机关标志's setting (Header.Mark) and the cells of a 明电 form
// (Telegram.Form). A writer that leaves the setting to another program (the
// DOCX for OA review) then shows the same 版头, the same balanced titles,
// the same tables and the same lines. The document is copied; d is not
// changed.
func Explicit(d *doc.Document) (*doc.Document, error) {
	ts := &typesetter{d: d}
	out := *d
	var err error
	if out.Title, err = ts.titleBroken(d.Title, portrait(), "标题"); err != nil {
		return nil, err
	}
	if out.Header, err = ts.explicitHeader(d.Header, portrait()); err != nil {
		return nil, err
	}
	if out.Body, err = ts.explicitTables(d.Body, portrait()); err != nil {
		return nil, err
	}
	if err = ts.explicitLines(out.Body, portrait(), "正文"); err != nil {
		return nil, err
	}
	out.Annexes = append([]doc.Annex(nil), d.Annexes...)
	for i := range out.Annexes {
		an := &out.Annexes[i]
		a := portrait()
		if an.Landscape() {
			a = landscape()
		}
		if an.Title, err = ts.titleBroken(an.Title, a, an.Label+" 标题"); err != nil {
			return nil, err
		}
		if an.Blocks, err = ts.explicitTables(an.Blocks, a); err != nil {
			return nil, err
		}
		if err = ts.explicitLines(an.Blocks, a, an.Label); err != nil {
			return nil, err
		}
	}
	return &out, nil
}

// explicitHeader is h with the setting of its 发文机关标志 and, for a 明电,
// of its form in area a.
func (ts *typesetter) explicitHeader(h doc.Header, a area) (doc.Header, error) {
	if len(h.Issuers) > 0 {
		var err error
		if h.Mark, err = ts.markSetting(&h, a); err != nil {
			return h, err
		}
	}
	if h.Format == doc.FormatTelegram {
		rows, err := ts.telegramForm(&h, a)
		if err != nil {
			return h, err
		}
		for i, row := range rows {
			h.Telegram.Form[i] = make([]doc.FormCell, len(row))
			for j, c := range row {
				h.Telegram.Form[i][j] = doc.FormCell{Text: c.text, Label: c.label, Width: c.w, Size: c.st.size}
			}
		}
	}
	return h, nil
}

// titleBroken is title with its line breaks written as "\n".
func (ts *typesetter) titleBroken(text string, a area, where string) (string, error) {
	var lines []string
	for _, seg := range splitLines(text) {
		gs, err := ts.s.shape(nil, seg, style{role: roleSong, size: sizeTitle}, where)
		if err != nil {
			return "", err
		}
		from := 0
		for _, c := range append(titleBreaks(gs, a.w, true), len(gs)) {
			rs := make([]rune, 0, c-from)
			for _, g := range gs[from:c] {
				rs = append(rs, g.r)
			}
			lines = append(lines, string(rs))
			from = c
		}
	}
	s := ""
	for i, l := range lines {
		if i > 0 {
			s += "\n"
		}
		s += l
	}
	return s, nil
}

// explicitTables returns blocks with each table copied and its widths and
// alignments set as Typeset sets them in area a.
func (ts *typesetter) explicitTables(blocks []doc.Block, a area) ([]doc.Block, error) {
	out := make([]doc.Block, len(blocks))
	for i, b := range blocks {
		out[i] = b
		t, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		head, rows, ncol, err := ts.tableCells(t, sizeTable, "表格")
		if err != nil {
			return nil, err
		}
		if ncol == 0 {
			continue
		}
		tc := *t
		tc.Widths = tableWidths(t, head, rows, ncol, a.w, sizeTable)
		tc.Aligns = make([]doc.Align, ncol)
		aligns := tableAligns(t, rows, ncol, tc.Widths, sizeTable)
		for j, al := range aligns {
			switch al {
			case alignRight:
				tc.Aligns[j] = doc.AlignRight
			case alignCenter:
				tc.Aligns[j] = doc.AlignCenter
			default: // justified cells read flush left in a word processor
				tc.Aligns[j] = doc.AlignLeft
			}
		}
		// body cells break where Typeset breaks them
		tc.Rows = make([]doc.Row, len(t.Rows))
		for r := range t.Rows {
			tc.Rows[r] = t.Rows[r]
			tc.Rows[r].Cells = append([]doc.Cell(nil), t.Rows[r].Cells...)
			if len(rows[r].cells) != len(t.Rows[r].Cells) {
				continue
			}
			for k, c := range rows[r].cells {
				w := c.measure(tc.Widths)
				measure := func(int) float64 { return w }
				justified := c.align(tc.Widths, aligns) == alignJustify
				tc.Rows[r].Cells[k].Lines = docLines(t.Rows[r].Cells[k].Text, c.gs, breakLines(c.gs, measure), measure, justified)
			}
		}
		// header cells wrap into balanced lines, as drawRow sets them
		tc.Head = make([][]doc.Cell, len(t.Head))
		for r := range t.Head {
			tc.Head[r] = append([]doc.Cell(nil), t.Head[r]...)
			if len(head[r].cells) != len(t.Head[r]) {
				continue
			}
			for k, c := range head[r].cells {
				w := c.measure(tc.Widths)
				var lines []string
				from := 0
				for _, cut := range append(titleBreaks(c.gs, w, false), len(c.gs)) {
					rs := make([]rune, 0, cut-from)
					for _, g := range c.gs[from:cut] {
						rs = append(rs, g.r)
					}
					lines = append(lines, string(rs))
					from = cut
				}
				tc.Head[r][k].Text = strings.Join(lines, "\n")
			}
		}
		out[i] = &tc
	}
	return out, nil
}

// explicitLines replaces each paragraph of blocks with a copy whose Lines
// are set for area a.
func (ts *typesetter) explicitLines(blocks []doc.Block, a area, where string) error {
	for i, b := range blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok {
			continue
		}
		ls, err := ts.lines(p, a, where)
		if err != nil {
			return err
		}
		c := *p
		c.Lines = ls
		blocks[i] = &c
	}
	return nil
}

// lines is Paragraph.Lines of p set on the grid of a.
func (ts *typesetter) lines(p *doc.Paragraph, a area, where string) ([]doc.Line, error) {
	pp, err := ts.bodyPara(p, a, where)
	if err != nil {
		return nil, err
	}
	return docLines(p.Text(), pp.gs, breakLines(pp.gs, pp.measure), pp.measure, pp.align == alignJustify), nil
}

// docLines describes lines ls of gs, the glyphs shaped from text, as
// doc.Lines: measure gives line k's width, justified whether lines other
// than the last spread to it. Nil when the glyphs do not match the text.
func docLines(text string, gs []glyph, ls []line, measure func(k int) float64, justified bool) []doc.Line {
	// rune index in text of each glyph
	at := make([]int, 0, len(gs)+1)
	n := 0
	for _, r := range text {
		if !dropped(r) {
			at = append(at, n)
		}
		n++
	}
	if len(at) != len(gs) {
		return nil
	}
	at = append(at, n)
	out := make([]doc.Line, len(ls))
	for k, ln := range ls {
		l := doc.Line{Measure: measure(k), Full: justified && k < len(ls)-1}
		from := at[ln.from]
		if k == 0 {
			from = 0
		}
		l.Runes = at[ln.to] - from
		if k == len(ls)-1 {
			l.Runes = n - from
		}
		to := ln.to
		for to > ln.from && (isSpace(gs[to-1].r) || gs[to-1].font == noFont) {
			to--
		}
		for _, g := range gs[ln.from:to] {
			l.Advance += g.adv
			l.Chars++
		}
		if k+1 < len(ls) {
			for j := ls[k+1].from; j < ls[k+1].to; j++ {
				// a word processor may also break a Latin run after a
				// hyphen or slash (0663-|8230001)
				if j > ls[k+1].from && (canBreak(gs, j) || gs[j-1].r == '-' || gs[j-1].r == '/') {
					break
				}
				l.Next += gs[j].adv
				l.NextChars++
			}
		}
		out[k] = l
	}
	return out
}
