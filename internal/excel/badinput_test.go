package excel

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

// The bad inputs a clerk's (or anyone's) file can be, in one place: each is
// refused with a Chinese message naming the file — and the sheet, row and
// column where there is one — or read with a documented normalisation.
// Other tests cover more variants of the same: TestBadWorkbooks (cell
// rules), TestUnreadableFiles (file kinds), TestTolerance (normalisations).

// xlsxParts are the parts of a minimal workbook whose only sheet is
// 政府网站 (sheet1.xml); bomb tests add a part or replace the sheet.
func xlsxParts() map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="政府网站" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
	}
}

// streamed is a part written in pieces: head, then n times unit(i), then tail.
type streamed struct {
	head, tail string
	n          int
	unit       func(i int) string
}

// bombZip writes a zip of the parts, the streamed ones generated as they
// are compressed (so a part of hundreds of megabytes costs no memory).
func bombZip(t testing.TB, parts map[string]string, big map[string]streamed) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for name, s := range parts {
		if _, ok := big[name]; ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, s)
	}
	for name, s := range big {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, s.head)
		chunk := make([]byte, 0, 256<<10)
		for i := 0; i < s.n; i++ {
			chunk = append(chunk, s.unit(i)...)
			if len(chunk) > 200<<10 {
				w.Write(chunk)
				chunk = chunk[:0]
			}
		}
		w.Write(chunk)
		io.WriteString(w, s.tail)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

func sheetBomb(head string, n int, unit func(int) string, tail string) map[string]streamed {
	return map[string]streamed{"xl/worksheets/sheet1.xml": {head: sheetHead + head, tail: tail + sheetTail, n: n, unit: unit}}
}

// rawSizeZip is a zip whose worksheet claims an uncompressed size it does
// not have: declared, while the data inflate to actual bytes.
func rawSizeZip(t testing.TB, declared uint64, actual int) []byte {
	t.Helper()
	data := []byte(sheetHead + strings.Repeat(`<row/>`, actual/6) + sheetTail)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(data)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, s := range xlsxParts() {
		if name == "xl/worksheets/sheet1.xml" {
			continue
		}
		w, _ := zw.Create(name)
		io.WriteString(w, s)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// peakHeap runs f and returns the most heap in use while it ran, in MB.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak >> 20
}

// TestBadInputFiles: files that are not a workbook, are cut short, or
// unzip to far more than a workbook holds. Each gets one clear error and
// costs little memory; none reaches the row checks.
func TestBadInputFiles(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "samples", "2019Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	pdfFile, err := os.ReadFile(filepath.Join("..", "pdf", "testdata", "specimen.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 200)...)
	parts := xlsxParts()
	cases := []struct {
		name  string
		data  func() []byte
		want  []string
		sheet string // the problem names this sheet (a row-level error), "" for one message
	}{
		{"截断10%.xlsx", func() []byte { return sample[:len(sample)/10] }, []string{"文件已损坏或不完整"}, ""},
		{"截断90%.xlsx", func() []byte { return sample[:len(sample)*9/10] }, []string{"文件已损坏或不完整"}, ""},
		{"少了结尾.xlsx", func() []byte { return sample[:len(sample)-10] }, []string{"文件已损坏或不完整"}, ""},
		{"通报.pdf.xlsx", func() []byte { return pdfFile }, []string{"这是 PDF 文件"}, ""},
		{"图片.xlsx", func() []byte { return png }, []string{"文件已损坏或不完整"}, ""},
		{"说明.txt.xlsx", func() []byte { return []byte("这是一份说明。\r\n第二行\r\n") }, []string{"文本文件"}, ""},
		{"压缩包.xlsx", func() []byte { return bombZip(t, map[string]string{"a.txt": "x", "b/c.txt": "y"}, nil) }, []string{"没有 Excel 工作簿的内容"}, ""},
		// Zip bombs: each part is generated while compressed; a few hundred kB
		// of zip each, unzipping to far more.
		{"样式炸弹.xlsx", func() []byte {
			return bombZip(t, parts, map[string]streamed{"xl/styles.xml": {head: `<styleSheet><cellXfs>`, tail: `</cellXfs></styleSheet>`,
				n: int(xmlPartLimit/17) + 1, unit: func(int) string { return `<xf numFmtId="0"/>` }}})
		}, []string{"xl/styles.xml", "解压后超过允许的大小"}, ""},
		{"字符串炸弹.xlsx", func() []byte {
			return bombZip(t, parts, map[string]streamed{"xl/sharedStrings.xml": {head: `<sst>`, tail: `</sst>`,
				n: maxSharedStrings + 1, unit: func(int) string { return `<si><t>a</t></si>` }}})
		}, []string{"共享字符串超过 1000000 项"}, ""},
		{"声明超大.xlsx", func() []byte { return rawSizeZip(t, uint64(unzipLimit)+1, 1000) }, []string{"解压后超过允许的大小"}, ""},
		{"虚报大小.xlsx", func() []byte { return rawSizeZip(t, 100, 4<<20) }, []string{"文件已损坏"}, ""},
		{"行炸弹.xlsx", func() []byte {
			return bombZip(t, parts, sheetBomb("", maxSheetRows+1, func(i int) string { return fmt.Sprintf(`<row r="%d"/>`, i+1) }, ""))
		}, []string{"工作表超过 500000 行"}, SheetSites},
		{"列炸弹.xlsx", func() []byte {
			return bombZip(t, parts, sheetBomb(`<row r="1">`, maxRowCells+1, func(int) string { return `<c><v>1</v></c>` }, `</row>`))
		}, []string{"第 1 行超过 16384 个单元格"}, SheetSites},
		{"长单元格.xlsx", func() []byte {
			return bombZip(t, parts, sheetBomb(`<row r="1"><c r="B1" t="inlineStr"><is><t>`, 3<<20/100, func(int) string { return strings.Repeat("网站", 50) }, `</t></is></c></row>`))
		}, []string{"单元格 B1 附近的内容超过 1 MB"}, SheetSites},
		{"合并炸弹.xlsx", func() []byte {
			return bombZip(t, parts, sheetBomb(`</sheetData><mergeCells>`, maxMergeRanges+1, func(i int) string { return fmt.Sprintf(`<mergeCell ref="A%d:B%d"/>`, i+1, i+1) }, `</mergeCells><sheetData>`))
		}, []string{"合并单元格超过 100000 处"}, SheetSites},
		{"公式炸弹.xlsx", func() []byte {
			return bombZip(t, parts, sheetBomb("", maxUncachedFormulas+1, func(i int) string { return fmt.Sprintf(`<row r="%d"><c r="C%d"><f>1+1</f></c></row>`, i+1, i+1) }, ""))
		}, []string{"超过 100000 个公式单元格没有保存计算结果"}, SheetSites},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data()
			var err error
			peak := peakHeap(func() { _, err = ReadRoundFrom(bytes.NewReader(data), c.name) })
			var e *circular.Error
			if !errors.As(err, &e) || e.Code != circular.EInvalid {
				t.Fatalf("error %v", err)
			}
			msg := e.Error()
			for _, w := range append(c.want, c.name) {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if c.sheet != "" && !strings.Contains(msg, "工作表「"+c.sheet+"」") {
				t.Errorf("message does not name sheet %s:\n%s", c.sheet, msg)
			}
			// Not a timing assertion: a bound on memory, the point of the limits.
			if peak > 200 {
				t.Errorf("reading %d bytes used %d MB of heap", len(data), peak)
			}
			t.Logf("%d kB → %d MB heap: %s", len(data)>>10, peak, strings.SplitN(msg, "\n", 3)[min(1, strings.Count(msg, "\n"))])
		})
	}
}

// rewriteParts rewrites the workbook at path, passing each part's text
// through edit: for what excelize will not write (a formula with its cached
// value, a cell longer than Excel allows).
func rewriteParts(t testing.TB, path string, edit func(name, body string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		io.WriteString(w, edit(f.Name, string(b)))
	}
	zr.Close()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInputCells: what clerks type. Each either reads with the
// normalisation said here or is refused naming sheet, row and column.
func TestBadInputCells(t *testing.T) {
	long := strings.Repeat("政", 100000)
	type check func(t *testing.T, rr *circular.RoundResults)
	cases := []struct {
		name   string
		sheets []sheet
		edit   func(name, body string) string
		// Refused: the problem's sheet, row, column and text.
		sheet  string
		row    int
		column string
		want   []string
		// Read: what the round must hold.
		check check
	}{
		{name: "formula with a cached value: the value is used",
			sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "", "", 999))},
			edit: func(name, body string) string {
				return strings.Replace(body, "<v>999</v>", "<f>2+3</f><v>5</v>", 1)
			},
			check: func(t *testing.T, rr *circular.RoundResults) {
				if s := rr.Sites[0]; s.BlankColumns != 5 || !s.Failing() {
					t.Errorf("formula cell read as %d, failing %v", s.BlankColumns, s.Failing())
				}
			}},
		{name: "merged verdict cell: every row it covers gets its value",
			sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "不合格", "栏目不更新", 6), siteRow("4452000002", "是", nil, "栏目不更新", 7))},
			edit: func(name, body string) string {
				if !strings.HasSuffix(name, "sheet2.xml") {
					return body
				}
				return strings.Replace(body, "</sheetData>", `</sheetData><mergeCells count="1"><mergeCell ref="G2:G3"/></mergeCells>`, 1)
			},
			check: func(t *testing.T, rr *circular.RoundResults) {
				if !rr.Sites[1].Failing() {
					t.Errorf("the merged 不合格 did not reach row 3: %+v", rr.Sites[1])
				}
			}},
		{name: "numbers, dates and codes stored as text, in full-width digits",
			sheets: []sheet{roundSheet([]any{"采样开始日期", "２０１９年２月２１日"}, []any{"找错留言数", "２６条"}),
				sitesSheet([]any{"４４５２０００００１", "揭阳市审计局网站", "揭阳市审计局", "市直", "集约化子站", "是", "", "", "５个", "3", "0", "１２．５"})},
			check: func(t *testing.T, rr *circular.RoundResults) {
				s := rr.Sites[0]
				if s.Code != "4452000001" || s.BlankColumns != 5 || s.StaleColumns != 3 || s.Deduction != 12.5 ||
					rr.Round.SampleStart.Format(time.DateOnly) != "2019-02-21" || rr.Round.Reports != 26 {
					t.Errorf("site %+v round %+v", s, rr.Round)
				}
			}},
		{name: "stray spaces and line breaks in names are removed",
			sheets: []sheet{roundSheet(), sitesSheet([]any{" 4452000001 ", " 揭阳市 审计局\n网站\r\n", "揭阳市\u3000审计局 ", "市 直", "集约化子站", "是"})},
			check: func(t *testing.T, rr *circular.RoundResults) {
				s := rr.Sites[0]
				if s.Code != "4452000001" || s.Name != "揭阳市审计局网站" || s.Unit != "揭阳市审计局" || s.Region != "市直" {
					t.Errorf("site %+v", s.Site)
				}
			}},
		{name: "duplicate rows name both rows",
			sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"), siteRow("4452000002", "是"), siteRow("4452000001", "是"))},
			sheet:  SheetSites, row: 4, column: "网站标识码", want: []string{"网站标识码「4452000001」与第 2 行重复", "单元格 A4"}},
		{name: "an empty sites sheet and no accounts",
			sheets: []sheet{roundSheet(), {SheetSites, nil}, accountsSheet()},
			want:   []string{"没有任何检查结果"}},
		{name: "sheets with headers only",
			sheets: []sheet{roundSheet(), sitesSheet(), accountsSheet()},
			want:   []string{"没有任何检查结果"}},
		{name: "an empty round sheet",
			sheets: []sheet{{SheetRound, nil}, sitesSheet(siteRow("4452000001", "是"))},
			sheet:  SheetRound, want: []string{"「年度」没有填写"}},
		{name: "a 100,000-character name",
			sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是"))},
			edit: func(name, body string) string {
				return strings.Replace(body, "揭阳市审计局网站01", long, 1)
			},
			sheet: SheetSites, row: 2, column: "网站名称", want: []string{"「网站名称」有 100000 个字，超过 200 字的上限", "单元格 B2"}},
		{name: "a 100,000-character problem",
			sheets: []sheet{roundSheet(), sitesSheet(siteRow("4452000001", "是", "不合格", "栏目不更新", 6, nil, nil, nil, "X"))},
			edit: func(name, body string) string {
				return strings.Replace(body, "<t>X</t>", "<t>"+long+"</t>", 1)
			},
			sheet: SheetSites, row: 2, column: "存在的突出问题", want: []string{"超过 1000 字的上限", "单元格 M2"}},
		{name: "a 100,000-character category is cut in the message, keeping the cell",
			sheets: []sheet{roundSheet(), sitesSheet([]any{"4452000001", "网站", "单位", "市直", "X"})},
			edit: func(name, body string) string {
				return strings.Replace(body, "<t>X</t>", "<t>"+long+"</t>", 1)
			},
			sheet: SheetSites, row: 2, column: "网站类别", want: []string{"不是网站类别", "……", "单元格 E2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, c.sheets, nil)
			if c.edit != nil {
				rewriteParts(t, path, c.edit)
			}
			rr, err := ReadRound(path)
			if c.check != nil {
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, rr)
				return
			}
			var e *circular.Error
			if !errors.As(err, &e) || e.Code != circular.EInvalid {
				t.Fatalf("error %v", err)
			}
			msg := e.Error()
			if len([]rune(msg)) > 2000 {
				t.Errorf("message of %d characters", len([]rune(msg)))
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if c.sheet != "" && !hasProblem(e, path, c.sheet, c.row, c.column) {
				t.Errorf("no problem at sheet %s row %d column %s:\n%s", c.sheet, c.row, c.column, msg)
			}
		})
	}
}
