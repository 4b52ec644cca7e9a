package layout

import (
	"strconv"
	"strings"

	"tongbao/internal/doc"
)

const (
	recordThick = 0.35 * mm // first and last 版记 rules
	recordThin  = 0.25 * mm // rules between
)

// recordLines sets the 版记's text lines in 4号仿宋: 抄送 (indented one
// character each side, wrapped lines aligned after the colon, ending with
// 。) and the 印发机关 and 印发日期 line. It reports how many lines belong to
// 抄送.
func (ts *typesetter) recordLines(rec *doc.Record, a area, letter bool) ([]gline, int, error) {
	st := style{role: roleFang, size: sizeSmall}
	cell := a.cell * sizeSmall / sizeBody
	var out []gline
	cc := 0
	if len(rec.CC) > 0 {
		text := "抄送：" + strings.Join(rec.CC, "，")
		if !strings.HasSuffix(text, "。") {
			text += "。"
		}
		gs, err := ts.s.shape(nil, text, st, "版记（抄送）")
		if err != nil {
			return nil, 0, err
		}
		gridFit(gs, sizeSmall, cell)
		pp := para{gs: gs, x0: a.x + cell, w: a.w - 2*cell, align: alignJustify, indent: func(k int) float64 {
			if k == 0 {
				return 0
			}
			return 3 * cell
		}}
		out = pp.lines()
		cc = len(out)
	}
	if !letter && (rec.Printer != "" || rec.PrintDate != "") {
		var texts []Text
		if rec.Printer != "" {
			t, _, err := ts.lineAt(rec.Printer, st, a.x+cell, 0, a.w-2*cell, alignLeft, "版记（印发机关）")
			if err != nil {
				return nil, 0, err
			}
			texts = append(texts, t...)
		}
		if rec.PrintDate != "" {
			t, _, err := ts.lineAt(rec.PrintDate+"印发", st, a.x+cell, 0, a.w-2*cell, alignRight, "版记（印发日期）")
			if err != nil {
				return nil, 0, err
			}
			texts = append(texts, t...)
		}
		centre(texts)
		out = append(out, gline{texts: texts})
	}
	return out, cc, nil
}

// record puts the 版记 at the bottom of the last page, its last rule on the
// bottom edge of the 版心, on an even page: after content ending on an odd
// page it takes the next page; after a full even page, a blank page comes
// first, and then neither it nor the 版记 page is numbered (GB/T 9704 7.5).
// The 公开方式 line, when the document has one, takes the grid line right
// above the 版记 (or the last grid line of the last page when there is no
// 版记). It notes in ts.place which of these cases it met.
func (ts *typesetter) record() error {
	rec := ts.d.Record
	f := &ts.f
	a := portrait()
	disc, hasDisc, err := ts.disclosureLine(a)
	if err != nil {
		return err
	}
	var ls []gline
	cc := 0
	letter := ts.d.Header.Format == doc.FormatLetter
	if rec != nil {
		if ls, cc, err = ts.recordLines(rec, a, letter); err != nil {
			return err
		}
	}
	if len(ls) == 0 {
		if hasDisc {
			if p := f.pg; p.Landscape || p.capacity() != a.lines || f.k > a.lines-1 {
				f.newPage(false)
				if rec != nil {
					ts.place = doc.RecordNextPage
				}
			}
			f.pg.lines = append(f.pg.lines, placedLine{k: a.lines - 1, l: disc})
		}
		return nil
	}
	n := len(ls)
	extra := 0
	if hasDisc {
		extra = 1
	}
	p := f.pg
	fits := !p.Landscape && p.capacity() == a.lines && f.k <= a.lines-n-extra
	if letter {
		// the letter format's 版记 has no rules and need not be even
		if !fits {
			p = f.newPage(false)
			ts.place = doc.RecordNextPage
		}
	} else {
		even := len(f.pages)%2 == 0
		switch {
		case fits && even:
		case !even:
			p = f.newPage(false) // the next page is even
			ts.place = doc.RecordNextPage
		default:
			// an even page without room: a blank page, then the 版记 page,
			// neither numbered
			f.newPage(false).blank = true
			p = f.newPage(false)
			p.noNumber = true
			ts.place = doc.RecordAfterBlank
		}
	}
	k0 := a.lines - n
	for i, l := range ls {
		p.lines = append(p.lines, placedLine{k: k0 + i, l: l})
	}
	if hasDisc {
		p.lines = append(p.lines, placedLine{k: k0 - 1, l: disc})
	}
	if letter {
		return nil
	}
	rule := func(k int, w float64) {
		y := a.lineTop(k)
		p.Rules = append(p.Rules, Rule{X1: a.x, Y1: y, X2: a.x + a.w, Y2: y, Width: w, Color: Black})
	}
	rule(k0, recordThick)
	if cc > 0 && cc < n {
		rule(k0+cc, recordThin)
	}
	rule(a.lines, recordThick)
	return nil
}

// pageNumbers draws 「— N —」 in 4号宋体 7 mm below the 版心: odd pages at
// the right and even pages at the left, one character in. A landscape page
// keeps the number where it sits on the paper, turned with the page.
func (ts *typesetter) pageNumbers() {
	for i, p := range ts.f.pages {
		if p.noNumber || p.blank {
			continue
		}
		n := i + 1
		p.Number = n
		a := portrait()
		text := "— " + strconv.Itoa(n) + " —"
		texts, w, err := ts.lineAt(text, style{role: roleSongRegular, size: sizeSmall}, 0, 0, 0, alignLeft, "页码")
		if err != nil {
			continue // the bundled 宋体 has these characters
		}
		x := a.x + sizeSmall
		if n%2 == 1 {
			x = a.x + a.w - sizeSmall - w
		}
		y := a.y + a.h + 7*mm + emAscent*sizeSmall
		for _, t := range texts {
			t.X += x
			t.Y = y
			if p.Landscape {
				// the paper turned a quarter clockwise: (x, y) → (H − y, x)
				t.X, t.Y, t.Rotate = pageH-y, t.X, 90
			}
			p.Texts = append(p.Texts, t)
		}
	}
}
