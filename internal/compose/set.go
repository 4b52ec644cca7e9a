package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/BurntSushi/toml"

	"tongbao/internal/circular"
)

// ManifestFile is the file in the templates folder that lists the parts of the circular.
const ManifestFile = "通报.toml"

// maxOutput bounds what one template may write, so that a runaway loop in an
// edited template stops with an error instead of exhausting memory.
const maxOutput = 4 << 20

// maxRunTime bounds how long one template may run while it writes: a loop
// that writes stops with an error after it. Loops that write nothing are
// refused when parsed where they can be (checkLoops).
const maxRunTime = 20 * time.Second

// Set is a parsed templates folder: the manifest, the section templates and
// the annex definitions.
type Set struct {
	fsys        fs.FS  // the folder, for the pictures templates include
	dir         string // the folder as shown in messages
	title       *template.Template
	recipients  *template.Template
	sections    []*template.Template
	attachments *template.Template
	annexes     []*annexDef
	// mu serialises Compose, which binds the rate functions to the data's
	// rule in rates.
	mu    sync.Mutex
	rates circular.Rates
}

// manifest is 通报.toml.
type manifest struct {
	Title       string   `toml:"title"`
	Recipients  string   `toml:"recipients"`
	Sections    []string `toml:"sections"`
	Attachments string   `toml:"attachments"`
	Annexes     []string `toml:"annexes"`
}

// LoadSet reads and parses the templates in fsys. dir is the folder's name as
// shown in error messages (e.g. templates). Every error names the file and line.
func LoadSet(fsys fs.FS, dir string) (*Set, error) {
	s := &Set{fsys: fsys, dir: dir, rates: circular.DefaultRates()}
	var m manifest
	if err := decodeTOML(fsys, dir, ManifestFile, &m); err != nil {
		return nil, err
	}
	var problems []circular.Problem
	need := func(key, v string) {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, circular.Problem{File: path.Join(dir, ManifestFile), Text: "缺少「" + key + "」：请写明对应的模板文件名"})
		}
	}
	need("title", m.Title)
	need("recipients", m.Recipients)
	if len(m.Sections) == 0 {
		need("sections", "")
	}
	if len(problems) > 0 {
		return nil, &circular.Error{Code: circular.ETemplate, Message: "模板清单有误：", Problems: problems}
	}
	var err error
	if s.title, err = s.parseFile(fsys, m.Title); err != nil {
		return nil, err
	}
	if s.recipients, err = s.parseFile(fsys, m.Recipients); err != nil {
		return nil, err
	}
	for _, name := range m.Sections {
		t, err := s.parseFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s.sections = append(s.sections, t)
	}
	if m.Attachments != "" {
		if s.attachments, err = s.parseFile(fsys, m.Attachments); err != nil {
			return nil, err
		}
	}
	for _, name := range m.Annexes {
		a, err := s.loadAnnex(fsys, name)
		if err != nil {
			return nil, err
		}
		s.annexes = append(s.annexes, a)
	}
	return s, nil
}

// newTemplate returns an empty template with the functions and
// missingkey=error, the rate functions applying the set's rates.
func (s *Set) newTemplate(name string) *template.Template {
	return template.New(name).Funcs(Funcs()).Funcs(rateFns{&s.rates}.funcs()).Option("missingkey=error")
}

// parseFile parses one template file of the set.
func (s *Set) parseFile(fsys fs.FS, name string) (*template.Template, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, missingFile(s.dir, name, err)
	}
	t, err := s.newTemplate(name).Parse(string(b))
	if err != nil {
		return nil, templateError(s.dir, err)
	}
	if err := checkLoops(t); err != nil {
		return nil, templateError(s.dir, err)
	}
	return t, nil
}

// missingFile is the error for a template file the manifest names but that
// cannot be read.
func missingFile(dir, name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &circular.Error{Code: circular.ETemplate, Message: fmt.Sprintf("找不到模板文件 %s（模板清单 %s 中列出了它）", path.Join(dir, name), path.Join(dir, ManifestFile)), Err: err}
	}
	return &circular.Error{Code: circular.ETemplate, Message: fmt.Sprintf("无法读取模板文件 %s：%v", path.Join(dir, name), err), Err: err}
}

// decodeTOML reads a TOML file of the set into v, reporting syntax errors and
// unknown keys with their lines.
func decodeTOML(fsys fs.FS, dir, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return missingFile(dir, name, err)
	}
	file := path.Join(dir, name)
	md, err := toml.Decode(string(b), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &circular.Error{Code: circular.ETemplate, Message: "模板定义有误：", Err: err,
				Problems: []circular.Problem{{File: file, Line: pe.Position.Line, Text: "TOML 格式错误（" + pe.Message + "）"}}}
		}
		return &circular.Error{Code: circular.ETemplate, Message: fmt.Sprintf("模板定义 %s 有误：%v", file, err), Err: err}
	}
	var problems []circular.Problem
	for _, k := range md.Undecoded() {
		problems = append(problems, circular.Problem{File: file, Line: tomlKeyLine(string(b), k), Text: "未知的项「" + k.String() + "」"})
	}
	if len(problems) > 0 {
		return &circular.Error{Code: circular.ETemplate, Message: "模板定义有误：", Problems: problems}
	}
	return nil
}

// tomlKeyLine returns the first line that sets the last part of key, or 0.
func tomlKeyLine(text string, key toml.Key) int {
	name := key[len(key)-1]
	for i, line := range strings.Split(text, "\n") {
		if k, _, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.Trim(strings.TrimSpace(k), `"`) == name {
			return i + 1
		}
	}
	return 0
}

// limitedBuffer is a bytes.Buffer that fails once more than maxOutput bytes
// are written or, at a write, once its deadline has passed.
type limitedBuffer struct {
	bytes.Buffer
	deadline time.Time
	writes   int
}

var (
	errTooLong = errors.New("output too long")
	errTooSlow = errors.New("template ran too long")
)

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxOutput {
		return 0, errTooLong
	}
	if b.writes++; b.writes%256 == 0 && time.Now().After(b.deadline) {
		return 0, errTooSlow
	}
	return b.Buffer.Write(p)
}

// execute runs t with data and returns its output.
func (s *Set) execute(t *template.Template, data any) (string, error) {
	b := limitedBuffer{deadline: time.Now().Add(maxRunTime)}
	if err := t.Execute(&b, data); err != nil {
		if errors.Is(err, errTooLong) {
			return "", &circular.Error{Code: circular.ETemplate, Err: err,
				Message: fmt.Sprintf("模板 %s 输出超过 %d MB，可能是循环写错了（例如 range 嵌套或重复调用）", path.Join(s.dir, t.Name()), maxOutput>>20)}
		}
		if errors.Is(err, errTooSlow) {
			return "", &circular.Error{Code: circular.ETemplate, Err: err,
				Message: fmt.Sprintf("模板 %s 运行超过 %d 秒仍未结束，可能是循环写错了（例如 range 嵌套）", path.Join(s.dir, t.Name()), int(maxRunTime.Seconds()))}
		}
		return "", templateError(s.dir, err)
	}
	return b.String(), nil
}

// lookup resolves a dotted path such as Sites.Failing against data.
func lookup(data any, p string) (reflect.Value, error) {
	v := reflect.ValueOf(data)
	for _, part := range strings.Split(strings.TrimPrefix(strings.TrimSpace(p), "."), ".") {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, fmt.Errorf("「%s」为空", p)
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			f := v.FieldByName(part)
			if !f.IsValid() || !v.Type().Field(fieldIndex(v.Type(), part)).IsExported() {
				return reflect.Value{}, fmt.Errorf("数据中没有字段「%s」（在「%s」中）", part, p)
			}
			v = f
		case reflect.Map:
			f := v.MapIndex(reflect.ValueOf(part))
			if !f.IsValid() {
				return reflect.Value{}, fmt.Errorf("数据中没有「%s」（在「%s」中）", part, p)
			}
			v = f
		default:
			return reflect.Value{}, fmt.Errorf("「%s」无法取字段「%s」", p, part)
		}
	}
	return v, nil
}

func fieldIndex(t reflect.Type, name string) int {
	f, _ := t.FieldByName(name)
	return f.Index[0]
}

// checkLoops refuses a range over a number ({{range 1000000}}, or over add or
// sub): a loop whose length the data does not bound, which may write nothing
// and so escape maxOutput and maxRunTime. The error names the line and
// column.
func checkLoops(t *template.Template) error {
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		if err := walkLoops(tt.Tree, tt.Tree.Root); err != nil {
			return err
		}
	}
	return nil
}

func walkLoops(tree *parse.Tree, n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := walkLoops(tree, c); err != nil {
				return err
			}
		}
	case *parse.IfNode:
		return walkBranch(tree, &n.BranchNode)
	case *parse.WithNode:
		return walkBranch(tree, &n.BranchNode)
	case *parse.RangeNode:
		if countedLoop(n.Pipe) {
			loc, _ := tree.ErrorContext(n)
			return fmt.Errorf("template: %s: range over a number", loc)
		}
		return walkBranch(tree, &n.BranchNode)
	}
	return nil
}

func walkBranch(tree *parse.Tree, b *parse.BranchNode) error {
	if err := walkLoops(tree, b.List); err != nil {
		return err
	}
	if b.ElseList != nil {
		return walkLoops(tree, b.ElseList)
	}
	return nil
}

// countedLoop reports a pipeline that yields a number: a number literal or
// a call of add or sub, possibly in parentheses.
func countedLoop(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) == 0 {
		return false
	}
	cmd := p.Cmds[len(p.Cmds)-1]
	if len(cmd.Args) == 0 {
		return false
	}
	switch a := cmd.Args[0].(type) {
	case *parse.NumberNode:
		return true
	case *parse.IdentifierNode:
		return a.Ident == "add" || a.Ident == "sub" || a.Ident == "len"
	case *parse.PipeNode:
		return countedLoop(a)
	}
	return false
}
