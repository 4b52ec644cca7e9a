package layout

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // the seal is a PNG
	"math"
	"strconv"
)

// sealSize is the seal's diameter: 42 mm, the usual seal of an organ.
const sealSize = 42 * mm

// attachments sets the 附件说明 one line below the body, indented two
// characters: 附件：名称, or for several 附件：1．名称 with the numbers
// aligned and wrapped names hanging under the first character of the name.
// It returns the lines, the blank line before them first, for signature to
// place with the 署名 as one group: the list is never split, and when it
// does not fit the page the last lines of text come with it, so that it
// never stands alone on a page.
func (ts *typesetter) attachments() ([]gline, error) {
	names := ts.d.Attachments
	if len(names) == 0 {
		return nil, nil
	}
	f := &ts.f
	a := f.pg.a
	st := style{role: roleFang, size: sizeBody}
	label := "附件："
	lw := 3 * a.cell
	if len(names) == 1 {
		ls, err := ts.simple(label+names[0], st, a, 2*a.cell, 2*a.cell+lw, alignJustify, "附件说明")
		if err != nil {
			return nil, err
		}
		return append([]gline{{}}, ls...), nil
	}
	all := []gline{{}}
	// the widest number (1．… 12．) sets where the names start
	numW := 0.0
	for i := range names {
		w, err := ts.measure(strconv.Itoa(i+1)+"．", st, "附件说明")
		if err != nil {
			return nil, err
		}
		numW = math.Max(numW, w*a.cell/sizeBody)
	}
	for i, n := range names {
		num := strconv.Itoa(i+1) + "．"
		where := fmt.Sprintf("附件说明第 %d 项", i+1)
		gs, err := ts.s.shape(nil, num, st, where)
		if err != nil {
			return nil, err
		}
		gridFit(gs, sizeBody, a.cell)
		w := widthOf2(gs, 0, len(gs))
		if w < numW {
			gs[len(gs)-1].w += numW - w // align the names
		}
		if i == 0 {
			lg, err := ts.s.shape(nil, label, st, where)
			if err != nil {
				return nil, err
			}
			gridFit(lg, sizeBody, a.cell)
			gs = append(lg, gs...)
		}
		ng, err := ts.s.shape(nil, n, st, where)
		if err != nil {
			return nil, err
		}
		gridFit(ng, sizeBody, a.cell)
		first := 2*a.cell + lw
		if i == 0 {
			first = 2 * a.cell
		}
		pp := para{gs: append(gs, ng...), x0: a.x, w: a.w, align: alignJustify, body: true, indent: func(k int) float64 {
			if k == 0 {
				return first
			}
			return 2*a.cell + lw + numW
		}}
		all = append(all, pp.lines()...)
	}
	return all, nil
}

// signature sets the 附件说明 list (from attachments), 署名, 成文日期 and 附注
// as one group kept with the text above it. Without a seal: one line below, the 署名 two characters from the
// right, the date below it starting two characters further right (or two
// characters from the right when longer). With a seal: the date four
// characters from the right, the 署名 centred over it, and the seal pressing
// on both from above, its top within a line of the text.
func (ts *typesetter) signature(list []gline) error {
	sg := ts.d.Signature
	f := &ts.f
	if len(sg.Names) == 0 && sg.Date == "" && ts.d.Note == "" {
		if f.k == 0 && len(list) > 0 {
			list = list[1:] // no blank line at the top of a page
		}
		if len(list) > 0 {
			f.placeGroup(list)
		}
		return nil
	}
	a := f.pg.a
	st := style{role: roleFang, size: sizeBody}
	set := func(text, where string) ([]glyph, float64, error) {
		gs, err := ts.s.shape(nil, text, st, where)
		if err != nil {
			return nil, 0, err
		}
		gridFit(gs, sizeBody, a.cell)
		return gs, widthOf2(gs, 0, len(gs)), nil
	}
	nameW := 0.0
	var names [][]glyph
	for _, n := range sg.Names {
		gs, w, err := set(n, "署名")
		if err != nil {
			return err
		}
		names = append(names, gs)
		nameW = math.Max(nameW, w)
	}
	dateGs, dateW, err := set(sg.Date, "成文日期")
	if err != nil {
		return err
	}
	right := a.x + a.w
	var group []gline
	lineOf := func(gs []glyph, x, w float64, al lineAlign) gline {
		texts := setLine(nil, gs, line{from: 0, to: len(gs)}, x, 0, w, al, true)
		centre(texts)
		return gline{texts: texts}
	}
	if sg.Seal == nil {
		xName := right - 2*a.cell - nameW
		xDate := xName + 2*a.cell
		if xDate+dateW > right-2*a.cell+eps {
			xDate = right - 2*a.cell - dateW
			xName = xDate - 2*a.cell
		}
		group = append(group, gline{})
		for _, gs := range names {
			group = append(group, lineOf(gs, xName, nameW, alignLeft))
		}
		if len(dateGs) > 0 {
			group = append(group, lineOf(dateGs, xDate, dateW, alignLeft))
		}
	} else {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(sg.Seal))
		if err != nil {
			return fmt.Errorf("seal image: %w", err)
		}
		xDate := right - 4*a.cell - dateW
		mid := xDate + dateW/2
		w := sealSize
		h := w * float64(cfg.Height) / float64(cfg.Width)
		// two lines for the seal's upper half, its top just below the text
		seal := Image{PNG: sg.Seal, X: mid - w/2, Y: -a.pitch/2 + 0.15*a.pitch, W: w, H: h}
		group = append(group, gline{images: []Image{seal}}, gline{})
		for _, gs := range names {
			nw := widthOf2(gs, 0, len(gs))
			group = append(group, lineOf(gs, mid-nw/2, nw, alignLeft))
		}
		if len(dateGs) > 0 {
			group = append(group, lineOf(dateGs, xDate, dateW, alignLeft))
		}
	}
	if ts.d.Note != "" {
		ls, err := ts.simple(ts.d.Note, st, a, 2*a.cell, 0, alignJustify, "附注")
		if err != nil {
			return err
		}
		for i := range ls {
			ls[i].body = false
		}
		group = append(group, ls...)
	}
	if f.k == 0 && len(list) > 0 {
		list = list[1:] // no blank line at the top of a page
	}
	group = append(list, group...)
	for i := range group {
		group[i].body = false
	}
	f.placeGroup(group)
	return nil
}
