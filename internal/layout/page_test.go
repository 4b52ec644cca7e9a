package layout

import (
	"slices"
	"testing"

	"tongbao/fonts"
	"tongbao/internal/doc"
)

// TestUsedRunes checks each face's characters are those its texts draw,
// sorted and once each, and that only faces of Fonts appear.
func TestUsedRunes(t *testing.T) {
	d := &doc.Document{
		Title: "关于测试的通报",
		Body:  []doc.Block{p("正文正文，2019年。"), &doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: "一、总体情况"}}}},
	}
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	used := r.UsedRunes()
	for name, rs := range used {
		if !slices.Contains(r.Fonts, name) {
			t.Errorf("%s is used but not among the result's fonts %v", name, r.Fonts)
		}
		if !slices.IsSorted(rs) || len(slices.Compact(slices.Clone(rs))) != len(rs) {
			t.Errorf("%s: %q not sorted once each", name, string(rs))
		}
	}
	for _, want := range []struct {
		face string
		r    rune
	}{{fonts.Fang, '正'}, {fonts.Fang, '9'}, {fonts.Song, '报'}, {fonts.Hei, '总'}} {
		if !slices.Contains(used[want.face], want.r) {
			t.Errorf("%s does not list %c: %q", want.face, want.r, string(used[want.face]))
		}
	}
}
