package layout

import (
	"strings"
	"testing"

	"tongbao/fonts"
	"tongbao/internal/doc"
)

// TestTraditionalOneFace: a 仿宋 paragraph or cell in traditional characters
// sets every ideograph in one 仿宋 (cwTeX 仿宋) and reports nothing, its
// punctuation staying FandolFang's; simplified text keeps FandolFang; a
// character only a face of another style has is reported once per place,
// with its page and the paragraph or table cell.
func TestTraditionalOneFace(t *testing.T) {
	trad := "本季度檢查情況為：網站複查合格，問題已整改。"
	d := &doc.Document{Title: "關於檢查情況的通報", Recipients: "各單位"}
	d.Body = append(d.Body, p(trad), p("本段是简体字，检查情况良好。"), p("简体字中有一个況字和一个㐁字，又一个㐁字。"))
	for i := 0; i < 40; i++ {
		d.Body = append(d.Body, p("这是为了把附件推到后面的页上的简体字正文段落，检查情况良好。"))
	}
	tab := &doc.Table{Head: [][]doc.Cell{{{Text: "序号"}, {Text: "名稱"}}}}
	tab.Rows = append(tab.Rows, doc.Row{Cells: []doc.Cell{{Text: "1"}, {Text: "某縣為民服務網站"}}}, doc.Row{Cells: []doc.Cell{{Text: "2"}, {Text: "㐁网站"}}})
	d.Annexes = []doc.Annex{{Label: "附件", Title: "問題網站名單", Blocks: []doc.Block{tab}}}
	res, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	faces := map[rune]map[string]bool{}
	for _, pg := range res.Pages {
		for _, tx := range pg.Texts {
			for _, r := range tx.Text {
				if faces[r] == nil {
					faces[r] = map[string]bool{}
				}
				faces[r][tx.Font] = true
			}
		}
	}
	for _, r := range "本季度檢查情況為網站複問題已整改某縣民服務" {
		if !faces[r][fonts.FangTraditional] {
			t.Errorf("%c of traditional text not set in cwTeX 仿宋: %v", r, faces[r])
		}
	}
	for _, r := range "，：。" {
		if faces[r][fonts.FangTraditional] {
			t.Errorf("punctuation %c set in cwTeX 仿宋", r)
		}
	}
	for _, r := range "简体字良好" {
		if len(faces[r]) != 1 || !faces[r][fonts.Fang] {
			t.Errorf("%c of simplified text: %v, want FandolFang only", r, faces[r])
		}
	}
	var got []string
	for _, s := range res.Substitutions {
		got = append(got, s.String())
		if s.Rune != '㐁' || s.Face != fonts.SongRegular || s.Page == 0 {
			t.Errorf("unexpected substitution %+v", s)
		}
	}
	if len(res.Substitutions) != 2 {
		t.Fatalf("substitutions:\n%s", strings.Join(got, "\n"))
	}
	if s := res.Substitutions[0]; s.Page != 1 || s.Where != "正文第 3 段" || !strings.Contains(s.String(), "第 1 页正文第 3 段") || !strings.Contains(s.String(), "宋体") {
		t.Errorf("first substitution %s", s)
	}
	if s := res.Substitutions[1]; s.Page != len(res.Pages) || !strings.Contains(s.Where, "附件") || !strings.Contains(s.Where, "第 2 行第 2 列") {
		t.Errorf("second substitution %s (of %d pages)", s, len(res.Pages))
	}
}
