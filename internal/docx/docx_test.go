package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout"
)

// seal is a small red disc, standing in for an organ's seal.
func seal(t testing.TB) []byte {
	t.Helper()
	im := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for y := range 40 {
		for x := range 40 {
			if (x-20)*(x-20)+(y-20)*(y-20) < 380 {
				im.Set(x, y, color.NRGBA{R: 230, A: 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, im); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sample is a document using every part the writer knows, as
// layout.Explicit gives it to the writer.
func sample(t testing.TB, format doc.HeaderFormat) *doc.Document {
	t.Helper()
	d, err := layout.Explicit(sampleDoc(t, format))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sampleDoc is the sample as a template composes it.
func sampleDoc(t testing.TB, format doc.HeaderFormat) *doc.Document {
	return &doc.Document{
		Info:       doc.Info{Title: "关于测试的通报", Author: "测试局", Date: "2019-04-12T00:00:00+08:00"},
		Header:     doc.Header{Format: format, Issuers: []string{"揭阳市测试局"}, MarkSuffix: "文件", Number: "揭测函〔2019〕23号", Secrecy: "秘密★1年", Telegram: doc.Telegram{Unit: "揭阳市测试局"}},
		Title:      "关于2019年第一季度全市\n政府网站检查情况的通报",
		Recipients: "各县（市、区）人民政府",
		Body: []doc.Block{
			&doc.Paragraph{Runs: []doc.Run{{Text: "按照有关规定，现将检查情况通报如下：<&>"}}},
			&doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: "一、总体情况"}}},
			&doc.Paragraph{Runs: []doc.Run{{Text: "（一）加强内容保障。", Face: doc.FaceKai}, {Text: "各地要……"}}},
			&doc.Image{Data: seal(t), Name: "图.png", Caption: "图 1 示例"},
		},
		Attachments: []string{"全市政府网站检查情况", "存在问题的网站名单"},
		Signature:   doc.Signature{Names: []string{"揭阳市测试局"}, Date: "2019年4月12日", Seal: seal(t)},
		Note:        "（此件公开发布）",
		Disclosure:  "主动公开",
		Draft:       "2026年12月3日 09:00",
		Annexes: []doc.Annex{
			{Label: "附件1", Title: "全市政府网站检查情况", Blocks: []doc.Block{&doc.Table{
				Head: [][]doc.Cell{{{Text: "序号", RowSpan: 2}, {Text: "类别", RowSpan: 2}, {Text: "问题网站", ColSpan: 2}}, {{Text: "个数"}, {Text: "比例"}}},
				Rows: []doc.Row{{Cells: []doc.Cell{{Text: "1"}, {Text: "独立运行的政府网站"}, {Text: "1"}, {Text: "7.1%"}}}, {Total: true, Cells: []doc.Cell{{Text: "合计", ColSpan: 2}, {Text: "1"}, {Text: "1.8%"}}}},
				Note: "注：检查采样时间为2019年2月21日至3月4日。",
			}}},
			{Label: "附件2", Title: "存在问题的网站名单", Blocks: []doc.Block{&doc.Table{Landscape: true,
				Head: [][]doc.Cell{{{Text: "序号"}, {Text: "网站名称"}}}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "1"}, {Text: "测试网站"}}}}}}},
		},
		Record: &doc.Record{CC: []string{"市政府办公室"}, Printer: "揭阳市测试局", PrintDate: "2019年4月12日"},
	}
}

// parts reads every part of a package.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

// TestWriteWellFormed writes every header format and 版记 place and checks
// each XML part parses, the settings make Word honour odd and even footers,
// every run names its East Asian font, and the output is the same bytes
// every time.
func TestWriteWellFormed(t *testing.T) {
	for _, f := range []doc.HeaderFormat{doc.FormatFile, doc.FormatLetter, doc.FormatTelegram} {
		for _, place := range []doc.RecordPlace{doc.RecordFoot, doc.RecordNextPage, doc.RecordAfterBlank} {
			var a, b bytes.Buffer
			if err := Write(&a, sample(t, f), Options{Record: place}); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, sample(t, f), Options{Record: place}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("format %d, place %d: two writes differ", f, place)
			}
			ps := parts(t, a.Bytes())
			for name, data := range ps {
				if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
					continue
				}
				dec := xml.NewDecoder(strings.NewReader(data))
				for {
					if _, err := dec.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("format %d: %s is not well formed: %v", f, name, err)
					}
				}
			}
			if !strings.Contains(ps["word/settings.xml"], "<w:evenAndOddHeaders/>") {
				t.Error("settings.xml lacks w:evenAndOddHeaders")
			}
			body := ps["word/document.xml"]
			runs := regexp.MustCompile(`<w:r>(.*?)</w:r>`).FindAllStringSubmatch(body, -1)
			for _, r := range runs {
				if strings.Contains(r[1], "<w:t") && !strings.Contains(r[1], `w:eastAsia="仿宋_GB2312"`) && !strings.Contains(r[1], `w:eastAsia="`) {
					t.Errorf("run without an East Asian font: %s", r[1])
				}
			}
			if strings.Contains(ps["word/styles.xml"], "Theme") || strings.Contains(body, "Theme") {
				t.Error("theme fonts used")
			}
			if n := strings.Count(body, `w:orient="landscape"`); n != 1 {
				t.Errorf("%d landscape sections, want 1", n)
			}
			if place == doc.RecordAfterBlank && !strings.Contains(body, `r:id="rIdFooterNone"`) {
				t.Error("the 版记 after a blank page is numbered")
			}
		}
	}
}

// TestEmbedFonts checks the embedded faces are obfuscated with their keys
// (the first 32 bytes XORed, the rest as is) and listed in the font table.
func TestEmbedFonts(t *testing.T) {
	if testing.Short() {
		t.Skip("embeds 60 MB of fonts")
	}
	var b bytes.Buffer
	if err := Write(&b, sample(t, doc.FormatFile), Options{EmbedFonts: true}); err != nil {
		t.Fatal(err)
	}
	ps := parts(t, b.Bytes())
	ft := ps["word/fontTable.xml"]
	for _, want := range []string{`w:name="FandolFang"`, `<w:embedRegular r:id="rIdFont1" w:fontKey="{`, `<w:embedBold`} {
		if !strings.Contains(ft, want) {
			t.Errorf("fontTable.xml lacks %s", want)
		}
	}
	// the key font1.odttf is read with is the one the font table names
	m := regexp.MustCompile(`r:id="rIdFont1" w:fontKey="(\{[0-9A-F-]{36}\})"`).FindStringSubmatch(ft)
	if m == nil {
		t.Fatal("fontTable.xml gives rIdFont1 no GUID key")
	}
	odttf := ps["word/fonts/font1.odttf"]
	plain, err := obfuscate([]byte(odttf), m[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(plain, []byte{0, 1, 0, 0}) {
		t.Errorf("font1.odttf does not deobfuscate to a TrueType font: % x", plain[:4])
	}
	want, err := fonts.Data(fonts.Fang)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, want) {
		t.Error("font1.odttf deobfuscated is not the bundled 仿宋")
	}
}

// TestPackedFace: a face packed once and copied into a package raw gives
// the same bytes as compressing it into the package in place, as Write did
// before it kept the packed faces.
func TestPackedFace(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses a 6 MB font")
	}
	const name = fonts.Fang
	data, err := fonts.Data(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err = obfuscate(data, fontKey(name))
	if err != nil {
		t.Fatal(err)
	}
	var direct, copied bytes.Buffer
	zw := newZipWriter(&direct, flate.BestSpeed)
	fw, err := zw.CreateHeader(fileHeader("word/fonts/font1.odttf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := packedFace(name)
	if err != nil {
		t.Fatal(err)
	}
	zw = newZipWriter(&copied, flate.DefaultCompression)
	if err := f.copyTo(zw, "word/fonts/font1.odttf"); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(direct.Bytes(), copied.Bytes()) {
		t.Errorf("the packed face copied gives %d bytes, compressed in place %d, not the same", copied.Len(), direct.Len())
	}
	for _, k := range []string{"", "{0123}", "{ZZ2F6C05-1B5A-4A4D-9C9E-6F0A1B2C3D4E}"} {
		if _, err := obfuscate(data, k); err == nil {
			t.Errorf("key %q taken for a GUID", k)
		}
	}
}
