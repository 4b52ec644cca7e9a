package excel

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
)

// validationRows is how many data rows of a blank sheet get drop-downs and
// number checks.
const validationRows = 5000

// WriteBlank writes the blank workbook a clerk fills in, with the national
// platform list.
func WriteBlank(w io.Writer) error { return writeBook(w, nil, Options{}) }

// WriteBlankWith writes the blank workbook with the office's options: its
// platforms in the 新媒体类型 drop-down and 填表说明.
func WriteBlankWith(w io.Writer, opt Options) error { return writeBook(w, nil, opt) }

// WriteRound writes a filled workbook in the same format (for samples and the generator); ReadRound(WriteRound(x)) == x.
func WriteRound(w io.Writer, rr *circular.RoundResults) error {
	if rr == nil {
		return fmt.Errorf("excel: WriteRound of nil results")
	}
	return writeBook(w, rr, Options{})
}

// bookStyles are the style IDs of the results workbook.
type bookStyles struct {
	required, optional, key, date, text, title, para, guideHead, guideCell int
}

func newBookStyles(f *excelize.File) (*bookStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := "yyyy-mm-dd"
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		id, e := f.NewStyle(s)
		err = e
		return id
	}
	head := func(color string) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}}
	}
	s := &bookStyles{
		required:  mk(head("F8CBAD")),
		optional:  mk(head("DDEBF7")),
		key:       mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}}),
		date:      mk(&excelize.Style{CustomNumFmt: &dateFmt, Border: border, Alignment: &excelize.Alignment{Horizontal: "left"}}),
		text:      mk(&excelize.Style{NumFmt: 49}),
		title:     mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		para:      mk(&excelize.Style{Alignment: wrap}),
		guideHead: mk(head("DDEBF7")),
		guideCell: mk(&excelize.Style{Alignment: wrap, Border: border}),
	}
	return s, err
}

func writeBook(w io.Writer, rr *circular.RoundResults, opt Options) error {
	accountCols := withPlatforms(opt.platforms())
	f := excelize.NewFile()
	defer f.Close()
	st, err := newBookStyles(f)
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetRound); err != nil {
		return err
	}
	for _, s := range []string{SheetSites, SheetAccounts, SheetGuide} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	if err := writeRoundSheet(f, st, rr); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetRound, err)
	}
	var sites []circular.SiteResult
	var accounts []circular.AccountResult
	if rr != nil {
		sites, accounts = rr.Sites, rr.Accounts
	}
	if err := writeTable(f, st, SheetSites, siteColumns, len(sites), func(i int) *[numFields]any {
		return siteValues(&sites[i])
	}); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetSites, err)
	}
	if err := writeTable(f, st, SheetAccounts, accountCols, len(accounts), func(i int) *[numFields]any {
		return accountValues(&accounts[i])
	}); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetAccounts, err)
	}
	if err := writeGuide(f, st, accountCols); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetGuide, err)
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// serial is t as an Excel serial date (1900 system, t after 1900-03-01).
func serial(t time.Time) float64 {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(d.Sub(base) / (24 * time.Hour))
}

func writeRoundSheet(f *excelize.File, st *bookStyles, rr *circular.RoundResults) error {
	sh := SheetRound
	vals := make([]any, numRoundKeys)
	if rr != nil {
		r := rr.Round
		vals[kYear] = r.Year
		periodValues(r, vals)
		vals[kScope] = r.Scope.String()
		if r.Scope == circular.ScopeSample && r.Share > 0 {
			vals[kShare] = fmt.Sprintf("%s%%", formatFloat(r.Share))
		}
		if !r.SampleStart.IsZero() {
			vals[kStart] = serial(r.SampleStart)
		}
		if !r.SampleEnd.IsZero() {
			vals[kEnd] = serial(r.SampleEnd)
		}
		if r.Reports != circular.NA {
			vals[kReports] = r.Reports
		}
		if r.ReportsOnTime != circular.NA {
			vals[kOnTime] = r.ReportsOnTime
		}
		if r.Note != "" {
			vals[kNote] = r.Note
		}
	}
	for i, h := range []string{roundKeyHeader, roundValueHeader, roundHelpHeader} {
		cell := cellRef(i, 1)
		if err := f.SetCellValue(sh, cell, h); err != nil {
			return err
		}
		style := st.optional
		if i < 2 {
			style = st.required
		}
		if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
			return err
		}
	}
	for i, it := range roundItems {
		row := i + 2
		if err := f.SetSheetRow(sh, cellRef(0, row), &[]any{it.name, vals[it.key], it.help}); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellRef(0, row), cellRef(0, row), st.key); err != nil {
			return err
		}
		style := st.guideCell
		if it.key == kStart || it.key == kEnd {
			style = st.date
		}
		if err := f.SetCellStyle(sh, cellRef(1, row), cellRef(1, row), style); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellRef(2, row), cellRef(2, row), st.guideCell); err != nil {
			return err
		}
		if err := roundValidation(f, sh, it, cellRef(1, row)); err != nil {
			return err
		}
	}
	if err := writeFigures(f, st, len(roundItems)+3, rr); err != nil {
		return err
	}
	for col, w := range []float64{16, 22, 70} {
		if err := f.SetColWidth(sh, colLetter(col), colLetter(col), w); err != nil {
			return err
		}
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// roundValidation adds the drop-down or number check of one 检查轮次 value cell.
func roundValidation(f *excelize.File, sheet string, it roundItem, cell string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	var err error
	switch it.key {
	case kYear:
		err = dv.SetRange(1990, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case kQuarter:
		err = dv.SetDropList([]string{"1", "2", "3", "4"})
	case kMonth:
		err = dv.SetRange(1, 12, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case kHalf:
		err = dv.SetDropList([]string{"上半年", "下半年"})
	case kScope:
		err = dv.SetDropList(scopeValues)
	case kReports, kOnTime:
		err = dv.SetRange(0, 1000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, it.name, it.help)
	dv.SetInput(it.name, it.help)
	return f.AddDataValidation(sheet, dv)
}

// writeTable writes a data sheet: styled header, drop-downs and number
// checks, then n rows streamed.
func writeTable(f *excelize.File, st *bookStyles, sheet string, cols []column, n int, row func(int) *[numFields]any) error {
	last := max(validationRows, n+1+1000)
	for i, c := range cols {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", colLetter(i), colLetter(i), last)
		var err error
		switch {
		case c.list != nil:
			if dv.SetDropList(c.list) != nil { // a list past Excel's 255 characters: a prompt only
				dv = excelize.NewDataValidation(true)
				dv.Sqref = fmt.Sprintf("%s2:%s%d", colLetter(i), colLetter(i), last)
			}
		case c.count:
			err = dv.SetRange(0, 1000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		case c.score:
			err = dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		case c.field == fVetoes || c.field == fCode:
			// A prompt only: vetoes are a list of several; codes are checked on import.
		default:
			continue
		}
		if err != nil {
			return err
		}
		help := truncateRunes(c.help, 250)
		if dv.Type != "" {
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.header, help)
		}
		dv.SetInput(truncateRunes(c.header, 30), help)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = max(c.width, cellWidth(c.header)+2)
	}
	for r := 0; r < n; r++ {
		v := row(r)
		for i, c := range cols {
			if s, ok := v[c.field].(string); ok {
				if w := cellWidth(s) + 2; w > widths[i] {
					widths[i] = min(w, 50)
				}
			}
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	for i, c := range cols {
		if c.field == fCode {
			if err := sw.SetColStyle(i+1, i+1, st.text); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		style := st.optional
		if c.required {
			style = st.required
		}
		head[i] = excelize.Cell{Value: c.header, StyleID: style}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	cells := make([]any, len(cols))
	for r := 0; r < n; r++ {
		v := row(r)
		for i, c := range cols {
			cells[i] = v[c.field]
			if c.field == fCode {
				cells[i] = excelize.Cell{Value: v[c.field], StyleID: st.text}
			}
		}
		if err := sw.SetRow(cellRef(0, r+2), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func countValue(n int) any {
	if n == circular.NA {
		return nil
	}
	return n
}

// resultValues fills the cells shared by both sheets.
func resultValues(v *[numFields]any, closed bool, r *circular.Result, account bool) {
	v[fStatus], v[fChecked] = statusValues[0], checkedValues[0]
	if closed {
		v[fStatus] = statusValues[1]
	}
	if !r.Checked {
		v[fChecked] = checkedValues[1]
	}
	v[fVerdict] = r.Verdict.String()
	v[fVetoes] = strings.Join(r.Vetoes, "、")
	v[fDays] = countValue(r.StaleDays)
	if !account {
		v[fBlank], v[fStale], v[fLinks] = countValue(r.BlankColumns), countValue(r.StaleColumns), countValue(r.BrokenLinks)
		if r.Deduction != circular.NA {
			v[fDeduction] = r.Deduction
		}
	}
	v[fProblem], v[fDeductions], v[fNote] = r.Problem, r.Deductions, r.Note
}

func siteValues(s *circular.SiteResult) *[numFields]any {
	var v [numFields]any
	v[fCode], v[fName], v[fUnit], v[fRegion], v[fCategory] = s.Code, s.Name, s.Unit, s.Region, s.Category
	resultValues(&v, s.Closed, &s.Result, false)
	return &v
}

func accountValues(a *circular.AccountResult) *[numFields]any {
	var v [numFields]any
	v[fPlatform], v[fName], v[fUnit], v[fRegion] = a.Platform, a.Name, a.Unit, a.Region
	resultValues(&v, a.Closed, &a.Result, true)
	return &v
}

// guideRules are the verdict rules as 填表说明 states them: circular's one
// statement of them, numbered.
func guideRules() []string {
	out := []string{"检查结论的判定规则（「检查结论」留空时按此判定；填写了检查结论但与规则矛盾时，导入会报错，不会自动改正）："}
	rules := append(circular.VerdictRules(), "合格率、不合格率等比例由导入的数据计算，不需要填写。取值规则："+rateRule(circular.OfficeRates())+"。")
	for i, r := range rules {
		out = append(out, fmt.Sprintf("%d. %s", i+1, r))
	}
	return out
}

// rateRule explains the rates rule in force for the 填表说明 sheet.
func rateRule(r circular.Rates) string {
	how := "各比例分别四舍五入（与 Excel 的 ROUND 函数相同），如 25 个检查、4 个不合格，合格率为 86.2%，不合格率为 13.8%"
	if r.Rule == circular.RuleComplement {
		how = "不合格率截尾取值、有不合格时至少为最小单位，合格率为 100% 减去不合格率，如 25 个检查、4 个不合格，不合格率为 13.7%，合格率为 86.3%"
	}
	return fmt.Sprintf("%s，保留 %d 位小数（%s；由 config.toml 中 [circular] 的 rates 和 rate_decimals 设定）", r.Rule, r.Decimals, how)
}

// figuresHelp explains the named figures of the 检查轮次 sheet.
const figuresHelp = "通报要引用、但不由检查结果计算的数字（如告警提醒次数、检测报告份数、各月找错留言数）：在「" + SheetRound +
	"」表下方“名称 | 数值”一行之后，每行写一个名称和它的数值，数值只能是数字。模板中用 {{.Figures.告警提醒次数}} 引用（名称含括号等符号时用 {{index .Figures \"名称\"}}）"

// writeFigures writes the header row of the named figures at row, with the
// figures of rr under it.
func writeFigures(f *excelize.File, st *bookStyles, row int, rr *circular.RoundResults) error {
	sh := SheetRound
	if err := f.SetSheetRow(sh, cellRef(0, row), &[]any{figureNameHeader, figureValueHeader, figuresHelp}); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellRef(0, row), cellRef(1, row), st.optional); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellRef(2, row), cellRef(2, row), st.guideCell); err != nil {
		return err
	}
	if rr == nil {
		return nil
	}
	for i, fg := range rr.Round.Figures {
		if err := f.SetSheetRow(sh, cellRef(0, row+1+i), &[]any{fg.Name, fg.Value}); err != nil {
			return err
		}
	}
	return nil
}

var guideIntro = []string{
	"一个工作簿填写一个检查轮次（一个季度、月份、半年，或有起止日期的专项检查）：「" + SheetRound + "」表填写年度、检查期间（季度、月份、半年、起止日期四项填且只填一项）、采样时间等，下方“名称 | 数值”之后可填写通报要引用的其他数字；「" + SheetSites + "」表每行一个网站；「" + SheetAccounts + "」表每行一个账号。只检查网站（或只检查新媒体）时，保留另一张表的表头、不填数据行即为本轮未检查；不要删去这张表，否则导入会因找不到它而拒绝。",
	"工作表改了名字（如 Sheet1）时，按表头认出是哪一张；导入结果会说明每张工作表读作什么。隐藏的行和列也会导入，导入结果会列出它们。",
	fmt.Sprintf("请保留各表的表头。列的顺序可以调整，多出的列不会读取；表头上方可以加标题行（表头须在前 %d 行内）。", headerScanRows),
	"表头为橙色的列必须填写，蓝色的列按需填写。空行会被跳过；同一地区的连续几行可以合并「地区」单元格。",
	fmt.Sprintf("名称和主办单位不超过 %d 字，地区不超过 %d 字，问题和扣分问题各不超过 %d 字，备注不超过 %d 字（名称中多余的空格和换行会自动去掉）。",
		textLimits[fName], textLimits[fRegion], textLimits[fProblem], textLimits[fNote]),
	"数字可以是数值或文本（全角数字也可以）；日期可以是日期格式的单元格，也可以写成 2019-02-21、2019/2/21、2019.2.21 或 2019年2月21日。含公式的单元格请先复制，再“选择性粘贴—数值”。",
	"导入时会检查全部内容：有问题时一次列出所有问题（工作表、行、列和原因），不导入任何数据；改正后重新导入即可。",
}

func writeGuide(f *excelize.File, st *bookStyles, accountCols []column) error {
	sh := SheetGuide
	widths := []float64{12, 16, 12, 70, 28}
	for i, w := range widths {
		if err := f.SetColWidth(sh, colLetter(i), colLetter(i), w); err != nil {
			return err
		}
	}
	row := 1
	para := func(s string, style int) error {
		cell := cellRef(0, row)
		if err := f.SetCellValue(sh, cell, s); err != nil {
			return err
		}
		if err := f.MergeCell(sh, cell, cellRef(len(widths)-1, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
			return err
		}
		lines := int(cellWidth(s)/140) + 1
		if err := f.SetRowHeight(sh, row, float64(16*lines+4)); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := para("检查结果工作簿填表说明", st.title); err != nil {
		return err
	}
	for i, s := range guideIntro {
		if err := para(fmt.Sprintf("%d. %s", i+1, s), st.para); err != nil {
			return err
		}
	}
	row++
	put := func(vals []any, style int) error {
		if err := f.SetSheetRow(sh, cellRef(0, row), &vals); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellRef(0, row), cellRef(len(widths)-1, row), style); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := put([]any{"工作表", "列（项目）", "是否必填", "填写要求", "示例"}, st.guideHead); err != nil {
		return err
	}
	for _, it := range roundItems {
		need := "否"
		switch it.key {
		case kYear:
			need = "必填"
		case kQuarter, kMonth, kHalf, kPeriod:
			need = "四项填且只填一项"
		case kLabel:
			need = "填写起止日期时必填"
		case kShare:
			need = "抽查时必填"
		}
		if err := put([]any{SheetRound, it.name, need, it.help, roundExample(it.key)}, st.guideCell); err != nil {
			return err
		}
	}
	if err := put([]any{SheetRound, figureNameHeader + " | " + figureValueHeader, "否", figuresHelp, "告警提醒次数 | 25"}, st.guideCell); err != nil {
		return err
	}
	for _, t := range []struct {
		sheet string
		cols  []column
	}{{SheetSites, siteColumns}, {SheetAccounts, accountCols}} {
		for _, c := range t.cols {
			need := "否"
			if c.required {
				need = "必填"
			}
			if err := put([]any{t.sheet, c.header, need, c.help, c.example}, st.guideCell); err != nil {
				return err
			}
		}
	}
	row++
	for _, s := range guideRules() {
		if err := para(s, st.para); err != nil {
			return err
		}
	}
	return nil
}

func roundExample(k roundKey) string {
	switch k {
	case kYear:
		return "2019"
	case kQuarter:
		return "1"
	case kMonth:
		return "9"
	case kHalf:
		return "上半年"
	case kPeriod:
		return "2023-03-01至2023-04-15"
	case kLabel:
		return "2023年网站普查"
	case kScope:
		return circular.ScopeFull.String()
	case kShare:
		return "20%"
	case kStart:
		return "2019-02-21"
	case kEnd:
		return "2019-03-04"
	case kReports:
		return "26"
	case kOnTime:
		return "23"
	}
	return ""
}
