package layout

import "fmt"

// Substitution is a character set from a face of another style than its
// element's own: a 宋体 or 楷体 character in a 仿宋 paragraph, say, which
// the bundled faces of that style lack. The clerk is told, so that a
// heavier character in the middle of a line is never a surprise.
type Substitution struct {
	// Rune is the character; Face the face it was set from; Style the
	// element's own style: 仿宋, 黑体, 楷体, 小标宋 or 宋体.
	Rune  rune
	Face  string
	Style string
	// Where names the element in Chinese, as GlyphError does: 正文第 3 段,
	// 附件2 表格第 4 行第 5 列 …; Text is a short excerpt around it.
	Where string
	Text  string
	// Page is the page (from 1) the character is first set on; 0 if unknown.
	Page int
}

// String describes the substitution in Chinese.
func (s Substitution) String() string {
	page := ""
	if s.Page > 0 {
		page = fmt.Sprintf("第 %d 页", s.Page)
	}
	return fmt.Sprintf("“%c”（U+%04X）：%s%s（“%s”）用 %s 排印，不是本处的%s",
		s.Rune, s.Rune, page, s.Where, s.Text, faceName(s.Face), s.Style)
}

// faceNames are the bundled faces as a clerk knows them.
var faceNames = map[string]string{
	"FandolFang-Regular":    "仿宋（FandolFang）",
	"cwTeXFangSong-Regular": "仿宋（cwTeX 仿宋）",
	"NotoSerifSC-Bold":      "小标宋（Noto Serif SC Bold）",
	"NotoSansSC-Regular":    "黑体（Noto Sans SC）",
	"LXGWWenKai-Regular":    "楷体（霞鹜文楷）",
	"NotoSerifSC-Regular":   "宋体（Noto Serif SC）",
}

func faceName(f string) string {
	if n, ok := faceNames[f]; ok {
		return n
	}
	return f
}

// placeSubstitutions returns subs, one for each character and place, each
// with its page: the occurrences of a face's character on the pages, in
// order, are matched to its substitutions in the order they were shaped
// (elements are shaped in about the order they are placed).
func placeSubstitutions(subs []Substitution, pages []Page) []Substitution {
	if len(subs) == 0 {
		return nil
	}
	type key struct {
		face string
		r    rune
	}
	wanted := map[key]bool{}
	for _, s := range subs {
		wanted[key{s.Face, s.Rune}] = true
	}
	placed := map[key][]int{} // the page of each occurrence
	for i := range pages {
		for _, t := range pages[i].Texts {
			for _, r := range t.Text {
				if k := (key{t.Font, r}); wanted[k] {
					placed[k] = append(placed[k], i+1)
				}
			}
		}
	}
	next := map[key]int{}
	type place struct {
		r     rune
		where string
	}
	seen := map[place]bool{}
	var out []Substitution
	for _, s := range subs {
		k := key{s.Face, s.Rune}
		if j := next[k]; j < len(placed[k]) {
			s.Page = placed[k][j]
			next[k] = j + 1
		}
		if p := (place{s.Rune, s.Where}); !seen[p] {
			seen[p] = true
			out = append(out, s)
		}
	}
	return out
}
