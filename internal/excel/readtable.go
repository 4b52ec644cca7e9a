package excel

import (
	"fmt"
	"sort"
	"strings"

	"tongbao/internal/circular"
)

// readTable reads the 政府网站 (account false) or 政务新媒体 sheet into rr.
func (rd *reader) readTable(sheet string, account bool, rr *circular.RoundResults) {
	it, err := rd.rows(sheet)
	if err != nil {
		rd.add(sheet, 0, "", "无法读取这张工作表："+sheetReason(err))
		return
	}
	defer it.close()
	cols, index := siteColumns, siteIndex
	if account {
		cols, index = accountColumns, accountIndex
	}
	var t *header
	var best *header
	var hiddenRows []int
	seen := map[string]int{}
	for {
		cells, ok, err := it.next()
		if err != nil {
			rd.add(sheet, it.row, "", "无法读取这一行："+sheetReason(err))
			return
		}
		if !ok {
			break
		}
		if t == nil {
			if it.row > headerScanRows {
				break
			}
			h := matchHeader(cells, index, cols, it.row)
			if best == nil || h.matched > best.matched {
				best = h
			}
			if len(h.missing) == 0 {
				t = h
				for _, d := range h.dups {
					rd.add(sheet, it.row, d.col.header, fmt.Sprintf("「%s」列出现了两次（%s 列和 %s 列）：只会读取 %s 列，请删去多余的一列", d.col.header, colLetter(d.first), colLetter(d.second), colLetter(d.first)))
				}
			}
			continue
		}
		if rd.tableRow(sheet, account, t, it, cells, seen, rr) && it.extra.hidden.rows[it.row] {
			hiddenRows = append(hiddenRows, it.row)
		}
	}
	if t != nil {
		rd.noteHidden(sheet, t, hiddenRows, it.extra.hidden.cols)
	}
	if t == nil {
		var names []string
		for _, c := range cols {
			if c.required {
				names = append(names, c.header)
			}
		}
		need := "「" + strings.Join(names, "」「") + "」"
		if best == nil { // an empty sheet: the kind was not checked this round
			return
		}
		if best.matched == 0 {
			rd.add(sheet, 0, "", fmt.Sprintf("前 %d 行中找不到表头：表头行应包含 %s 等列名（可参照 tongbao workbook 生成的空白工作簿）", headerScanRows, need))
			return
		}
		for _, c := range best.missing {
			rd.add(sheet, best.row, c.header, fmt.Sprintf("缺少「%s」列：第 %d 行的表头中没有这一列，表头应包含 %s", c.header, best.row, need))
		}
	}
}

// noteHidden tells the clerk which hidden data rows and columns were read.
func (rd *reader) noteHidden(sheet string, h *header, rows []int, cols map[int]bool) {
	if len(rows) > 0 {
		var spans []string
		for i := 0; i < len(rows); {
			j := i
			for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
				j++
			}
			if j == i {
				spans = append(spans, fmt.Sprint(rows[i]))
			} else {
				spans = append(spans, fmt.Sprintf("%d–%d", rows[i], rows[j]))
			}
			i = j + 1
		}
		rd.notes = append(rd.notes, fmt.Sprintf("工作表「%s」第 %s 行是隐藏行，已一并导入", sheet, strings.Join(spans, "、")))
	}
	var hidden []string
	for f := field(0); f < numFields; f++ {
		if p := h.pos[f]; p >= 0 && cols[p+1] {
			hidden = append(hidden, fmt.Sprintf("%s 列（%s）", colLetter(p), h.raw[p]))
		}
	}
	if len(hidden) > 0 {
		sort.Strings(hidden)
		rd.notes = append(rd.notes, fmt.Sprintf("工作表「%s」的 %s是隐藏列，已一并导入", sheet, strings.Join(hidden, "、")))
	}
}

// header is a sheet's header row: the column of each field.
type header struct {
	row     int
	pos     [numFields]int // 0-based column, -1 when absent
	cols    []column
	raw     []string // the header row's cells as written
	matched int
	missing []*column
	dups    []struct {
		col           *column
		first, second int
	}
}

func matchHeader(cells []string, index map[string]*column, cols []column, row int) *header {
	h := &header{row: row, cols: cols, raw: cells}
	for i := range h.pos {
		h.pos[i] = -1
	}
	for i, c := range cells {
		col, ok := index[matchKey(c)]
		if !ok {
			continue
		}
		if p := h.pos[col.field]; p >= 0 {
			h.dups = append(h.dups, struct {
				col           *column
				first, second int
			}{col, p, i})
			continue
		}
		h.pos[col.field] = i
		h.matched++
	}
	for i := range cols {
		if cols[i].required && h.pos[cols[i].field] < 0 {
			h.missing = append(h.missing, &cols[i])
		}
	}
	return h
}

// repeated reports whether cells repeat the header row's identity columns
// (a header repeated for printing, or merged down over two rows).
func (h *header) repeated(cells []string) bool {
	repeats := 0
	for _, f := range []field{fCode, fName, fUnit, fPlatform} {
		if p := h.pos[f]; p >= 0 && p < len(cells) && cells[p] == h.raw[p] {
			repeats++
		}
	}
	return repeats >= 2
}

func (h *header) column(f field) string {
	for _, c := range h.cols {
		if c.field == f {
			return c.header
		}
	}
	return ""
}

// tableRow checks and adds one data row; it returns false for a row that
// holds no result (blank, a footnote or a repeated header).
func (rd *reader) tableRow(sheet string, account bool, h *header, it *rowIter, cells []string, seen map[string]int, rr *circular.RoundResults) bool {
	if it.blank {
		return false
	}
	nonEmpty, first := 0, ""
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			nonEmpty++
			if first == "" {
				first = c
			}
		}
	}
	if nonEmpty == 1 && footnoteRE.MatchString(circular.CompactKey(first)) {
		return false
	}
	// A header repeated below (print titles, a two-row merged header).
	if h.repeated(cells) {
		return false
	}
	get := func(f field) string {
		if p := h.pos[f]; p >= 0 && p < len(cells) {
			return cells[p]
		}
		return ""
	}
	add := func(iss []issue) {
		for _, is := range iss {
			t := is.text
			if p := h.pos[is.field]; p >= 0 {
				t += "（单元格 " + cellRef(p, it.row) + "）"
			}
			rd.add(sheet, it.row, h.column(is.field), t)
		}
	}
	for f := field(0); f < numFields; f++ {
		if p := h.pos[f]; p >= 0 && get(f) == "" && it.formula(p) {
			rd.add(sheet, it.row, h.column(f), formulaText(cellRef(p, it.row)))
		}
	}
	if account {
		a, iss := parseAccountRow(get, rd.platforms)
		add(iss)
		if a.Platform != "" && a.Name != "" {
			k := a.Key()
			if prev, dup := seen[k]; dup {
				add([]issue{{fName, fmt.Sprintf("%s账号「%s」与第 %d 行重复：同一轮次中每个账号只能出现一次", a.Platform, a.Name, prev)}})
			} else {
				seen[k] = it.row
			}
		}
		if rd.total == 0 {
			rr.Accounts = append(rr.Accounts, a)
		}
		return true
	}
	s, iss := parseSiteRow(get)
	add(iss)
	if s.Code != "" {
		if prev, dup := seen[s.Code]; dup {
			add([]issue{{fCode, fmt.Sprintf("网站标识码「%s」与第 %d 行重复：同一轮次中每个网站只能出现一次", s.Code, prev)}})
		} else {
			seen[s.Code] = it.row
		}
	}
	if rd.total == 0 {
		rr.Sites = append(rr.Sites, s)
	}
	return true
}
