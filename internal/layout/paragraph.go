package layout

import "tongbao/internal/doc"

// para is a paragraph ready to be broken into grid lines.
type para struct {
	gs     []glyph
	x0, w  float64             // the measure
	indent func(k int) float64 // indent of line k (nil: none)
	align  lineAlign
	keep   bool // heading: never last on a page
	body   bool // body text
}

// indentOf is line k's indent.
func (p para) indentOf(k int) float64 {
	if p.indent == nil {
		return 0
	}
	return p.indent(k)
}

// measure is the width line k is set in: the measure less its indent.
func (p para) measure(k int) float64 { return p.w - p.indentOf(k) }

// lines breaks the paragraph and sets each line; an empty paragraph is one
// empty line.
func (p para) lines() []gline {
	if len(p.gs) == 0 {
		return []gline{{body: p.body}}
	}
	ls := breakLines(p.gs, p.measure)
	out := make([]gline, len(ls))
	for k, ln := range ls {
		texts := setLine(nil, p.gs, ln, p.x0+p.indentOf(k), 0, p.measure(k), p.align, k == len(ls)-1)
		centre(texts)
		out[k] = gline{texts: texts, keep: p.keep, body: p.body}
	}
	return out
}

// centre sets each text's baseline relative to the middle of its line: the
// em box centred in the line.
func centre(ts []Text) {
	for i := range ts {
		ts[i].Y += (emAscent - 0.5) * ts[i].Size
	}
}

// alignOf maps a document alignment.
func alignOf(a doc.Align) lineAlign {
	switch a {
	case doc.AlignLeft:
		return alignLeft
	case doc.AlignCenter:
		return alignCenter
	case doc.AlignRight:
		return alignRight
	}
	return alignJustify
}

// headingRole is the default face of a paragraph: 黑体 for 一、, 楷体 for
// （一）, 仿宋 otherwise.
func headingRole(level int) role {
	switch level {
	case 1:
		return roleHei
	case 2:
		return roleKai
	}
	return roleFang
}

// paragraph sets a body paragraph in 3号 on the grid of a.
func (ts *typesetter) paragraph(p *doc.Paragraph, a area, where string) ([]gline, error) {
	pp, err := ts.bodyPara(p, a, where)
	if err != nil {
		return nil, err
	}
	ls := pp.lines()
	if runIn(p) && len(ls) > 1 {
		// a run-in heading is part of its paragraph, which may split
		// after its second line but does not leave the heading alone at a
		// page foot
		ls[0].keep = true
	}
	return ls, nil
}

// bodyPara shapes a body paragraph in 3号 on the grid of a, ready to break:
// each run in its face, the first line indented two cells when justified.
func (ts *typesetter) bodyPara(p *doc.Paragraph, a area, where string) (para, error) {
	def := headingRole(p.Heading)
	var gs []glyph
	var err error
	for _, r := range p.Runs {
		gs, err = ts.s.shape(gs, r.Text, style{role: roleOf(r.Face, def), size: sizeBody}, where)
		if err != nil {
			return para{}, err
		}
	}
	gridFit(gs, sizeBody, a.cell)
	pp := para{gs: gs, x0: a.x, w: a.w, align: alignOf(p.Align), keep: p.Heading > 0, body: true}
	if pp.align == alignJustify && !p.NoIndent {
		first := 2 * a.cell
		pp.indent = func(k int) float64 {
			if k == 0 {
				return first
			}
			return 0
		}
	}
	return pp, nil
}

// runIn reports a paragraph led by a run-in heading: a numbered heading
// sentence (（一）…。 1.…。 （1）…。) as its first run, body text after it.
func runIn(p *doc.Paragraph) bool {
	if p.Heading != 0 || len(p.Runs) < 2 {
		return false
	}
	head := []rune(p.Runs[0].Text)
	if len(head) < 3 || p.Runs[0].Face != doc.FaceKai && !(head[0] == '（' || head[0] >= '0' && head[0] <= '9') {
		return false
	}
	end := head[len(head)-1]
	return end == '。' || end == '！' || end == '？'
}

// simple sets plain text in one style on the grid of a, flush left with the
// given indents (first line, others).
func (ts *typesetter) simple(text string, st style, a area, first, rest float64, al lineAlign, where string) ([]gline, error) {
	gs, err := ts.s.shape(nil, text, st, where)
	if err != nil {
		return nil, err
	}
	gridFit(gs, st.size, a.cell*st.size/sizeBody)
	pp := para{gs: gs, x0: a.x, w: a.w, align: al, body: true, indent: func(k int) float64 {
		if k == 0 {
			return first
		}
		return rest
	}}
	return pp.lines(), nil
}
