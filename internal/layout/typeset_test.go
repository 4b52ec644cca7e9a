package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout/layouttest"
)

func p(text string) *doc.Paragraph { return &doc.Paragraph{Runs: []doc.Run{{Text: text}}} }

func TestGlyphError(t *testing.T) {
	// no bundled face has these: a noncharacter of plane 16, a private-use
	// character, CJK Extension G and Extension B ideographs
	var s session
	for _, r := range []rune{0x10FFFD, '\ue000', 0x30000, 0x2A6D6} {
		if _, _, _, ok, _ := s.pick(r, roleFang); ok {
			t.Fatalf("precondition: a face draws %U", r)
		}
	}
	table := func(r, c int, text string) *doc.Table {
		t := &doc.Table{Head: [][]doc.Cell{{{Text: "序号"}, {Text: "名称", ColSpan: 4}}}}
		for i := 0; i < 6; i++ {
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: "1"}, {Text: "甲"}, {Text: "乙"}, {Text: "丙"}, {Text: "丁"}}})
		}
		t.Rows[r-1].Cells[c-1].Text = text
		return t
	}
	tests := []struct {
		name    string
		doc     func() *doc.Document
		r       rune
		where   string
		excerpt string
	}{
		{"body", func() *doc.Document {
			return &doc.Document{Body: []doc.Block{p("第一段。"), p("第二段。"), p("第三段有\U0010FFFD字。")}}
		}, 0x10FFFD, "正文第 3 段", "第三段有\U0010FFFD字。"},
		{"run-in heading", func() *doc.Document {
			return &doc.Document{Body: []doc.Block{p("第一段。"), &doc.Paragraph{Runs: []doc.Run{
				{Text: "（一）加强\U0002A6D6保障。", Face: doc.FaceKai}, {Text: "正文。"}}}}}
		}, 0x2A6D6, "正文第 2 段", "（一）加强\U0002A6D6保障。"},
		{"title", func() *doc.Document { return &doc.Document{Title: "关于\U00030000的通知"} }, 0x30000, "标题", ""},
		{"recipients", func() *doc.Document { return &doc.Document{Recipients: "\ue000局"} }, '\ue000', "主送机关", ""},
		{"number", func() *doc.Document {
			return &doc.Document{Header: doc.Header{Number: "临政数〔2024〕\U0010FFFD号"}}
		}, 0x10FFFD, "发文字号", ""},
		{"annex table", func() *doc.Document {
			return &doc.Document{Annexes: []doc.Annex{{Label: "附件1", Title: "甲"},
				{Label: "附件2", Title: "乙", Blocks: []doc.Block{table(4, 5, "戊\U00030000")}}}}
		}, 0x30000, "附件2 表格第 4 行第 5 列", "戊\U00030000"},
		{"annex table header", func() *doc.Document {
			t := table(1, 1, "1")
			t.Head[0][1].Text = "名\U0010FFFD称"
			return &doc.Document{Annexes: []doc.Annex{{Label: "附件", Title: "乙", Blocks: []doc.Block{t}}}}
		}, 0x10FFFD, "附件 表格表头第 1 行第 2 列", ""},
		{"attachment list", func() *doc.Document {
			return &doc.Document{Attachments: []string{"甲表", "乙\U0010FFFD表"}}
		}, 0x10FFFD, "附件说明第 2 项", ""},
		{"signature", func() *doc.Document {
			return &doc.Document{Signature: doc.Signature{Names: []string{"某\ue000局"}, Date: "2024年1月1日"}}
		}, '\ue000', "署名", ""},
		{"record", func() *doc.Document {
			return &doc.Document{Record: &doc.Record{CC: []string{"市委办公室", "某\U0010FFFD局"}}}
		}, 0x10FFFD, "版记（抄送）", ""},
		{"broken encoding", func() *doc.Document {
			return &doc.Document{Body: []doc.Block{p("GBK 编码的“\xb2\xe2”字")}}
		}, 0xFFFD, "正文第 1 段", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Typeset(tc.doc())
			var ge *GlyphError
			if !errors.As(err, &ge) {
				t.Fatalf("got %v, want a *GlyphError", err)
			}
			if ge.Rune != tc.r || ge.Where != tc.where {
				t.Errorf("got %U at %q, want %U at %q", ge.Rune, ge.Where, tc.r, tc.where)
			}
			if tc.excerpt != "" && ge.Text != tc.excerpt {
				t.Errorf("excerpt %q, want %q", ge.Text, tc.excerpt)
			}
			msg := ge.Error()
			for _, want := range []string{fmt.Sprintf("U+%04X", tc.r), "“" + string(tc.r) + "”", "位置：" + tc.where} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			t.Log(msg)
		})
	}
}

// TestIgnorable: invisible format characters pasted with the text are
// dropped, not reported as missing glyphs nor drawn as gaps.
func TestIgnorable(t *testing.T) {
	d := &doc.Document{Header: doc.Header{Format: doc.FormatLetter},
		Body: []doc.Block{p("\ufeff葛\ufe00洪\u200d与\u00ad\u2060抱朴子\U000E0100。")}}
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tx := range textsOf(r) {
		b.WriteString(tx.Text)
	}
	if got := b.String(); !strings.Contains(got, "葛洪与抱朴子。") {
		t.Errorf("drawn %q, want 葛洪与抱朴子。", got)
	}
}

// textsOf returns every text run of the result.
func textsOf(r *Result) []Text {
	var out []Text
	for _, pg := range r.Pages {
		out = append(out, pg.Texts...)
	}
	return out
}

func TestFallback(t *testing.T) {
	// FandolFang covers GB2312 only: 丂 (U+4E02), 㐁 (U+3401) and ― (U+2015)
	// come from the next face of the 仿宋 chain.
	d := &doc.Document{Header: doc.Header{Format: doc.FormatLetter}, Body: []doc.Block{p("甲丂乙㐁丙―丁")}}
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	got := map[rune]string{}
	for _, tx := range textsOf(r) {
		for _, c := range tx.Text {
			got[c] = tx.Font
		}
	}
	for c, want := range map[rune]string{'甲': fonts.Fang, '丂': fonts.SongRegular, '㐁': fonts.SongRegular, '―': fonts.SongRegular} {
		if got[c] != want {
			t.Errorf("%c drawn with %q, want %q", c, got[c], want)
		}
	}
	// only the faces used are loaded into the PDF: no title, mark, heading or page number here
	if want := []string{fonts.Fang, fonts.SongRegular}; fmt.Sprint(r.Fonts) != fmt.Sprint(want) {
		t.Errorf("fonts %v, want %v", r.Fonts, want)
	}
}

// filler returns a document whose body starts with n lines of text.
func filler(n int, after ...doc.Block) *doc.Document {
	var body []doc.Block
	for i := 0; i < n; i++ {
		body = append(body, &doc.Paragraph{NoIndent: true, Runs: []doc.Run{{Text: "填充行"}}})
	}
	return &doc.Document{Header: doc.Header{Format: doc.FormatLetter}, Body: append(body, after...)}
}

// gridLines returns, per page, the baselines of 3号 text in the 版心, top down.
func bodyLines(pg Page) []float64 {
	seen := map[int]bool{}
	var ys []float64
	for _, t := range pg.Texts {
		if t.Size != sizeBody || t.Y > marginTop+areaH {
			continue
		}
		k := int(math.Round(t.Y * 100))
		if !seen[k] {
			seen[k] = true
			ys = append(ys, t.Y)
		}
	}
	return ys
}

func TestHeadingNeverLastOnPage(t *testing.T) {
	for n := 0; n < 30; n++ {
		d := filler(n, &doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: "一、总体情况"}}},
			&doc.Paragraph{Heading: 2, Runs: []doc.Run{{Text: "（一）基本情况"}}},
			p(strings.Repeat("正文内容。", 30)))
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		for i, pg := range r.Pages {
			var last Text
			for _, tx := range pg.Texts {
				if tx.Size == sizeBody && tx.Y >= last.Y {
					last = tx
				}
			}
			if last.Font == fonts.Hei || last.Font == fonts.Kai {
				t.Errorf("filler %d: page %d ends with the heading %q", n, i+1, last.Text)
			}
		}
	}
}

func TestSignatureStaysWithText(t *testing.T) {
	tightened, carried := 0, 0
	for n := 0; n < 26; n++ {
		d := filler(n, p(strings.Repeat("正文内容。", 20)))
		d.Signature = doc.Signature{Names: []string{"临江市政务服务数据管理局"}, Date: "2024年10月18日"}
		d.Note = "（此件公开发布）"
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		last := r.Pages[len(r.Pages)-1]
		var sig, text bool
		for _, tx := range last.Texts {
			if strings.Contains(tx.Text, "数据管理局") {
				sig = true
			}
			if strings.Contains(tx.Text, "正文") || strings.Contains(tx.Text, "填充") {
				text = true
			}
			if tx.Size == sizeBody && tx.Y > marginTop+areaH {
				t.Errorf("filler %d: %q below the 版心", n, tx.Text)
			}
		}
		if !sig || !text {
			t.Errorf("filler %d: the signature page has signature %v, text %v", n, sig, text)
		}
		ys := bodyLines(last)
		if len(ys) > 1 && ys[1]-ys[0] < areaH/gridLines-0.01 {
			tightened++
			if ys[1]-ys[0] < areaH/(gridLines+maxTighten)-0.01 {
				t.Errorf("filler %d: pitch %.2f tighter than %d lines a page", n, ys[1]-ys[0], gridLines+maxTighten)
			}
		}
		if len(r.Pages) > 1 && len(bodyLines(last)) <= 6 {
			carried++
		}
	}
	if tightened == 0 || carried == 0 {
		t.Errorf("expected both a tightened page and carried lines, got %d and %d", tightened, carried)
	}
}

func TestPageNumbersAndRecord(t *testing.T) {
	rec := &doc.Record{CC: []string{"市政府办公室"}, Printer: "临江市政务服务数据管理局", PrintDate: "2024年10月18日"}
	tests := []struct {
		lines   int
		numbers []int // printed numbers per page, 0 for none
		place   doc.RecordPlace
	}{
		// page 1 holds 12 lines below the 版头, page 2 and on 22; the 版记
		// takes the last 2 lines
		{5, []int{1, 2}, doc.RecordNextPage},          // ends on page 1 (odd): the 版记 takes page 2
		{30, []int{1, 2}, doc.RecordFoot},             // ends on page 2 with room: the 版记 at its foot
		{34, []int{1, 2, 0, 0}, doc.RecordAfterBlank}, // page 2 full: a blank page 3, the 版记 on page 4, neither numbered
		{43, []int{1, 2, 3, 4}, doc.RecordNextPage},   // ends on page 3: the 版记 on page 4
		{55, []int{1, 2, 3, 4}, doc.RecordNextPage},   // page 3 full (odd): the 版记 on page 4
	}
	for _, tc := range tests {
		d := filler(tc.lines)
		d.Header.Format = doc.FormatFile
		d.Record = rec
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, pg := range r.Pages {
			got = append(got, pg.Number)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.numbers) {
			t.Errorf("%d lines: page numbers %v, want %v", tc.lines, got, tc.numbers)
		}
		if r.RecordPlace != tc.place {
			t.Errorf("%d lines: 版记 place %d, want %d", tc.lines, r.RecordPlace, tc.place)
		}
		// the same document without its 版记 has as many pages as the place
		// says the 版记 added
		d.Record = nil
		bare, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		if added := r.PageCount() - bare.PageCount(); added != int(tc.place) {
			t.Errorf("%d lines: the 版记 added %d pages, its place is %d", tc.lines, added, tc.place)
		}
		if bare.RecordPlace != doc.RecordFoot {
			t.Errorf("%d lines: no 版记, place %d, want doc.RecordFoot", tc.lines, bare.RecordPlace)
		}
	}
}

// TestLetterRecordPlace: the letter format's 版记 needs no even page; it
// takes the next page only when the last one has no room.
func TestLetterRecordPlace(t *testing.T) {
	rec := &doc.Record{CC: []string{"市政府办公室"}}
	seen := map[doc.RecordPlace]bool{}
	for n := 0; n < 40; n++ {
		d := filler(n)
		d.Header.Format = doc.FormatLetter
		d.Record = rec
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		d.Record = nil
		bare, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		if added := r.PageCount() - bare.PageCount(); added != int(r.RecordPlace) {
			t.Errorf("filler %d: the 版记 added %d pages, its place is %d", n, added, r.RecordPlace)
		}
		if r.RecordPlace == doc.RecordAfterBlank {
			t.Errorf("filler %d: a letter's 版记 after a blank page", n)
		}
		seen[r.RecordPlace] = true
	}
	if !seen[doc.RecordFoot] || !seen[doc.RecordNextPage] {
		t.Errorf("places met: %v, want both the foot and the next page", seen)
	}
}

func TestSpecimensTypeset(t *testing.T) {
	for _, d := range []*doc.Document{layouttest.Specimen(), layouttest.Letter(), layouttest.Telegram(), layouttest.Joint()} {
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		if d.Record != nil && d.Header.Format != doc.FormatLetter && r.PageCount()%2 != 0 {
			t.Errorf("%s: %d pages, want an even count", d.Title, r.PageCount())
		}
		if d.Header.Format == doc.FormatLetter && r.Pages[0].Number != 0 {
			t.Errorf("letter format: page 1 numbered")
		}
	}
}

// TestAttachmentsKeptWhole moves the 附件说明 down the page line by line: its
// items always share one page, with the 署名 after them and text before.
func TestAttachmentsKeptWhole(t *testing.T) {
	names := []string{"全市政府网站检查情况", "存在突出问题的政府网站名单", "全市政务新媒体检查情况", "存在问题的政务新媒体名单"}
	for n := 0; n < 26; n++ {
		d := filler(n, p(strings.Repeat("正文内容。", 10)))
		d.Attachments = names
		d.Signature = doc.Signature{Names: []string{"临江市政务服务数据管理局"}, Date: "2024年10月18日"}
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		pageOf := map[string]int{}
		for i, pg := range r.Pages {
			for _, tx := range pg.Texts {
				for _, name := range append(names, "临江市政务服务数据管理局") {
					if strings.Contains(tx.Text, name[:9]) {
						pageOf[name] = i + 1
					}
				}
			}
		}
		first := pageOf[names[0]]
		for _, name := range append(names, "临江市政务服务数据管理局") {
			if pageOf[name] != first {
				t.Errorf("filler %d: %q on page %d, %q on page %d", n, names[0], first, name, pageOf[name])
			}
		}
		// and never without text above it on its page
		text := false
		for _, tx := range r.Pages[first-1].Texts {
			if strings.Contains(tx.Text, "正文") || strings.Contains(tx.Text, "填充") {
				text = true
			}
		}
		if !text {
			t.Errorf("filler %d: the 附件说明 stands on page %d without text", n, first)
		}
	}
}
