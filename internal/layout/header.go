package layout

import (
	"math"
	"strings"

	"tongbao/internal/doc"
)

// The 版头 (header) of page 1 in its three formats. Each draws onto the
// first page and returns the grid line where the title goes.

const (
	markMaxSize  = 52.0     // largest size of the 发文机关标志
	markMaxWidth = 0.92     // the mark's widest line, as a share of the 版心 width
	redRuleWidth = 0.4 * mm // the red separator
)

// lineAt sets text in one line (no breaking) with natural widths at baseline
// y in the measure [x, x+w).
func (ts *typesetter) lineAt(text string, st style, x, y, w float64, al lineAlign, where string) ([]Text, float64, error) {
	gs, err := ts.s.shape(nil, text, st, where)
	if err != nil {
		return nil, 0, err
	}
	ln := line{from: 0, to: len(gs), width: widthOf2(gs, 0, len(gs))}
	return setLine(nil, gs, ln, x, y, w, al, true), ln.width, nil
}

// measure returns the natural width of text in style st.
func (ts *typesetter) measure(text string, st style, where string) (float64, error) {
	gs, err := ts.s.shape(nil, text, st, where)
	if err != nil {
		return 0, err
	}
	return widthOf2(gs, 0, len(gs)), nil
}

// gridText sets text on grid line k of page p with the body grid (3号).
func (ts *typesetter) gridText(p *pageBuf, k int, text string, st style, x, w float64, al lineAlign, where string) (float64, error) {
	gs, err := ts.s.shape(nil, text, st, where)
	if err != nil {
		return 0, err
	}
	gridFit(gs, st.size, p.a.cell*st.size/sizeBody)
	ln := line{from: 0, to: len(gs), width: widthOf2(gs, 0, len(gs))}
	texts := setLine(nil, gs, ln, x, 0, w, al, true)
	centre(texts)
	p.lines = append(p.lines, placedLine{k: k, l: gline{texts: texts}})
	return ln.width, nil
}

// header draws the 版头 on page p and returns the title's grid line.
func (ts *typesetter) header(p *pageBuf, h *doc.Header) (int, error) {
	switch h.Format {
	case doc.FormatLetter:
		return ts.letterHeader(p, h)
	case doc.FormatTelegram:
		return ts.telegramHeader(p, h)
	}
	return ts.fileHeader(p, h)
}

// marks stacks the 份号, 密级和保密期限 and 紧急程度 at the left from grid line k.
func (ts *typesetter) marks(p *pageBuf, h *doc.Header, k int) (int, error) {
	a := p.a
	if h.CopyNumber != "" {
		if _, err := ts.gridText(p, k, h.CopyNumber, style{role: roleFang, size: sizeBody}, a.x, a.w, alignLeft, "份号"); err != nil {
			return 0, err
		}
		k++
	}
	for _, s := range []struct{ text, where string }{{h.Secrecy, "密级"}, {h.Urgency, "紧急程度"}} {
		if s.text == "" {
			continue
		}
		if _, err := ts.gridText(p, k, s.text, style{role: roleHei, size: sizeBody}, a.x, a.w, alignLeft, s.where); err != nil {
			return 0, err
		}
		k++
	}
	return k, nil
}

// markSetting works out the 发文机关标志 in area a (doc.Mark). One
// issuer's mark is at most 52 pt and 92% of the 版心 wide, centred; joint
// issuers are stacked, justified to one width, with the suffix (文件) half
// an em to their right, up to 1.2 times their size and no taller than the
// stack, the names and the suffix at their size centred in the 版心.
func (ts *typesetter) markSetting(h *doc.Header, a area) (doc.Mark, error) {
	names := h.Issuers
	st := style{role: roleSong, size: 1, color: Red}
	if len(names) == 1 {
		w, err := ts.measure(names[0]+h.MarkSuffix, st, "发文机关标志")
		if err != nil {
			return doc.Mark{}, err
		}
		size := math.Min(markMaxSize, markMaxWidth*a.w/w)
		return doc.Mark{Size: size, NamesWidth: w * size, Left: (a.w - w*size) / 2}, nil
	}
	nameW, sufW := 0.0, 0.0 // in ems
	for _, n := range names {
		w, err := ts.measure(n, st, "发文机关标志")
		if err != nil {
			return doc.Mark{}, err
		}
		nameW = math.Max(nameW, w)
	}
	room := 0.0 // the suffix's, with the half em before it
	if h.MarkSuffix != "" {
		w, err := ts.measure(h.MarkSuffix, st, "发文机关标志")
		if err != nil {
			return doc.Mark{}, err
		}
		sufW, room = w, w+0.5
	}
	var m doc.Mark
	m.Size = math.Min(markMaxSize*0.8, markMaxWidth*a.w/(nameW+room))
	m.NamesWidth = nameW * m.Size
	m.Left = (a.w - (nameW+room)*m.Size) / 2
	m.SuffixSize = math.Min(m.Size*1.2, float64(len(names)-1)*doc.MarkLead*m.Size+m.Size)
	m.SuffixWidth = sufW * m.SuffixSize
	return m, nil
}

// mark draws the red 发文机关标志 with its top edge at top and returns its
// bottom edge. Joint issuers are stacked, justified to one width, with the
// suffix (文件) to their right, centred on the stack.
func (ts *typesetter) mark(p *pageBuf, h *doc.Header, top float64) (float64, error) {
	names := h.Issuers
	if len(names) == 0 {
		return top, nil
	}
	m, err := ts.markSetting(h, p.a)
	if err != nil {
		return 0, err
	}
	st := style{role: roleSong, size: m.Size, color: Red}
	if len(names) == 1 {
		texts, _, err := ts.lineAt(names[0]+h.MarkSuffix, st, p.a.x, top+emAscent*st.size, p.a.w, alignCenter, "发文机关标志")
		if err != nil {
			return 0, err
		}
		p.Texts = append(p.Texts, texts...)
		return top + st.size, nil
	}
	lead := doc.MarkLead * st.size
	x := p.a.x + m.Left
	for i, n := range names {
		gs, err := ts.s.shape(nil, n, st, "发文机关标志")
		if err != nil {
			return 0, err
		}
		y := top + float64(i)*lead + emAscent*st.size
		ln := line{from: 0, to: len(gs)}
		p.Texts = setLine(p.Texts, gs, ln, x, y, m.NamesWidth, alignJustify, len(gs) < 2)
	}
	height := float64(len(names)-1)*lead + st.size
	if h.MarkSuffix != "" {
		ss := st
		ss.size = m.SuffixSize
		mid := top + height/2
		texts, _, err := ts.lineAt(h.MarkSuffix, ss, x+m.NamesWidth+m.Size/2, mid+(emAscent-0.5)*ss.size, m.SuffixWidth, alignLeft, "发文机关标志")
		if err != nil {
			return 0, err
		}
		p.Texts = append(p.Texts, texts...)
	}
	return top + height, nil
}

// lineOf returns the grid line that holds y.
func lineOf(a area, y float64) int { return int(math.Floor((y - a.y) / a.pitch)) }

// fileHeader is the 文件式 header: mark 35 mm below the top of the 版心, the
// number two lines below it, the red rule 4 mm below the number, the title
// two lines below the rule.
func (ts *typesetter) fileHeader(p *pageBuf, h *doc.Header) (int, error) {
	a := p.a
	if _, err := ts.marks(p, h, 0); err != nil {
		return 0, err
	}
	bottom, err := ts.mark(p, h, a.y+35*mm)
	if err != nil {
		return 0, err
	}
	k := lineOf(a, bottom) + 3
	num := style{role: roleFang, size: sizeBody}
	if len(h.Signers) == 0 {
		if h.Number != "" {
			if _, err := ts.gridText(p, k, h.Number, num, a.x, a.w, alignCenter, "发文字号"); err != nil {
				return 0, err
			}
		}
	} else {
		// 上行文: 签发人 at the right (1 character in), two names a line; the
		// number shares the last line, 1 character from the left.
		rows := (len(h.Signers) + 1) / 2
		label := "签发人："
		lw, err := ts.measure(label, num, "签发人")
		if err != nil {
			return 0, err
		}
		lw *= a.cell / sizeBody
		var lines []string
		for i := 0; i < len(h.Signers); i += 2 {
			lines = append(lines, strings.Join(h.Signers[i:min(i+2, len(h.Signers))], "　"))
		}
		nameW := 0.0
		for _, l := range lines {
			w, err := ts.measure(l, style{role: roleKai, size: sizeBody}, "签发人")
			if err != nil {
				return 0, err
			}
			nameW = math.Max(nameW, w*a.cell/sizeBody)
		}
		x := a.x + a.w - a.cell - nameW - lw
		for i, l := range lines {
			if i == 0 {
				if _, err := ts.gridText(p, k, label, num, x, lw, alignLeft, "签发人"); err != nil {
					return 0, err
				}
			}
			if _, err := ts.gridText(p, k+i, l, style{role: roleKai, size: sizeBody}, x+lw, nameW, alignLeft, "签发人"); err != nil {
				return 0, err
			}
		}
		k += rows - 1
		if h.Number != "" {
			if _, err := ts.gridText(p, k, h.Number, num, a.x+a.cell, a.w, alignLeft, "发文字号"); err != nil {
				return 0, err
			}
		}
	}
	ruleY := a.lineTop(k) + a.pitch/2 + sizeBody/2 + 4*mm
	p.Rules = append(p.Rules, Rule{X1: a.x, Y1: ruleY, X2: a.x + a.w, Y2: ruleY, Width: redRuleWidth, Color: Red})
	return lineOf(a, ruleY) + 3, nil
}

// letterHeader is the 信函式 header: the mark 30 mm from the top of the
// paper, a red double rule (thick over thin) 4 mm below it and another (thin
// over thick) 20 mm above the bottom edge, both 170 mm long; under the first
// rule, 7/8 of a 3号 character below it, the 份号, 密级 and 紧急程度 stacked
// at the left and the number flush right; the title two lines below the
// last of them.
func (ts *typesetter) letterHeader(p *pageBuf, h *doc.Header) (int, error) {
	a := p.a
	bottom, err := ts.mark(p, h, 30*mm)
	if err != nil {
		return 0, err
	}
	x1, x2 := (pageW-170*mm)/2, (pageW+170*mm)/2
	y := bottom + 4*mm
	rules := doubleRule(x1, x2, y, true)
	p.Rules = append(p.Rules, rules...)
	p.Rules = append(p.Rules, doubleRule(x1, x2, pageH-20*mm, false)...)
	last := rules[1]
	top := last.Y1 + last.Width/2 + letterGap // the em box top of the first element
	st := style{role: roleFang, size: sizeBody}
	n := 0 // elements stacked at the left
	put := func(text string, st style, al lineAlign, where string) error {
		if text == "" {
			return nil
		}
		row := n
		if al == alignRight {
			row = 0
		}
		gs, err := ts.s.shape(nil, text, st, where)
		if err != nil {
			return err
		}
		gridFit(gs, st.size, a.cell)
		ln := line{from: 0, to: len(gs), width: widthOf2(gs, 0, len(gs))}
		base := top + float64(row)*a.pitch + emAscent*sizeBody
		p.Texts = setLine(p.Texts, gs, ln, a.x, base, a.w, al, true)
		if al != alignRight {
			n++
		}
		return nil
	}
	if err := put(h.CopyNumber, st, alignLeft, "份号"); err != nil {
		return 0, err
	}
	if err := put(h.Secrecy, style{role: roleHei, size: sizeBody}, alignLeft, "密级"); err != nil {
		return 0, err
	}
	if err := put(h.Urgency, style{role: roleHei, size: sizeBody}, alignLeft, "紧急程度"); err != nil {
		return 0, err
	}
	if err := put(h.Number, st, alignRight, "发文字号"); err != nil {
		return 0, err
	}
	if n == 0 && h.Number == "" {
		return lineOf(a, top) + 2, nil
	}
	// two empty lines between the last element and the title
	lastMid := top + float64(max(n-1, 0))*a.pitch + sizeBody/2
	return lineOf(a, lastMid) + 3, nil
}

// letterGap is the distance from the letter format's first double rule to
// the elements under it: 7/8 of a 3号 character.
const letterGap = sizeBody * 7 / 8

// doubleRule is a red double rule (武文线) starting at y: thick over thin when
// thickFirst, else thin over thick ending at y.
func doubleRule(x1, x2, y float64, thickFirst bool) []Rule {
	const thick, thin, gap = 2.0, 0.6, 1.4
	if thickFirst {
		return []Rule{
			{X1: x1, Y1: y + thick/2, X2: x2, Y2: y + thick/2, Width: thick, Color: Red},
			{X1: x1, Y1: y + thick + gap + thin/2, X2: x2, Y2: y + thick + gap + thin/2, Width: thin, Color: Red},
		}
	}
	return []Rule{
		{X1: x1, Y1: y - thick - gap - thin/2, X2: x2, Y2: y - thick - gap - thin/2, Width: thin, Color: Red},
		{X1: x1, Y1: y - thick/2, X2: x2, Y2: y - thick/2, Width: thick, Color: Red},
	}
}

// formCell is a cell of the 明电 form: its text, style and width.
type formCell struct {
	text  string
	st    style
	label bool
	w     float64
}

// telegramForm sets out the 明电 form in area a: two rows, 发电单位 and
// 签批盖章, then 等级, the number and the telegraph serial. Labels take
// five cells; the values share the rest by their length, set smaller when
// the row is too full for 3号 (a long 发电单位 or 发文字号), down to 五号.
func (ts *typesetter) telegramForm(h *doc.Header, a area) ([][]formCell, error) {
	t := h.Telegram
	cell := a.cell
	label := style{role: roleHei, size: sizeBody}
	value := style{role: roleFang, size: sizeBody}
	rows := [][]formCell{
		{{text: "发电单位", st: label, label: true}, {text: t.Unit, st: value}, {text: "签批盖章", st: label, label: true}, {text: t.Approver, st: value}},
		{{text: "等　　级", st: label, label: true}, {text: t.Grade, st: value}, {text: h.Number, st: value}, {text: t.Serial, st: value}},
	}
	for _, row := range rows {
		text := make([]float64, len(row))
		free, need, values := a.w, 0.0, 0
		for j, c := range row {
			if c.label {
				row[j].w = 5 * cell
				free -= row[j].w
				continue
			}
			w, err := ts.measure(c.text, c.st, "明电版头")
			if err != nil {
				return nil, err
			}
			text[j] = w * cell / sizeBody
			need += text[j]
			values++
		}
		scale := 1.0
		if room := free - float64(values)*cell; need > room && need > 0 {
			scale = math.Max(room/need, 10.5/sizeBody)
		}
		need = 0
		for j, c := range row {
			if !c.label {
				row[j].w = text[j]*scale + cell
				need += row[j].w
				row[j].st.size = c.st.size * scale
			}
		}
		for j, c := range row {
			if !c.label {
				row[j].w += (free - need) * c.w / need
			}
		}
	}
	return rows, nil
}

// telegramHeader is the 明电 header: a red title (汕头市发电) and a ruled
// form of two rows — 发电单位 and 签批盖章, then 等级, the number and the
// telegraph serial — closed by the red rule; the title two lines below.
func (ts *typesetter) telegramHeader(p *pageBuf, h *doc.Header) (int, error) {
	a := p.a
	t := h.Telegram
	title := t.Title
	if title == "" {
		title = "明电"
	}
	st := style{role: roleSong, size: 1, color: Red}
	w, err := ts.measure(title, st, "明电标题")
	if err != nil {
		return 0, err
	}
	st.size = math.Min(40, markMaxWidth*a.w/w)
	// the title in grid lines 0–1, letter-spaced a little
	texts, _, err := ts.lineAt(title, st, a.x, a.lineTop(1)+a.pitch/2+(emAscent-0.5)*st.size, a.w, alignCenter, "明电标题")
	if err != nil {
		return 0, err
	}
	p.Texts = append(p.Texts, texts...)
	// the form: rows on grid lines 3 and 4
	top := a.lineTop(3)
	rows, err := ts.telegramForm(h, a)
	if err != nil {
		return 0, err
	}
	p.Rules = append(p.Rules, Rule{X1: a.x, Y1: top, X2: a.x + a.w, Y2: top, Width: 1.2, Color: Red})
	for i, row := range rows {
		k := 3 + i
		x := a.x
		for j, c := range row {
			if c.text != "" {
				if _, err := ts.gridText(p, k, c.text, c.st, x, c.w, alignCenter, "明电版头"); err != nil {
					return 0, err
				}
			}
			x += c.w
			if j < len(row)-1 {
				p.Rules = append(p.Rules, Rule{X1: x, Y1: a.lineTop(k), X2: x, Y2: a.lineTop(k + 1), Width: 0.5, Color: Red})
			}
		}
		if i == 0 {
			y := a.lineTop(k + 1)
			p.Rules = append(p.Rules, Rule{X1: a.x, Y1: y, X2: a.x + a.w, Y2: y, Width: 0.5, Color: Red})
		}
	}
	y := a.lineTop(5)
	p.Rules = append(p.Rules, Rule{X1: a.x, Y1: y, X2: a.x + a.w, Y2: y, Width: redRuleWidth * 2, Color: Red})
	return 7, nil
}
