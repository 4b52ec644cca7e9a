package layout

import (
	"testing"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout/layouttest"
)

// TestSealPlacement checks the 署名 and 成文日期 under a seal: the date four
// characters from the right, the 署名 centred over it, the seal centred on
// the date and pressing on both, which sit in its lower half, its top
// within one line of the text above; the 附注 on the line after the date,
// two characters in.
func TestSealPlacement(t *testing.T) {
	d := layouttest.Specimen()
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	a := portrait()
	for _, pg := range r.Pages {
		if len(pg.Images) == 0 {
			continue
		}
		seal := pg.Images[0]
		name, date := find(t, pg, layouttest.Issuer), find(t, pg, d.Signature.Date[:4])
		dateEnd := 0.0
		for _, tx := range pg.Texts {
			if tx.Y == date.Y {
				dateEnd = max(dateEnd, tx.X+tx.Width)
			}
		}
		// the last glyph's advance is 16 pt in a 15.79 pt cell
		if !near(dateEnd, a.x+a.w-4*a.cell+sizeBody-a.cell, 0.01) {
			t.Errorf("date ends at %.2f, want four characters from the right (%.2f)", dateEnd, a.x+a.w-4*a.cell)
		}
		nameEnd := 0.0
		for _, tx := range pg.Texts {
			if tx.Y == name.Y {
				nameEnd = max(nameEnd, tx.X+tx.Width)
			}
		}
		if c1, c2 := (name.X+nameEnd)/2, (date.X+dateEnd)/2; !near(c1, c2, 0.3) || !near(seal.X+seal.W/2, c2, 0.3) {
			t.Errorf("署名 centred at %.2f, seal at %.2f, date at %.2f: want one axis", c1, seal.X+seal.W/2, c2)
		}
		centre := seal.Y + seal.H/2
		for _, tx := range []Text{name, date} {
			if emTop(tx) < centre-0.01 || emBottom(tx) > seal.Y+seal.H {
				t.Errorf("%q (%.2f–%.2f) not in the seal's lower half (%.2f–%.2f)", tx.Text, emTop(tx), emBottom(tx), centre, seal.Y+seal.H)
			}
		}
		// the text above: the last line over the seal's top
		above := 0.0
		for _, tx := range pg.Texts {
			if tx.Y < seal.Y+1 {
				above = max(above, emBottom(tx))
			}
		}
		if gap := seal.Y - above; gap < 0 || gap > a.pitch {
			t.Errorf("seal's top %.2f below the text above, want within one line (%.2f)", gap, a.pitch)
		}
		note := find(t, pg, "（此件")
		if !near(note.Y-date.Y, a.pitch, 0.01) || !near(note.X, a.x+2*a.cell, 0.01) {
			t.Errorf("附注 at (%.2f, %.2f), want the line after the date, two characters in", note.X, note.Y)
		}
		return
	}
	t.Fatal("no seal")
}

// TestHeadingFaces: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋, and a
// run-in heading in 楷体 followed by 仿宋 in the same line.
func TestHeadingFaces(t *testing.T) {
	d := &doc.Document{Header: doc.Header{Format: doc.FormatLetter}, Body: []doc.Block{
		&doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: "一、总体情况"}}},
		&doc.Paragraph{Heading: 2, Runs: []doc.Run{{Text: "（一）基本情况"}}},
		&doc.Paragraph{Heading: 3, Runs: []doc.Run{{Text: "1.办事指南"}}},
		&doc.Paragraph{Heading: 4, Runs: []doc.Run{{Text: "（1）错别字"}}},
		&doc.Paragraph{Runs: []doc.Run{{Text: "（二）加强内容保障。", Face: doc.FaceKai}, {Text: "各单位要落实责任。"}}},
	}}
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	// the faces of each line, run by run, and the line's text
	type lineFaces struct {
		text  string
		faces []string
	}
	var lines []lineFaces
	var lastY float64
	for _, tx := range textsOf(r) {
		if len(lines) == 0 || tx.Y != lastY {
			lines = append(lines, lineFaces{})
			lastY = tx.Y
		}
		l := &lines[len(lines)-1]
		l.text += tx.Text
		for range []rune(tx.Text) {
			l.faces = append(l.faces, tx.Font)
		}
	}
	want := []struct {
		text  string
		faces func(i int) string
	}{
		{"一、总体情况", func(int) string { return fonts.Hei }},
		{"（一）基本情况", func(int) string { return fonts.Kai }},
		{"1.办事指南", func(int) string { return fonts.Fang }},
		{"（1）错别字", func(int) string { return fonts.Fang }},
		{"（二）加强内容保障。各单位要落实责任。", func(i int) string {
			if i < len([]rune("（二）加强内容保障。")) {
				return fonts.Kai
			}
			return fonts.Fang
		}},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for k, w := range want {
		if lines[k].text != w.text {
			t.Errorf("line %d is %q, want %q", k+1, lines[k].text, w.text)
			continue
		}
		for i, f := range lines[k].faces {
			if f != w.faces(i) {
				t.Errorf("%q: character %d (%c) in %s, want %s", w.text, i+1, []rune(w.text)[i], f, w.faces(i))
			}
		}
	}
}
