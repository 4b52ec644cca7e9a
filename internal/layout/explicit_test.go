package layout

import (
	"math"
	"strings"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout/layouttest"
)

// TestExplicitLines checks Paragraph.Lines against the lines Typeset draws:
// each holds the characters of one drawn line, in order, with the rest of
// the paragraph's text (trailing spaces, invisible characters) in some
// line, and the widths a word processor needs to break there too.
func TestExplicitLines(t *testing.T) {
	blocks := append(layouttest.Body(),
		p("联系人：林晓东，电话：0663-8230000，传真：0663-8230001，电子邮箱：wzk@jieyang.example.cn。"),
		p("粘贴来的\u200d文字\ufeff带有不可见字符，也要按行分得一字不差，直到这一段落最后一个字为止。"),
		&doc.Paragraph{Runs: []doc.Run{{Text: "（一）压实主办责任。", Face: doc.FaceKai}, {Text: "各地、各部门要把政府网站和政务新媒体作为网上履职的重要平台。"}}},
	)
	d := &doc.Document{Body: blocks}
	x, err := Explicit(d)
	if err != nil {
		t.Fatal(err)
	}
	ts := &typesetter{d: d}
	n := 0
	for i, b := range x.Body {
		xp, ok := b.(*doc.Paragraph)
		if !ok {
			continue
		}
		n++
		if d.Body[i].(*doc.Paragraph).Lines != nil {
			t.Fatal("Explicit changed the document it was given")
		}
		drawn, err := ts.paragraph(xp, portrait(), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(xp.Lines) != len(drawn) {
			t.Errorf("paragraph %d: %d lines, Typeset draws %d", n, len(xp.Lines), len(drawn))
			continue
		}
		rs := []rune(xp.Text())
		at := 0
		for k, l := range xp.Lines {
			got := strings.Map(func(r rune) rune {
				if dropped(r) {
					return -1
				}
				return r
			}, strings.TrimRight(string(rs[at:at+l.Runes]), " "))
			var want strings.Builder
			for _, tx := range drawn[k].texts {
				want.WriteString(tx.Text)
			}
			if got != want.String() {
				t.Errorf("paragraph %d line %d holds %q, Typeset draws %q", n, k+1, got, want.String())
			}
			if l.Chars != len([]rune(got)) {
				t.Errorf("paragraph %d line %d: Chars %d for %q", n, k+1, l.Chars, got)
			}
			last := k == len(xp.Lines)-1
			if l.Full == last || (l.Next == 0) != last {
				t.Errorf("paragraph %d line %d of %d: Full %v, Next %.1f", n, k+1, len(xp.Lines), l.Full, l.Next)
			}
			at += l.Runes
		}
		if at != len(rs) {
			t.Errorf("paragraph %d: lines hold %d of its %d characters", n, at, len(rs))
		}
	}
	if n < 10 {
		t.Fatalf("only %d paragraphs checked", n)
	}
}

// TestExplicitLineWidths checks the widths of Paragraph.Lines on lines
// whose make-up is known: 3号 ideographs are 16 pt, digits 8 pt; what
// starts the next line runs to its first break (a digit run whole, a phone
// number to its hyphen).
func TestExplicitLineWidths(t *testing.T) {
	a := portrait()
	tests := []struct {
		name      string
		text      string
		first     int     // characters on the first line
		next      float64 // Next of the first line
		nextChars int
	}{
		{"ideographs", strings.Repeat("国", 30), 26, 16, 1},
		{"digit run", strings.Repeat("国", 26) + "2019年", 26, 32, 4},
		{"phone number", strings.Repeat("国", 26) + "0663-8230001。", 26, 4*8 + 16*0.333, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Explicit(&doc.Document{Body: []doc.Block{p(tc.text)}})
			if err != nil {
				t.Fatal(err)
			}
			ls := x.Body[0].(*doc.Paragraph).Lines
			if len(ls) != 2 {
				t.Fatalf("%d lines, want 2", len(ls))
			}
			l := ls[0]
			if l.Runes != tc.first || l.Chars != tc.first || math.Abs(l.Advance-16*float64(tc.first)) > 0.01 {
				t.Errorf("first line: %d runes, %d chars, advance %.2f; want %d, %d, %.2f", l.Runes, l.Chars, l.Advance, tc.first, tc.first, 16*float64(tc.first))
			}
			if math.Abs(l.Measure-(a.w-2*a.cell)) > 0.01 || !l.Full {
				t.Errorf("first line: measure %.2f, full %v; want %.2f, true", l.Measure, l.Full, a.w-2*a.cell)
			}
			if math.Abs(l.Next-tc.next) > 0.1 || l.NextChars != tc.nextChars {
				t.Errorf("first line: next %.2f over %d characters, want %.2f over %d", l.Next, l.NextChars, tc.next, tc.nextChars)
			}
			if m := ls[1].Measure; math.Abs(m-a.w) > 0.01 || ls[1].Full || ls[1].Next != 0 {
				t.Errorf("last line: measure %.2f, full %v, next %.2f", m, ls[1].Full, ls[1].Next)
			}
		})
	}
}

// TestExplicitTelegramForm checks the 明电 form's cells: two rows of four
// across the 版心, labels five cells wide in 3号, a value too long for 3号
// set smaller but not below 五号, and the document given left alone.
func TestExplicitTelegramForm(t *testing.T) {
	d := layouttest.Telegram()
	d.Header.Telegram.Unit = strings.Repeat("临江市人民政府办公室", 3)
	x, err := Explicit(d)
	if err != nil {
		t.Fatal(err)
	}
	if d.Header.Telegram.Form[0] != nil {
		t.Fatal("Explicit changed the document it was given")
	}
	a := portrait()
	for i, row := range x.Header.Telegram.Form {
		if len(row) != 4 {
			t.Fatalf("row %d has %d cells, want 4", i+1, len(row))
		}
		sum := 0.0
		for _, c := range row {
			sum += c.Width
		}
		if math.Abs(sum-a.w) > 0.01 {
			t.Errorf("row %d is %.2f pt wide, the 版心 %.2f", i+1, sum, a.w)
		}
		if l := row[0]; math.Abs(l.Width-5*a.cell) > 0.01 || l.Size != sizeBody {
			t.Errorf("row %d label: %.2f pt at %.1f pt, want five cells at 3号", i+1, l.Width, l.Size)
		}
	}
	if s := x.Header.Telegram.Form[0][1].Size; s >= sizeBody || s < 10.5 {
		t.Errorf("the long 发电单位 is set at %.2f pt, want under 3号 and at least 五号", s)
	}
}

// TestExplicitMark checks the 发文机关标志's setting Explicit records: one
// issuer's mark at most 52 pt and 92% of the 版心; joint issuers' names
// smaller, justified to the widest, the suffix beside them no larger than
// 1.2 times the names and the whole within the 版心.
func TestExplicitMark(t *testing.T) {
	a := portrait()
	x, err := Explicit(layouttest.Specimen())
	if err != nil {
		t.Fatal(err)
	}
	m := x.Header.Mark
	if m.Size <= 0 || m.Size > markMaxSize || m.NamesWidth > markMaxWidth*a.w+0.01 || m.SuffixWidth != 0 {
		t.Errorf("one issuer's mark: %+v", m)
	}
	x, err = Explicit(layouttest.Joint())
	if err != nil {
		t.Fatal(err)
	}
	m = x.Header.Mark
	if len(x.Header.Issuers) < 2 {
		t.Fatal("precondition: the joint specimen has joint issuers")
	}
	if m.Size <= 0 || m.Size > 0.8*markMaxSize || m.SuffixSize > 1.2*m.Size+0.01 || m.SuffixWidth <= 0 {
		t.Errorf("joint issuers' mark: %+v", m)
	}
	// the names and the suffix at the names' size, half an em apart, take
	// at most 92% of the 版心 and are centred in it
	w := m.NamesWidth + m.Size/2 + m.SuffixWidth*m.Size/m.SuffixSize
	if w > markMaxWidth*a.w+0.01 || math.Abs(2*m.Left+w-a.w) > 0.01 {
		t.Errorf("joint mark %.1f pt wide from %.1f pt: not centred within 92%% of the 版心", w, m.Left)
	}
}

// TestExplicitCellLines checks every body cell of the specimen's tables
// gets its lines, holding all its characters, and that a long cell has
// several.
func TestExplicitCellLines(t *testing.T) {
	x, err := Explicit(layouttest.Specimen())
	if err != nil {
		t.Fatal(err)
	}
	cells, multi := 0, 0
	for _, an := range x.Annexes {
		for _, b := range an.Blocks {
			tb, ok := b.(*doc.Table)
			if !ok {
				continue
			}
			for _, r := range tb.Rows {
				for _, c := range r.Cells {
					cells++
					n := 0
					for _, l := range c.Lines {
						n += l.Runes
					}
					if n != len([]rune(c.Text)) {
						t.Errorf("cell %q: lines hold %d of its %d characters", c.Text, n, len([]rune(c.Text)))
					}
					if len(c.Lines) > 1 {
						multi++
					}
				}
			}
		}
	}
	if cells == 0 || multi == 0 {
		t.Fatalf("%d cells, %d of several lines: the specimen should have both", cells, multi)
	}
}
