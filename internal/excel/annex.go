package excel

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/doc"
)

// AnnexSheet is one annex table to export: its label (附件1), title and table.
type AnnexSheet struct {
	Label string
	Title string
	Table *doc.Table
}

// WorkbookInfo is the workbook's document properties: the circular's title,
// the issuer as author, and its 成文日期 as the created and modified dates (so
// the same circular exports the same properties).
type WorkbookInfo struct {
	Title   string
	Creator string
	Date    time.Time
}

// WriteAnnexes writes the annex tables as a workbook a clerk can hand on: one
// sheet per annex with the title row, merged header cells as in the PDF,
// CJK-aware column widths, borders, and A4 print set-up with the header rows
// repeated on every printed page. Rows are streamed, so large rounds stay
// within memory. The caller writes w to its file (atomically).
func WriteAnnexes(w io.Writer, annexes []AnnexSheet, info WorkbookInfo) error {
	f := excelize.NewFile()
	defer f.Close()
	date := info.Date.UTC().Format(time.RFC3339)
	if info.Date.IsZero() {
		date = ""
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: info.Title, Creator: info.Creator, LastModifiedBy: info.Creator,
		Created: date, Modified: date, Language: "zh-CN"}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	st, err := newAnnexStyles(f)
	if err != nil {
		return fmt.Errorf("annex styles: %w", err)
	}
	for i, a := range annexes {
		name := sheetName(a.Label, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("rename sheet: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("new sheet %q: %w", name, err)
		}
		if err := writeAnnexSheet(f, name, a, st); err != nil {
			return fmt.Errorf("annex sheet %q: %w", name, err)
		}
	}
	if len(annexes) == 0 {
		return fmt.Errorf("no annex tables to export")
	}
	return f.Write(w)
}

type annexStyles struct {
	label, title, head, cell, cellLeft, total, note int
	f                                               *excelize.File
	percents                                        map[[2]int]int // (base style, decimals) → style
}

// percent returns style base showing a number as a percentage with dec
// decimals (7.1% as 0.0%), made once per workbook.
func (s *annexStyles) percent(base, dec int) int {
	key := [2]int{base, dec}
	if id, ok := s.percents[key]; ok {
		return id
	}
	st, err := s.f.GetStyle(base)
	if err != nil {
		return base
	}
	format := "0%"
	if dec > 0 {
		format = "0." + strings.Repeat("0", dec) + "%"
	}
	st.NumFmt, st.CustomNumFmt = 0, &format
	id, err := s.f.NewStyle(st)
	if err != nil {
		return base
	}
	s.percents[key] = id
	return id
}

func newAnnexStyles(f *excelize.File) (*annexStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	s := annexStyles{f: f, percents: map[[2]int]int{}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.label = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}})
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "方正小标宋简体", Size: 18}, Alignment: center})
	s.head = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12}, Alignment: center, Border: border})
	s.cell = mk(&excelize.Style{Font: &excelize.Font{Family: "仿宋_GB2312", Size: 12}, Alignment: center, Border: border})
	s.cellLeft = mk(&excelize.Style{Font: &excelize.Font{Family: "仿宋_GB2312", Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.total = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12}, Alignment: center, Border: border})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Family: "仿宋_GB2312", Size: 12},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	return &s, err
}

var badSheetChars = regexp.MustCompile(`[\[\]:*?/\\]`)

// sheetName makes a valid, unique sheet name from an annex label.
func sheetName(label string, i int) string {
	name := badSheetChars.ReplaceAllString(strings.TrimSpace(label), "_")
	if name == "" || name == "附件" {
		name = "附件" + strconv.Itoa(i+1)
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	return name
}

// placed is a cell positioned on the sheet grid (0-based row and column).
type placed struct {
	doc.Cell
	row, col int
}

// placeRows positions rows of cells with spans, skipping positions covered
// by a span from above, as an HTML table does.
func placeRows(rows [][]doc.Cell, firstRow int) []placed {
	taken := map[[2]int]bool{}
	var out []placed
	for r, row := range rows {
		c := 0
		for _, cell := range row {
			for taken[[2]int{r, c}] {
				c++
			}
			cs, rs := span(cell.ColSpan), span(cell.RowSpan)
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					taken[[2]int{r + dr, c + dc}] = true
				}
			}
			out = append(out, placed{Cell: cell, row: firstRow + r, col: c})
			c += cs
		}
	}
	return out
}

func span(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func cellName(row, col int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}

// cellWidth is a text's width in Excel character units: full-width characters count 2.
func cellWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r > 0x2E7F || unicode.Is(unicode.Han, r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

var (
	integerRE = regexp.MustCompile(`^-?[0-9]{1,9}$`)
	percentRE = regexp.MustCompile(`^([0-9]{1,3})(\.([0-9]{1,4}))?%$`)
)

// value returns a number for a count (so totals can be summed in Excel), a
// fraction for a percentage (shown with its decimals by the percent
// styles), and the text otherwise: 网站标识码 and other codes of ten digits or
// with leading zeros stay text. decimals is the percentage's decimals, or -1.
func value(s string) (v any, decimals int) {
	if integerRE.MatchString(s) && (!strings.HasPrefix(s, "0") || s == "0") {
		n, _ := strconv.Atoi(s)
		return n, -1
	}
	if m := percentRE.FindStringSubmatch(s); m != nil {
		// the decimal digits with the point moved, parsed once: 13.7% is
		// 0.137 exactly as Excel shows it, not 13.7/100 = 0.13699999999999998
		f, _ := strconv.ParseFloat(m[1]+m[3]+"e-"+strconv.Itoa(len(m[3])+2), 64)
		return f, len(m[3])
	}
	return s, -1
}

func writeAnnexSheet(f *excelize.File, name string, a AnnexSheet, st *annexStyles) error {
	t := a.Table
	ncol := 0
	for _, p := range placeRows(t.Head, 0) {
		if end := p.col + span(p.ColSpan); end > ncol {
			ncol = end
		}
	}
	for _, r := range t.Rows {
		n := 0
		for _, c := range r.Cells {
			n += span(c.ColSpan)
		}
		if n > ncol {
			ncol = n
		}
	}
	if ncol == 0 {
		return fmt.Errorf("empty table")
	}
	// Page set-up must precede the stream writer (toolchain.md).
	orient := "portrait"
	if t.Landscape {
		orient = "landscape"
	}
	size, fit := 9, true // 9 = A4
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: intp(1), FitToHeight: intp(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	headRows := len(t.Head)
	if headRows > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
			RefersTo: fmt.Sprintf("'%s'!$3:$%d", name, 2+headRows)}); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// Column widths from content, CJK-aware, bounded.
	widths := make([]float64, ncol)
	measure := func(cells []placed) {
		for _, p := range cells {
			if span(p.ColSpan) == 1 {
				if w := cellWidth(p.Text) + 2; w > widths[p.col] {
					widths[p.col] = w
				}
			}
		}
	}
	head := placeRows(t.Head, 2)
	measure(head)
	for _, r := range t.Rows {
		measure(placeRows([][]doc.Cell{r.Cells}, 0))
	}
	// The stream writer puts each column before the ones set earlier, and
	// Excel wants them in order: set them from the last.
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, min(max(widths[i], 6), 40)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2 + headRows, TopLeftCell: cellName(2+headRows, 0), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Row 1: label; row 2: the title across all columns.
	if err := sw.SetRow("A1", []any{excelize.Cell{Value: a.Label, StyleID: st.label}}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{excelize.Cell{Value: a.Title, StyleID: st.title}}, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	if err := sw.MergeCell("A2", cellName(1, ncol-1)); err != nil {
		return err
	}
	writeRows := func(cells []placed, nrows, first int, style func(p placed) int) error {
		grid := make([][]any, nrows)
		for i := range grid {
			grid[i] = make([]any, ncol)
			for j := range grid[i] {
				grid[i][j] = excelize.Cell{StyleID: style(placed{})}
			}
		}
		for _, p := range cells {
			v, dec := value(p.Text)
			id := style(p)
			if dec >= 0 {
				id = st.percent(id, dec)
			}
			grid[p.row-first][p.col] = excelize.Cell{Value: v, StyleID: id}
			if span(p.ColSpan) > 1 || span(p.RowSpan) > 1 {
				if err := sw.MergeCell(cellName(p.row, p.col), cellName(p.row+span(p.RowSpan)-1, p.col+span(p.ColSpan)-1)); err != nil {
					return err
				}
			}
		}
		for i, row := range grid {
			if err := sw.SetRow(cellName(first+i, 0), row); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeRows(head, headRows, 2, func(placed) int { return st.head }); err != nil {
		return err
	}
	row := 2 + headRows
	for _, r := range t.Rows {
		cells := placeRows([][]doc.Cell{r.Cells}, row)
		style := func(p placed) int {
			switch {
			case r.Total:
				return st.total
			case p.col < len(t.Aligns) && t.Aligns[p.col] == doc.AlignLeft:
				return st.cellLeft
			}
			return st.cell
		}
		if err := writeRows(cells, 1, row, style); err != nil {
			return err
		}
		row++
	}
	if t.Note != "" {
		if err := sw.SetRow(cellName(row, 0), []any{excelize.Cell{Value: t.Note, StyleID: st.note}}); err != nil {
			return err
		}
		if err := sw.MergeCell(cellName(row, 0), cellName(row, ncol-1)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func intp(n int) *int { return &n }
