package compose

import (
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
)

// annexFile is an annex definition file (附件-….toml): its title, an optional
// condition and text, and one table whose rows come from a list in the data.
type annexFile struct {
	Title     string       `toml:"title"`
	Subtitle  string       `toml:"subtitle"`
	Include   string       `toml:"include"`
	Text      string       `toml:"text"`
	Rows      string       `toml:"rows"`
	Together  string       `toml:"together"`
	Total     string       `toml:"total"`
	Note      string       `toml:"note"`
	Landscape bool         `toml:"landscape"`
	Columns   []columnFile `toml:"column"`
}

// columnFile is one [[column]] of an annex table.
type columnFile struct {
	Header string  `toml:"header"`
	Group  string  `toml:"group"`
	Value  string  `toml:"value"`
	Total  string  `toml:"total"`
	Width  float64 `toml:"width"`
	Align  string  `toml:"align"`
}

// annexDef is a parsed annex definition.
type annexDef struct {
	file      string
	title     *template.Template
	subtitle  *template.Template // nil: no subtitle
	include   *template.Template // nil: always included
	text      *template.Template // nil: no text before the table
	rows      string
	together  string // a field whose equal values are kept together
	total     string
	note      *template.Template
	landscape bool
	columns   []column
}

type column struct {
	header, group string
	value, total  *template.Template
	width         float64
	align         doc.Align
}

// loadAnnex reads and parses one annex definition.
func (s *Set) loadAnnex(fsys fs.FS, name string) (*annexDef, error) {
	var f annexFile
	if err := decodeTOML(fsys, s.dir, name, &f); err != nil {
		return nil, err
	}
	a := &annexDef{file: name, rows: f.Rows, together: f.Together, total: f.Total, landscape: f.Landscape}
	var problems []circular.Problem
	bad := func(text string) {
		problems = append(problems, circular.Problem{File: path.Join(s.dir, name), Text: text})
	}
	if strings.TrimSpace(f.Title) == "" {
		bad("缺少附件标题「title」")
	}
	if f.Rows != "" && len(f.Columns) == 0 {
		bad("有「rows」却没有任何 [[column]]：请至少定义一列")
	}
	if f.Rows == "" && f.Text == "" {
		bad("附件既没有表格（rows 和 [[column]]）也没有正文（text）")
	}
	if len(problems) > 0 {
		return nil, &circular.Error{Code: circular.ETemplate, Message: "附件定义有误：", Problems: problems}
	}
	// Each template inside the file is named after the file and its key, so
	// that errors point at it: 附件-名单.toml 的 title.
	parse := func(key, text string) (*template.Template, error) {
		t, err := s.newTemplate(name + " 的 " + key).Parse(text)
		if err == nil {
			err = checkLoops(t)
		}
		if err != nil {
			return nil, templateError(s.dir, err)
		}
		return t, nil
	}
	var err error
	if a.title, err = parse("title", f.Title); err != nil {
		return nil, err
	}
	if f.Subtitle != "" {
		if a.subtitle, err = parse("subtitle", f.Subtitle); err != nil {
			return nil, err
		}
	}
	if f.Include != "" {
		if a.include, err = parse("include", f.Include); err != nil {
			return nil, err
		}
	}
	if f.Note != "" {
		if a.note, err = parse("note", f.Note); err != nil {
			return nil, err
		}
	}
	if f.Text != "" {
		if a.text, err = s.parseFile(fsys, f.Text); err != nil {
			return nil, err
		}
	}
	for i, c := range f.Columns {
		col := column{header: c.Header, group: c.Group, width: c.Width}
		key := fmt.Sprintf("第%d列（%s）", i+1, c.Header)
		switch c.Align {
		case "", "自动", "auto":
			col.align = doc.AlignJustify // the zero value: automatic
		case "左", "left":
			col.align = doc.AlignLeft
		case "中", "居中", "center":
			col.align = doc.AlignCenter
		case "右", "right":
			col.align = doc.AlignRight
		default:
			return nil, &circular.Error{Code: circular.ETemplate, Message: "附件定义有误：", Problems: []circular.Problem{{File: path.Join(s.dir, name),
				Text: fmt.Sprintf("%s的 align 只能是「左」「中」「右」或「自动」，现在是「%s」", key, c.Align)}}}
		}
		if col.value, err = parse(key+"的 value", c.Value); err != nil {
			return nil, err
		}
		if c.Total != "" {
			if col.total, err = parse(key+"的 total", c.Total); err != nil {
				return nil, err
			}
		}
		a.columns = append(a.columns, col)
	}
	return a, nil
}

// included reports whether the annex appears for data.
func (s *Set) included(a *annexDef, data *Data) (bool, error) {
	if a.include == nil {
		return true, nil
	}
	out, err := s.execute(a.include, data)
	if err != nil {
		return false, err
	}
	switch strings.TrimSpace(out) {
	case "", "false", "否", "0":
		return false, nil
	}
	return true, nil
}

// build makes the annex's blocks: its text, then its table with the note.
func (s *Set) build(a *annexDef, data *Data) ([]doc.Block, error) {
	var blocks []doc.Block
	if a.text != nil {
		out, err := s.execute(a.text, data)
		if err != nil {
			return nil, err
		}
		ps, err := s.images(Paragraphs(out), a.text.Name())
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, ps...)
	}
	if a.rows == "" {
		return blocks, nil
	}
	t := &doc.Table{Landscape: a.landscape}
	t.Head = a.head()
	for _, c := range a.columns {
		t.Widths = append(t.Widths, c.width)
		t.Aligns = append(t.Aligns, c.align)
	}
	list, err := lookup(data, a.rows)
	if err != nil {
		return nil, s.defError(a, "rows", err)
	}
	if list.Kind() != reflect.Slice {
		return nil, s.defError(a, "rows", fmt.Errorf("「%s」不是列表", a.rows))
	}
	order, err := a.order(list)
	if err != nil {
		return nil, s.defError(a, "together", err)
	}
	for n, i := range order {
		item := list.Index(i).Interface()
		if a.together != "" {
			item = renumber(list.Index(i), n+1)
		}
		var row doc.Row
		for _, c := range a.columns {
			out, err := s.execute(c.value, item)
			if err != nil {
				return nil, err
			}
			row.Cells = append(row.Cells, doc.Cell{Text: strings.TrimSpace(out)})
		}
		t.Rows = append(t.Rows, row)
	}
	if a.total != "" {
		tot, err := lookup(data, a.total)
		if err != nil {
			return nil, s.defError(a, "total", err)
		}
		row := doc.Row{Total: true}
		for _, c := range a.columns {
			cell := doc.Cell{}
			if c.total != nil {
				out, err := s.execute(c.total, tot.Interface())
				if err != nil {
					return nil, err
				}
				cell.Text = strings.TrimSpace(out)
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, mergeLabel(row))
	}
	if a.note != nil {
		out, err := s.execute(a.note, data)
		if err != nil {
			return nil, err
		}
		t.Note = strings.TrimSpace(out)
	}
	return append(blocks, t), nil
}

// order returns the order of list's rows: as they are, or with together set,
// the rows whose field has the same value kept together in the order the
// values first appear (a region's sites one after another), stable within.
func (a *annexDef) order(list reflect.Value) ([]int, error) {
	idx := make([]int, list.Len())
	for i := range idx {
		idx[i] = i
	}
	if a.together == "" {
		return idx, nil
	}
	first := map[string]int{}
	key := make([]int, len(idx))
	for i := range idx {
		f, err := field(list.Index(i), a.together)
		if err != nil {
			return nil, err
		}
		v := fmt.Sprint(f.Interface())
		if _, ok := first[v]; !ok {
			first[v] = len(first)
		}
		key[i] = first[v]
	}
	sort.SliceStable(idx, func(x, y int) bool { return key[idx[x]] < key[idx[y]] })
	return idx, nil
}

// renumber returns a copy of the item v with its No field set to n, for a
// table whose rows were reordered; v itself when it has no such field.
func renumber(v reflect.Value, n int) any {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return v.Interface()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	if f := c.FieldByName("No"); f.IsValid() && f.CanSet() && f.Kind() == reflect.Int {
		f.SetInt(int64(n))
	}
	return c.Interface()
}

// head builds the header rows: one row, or two when columns have groups, the
// group a merged cell over its columns and the others spanning both rows.
func (a *annexDef) head() [][]doc.Cell {
	grouped := false
	for _, c := range a.columns {
		if c.group != "" {
			grouped = true
		}
	}
	if !grouped {
		row := make([]doc.Cell, len(a.columns))
		for i, c := range a.columns {
			row[i] = doc.Cell{Text: c.header}
		}
		return [][]doc.Cell{row}
	}
	var top, bottom []doc.Cell
	for i := 0; i < len(a.columns); {
		c := a.columns[i]
		if c.group == "" {
			top = append(top, doc.Cell{Text: c.header, RowSpan: 2})
			i++
			continue
		}
		j := i
		for j < len(a.columns) && a.columns[j].group == c.group {
			bottom = append(bottom, doc.Cell{Text: a.columns[j].header})
			j++
		}
		top = append(top, doc.Cell{Text: c.group, ColSpan: j - i})
		i = j
	}
	return [][]doc.Cell{top, bottom}
}

// mergeLabel merges the empty cells that follow the total row's first
// non-empty cell (its label, 合计) into it.
func mergeLabel(r doc.Row) doc.Row {
	if len(r.Cells) == 0 || r.Cells[0].Text == "" {
		return r
	}
	n := 1
	for n < len(r.Cells) && r.Cells[n].Text == "" {
		n++
	}
	if n == 1 {
		return r
	}
	cells := []doc.Cell{{Text: r.Cells[0].Text, ColSpan: n}}
	r.Cells = append(cells, r.Cells[n:]...)
	return r
}

func (s *Set) defError(a *annexDef, key string, err error) error {
	return &circular.Error{Code: circular.ETemplate, Message: "附件定义有误：", Err: err,
		Problems: []circular.Problem{{File: path.Join(s.dir, a.file), Text: "「" + key + "」" + err.Error()}}}
}
