package layout

import "tongbao/internal/doc"

// annex sets one 附件 on new pages: the label (附件1, or 附件) in 3号黑体
// at the top left of line 1, the title centred from line 3 in 2号小标宋
// (and its subtitle, if any, centred under it in 3号楷体), then its
// paragraphs and tables, on landscape pages when the annex is
// (doc.Annex.Landscape).
func (ts *typesetter) annex(an *doc.Annex, i int) error {
	f := &ts.f
	p := f.newPage(an.Landscape())
	label := an.Label
	if label == "" {
		label = "附件"
	}
	if _, err := ts.gridText(p, 0, label, style{role: roleHei, size: sizeBody}, p.a.x, p.a.w, alignLeft, label+"标签"); err != nil {
		return err
	}
	f.k = 2
	if an.Title != "" || an.Subtitle != "" {
		ls, err := ts.title(an.Title, p.a, label+" 标题")
		if err != nil {
			return err
		}
		if an.Subtitle != "" {
			sub, err := ts.titleIn(an.Subtitle, style{role: roleKai, size: sizeBody}, p.a, label+" 副标题")
			if err != nil {
				return err
			}
			if len(ls) > 0 {
				ls[len(ls)-1].keep = true
			}
			ls = append(ls, sub...)
		}
		f.placeLines(ls, true)
		f.blank(1)
	}
	return ts.blocks(an.Blocks, label+" ")
}
