package layout

import "tongbao/internal/doc"

// TitleLines returns the document with its 标题 and its annexes' titles
// broken into the lines Typeset sets them in, each break made an explicit
// "\n": a writer that lets another program break lines (the DOCX for OA
// review) then shows the same balanced title. The document is copied; d is
// not changed.
func TitleLines(d *doc.Document) (*doc.Document, error) {
	ts := &typesetter{d: d}
	out := *d
	var err error
	if out.Title, err = ts.titleBroken(d.Title, portrait(), "标题"); err != nil {
		return nil, err
	}
	out.Annexes = append([]doc.Annex(nil), d.Annexes...)
	for i := range out.Annexes {
		an := &out.Annexes[i]
		a := portrait()
		for _, b := range an.Blocks {
			if t, ok := b.(*doc.Table); ok && t.Landscape {
				a = landscape()
			}
		}
		if an.Title, err = ts.titleBroken(an.Title, a, an.Label+" 标题"); err != nil {
			return nil, err
		}
	}
	return &out, nil
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
