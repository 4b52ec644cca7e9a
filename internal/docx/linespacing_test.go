package docx

import (
	"bytes"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tongbao/internal/doc"
)

// TestLineSpacing checks the character spacing that makes a word processor
// break a paragraph where the typesetter did: none while the styles'
// spacing does, one spacing per line closing up a line that would overrun
// or spreading one that would take in the next line's start.
func TestLineSpacing(t *testing.T) {
	const measure = 410.6 // a first line of 3号 on the grid
	para := func(text string, ls ...doc.Line) *doc.Paragraph {
		return &doc.Paragraph{Runs: []doc.Run{{Text: text}}, Lines: ls}
	}
	full := func(runes int, adv float64, next float64, nextChars int) doc.Line {
		return doc.Line{Runes: runes, Advance: adv, Chars: runes, Measure: measure, Full: true, Next: next, NextChars: nextChars}
	}
	last := func(runes int, adv float64) doc.Line {
		return doc.Line{Runes: runes, Advance: adv, Chars: runes, Measure: 442.2}
	}
	repeat := func(v, n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	tests := []struct {
		name string
		p    *doc.Paragraph
		want []int
	}{
		{"no lines", para("国国"), nil},
		// 26 ideographs at 15.75 pt: 409.5 fits, the 27th does not
		{"breaks there already", para(strings.Repeat("国", 30), full(26, 26*16, 16, 1), last(4, 4*16)), nil},
		// 25 ideographs and 2019 (4 digits) at the styles' spacing take
		// 424.75 pt: more than the measure, so the line is closed up, and
		// by LibreOffice's space between 国 and 2 (3.2 pt) and half a
		// point more than that
		{"squeezed", para(strings.Repeat("国", 25)+"2019"+"国", full(29, 25*16+32, 16, 1), last(1, 16)),
			append(repeat(int(math.Floor(20*(measure-3.7-(25*16+32))/29)), 29), condenseTwips)},
		// a last line that fits is left alone, gaps or not
		{"last line", para(strings.Repeat("国", 25)+"2019", last(29, 25*16+32)), nil},
		// 22 ideographs with 2019 and 54 inside (four places where Chinese
		// meets digits: 12.8 pt) fit Word with a point to spare, but not
		// LibreOffice: closed up to leave it room
		{"room for LibreOffice", para(strings.Repeat("国", 10)+"2019"+strings.Repeat("国", 6)+"54"+strings.Repeat("国", 7),
			full(29, 23*16+6*8, 16, 1), doc.Line{Runes: 0, Measure: 442.2}),
			repeat(int(math.Floor(20*(measure-13.3-(23*16+6*8))/29)), 29)},
		// 24 ideographs (378 pt) and the next line's 「国」 (15.75 pt) fit
		// in 410.6 pt: the line is spread so that it does not
		{"would take in the next", para(strings.Repeat("国", 25), full(24, 24*16, 16, 1), last(1, 16)),
			append(repeat(int(math.Floor(20*(measure-1-24*16)/24)), 24), condenseTwips)},
		{"a tab", para("国\t国", full(1, 16, 16, 1), last(2, 16)), nil},
		{"lines not matching the text", para("国国国", full(1, 16, 16, 1), last(1, 16)), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := lineSpacing(tc.p.Text(), tc.p.Lines, 16)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("lineSpacing = %v, want %v", got, tc.want)
			}
		})
	}
}

var reText = regexp.MustCompile(`<w:t xml:space="preserve">([^<]*)</w:t>`)

// TestLineSpacingRuns checks a paragraph with line spacing is written in
// runs of one spacing each, the styles' spacing left to the styles, and
// the text whole.
func TestLineSpacingRuns(t *testing.T) {
	x := &doc.Paragraph{Runs: []doc.Run{{Text: "（一）加强保障。", Face: doc.FaceKai}, {Text: strings.Repeat("国", 20)}},
		Lines: []doc.Line{
			{Runes: 24, Advance: 24 * 16, Chars: 24, Measure: 410.6, Full: true, Next: 16, NextChars: 1},
			{Runes: 4, Advance: 4 * 16, Chars: 4, Measure: 442.2},
		}}
	w := &writer{d: &doc.Document{}}
	var b strings.Builder
	w.paragraph(&b, x)
	s := b.String()
	v := int(math.Floor(20 * (410.6 - 1 - 24*16) / 24))
	if got := strings.Count(s, `<w:spacing w:val="`); got != 2 {
		t.Errorf("%d runs with their own spacing, want 2 (the heading, the rest of the first line):\n%s", got, s)
	}
	if !strings.Contains(s, `<w:spacing w:val="`+strconv.Itoa(v)+`"/></w:rPr><w:t xml:space="preserve">（一）加强保障。</w:t>`) {
		t.Errorf("the run-in heading is not spaced %d:\n%s", v, s)
	}
	if !strings.Contains(s, `<w:t xml:space="preserve">`+strings.Repeat("国", 4)+`</w:t>`) {
		t.Errorf("the last line is not a run at the styles' spacing:\n%s", s)
	}
	var text strings.Builder
	for _, m := range reText.FindAllStringSubmatch(s, -1) {
		text.WriteString(m[1])
	}
	if text.String() != x.Text() {
		t.Errorf("text %q, want %q", text.String(), x.Text())
	}
}

// TestCellLineSpacing checks a body cell whose first line the typesetter
// squeezed is closed up the same way as a paragraph's line, and that a
// cell breaking where the styles break it keeps one run.
func TestCellLineSpacing(t *testing.T) {
	squeezed := doc.Cell{Text: "“通知公告”栏目超过90天未更新", Lines: []doc.Line{
		{Runes: 7, Advance: 84, Chars: 7, Measure: 80.2, Full: true, Next: 12, NextChars: 1},
		{Runes: 9, Advance: 7*12 + 2*6, Chars: 9, Measure: 80.2},
	}}
	plain := doc.Cell{Text: "超过两周未更新"}
	d := sample(t, doc.FormatFile)
	d.Annexes = []doc.Annex{{Label: "附件", Title: "名单", Blocks: []doc.Block{&doc.Table{
		Head:   [][]doc.Cell{{{Text: "问题"}, {Text: "备注"}}},
		Rows:   []doc.Row{{Cells: []doc.Cell{squeezed, plain}}},
		Widths: []float64{91, 91}, Aligns: []doc.Align{doc.AlignLeft, doc.AlignLeft},
	}}}}
	var b bytes.Buffer
	if err := Write(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	body := parts(t, b.Bytes())["word/document.xml"]
	v := int(math.Floor(20 * (80.2 - 1 - 84) / 7))
	if !strings.Contains(body, `<w:spacing w:val="`+strconv.Itoa(v)+`"/></w:rPr><w:t xml:space="preserve">“通知公告”栏</w:t>`) {
		t.Errorf("the squeezed first line is not closed up by %d twips a character", v)
	}
	if !strings.Contains(body, `<w:t xml:space="preserve">目超过90天未更新</w:t>`) || !strings.Contains(body, `<w:t xml:space="preserve">超过两周未更新</w:t>`) {
		t.Error("the rest of the cell, or the plain cell, is not one run at the styles' spacing")
	}
}
