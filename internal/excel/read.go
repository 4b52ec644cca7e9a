package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
)

// Limits on what a workbook may cost to read. Worksheets and the shared
// string table above unzipXMLLimit are unzipped to temporary files by
// excelize instead of memory; any other XML part above xmlPartLimit (which
// excelize parses whole into memory, at some 20 bytes of heap per byte),
// any other part above partLimit, or a total above unzipLimit, is refused
// as a zip bomb. The sheets themselves are bounded in sheetxml.go.
var (
	maxFileSize   int64 = 256 << 20
	unzipLimit    int64 = 2 << 30
	unzipXMLLimit int64 = 16 << 20
	partLimit     int64 = 64 << 20
	xmlPartLimit  int64 = 8 << 20
)

// maxProblems is how many problems an error lists; the rest are counted.
const maxProblems = 200

// ReadRound reads one round's results from the workbook at path.
func ReadRound(path string) (*circular.RoundResults, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		code := circular.EIO
		if errors.Is(err, fs.ErrNotExist) {
			code = circular.ENotFound
		}
		return nil, circular.Wrap(err, code, fmt.Sprintf("无法读取工作簿 %s：%s", path, ioReason(err)))
	}
	return readBytes(b, path, Options{})
}

// ReadRoundFrom reads from r; name is the file name used in messages (web uploads).
func ReadRoundFrom(r io.Reader, name string) (*circular.RoundResults, error) {
	return ReadRoundWith(r, name, Options{})
}

// Options are the office's settings a workbook is read and written with.
type Options struct {
	// Platforms is the closed list of 新媒体类型 (config.toml's [platforms]);
	// nil is the national list.
	Platforms *circular.PlatformList
}

func (o Options) platforms() *circular.PlatformList {
	if o.Platforms == nil {
		return circular.DefaultPlatforms()
	}
	return o.Platforms
}

// ReadRoundWith is ReadRoundFrom with the office's options.
func ReadRoundWith(r io.Reader, name string, opt Options) (*circular.RoundResults, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取工作簿 %s：%s", name, ioReason(err)))
	}
	return readBytes(b, name, opt)
}

func ioReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有读取权限"
	}
	return err.Error()
}

// unreadable is the one error for a file that is not a readable .xlsx.
func unreadable(name, reason string, err error) *circular.Error {
	return &circular.Error{Code: circular.EInvalid, Err: err,
		Message: fmt.Sprintf("无法读取工作簿 %s：%s。检查结果工作簿必须是用 Excel 或 WPS 保存的 .xlsx 文件：请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（*.xlsx）后再导入。", name, reason)}
}

// reader is one workbook being read: the problems found so far and where
// the sheets are in the zip.
type reader struct {
	name     string
	f        *excelize.File
	zips     map[string]*zip.File // lower-cased part name → entry
	parts    map[string]string    // sheet name → part name
	date1904 bool
	problems []circular.Problem
	total    int
	notes    []string // what the import result tells besides the counts
	// platforms is the closed list of 新媒体类型.
	platforms *circular.PlatformList
}

// maxProblemRunes bounds one problem's text, which may quote a cell.
const maxProblemRunes = 400

// add records a problem; only the first maxProblems are kept.
func (rd *reader) add(sheet string, row int, column, text string) {
	if utf8.RuneCountInString(text) > maxProblemRunes { // keep the start and the end, which names the cell
		r := []rune(text)
		text = string(r[:maxProblemRunes-60]) + "……" + string(r[len(r)-60:])
	}
	rd.total++
	if len(rd.problems) < maxProblems {
		rd.problems = append(rd.problems, circular.Problem{File: rd.name, Sheet: sheet, Row: row, Column: column, Text: text})
	}
}

func (rd *reader) err() error {
	probs := rd.problems
	if rd.total > len(probs) {
		probs = append(probs, circular.Problem{File: rd.name, Text: fmt.Sprintf("另有 %d 处问题未列出", rd.total-len(probs))})
	}
	return &circular.Error{Code: circular.EInvalid, Problems: probs,
		Message: fmt.Sprintf("工作簿 %s 有 %d 处问题，未导入任何数据：", rd.name, rd.total)}
}

func readBytes(b []byte, name string, opt Options) (rr *circular.RoundResults, err error) {
	if err := sniff(b, name); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil { // a malformed part excelize did not expect
			rr, err = nil, unreadable(name, "文件已损坏", fmt.Errorf("panic: %v", p))
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, unreadable(name, "文件已损坏或不完整（可能没有下载或复制完整），或者不是 .xlsx 文件", err)
	}
	rd := &reader{name: name, zips: map[string]*zip.File{}, platforms: opt.platforms()}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		lower := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		big := strings.HasPrefix(lower, "xl/worksheets/") || lower == "xl/sharedstrings.xml"
		xmlPart := strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rels") || strings.HasSuffix(lower, ".vml")
		if total > uint64(unzipLimit) || (!big && zf.UncompressedSize64 > uint64(partLimit)) {
			return nil, unreadable(name, fmt.Sprintf("文件解压后超过允许的大小（%d MB），可能已损坏或不是检查结果工作簿", unzipLimit>>20), nil)
		}
		if !big && xmlPart && zf.UncompressedSize64 > uint64(xmlPartLimit) {
			return nil, unreadable(name, fmt.Sprintf("文件解压后超过允许的大小（其中的 %s 有 %.1f MB，正常的工作簿不超过 %d MB），可能已损坏或不是检查结果工作簿",
				zf.Name, float64(zf.UncompressedSize64)/(1<<20), xmlPartLimit>>20), nil)
		}
		rd.zips[lower] = zf
	}
	if err := rd.checkSharedStrings(); err != nil {
		return nil, unreadable(name, err.Error(), err)
	}
	if err := rd.mapSheets(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		if strings.Contains(err.Error(), "exceeds") {
			return nil, unreadable(name, fmt.Sprintf("文件解压后超过允许的大小（%d MB）", unzipLimit>>20), err)
		}
		return nil, unreadable(name, "文件已损坏，或不是 Excel/WPS 保存的 .xlsx 文件", err)
	}
	defer f.Close()
	rd.f = f
	return rd.read()
}

// read finds the three sheets — by name, or by their header row when the
// name is not known — reads them and checks everything.
func (rd *reader) read() (*circular.RoundResults, error) {
	names := rd.f.GetSheetList()
	roles := []string{SheetRound, SheetSites, SheetAccounts}
	found := map[string]string{}
	taken := map[string]bool{}
	for _, n := range names {
		k := matchKey(n)
		for _, role := range roles {
			for _, a := range sheetAliases[role] {
				if k != matchKey(a) {
					continue
				}
				if prev, dup := found[role]; dup {
					rd.add(n, 0, "", fmt.Sprintf("工作表「%s」和「%s」都是「%s」表：请删去或改名其中一张", prev, n, role))
				} else {
					found[role] = n
					taken[n] = true
				}
			}
		}
	}
	// Sheets whose name is not known are recognised by their header row.
	probes := map[string]*probe{}
	look := func(n string) *probe {
		if p, ok := probes[n]; ok {
			return p
		}
		p := rd.probe(n)
		probes[n] = p
		return p
	}
	byHeader := map[string]bool{}
	for _, role := range roles {
		if _, ok := found[role]; ok {
			continue
		}
		var cands []string
		for _, n := range names {
			if !taken[n] && matchKey(n) != matchKey(SheetGuide) && look(n).lack(role) == "" {
				cands = append(cands, n)
			}
		}
		switch len(cands) {
		case 0:
		case 1:
			found[role], taken[cands[0]], byHeader[role] = cands[0], true, true
		default:
			rd.add("", 0, "", fmt.Sprintf("工作表%s的内容都像「%s」表，不知道该读哪一张：请把要导入的那张改名为「%s」，或删去其余的", quoteAll(cands), role, role))
		}
	}
	rr := &circular.RoundResults{}
	// missing explains a kind no sheet was found for: each sheet and what it
	// was read as or lacked.
	missing := func(role, what string) {
		var parts []string
		for _, n := range names {
			switch {
			case taken[n]:
				for _, r := range roles {
					if found[r] == n {
						parts = append(parts, fmt.Sprintf("「%s」已读作「%s」", n, r))
					}
				}
			case matchKey(n) == matchKey(SheetGuide):
				parts = append(parts, fmt.Sprintf("「%s」是填表说明", n))
			default:
				parts = append(parts, fmt.Sprintf("「%s」%s", n, look(n).lack(role)))
			}
		}
		rd.add("", 0, "", fmt.Sprintf("找不到「%s」工作表（工作簿中的工作表：%s）：%s", role, strings.Join(parts, "；"), what))
	}
	if s, ok := found[SheetRound]; ok {
		rr.Round = rd.readRound(s)
		rr.Sheets = append(rr.Sheets, circular.SheetRead{Kind: SheetRound, Sheet: s, ByHeader: byHeader[SheetRound]})
	} else {
		missing(SheetRound, "请加上这张表，填写年度、季度等（可用 tongbao workbook 生成的空白工作簿）")
	}
	for _, role := range []string{SheetSites, SheetAccounts} {
		s, ok := found[role]
		if !ok {
			kind := "政府网站"
			if role == SheetAccounts {
				kind = "政务新媒体"
			}
			missing(role, fmt.Sprintf("请把%s的检查结果放在名为「%s」的工作表中；本轮没有检查%s时，也请保留一张只有表头的「%s」表（tongbao workbook 生成的空白工作簿中有），这样不会把没有找到的表当作“本轮未检查”", kind, role, kind, role))
			continue
		}
		before := len(rr.Sites) + len(rr.Accounts)
		rd.readTable(s, role == SheetAccounts, rr)
		rr.Sheets = append(rr.Sheets, circular.SheetRead{Kind: role, Sheet: s, ByHeader: byHeader[role], Rows: len(rr.Sites) + len(rr.Accounts) - before})
	}
	_, hasSites := found[SheetSites]
	_, hasAccounts := found[SheetAccounts]
	if rd.total == 0 && hasSites && hasAccounts && len(rr.Sites)+len(rr.Accounts) == 0 {
		rd.add("", 0, "", fmt.Sprintf("工作簿中没有任何检查结果：「%s」和「%s」表中都没有数据行", found[SheetSites], found[SheetAccounts]))
	}
	if rd.total > 0 {
		return nil, rd.err()
	}
	for _, sr := range rr.Sheets { // what is not plain from the sheet names
		if sr.ByHeader || sr.Sheet != sr.Kind || (sr.Kind != SheetRound && sr.Rows == 0) {
			rr.Notes = append(rr.Notes, sr.String())
		}
	}
	rr.Notes = append(rr.Notes, rd.notes...)
	return rr, nil
}

// quoteAll writes names as 「a」「b」.
func quoteAll(names []string) string { return "「" + strings.Join(names, "」「") + "」" }

// probe is the top of a sheet whose name is not known, to recognise it by
// its header row (a data sheet) or its items (the 检查轮次 sheet).
type probe struct {
	rows [][]string
	err  error
}

// probeRows is how many rows of an unknown sheet are looked at for the
// 检查轮次 items; data sheets have their header in the first headerScanRows.
const probeRows = 30

func (rd *reader) probe(sheet string) *probe {
	p := &probe{}
	it, err := rd.rows(sheet)
	if err != nil {
		p.err = err
		return p
	}
	defer it.close()
	for it.row < probeRows {
		cells, ok, err := it.next()
		if err != nil {
			p.err = err
			break
		}
		if !ok {
			break
		}
		p.rows = append(p.rows, cells)
	}
	return p
}

// lack says in Chinese what the sheet lacks to be read as role, or "" when
// it can be.
func (p *probe) lack(role string) string {
	if p.err != nil {
		return "无法读取（" + sheetReason(p.err) + "）"
	}
	if len(p.rows) == 0 {
		return "是空的"
	}
	if role == SheetRound {
		keys := map[roundKey]bool{}
		for _, row := range p.rows {
			for _, c := range row[:min(len(row), 3)] {
				if k, ok := roundIndex[matchKey(c)]; ok {
					keys[k] = true
				}
			}
		}
		if keys[kYear] && (keys[kQuarter] || keys[kLabel]) {
			return ""
		}
		return "没有「年度」「季度」（或「轮次名称」）等项目"
	}
	cols, index := siteColumns, siteIndex
	if role == SheetAccounts {
		cols, index = accountColumns, accountIndex
	}
	var best *header
	for i, row := range p.rows[:min(len(p.rows), headerScanRows)] {
		h := matchHeader(row, index, cols, i+1)
		if len(h.missing) == 0 {
			return ""
		}
		if best == nil || h.matched > best.matched {
			best = h
		}
	}
	var need []string
	for _, c := range best.missing {
		need = append(need, c.header)
	}
	return fmt.Sprintf("的前 %d 行中没有「%s」表的表头（缺少%s列）", headerScanRows, role, quoteAll(need))
}

// rowIter streams a sheet's rows with merged cells filled in and formula
// cells lacking a cached value marked.
type rowIter struct {
	rows  *excelize.Rows
	row   int
	blank bool // the row has no value of its own (merged values aside)
	extra *sheetExtras
}

func (rd *reader) rows(sheet string) (*rowIter, error) {
	extra, err := rd.scanSheet(sheet)
	if err != nil {
		return nil, err
	}
	rows, err := rd.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &rowIter{rows: rows, extra: extra}, nil
}

// next returns the next row's cells (1-based row number in it.row); ok is
// false at the end.
func (it *rowIter) next() (cells []string, ok bool, err error) {
	if !it.rows.Next() {
		return nil, false, it.rows.Error()
	}
	it.row++
	cells, err = it.rows.Columns()
	if err != nil {
		return nil, false, err
	}
	it.blank = true
	for i, c := range cells {
		if strings.TrimSpace(c) != "" || it.formula(i) {
			it.blank = false
			break
		}
	}
	return it.extra.apply(it.row, cells), true, nil
}

// formula reports whether the cell at 0-based column col of the current row
// is a formula without a cached value.
func (it *rowIter) formula(col int) bool {
	return len(it.extra.formulas) > 0 && it.extra.formulas[[2]int{it.row, col + 1}]
}

func (it *rowIter) close() { _ = it.rows.Close() }

// cellRef names a cell: 0-based column, 1-based row → A5.
func cellRef(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

func colLetter(col int) string {
	n, _ := excelize.ColumnNumberToName(col + 1)
	return n
}

// readRound reads the 检查轮次 key/value sheet.
func (rd *reader) readRound(sheet string) circular.Round {
	it, err := rd.rows(sheet)
	if err != nil {
		rd.add(sheet, 0, "", "无法读取这张工作表："+sheetReason(err))
		return circular.Round{}
	}
	defer it.close()
	keyCol, valCol := 0, 1
	type item struct {
		row int
		val string
	}
	items := map[roundKey]item{}
	var figures []figureRow // nil until the 名称 | 数值 header row
	for it.row < 1000 {
		cells, ok, err := it.next()
		if err != nil {
			rd.add(sheet, it.row, "", "无法读取这一行："+sheetReason(err))
			break
		}
		if !ok {
			break
		}
		if it.row <= headerScanRows {
			for i, c := range cells {
				switch matchKey(c) {
				case roundKeyHeader:
					keyCol = i
				case roundValueHeader:
					valCol = i
				}
			}
		}
		if keyCol >= len(cells) {
			continue
		}
		v := ""
		if valCol < len(cells) {
			v = cells[valCol]
		}
		if figures == nil && isFigureHeader(cells[keyCol], v) {
			figures = []figureRow{}
			continue
		}
		if figures != nil {
			if strings.TrimSpace(cells[keyCol]) != "" || strings.TrimSpace(v) != "" {
				figures = append(figures, figureRow{it.row, cells[keyCol], v})
			}
			continue
		}
		k, known := roundIndex[matchKey(cells[keyCol])]
		if !known {
			continue
		}
		if prev, dup := items[k]; dup {
			rd.add(sheet, it.row, roundKeyHeader, fmt.Sprintf("「%s」与第 %d 行重复：每个项目只能填一次", roundItems[itemIndex(k)].name, prev.row))
			continue
		}
		if v == "" && it.formula(valCol) {
			rd.add(sheet, it.row, roundValueHeader, formulaText(cellRef(valCol, it.row)))
		}
		items[k] = item{it.row, v}
	}
	var r circular.Round
	bad := func(k roundKey, text string) {
		row := items[k].row
		col := roundValueHeader
		if row == 0 {
			col = ""
		}
		rd.add(sheet, row, col, "「"+roundItems[itemIndex(k)].name+"」"+text)
	}
	val := func(k roundKey) string { return strings.TrimSpace(circular.Normalize(items[k].val)) }
	if val(kYear) == "" {
		bad(kYear, "没有填写：请在「项目」列写“年度”，在「内容」列写年份，如 2019")
	} else if y, msg := parseYear(val(kYear)); msg != "" {
		bad(kYear, msg)
	} else {
		r.Year = y
	}
	rd.readPeriod(&r, val, func(k roundKey) string { return items[k].val }, bad)
	if s := val(kScope); s != "" {
		sc, ok := circular.ParseScope(s)
		if !ok {
			bad(kScope, fmt.Sprintf("「%s」不对：检查方式应为“全覆盖”或“抽查”", s))
		}
		r.Scope = sc
	} else if val(kShare) != "" {
		r.Scope = circular.ScopeSample
	}
	if s := val(kShare); s != "" {
		share, msg := parseShare(items[kShare].val)
		switch {
		case msg != "":
			bad(kShare, msg)
		case r.Scope == circular.ScopeSample:
			r.Share = share
		case share < 100:
			bad(kShare, fmt.Sprintf("为 %s%%，但检查方式是全覆盖：抽查请把检查方式改为“抽查”，全覆盖请删去抽查比例", formatFloat(share)))
		}
	} else if r.Scope == circular.ScopeSample {
		bad(kShare, "没有填写：检查方式为抽查时请填写抽查比例，如 20%")
	}
	start, msg1 := parseDate(rd.dateText(items[kStart].val))
	end, msg2 := parseDate(rd.dateText(items[kEnd].val))
	if msg1 != "" {
		bad(kStart, msg1)
	}
	if msg2 != "" {
		bad(kEnd, msg2)
	}
	switch {
	case msg1 != "" || msg2 != "":
	case start.IsZero() != end.IsZero():
		k := kEnd // the one missing
		if start.IsZero() {
			k = kStart
		}
		k2 := kStart + kEnd - k
		bad(k, fmt.Sprintf("没有填写，但填写了「%s」：采样开始和结束日期要一起填写", roundItems[itemIndex(k2)].name))
	case end.Before(start):
		bad(kEnd, fmt.Sprintf("%s 早于开始日期 %s：结束日期不能早于开始日期", end.Format("2006-01-02"), start.Format("2006-01-02")))
	default:
		r.SampleStart, r.SampleEnd = start, end
	}
	r.Reports, r.ReportsOnTime = circular.NA, circular.NA
	n, msg := parseCount(items[kReports].val)
	if msg != "" {
		bad(kReports, msg)
	}
	m, msg2 := parseCount(items[kOnTime].val)
	if msg2 != "" {
		bad(kOnTime, msg2)
	}
	if msg == "" && msg2 == "" {
		switch {
		case m != circular.NA && n == circular.NA:
			bad(kOnTime, "已填写，但没有填写找错留言数：请一起填写")
		case m != circular.NA && m > n:
			bad(kOnTime, fmt.Sprintf("为 %d，多于找错留言数 %d：按时办理的不能多于收到的", m, n))
		default:
			r.Reports, r.ReportsOnTime = n, m
		}
	}
	r.Note = text(items[kNote].val)
	r.Figures = rd.readFigures(sheet, figures)
	return r
}

// dateText turns a serial date of a 1904-based workbook into text.
func (rd *reader) dateText(s string) string {
	if !rd.date1904 {
		return s
	}
	if f, ok := parseNumber(s); ok && f >= 0 && !strings.ContainsAny(s, "-/.年") {
		t, err := excelize.ExcelDateToTime(f, true)
		if err == nil {
			return t.Format("2006-01-02")
		}
	}
	return s
}

// sheetReason explains in Chinese why a sheet or row could not be read.
func sheetReason(err error) string {
	var le *limitError
	if errors.As(err, &le) {
		return le.msg
	}
	return "文件已损坏或不完整（" + err.Error() + "）。请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（*.xlsx）后再导入"
}

func formulaText(ref string) string {
	return fmt.Sprintf("单元格 %s 是公式，但文件中没有保存计算结果：请复制这些单元格，用“选择性粘贴—数值”粘贴回原处，保存后再导入", ref)
}

var footnoteRE = regexp.MustCompile(`^(?:注|备注|说明|合计|总计|小计|填表人|制表|审核)`)
