package docx

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tongbao/internal/doc"
)

// TestTelegramForm checks the 明电 form takes the typesetter's cells: a
// grid of every cell edge of both rows across the 版心, each row's cells
// spanning their widths, every value whole, a value the typesetter set
// smaller set as small.
func TestTelegramForm(t *testing.T) {
	d := sample(t, doc.FormatTelegram)
	d.Header.Telegram.Unit = "临江市人民政府办公室临江市人民政府办公室"
	d.Header.Telegram.Serial = "临机发　号"
	w := float64(areaW) / 20
	tg := d.Header.Telegram
	d.Header.Telegram.Form = [2][]doc.FormCell{
		{{Text: "发电单位", Label: true, Width: 79, Size: 16}, {Text: tg.Unit, Width: 210, Size: 12}, {Text: "签批盖章", Label: true, Width: 79, Size: 16}, {Text: tg.Approver, Width: w - 368, Size: 16}},
		{{Text: "等　　级", Label: true, Width: 79, Size: 16}, {Text: tg.Grade, Width: 100, Size: 16}, {Text: d.Header.Number, Width: 170, Size: 16}, {Text: tg.Serial, Width: w - 349, Size: 16}},
	}
	var b bytes.Buffer
	if err := Write(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	body := parts(t, b.Bytes())["word/document.xml"]
	tbl := regexp.MustCompile(`<w:tbl>.*?</w:tbl>`).FindString(body)
	if tbl == "" {
		t.Fatal("no form table")
	}
	sum, cols := 0, 0
	for _, m := range regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(tbl, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
		cols++
	}
	// edges 79, 289, 368 | 79, 179, 349 and the right edge: six columns
	if sum != areaW || cols != 6 {
		t.Errorf("the grid has %d columns %d twips wide in all, want 6 across %d", cols, sum, areaW)
	}
	for _, v := range []string{d.Header.Telegram.Unit, d.Header.Number, d.Header.Telegram.Serial, d.Header.Telegram.Grade} {
		if !strings.Contains(tbl, ">"+v+"<") {
			t.Errorf("the form lacks %q whole", v)
		}
	}
	if !strings.Contains(tbl, `<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">`+d.Header.Telegram.Unit) {
		t.Errorf("the long 发电单位 is not set in 12 pt:\n%s", tbl)
	}
	if n := strings.Count(tbl, `<w:gridSpan w:val="2"/>`); n != 4 {
		t.Errorf("%d cells span two grid columns, want 4", n)
	}
}

// TestJointMark checks joint issuers' mark takes the typesetter's setting
// (doc.Header.Mark): the names stacked and justified to one width in a
// table's first column, placed where the PDF has them, the suffix beside
// them centred and set larger; one issuer's mark in the size given.
func TestJointMark(t *testing.T) {
	d := sample(t, doc.FormatFile)
	d.Header.Issuers = []string{"临江市政务服务数据管理局", "中共临江市委网络安全和信息化委员会办公室"}
	d.Header.Mark = doc.Mark{Size: 20, Left: 20, NamesWidth: 360, SuffixSize: 24, SuffixWidth: 48}
	var b bytes.Buffer
	if err := Write(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	body := parts(t, b.Bytes())["word/document.xml"]
	tbl := regexp.MustCompile(`<w:tbl>.*?</w:tbl>`).FindString(body)
	for _, want := range []string{
		`<w:tblInd w:w="400" w:type="dxa"/>`,
		`<w:gridCol w:w="7200"/>`,
		`<w:jc w:val="distribute"/>`,
		`<w:vAlign w:val="center"/>`,
		`<w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr><w:t xml:space="preserve">文件</w:t>`,
	} {
		if !strings.Contains(tbl, want) {
			t.Errorf("the joint mark lacks %s:\n%s", want, tbl)
		}
	}
	for _, n := range d.Header.Issuers {
		if !strings.Contains(tbl, `<w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr><w:t xml:space="preserve">`+n+`</w:t>`) {
			t.Errorf("%s is not a 20 pt line of its own", n)
		}
	}

	d = sample(t, doc.FormatFile)
	d.Header.Mark = doc.Mark{Size: 37, NamesWidth: 400}
	b.Reset()
	if err := Write(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parts(t, b.Bytes())["word/document.xml"], `<w:sz w:val="74"/><w:szCs w:val="74"/></w:rPr><w:t xml:space="preserve">揭阳市测试局文件</w:t>`) {
		t.Error("one issuer's mark is not set in the size the typesetter gave")
	}
}

// TestWriteNeedsExplicit checks the writer refuses a document whose 版头
// the typesetter has not set out (layout.Explicit), rather than guess.
func TestWriteNeedsExplicit(t *testing.T) {
	for _, f := range []doc.HeaderFormat{doc.FormatFile, doc.FormatTelegram} {
		var b bytes.Buffer
		if err := Write(&b, sampleDoc(t, f), Options{}); err == nil {
			t.Errorf("format %d: a document not through layout.Explicit was written", f)
		}
	}
}
