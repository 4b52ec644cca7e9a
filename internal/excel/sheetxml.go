package excel

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
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
	merges   []*mergeRange   // sorted by first row
	next     int             // the first merge not yet active
	active   []*mergeRange   // merges reaching the current row
	formulas map[[2]int]bool // (row, column), both 1-based
	hidden   hiddenCells
}

// hiddenCells are the rows and columns (1-based) a sheet hides: clerks hide
// rows they meant to delete, so they are read but named in the import result.
type hiddenCells struct {
	rows map[int]bool
	cols map[int]bool
}

// mergeRange is a merged range (1-based) and the value of its top-left cell.
type mergeRange struct {
	r1, c1, r2, c2 int
	val            string
}

// Bounds on what one worksheet may hold, so that a small file unzipping to
// a huge sheet (a zip bomb) is refused with a clear error instead of
// exhausting memory. A genuine national round has 140,000 rows of 17
// columns, a few thousand merged ranges and cells of at most 32,767
// characters (Excel's own limit).
var (
	// maxMergedCells bounds the cells that merged ranges cover (the rest are ignored).
	maxMergedCells = 4 << 20
	// maxMergeRanges bounds the merged ranges of a sheet.
	maxMergeRanges = 100_000
	// maxSheetRows bounds the rows of a sheet.
	maxSheetRows = 500_000
	// maxRowCells is Excel's column limit (XFD).
	maxRowCells = 16384
	// maxRunBytes bounds one cell's text (or one tag) in the XML.
	maxRunBytes = 1 << 20
	// maxUncachedFormulas bounds the formula cells without a cached value kept.
	maxUncachedFormulas = 100_000
	// maxSharedStrings bounds the shared string table's entries.
	maxSharedStrings = 1_000_000
)

// limitError is a sheet past one of the bounds above; its text is Chinese.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

func tooBig(format string, args ...any) error {
	return &limitError{fmt.Sprintf(format, args...) + "。文件可能已损坏，或不是用 Excel/WPS 保存的检查结果工作簿"}
}

// apply fills the cells of merged ranges in row with their top-left value.
// Rows come in ascending order.
func (x *sheetExtras) apply(row int, cells []string) []string {
	for x.next < len(x.merges) && x.merges[x.next].r1 <= row {
		x.active = append(x.active, x.merges[x.next])
		x.next++
	}
	keep := x.active[:0]
	for _, m := range x.active {
		if m.r2 >= row {
			keep = append(keep, m)
		}
	}
	x.active = keep
	for _, m := range x.active {
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
// ranges and formula cells and to check it against the bounds above; a
// sheet with formulas is then parsed to find those without a cached value
// (a workbook written by a program, not saved by Excel or WPS).
func (rd *reader) scanSheet(sheet string) (*sheetExtras, error) {
	x := &sheetExtras{}
	zf := rd.zips[rd.parts[sheet]]
	if zf == nil {
		return x, nil
	}
	open := func() (io.ReadCloser, error) { return zf.Open() }
	rc, err := open()
	if err != nil {
		return nil, err
	}
	refs, hasFormula, err := scanTags(io.LimitReader(rc, unzipLimit), &x.hidden)
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
		x.merges = append(x.merges, &mergeRange{r1: r1, c1: c1, r2: r2, c2: c2})
	}
	sort.SliceStable(x.merges, func(i, j int) bool { return x.merges[i].r1 < x.merges[j].r1 })
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

var (
	refAttr    = regexp.MustCompile(`\sref\s*=\s*["']([^"']+)["']`)
	cellAttr   = regexp.MustCompile(`\sr\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7})["']`)
	hiddenAttr = regexp.MustCompile(`\shidden\s*=\s*["'](?:1|true)["']`)
	rowAttr    = regexp.MustCompile(`\sr\s*=\s*["']([0-9]{1,7})["']`)
	colAttrs   = regexp.MustCompile(`\s(min|max)\s*=\s*["']([0-9]{1,5})["']`)
)

// scanTags finds the refs of mergeCell elements and whether any f (formula)
// element occurs, looking only at tag names, and checks the sheet against
// the bounds on rows, cells per row, merged ranges and cell size. Hidden rows
// and columns go to hidden when it is not nil.
func scanTags(r io.Reader, hidden *hiddenCells) (merges []string, formula bool, err error) {
	buf := make([]byte, 0, 128<<10)
	chunk := make([]byte, 64<<10)
	rows, cells := 0, 0
	text := 0           // bytes of text since the last tag
	var lastCell []byte // the last c tag, to name the cell in a message
	for {
		n, rerr := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		i := 0
		for {
			j := bytes.IndexByte(buf[i:], '<')
			if j < 0 {
				text += len(buf) - i
				i = len(buf)
				break
			}
			text += j
			j += i
			k := bytes.IndexByte(buf[j:], '>')
			if k < 0 {
				i = j
				break
			}
			if text > maxRunBytes {
				break
			}
			text = 0
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
			case "row":
				if rows++; rows > maxSheetRows {
					return nil, false, tooBig("工作表超过 %d 行（全国规模的检查结果也只有十几万行）", maxSheetRows)
				}
				cells = 0
				if hidden != nil && bytes.Contains(tag, []byte("hidden")) && hiddenAttr.Match(tag) {
					n := rows
					if m := rowAttr.FindSubmatch(tag); m != nil {
						fmt.Sscan(string(m[1]), &n)
					}
					if hidden.rows == nil {
						hidden.rows = map[int]bool{}
					}
					hidden.rows[n] = true
				}
			case "col":
				if hidden != nil && bytes.Contains(tag, []byte("hidden")) && hiddenAttr.Match(tag) {
					lo, hi := 0, 0
					for _, m := range colAttrs.FindAllSubmatch(tag, 2) {
						v := 0
						fmt.Sscan(string(m[2]), &v)
						if string(m[1]) == "min" {
							lo = v
						} else {
							hi = v
						}
					}
					if hidden.cols == nil {
						hidden.cols = map[int]bool{}
					}
					for c := lo; c >= 1 && c <= hi && c <= lo+maxRowCells && c <= maxRowCells; c++ {
						hidden.cols[c] = true
					}
				}
			case "c":
				if cells++; cells > maxRowCells {
					return nil, false, tooBig("工作表第 %d 行超过 %d 个单元格（Excel 最多 %d 列）", rows, maxRowCells, maxRowCells)
				}
				lastCell = append(lastCell[:0], tag...)
			case "mergeCell":
				if len(merges) >= maxMergeRanges {
					return nil, false, tooBig("工作表中合并单元格超过 %d 处", maxMergeRanges)
				}
				if m := refAttr.FindSubmatch(tag); m != nil {
					merges = append(merges, string(m[1]))
				}
			}
		}
		buf = append(buf[:0], buf[i:]...)
		if len(buf) > maxRunBytes || text > maxRunBytes { // a cell's text (or a tag) longer than any Excel allows
			where := "工作表中有一个单元格"
			if m := cellAttr.FindSubmatch(lastCell); m != nil {
				where = "单元格 " + string(m[1]) + " 附近"
			}
			return nil, false, tooBig("%s的内容超过 %d MB（Excel 单元格最多 32767 个字符）", where, maxRunBytes>>20)
		}
		if rerr == io.EOF {
			return merges, formula, nil
		}
		if rerr != nil {
			return nil, false, rerr
		}
	}
}

// checkSharedStrings refuses a shared string table of more than
// maxSharedStrings entries: excelize keeps an index entry for each.
func (rd *reader) checkSharedStrings() error {
	zf := rd.zips["xl/sharedstrings.xml"]
	if zf == nil || zf.UncompressedSize64 < uint64(maxSharedStrings) { // fewer bytes than entries allowed
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil // excelize reports the broken part
	}
	defer rc.Close()
	n, err := countTags(io.LimitReader(rc, unzipLimit), "si", maxSharedStrings+1)
	if err == nil && n > maxSharedStrings {
		return tooBig("文件中的共享字符串超过 %d 项（全国规模的检查结果也只有几十万项）", maxSharedStrings)
	}
	return nil
}

// countTags counts the start tags named name (any namespace prefix), up to limit.
func countTags(r io.Reader, name string, limit int) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for n < limit {
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		b, _ := br.Peek(len(name) + 16)
		tag := b
		if e := bytes.IndexAny(tag, " \t\r\n/>"); e >= 0 {
			tag = tag[:e]
		}
		if c := bytes.LastIndexByte(tag, ':'); c >= 0 {
			tag = tag[c+1:]
		}
		if string(tag) == name {
			n++
		}
	}
	return n, nil
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
					if len(out) >= maxUncachedFormulas {
						return nil, tooBig("工作表中有超过 %d 个公式单元格没有保存计算结果", maxUncachedFormulas)
					}
					out[[2]int{row, col}] = true
				}
				inCell = false
			case "sheetData":
				return out, nil
			}
		}
	}
}
