// Package layout is the GB/T 9704-2012 typesetter: it lays a doc.Document
// out into pages of positioned glyph runs, rules and images (Result), which
// a writer (package pdf) draws. It chooses a bundled face per character with
// fallback chains, breaks lines by the Chinese rules (避头尾), sets body text
// on the 22 × 28 grid, paginates, and places the 版头, 署名, 附件 pages,
// tables and 版记 by the standard.
package layout

import (
	"fmt"

	"tongbao/internal/doc"
)

// typesetter holds the state of one Typeset call.
type typesetter struct {
	s session
	d *doc.Document
	f flow
	// place is where record put the 版记.
	place doc.RecordPlace
}

// Typeset lays the document out into pages.
func Typeset(d *doc.Document) (*Result, error) {
	ts := &typesetter{d: d}
	if err := ts.run(); err != nil {
		return nil, err
	}
	r := &Result{Fonts: ts.s.usedFonts(), RecordPlace: ts.place}
	for _, p := range ts.f.pages {
		p.finish()
		r.Pages = append(r.Pages, p.Page)
	}
	r.Substitutions = placeSubstitutions(ts.s.subs, r.Pages)
	return r, nil
}

func (ts *typesetter) run() error {
	d := ts.d
	f := &ts.f
	p := f.newPage(false)
	first, err := ts.header(p, &d.Header)
	if err != nil {
		return err
	}
	p.first, f.k = first, first
	if d.Header.Format == doc.FormatLetter {
		p.noNumber = true
	}
	if d.Title != "" {
		ls, err := ts.title(d.Title, p.a, "标题")
		if err != nil {
			return err
		}
		f.placeLines(ls, true)
		f.blank(1)
	}
	if d.Recipients != "" {
		ls, err := ts.simple(d.Recipients+"：", style{role: roleFang, size: sizeBody}, p.a, 0, 0, alignJustify, "主送机关")
		if err != nil {
			return err
		}
		f.placeLines(ls, true)
	}
	if err := ts.blocks(d.Body, "正文"); err != nil {
		return err
	}
	list, err := ts.attachments()
	if err != nil {
		return err
	}
	if err := ts.signature(list); err != nil {
		return err
	}
	for i := range d.Annexes {
		if err := ts.annex(&d.Annexes[i], i); err != nil {
			return err
		}
	}
	if err := ts.record(); err != nil {
		return err
	}
	ts.pageNumbers()
	return ts.draftMarks()
}

// blocks sets paragraphs and tables in the flow; where names them in errors
// (正文, 附件2). A heading (and the headings right after it) goes to the next
// page with the first two lines that follow it rather than end a page; a
// paragraph led by a run-in heading may split after its second line.
func (ts *typesetter) blocks(bs []doc.Block, where string) error {
	f := &ts.f
	a := f.pg.a
	// set every paragraph first: the look-ahead needs the lines
	lines := make([][]gline, len(bs))
	np, ni := 0, 0
	for i, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			np++
			ls, err := ts.paragraph(b, a, fmt.Sprintf("%s第 %d 段", where, np))
			if err != nil {
				return err
			}
			lines[i] = ls
		case *doc.Image:
			ni++
			ls, err := ts.imageBlock(b, a, a.lines, fmt.Sprintf("%s第 %d 张图片", where, ni))
			if err != nil {
				return err
			}
			lines[i] = ls
		}
	}
	nt := 0
	ni = 0
	for i, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			if b.Heading > 0 {
				// this heading, the headings after it, and one more line
				need := 0
				j := i
				for ; j < len(bs); j++ {
					if _, ok := bs[j].(*doc.Image); ok {
						need += len(lines[j]) // the picture and its caption
						break
					}
					p, ok := bs[j].(*doc.Paragraph)
					if !ok {
						need += 3 // a table: its header and first row
						break
					}
					if p.Heading == 0 {
						// a stand-alone heading keeps the first two lines
						// of its text with it
						need += min(2, len(lines[j]))
						break
					}
					need += len(lines[j])
				}
				if j == len(bs) {
					need = 0 // nothing follows inside these blocks
				}
				if f.k > 0 && f.k < f.pg.capacity() && f.k+need > f.pg.capacity() && need <= f.pg.capacity()-2 {
					f.newPage(f.pg.Landscape)
				}
			}
			f.placeLines(lines[i], i+1 < len(bs))
		case *doc.Image:
			ni++
			if err := ts.placeImage(b, lines[i], fmt.Sprintf("%s第 %d 张图片", where, ni)); err != nil {
				return err
			}
		case *doc.Table:
			nt++
			name := where + "表格"
			if nt > 1 {
				name = fmt.Sprintf("%s表格%d", where, nt)
			}
			if err := ts.table(b, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// title sets a title in 2号小标宋, centred, balanced over as few lines as
// the 版心 allows; "\n" forces a break.
func (ts *typesetter) title(text string, a area, where string) ([]gline, error) {
	return ts.titleIn(text, style{role: roleSong, size: sizeTitle}, a, where)
}

// titleIn sets a title (or an annex's subtitle) in st, centred and balanced.
func (ts *typesetter) titleIn(text string, st style, a area, where string) ([]gline, error) {
	var out []gline
	for _, seg := range splitLines(text) {
		gs, err := ts.s.shape(nil, seg, st, where)
		if err != nil {
			return nil, err
		}
		cuts := append(titleBreaks(gs, a.w, true), len(gs))
		from := 0
		for _, c := range cuts {
			ln := line{from: from, to: c}
			texts := setLine(nil, gs, ln, a.x, 0, a.w, alignCenter, true)
			centre(texts)
			out = append(out, gline{texts: texts, keep: true})
			from = c
		}
	}
	if len(out) > 0 {
		out[len(out)-1].keep = false
	}
	return out, nil
}

// splitLines splits at "\n", dropping empty pieces.
func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
