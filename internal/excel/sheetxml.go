package excel

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
)

// This file looks at a workbook below what excelize shows: what kind of file
// it is, where each sheet lives in the zip, and what the Rows iterator does
// not report (merged ranges, formulas without a cached value).

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff recognises files that are not an .xlsx before any parsing, so each
// gets a message saying what it is.
func sniff(b []byte, name string) error {
	switch {
	case len(b) == 0:
		return unreadable(name, "文件是空的（0 字节）", nil)
	case int64(len(b)) > maxFileSize:
		return unreadable(name, fmt.Sprintf("文件超过 %d MB", maxFileSize>>20), nil)
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, utf16le("EncryptionInfo")) || bytes.Contains(b, utf16le("EncryptedPackage")) {
			return &circular.Error{Code: circular.EInvalid, Message: fmt.Sprintf("无法读取工作簿 %s：文件设置了打开密码。请在 Excel 或 WPS 中取消密码（文件—信息—保护工作簿—用密码进行加密，清空密码），另存为 .xlsx 后再导入", name)}
		}
		return unreadable(name, "这是旧版 Excel 97-2003 工作簿（.xls）或其他旧格式文件，不是 .xlsx", nil)
	case bytes.HasPrefix(b, []byte("%PDF")):
		return unreadable(name, "这是 PDF 文件，不是 .xlsx 工作簿", nil)
	case !bytes.HasPrefix(b, []byte("PK")) && looksLikeText(b):
		return unreadable(name, "这是文本文件（如 CSV 或 TXT），不是 .xlsx 工作簿", nil)
	}
	return nil
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// looksLikeText reports whether the start of b has no control bytes.
func looksLikeText(b []byte) bool {
	if len(b) > 2048 {
		b = b[:2048]
	}
	for _, c := range b {
		if c < 0x09 || (c > 0x0D && c < 0x20) {
			return false
		}
	}
	return true
}

// Parts of the package that mapSheets reads.
type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"id,attr"`
	} `xml:"sheets>sheet"`
}

// mapSheets finds each sheet's part in the zip (to scan it for merged and
// formula cells) and tells a Word document or another zip from a workbook.
func (rd *reader) mapSheets() error {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if rd.decodePart("_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			}
		}
	}
	var wb xmlWorkbook
	if err := rd.decodePart(wbPath, &wb); err != nil {
		switch {
		case rd.zips["word/document.xml"] != nil:
			return unreadable(rd.name, "这是 Word 文档，不是 Excel 工作簿", err)
		case rd.zips["ppt/presentation.xml"] != nil:
			return unreadable(rd.name, "这是 PowerPoint 演示文稿，不是 Excel 工作簿", err)
		case rd.zips["content.xml"] != nil:
			return unreadable(rd.name, "这是 WPS/OpenOffice 的 .et/.ods 等格式，不是 .xlsx", err)
		}
		return unreadable(rd.name, "文件中没有 Excel 工作簿的内容（可能是改了扩展名的压缩包）", err)
	}
	rd.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	var rels xmlRels
	_ = rd.decodePart(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), &rels)
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(path.Dir(wbPath), t)
		}
		targets[r.ID] = strings.ToLower(path.Clean(t))
	}
	rd.parts = map[string]string{}
	for _, s := range wb.Sheets {
		rd.parts[s.Name] = targets[s.RID]
	}
	return nil
}

func (rd *reader) decodePart(name string, v any) error {
	zf := rd.zips[strings.ToLower(name)]
	if zf == nil {
		return fs.ErrNotExist
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, partLimit)).Decode(v)
}

// sheetExtras is what the Rows iterator does not tell: merged ranges and
// formula cells without a cached value.
type sheetExtras struct {
	byRow    map[int][]*mergeRange
	formulas map[[2]int]bool // (row, column), both 1-based
}

// mergeRange is a merged range (1-based) and the value of its top-left cell.
type mergeRange struct {
	r1, c1, r2, c2 int
	val            string
}

// maxMergedCells bounds the bookkeeping for merged ranges.
const maxMergedCells = 4 << 20

// apply fills the cells of merged ranges in row with their top-left value.
func (x *sheetExtras) apply(row int, cells []string) []string {
	for _, m := range x.byRow[row] {
		if row == m.r1 {
			m.val = ""
			if m.c1-1 < len(cells) {
				m.val = cells[m.c1-1]
			}
		}
		for c := m.c1; c <= m.c2; c++ {
			if row == m.r1 && c == m.c1 {
				continue
			}
			for len(cells) < c {
				cells = append(cells, "")
			}
			cells[c-1] = m.val
		}
	}
	return cells
}

// scanSheet reads the sheet's XML once, without parsing it, for merged
// ranges and formula cells; a sheet with formulas is then parsed to find
// those without a cached value (a workbook written by a program, not saved by
// Excel or WPS).
func (rd *reader) scanSheet(sheet string) (*sheetExtras, error) {
	x := &sheetExtras{byRow: map[int][]*mergeRange{}}
	zf := rd.zips[rd.parts[sheet]]
	if zf == nil {
		return x, nil
	}
	open := func() (io.ReadCloser, error) { return zf.Open() }
	rc, err := open()
	if err != nil {
		return nil, err
	}
	refs, hasFormula, err := scanTags(io.LimitReader(rc, unzipLimit))
	rc.Close()
	if err != nil {
		return nil, err
	}
	cells := 0
	for _, ref := range refs {
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 || (r1 == r2 && c1 == c2) {
			continue
		}
		c2 = min(c2, c1+255)
		if cells += (r2 - r1 + 1) * (c2 - c1 + 1); cells > maxMergedCells {
			break
		}
		m := &mergeRange{r1: r1, c1: c1, r2: r2, c2: c2}
		for r := r1; r <= r2; r++ {
			x.byRow[r] = append(x.byRow[r], m)
		}
	}
	if hasFormula {
		rc, err := open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		x.formulas, err = uncachedFormulas(io.LimitReader(rc, unzipLimit))
		if err != nil {
			return nil, err
		}
	}
	return x, nil
}

var refAttr = regexp.MustCompile(`\sref\s*=\s*["']([^"']+)["']`)

// scanTags finds the refs of mergeCell elements and whether any f (formula)
// element occurs, looking only at tag names.
func scanTags(r io.Reader) (merges []string, formula bool, err error) {
	buf := make([]byte, 0, 128<<10)
	chunk := make([]byte, 64<<10)
	for {
		n, rerr := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		i := 0
		for {
			j := bytes.IndexByte(buf[i:], '<')
			if j < 0 {
				i = len(buf)
				break
			}
			j += i
			k := bytes.IndexByte(buf[j:], '>')
			if k < 0 {
				i = j
				break
			}
			tag := buf[j+1 : j+k]
			i = j + k + 1
			if len(tag) == 0 || tag[0] == '/' || tag[0] == '?' || tag[0] == '!' {
				continue
			}
			name := tag
			if e := bytes.IndexAny(name, " \t\r\n/"); e >= 0 {
				name = name[:e]
			}
			if c := bytes.LastIndexByte(name, ':'); c >= 0 {
				name = name[c+1:]
			}
			switch string(name) {
			case "f":
				formula = true
			case "mergeCell":
				if m := refAttr.FindSubmatch(tag); m != nil {
					merges = append(merges, string(m[1]))
				}
			}
		}
		buf = append(buf[:0], buf[i:]...)
		if len(buf) > 1<<20 { // an unclosed '<' in malformed XML
			buf = buf[:0]
		}
		if rerr == io.EOF {
			return merges, formula, nil
		}
		if rerr != nil {
			return nil, false, rerr
		}
	}
}

// uncachedFormulas parses sheet XML for cells with a formula and no cached
// value (no v element).
func uncachedFormulas(r io.Reader) (map[[2]int]bool, error) {
	out := map[[2]int]bool{}
	dec := xml.NewDecoder(r)
	row, col := 0, 0
	var inCell, hasF, hasV bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				row++
				col = 0
				for _, a := range e.Attr {
					if a.Name.Local == "r" {
						fmt.Sscan(a.Value, &row)
					}
				}
			case "c":
				inCell, hasF, hasV = true, false, false
				col++
				for _, a := range e.Attr {
					if a.Name.Local == "r" {
						if c, r, err := excelize.CellNameToCoordinates(a.Value); err == nil {
							col, row = c, r
						}
					}
				}
			case "f":
				hasF = inCell
			case "v":
				hasV = inCell
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "c":
				if hasF && !hasV {
					out[[2]int{row, col}] = true
				}
				inCell = false
			case "sheetData":
				return out, nil
			}
		}
	}
}
