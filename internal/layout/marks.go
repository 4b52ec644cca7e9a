package layout

// The draft mark and the 公开方式 line.

// draftMarks puts 「草稿」 and the time the draft was made in the top margin
// of every page, outside the type area: a red frame at the right, halfway
// between the paper's edge and the type area, so that a printed draft
// cannot pass for the issued circular. Nothing is drawn when the document
// is not a draft.
func (ts *typesetter) draftMarks() error {
	made := ts.d.Draft
	if made == "" {
		return nil
	}
	label := style{role: roleHei, size: sizeBody, color: Red}
	note := style{role: roleFang, size: sizeSmall, color: Red}
	lw, err := ts.measure("草稿", label, "草稿标记")
	if err != nil {
		return err
	}
	text := made + " 生成，未编号印发前不得使用"
	nw, err := ts.measure(text, note, "草稿标记")
	if err != nil {
		return err
	}
	const pad, gap = 4.0, 8.0
	for _, p := range ts.f.pages {
		right := p.a.x + p.a.w
		mid := p.a.y / 2
		x := right - pad - nw - gap - lw
		ls, _, err := ts.lineAt("草稿", label, x, mid+(emAscent-0.5)*sizeBody, lw, alignLeft, "草稿标记")
		if err != nil {
			return err
		}
		ns, _, err := ts.lineAt(text, note, right-pad-nw, mid+(emAscent-0.5)*sizeSmall, nw, alignLeft, "草稿标记")
		if err != nil {
			return err
		}
		p.Texts = append(append(p.Texts, ls...), ns...)
		x0, y0, y1 := x-pad, mid-sizeBody/2-pad, mid+sizeBody/2+pad
		for _, r := range []Rule{{X1: x0, Y1: y0, X2: right, Y2: y0}, {X1: right, Y1: y0, X2: right, Y2: y1},
			{X1: right, Y1: y1, X2: x0, Y2: y1}, {X1: x0, Y1: y1, X2: x0, Y2: y0}} {
			r.Width, r.Color = 0.75, Red
			p.Rules = append(p.Rules, r)
		}
	}
	return nil
}

// disclosureLine sets 「公开方式：主动公开」 as a grid line: 3号, the label in
// 黑体 and the value in 仿宋, indented two characters, as the offices that
// print it do; ok is false when the document has none.
func (ts *typesetter) disclosureLine(a area) (gline, bool, error) {
	v := ts.d.Disclosure
	if v == "" {
		return gline{}, false, nil
	}
	gs, err := ts.s.shape(nil, "公开方式：", style{role: roleHei, size: sizeBody}, "公开方式")
	if err != nil {
		return gline{}, false, err
	}
	if gs, err = ts.s.shape(gs, v, style{role: roleFang, size: sizeBody}, "公开方式"); err != nil {
		return gline{}, false, err
	}
	gridFit(gs, sizeBody, a.cell)
	texts := setLine(nil, gs, line{from: 0, to: len(gs)}, a.x+2*a.cell, 0, a.w-2*a.cell, alignLeft, true)
	centre(texts)
	return gline{texts: texts}, true, nil
}
