package compose

import (
	"fmt"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"tongbao/internal/circular"
)

// Go's text/template reports errors as
//
//	template: NAME:LINE: MESSAGE                       (parse)
//	template: NAME:LINE:COL: executing "NAME" at <X>: MESSAGE   (execution)
var (
	execErrRE  = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): executing "[^"]*" at <([^>]*)>: (.*)$`)
	parseErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)
)

// message translations: Go's English on the left, Chinese on the right; $1…
// stand for the submatches.
var templateMessages = []struct {
	re *regexp.Regexp
	zh string
}{
	{fieldErrRE, "数据中没有字段「$1」（请对照模板说明中的字段表检查拼写）"},
	{regexp.MustCompile(`^map has no entry for key "([^"]*)"$`), "数据中没有「$1」"},
	{regexp.MustCompile(`^function "([^"]*)" not defined$`), "没有名为「$1」的函数（可用的函数见模板说明）"},
	{regexp.MustCompile(`^wrong number of args for (\S+): want (\d+) got (\d+)$`), "函数「$1」需要 $2 个参数，实际给了 $3 个"},
	{regexp.MustCompile(`^wrong number of args for (\S+): want at least (\d+) got (\d+)$`), "函数「$1」至少需要 $2 个参数，实际给了 $3 个"},
	{regexp.MustCompile(`^error calling (\S+): (.*)$`), "调用函数「$1」出错：$2"},
	{regexp.MustCompile(`^unexpected EOF$`), "模板意外结束：可能缺少 {{end}} 或右花括号 }}"},
	{regexp.MustCompile(`^unexpected (.*) in (.*)$`), "语法错误：在 $2 中出现了意外的 $1"},
	{regexp.MustCompile(`^unexpected \{\{end\}\}$`), "多余的 {{end}}"},
	{regexp.MustCompile(`^unexpected EOF in (.*)$`), "模板意外结束（$1）：可能缺少 {{end}}"},
	{regexp.MustCompile(`^unclosed action$`), "动作没有闭合：缺少 }}"},
	{regexp.MustCompile(`^unterminated quoted string$`), "字符串缺少结尾的引号"},
	{regexp.MustCompile(`^undefined variable "([^"]*)"$`), "未定义的变量「$1」"},
	{regexp.MustCompile(`^range can't iterate over (.*)$`), "range 无法遍历 $1"},
	{regexp.MustCompile(`^nil pointer evaluating (.*)$`), "取值为空：$1"},
	{regexp.MustCompile(`^index out of range: (.*)$`), "下标越界：$1"},
	{regexp.MustCompile(`^range over a number$`), "range 不能遍历数字：循环的次数应由数据决定，请遍历数据中的列表，例如 {{range .Sites.Failing}}"},
	{regexp.MustCompile(`^exceeded maximum template depth \((\d+)\)$`), "模板调用嵌套超过 $1 层：可能是模板用 template 调用了它自己"},
}

// templateError turns an error from text/template into the user-facing error:
// template file (under dir), line, column and field, in Chinese.
func templateError(dir string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	p := circular.Problem{Text: msg}
	if m := execErrRE.FindStringSubmatch(msg); m != nil {
		p.File = path.Join(dir, m[1])
		p.Line, _ = strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		p.Text = fmt.Sprintf("第 %d 列，%s：%s", col, strings.TrimSpace(m[4]), translate(m[5]))
	} else if m := parseErrRE.FindStringSubmatch(msg); m != nil {
		p.File = path.Join(dir, m[1])
		p.Line, _ = strconv.Atoi(m[2])
		p.Text = translate(m[4])
		if m[3] != "" {
			p.Text = "第 " + m[3] + " 列：" + p.Text
		}
	}
	return &circular.Error{Code: circular.ETemplate, Message: "模板有误：", Problems: []circular.Problem{p}, Err: err}
}

var fieldErrRE = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$`)

// dataTypes are the types templates see, by the name text/template gives
// them, for suggesting the field a misspelt one was meant to be.
var dataTypes = map[string]reflect.Type{}

func init() {
	for _, v := range []any{Data{}, Round{}, Issuer{}, Contact{}, Figures{}, Tally{}, Item{}, ProblemGroup{}, Recheck{}, AnnexRef{}} {
		t := reflect.TypeOf(v)
		dataTypes[t.String()] = t
		dataTypes["*"+t.String()] = t
	}
}

// suggest returns the field of the type named typ closest to name, or "".
func suggest(name, typ string) string {
	t, ok := dataTypes[typ]
	if !ok {
		return ""
	}
	best, bestD := "", 3 // at most two edits away
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(f.Name)); d < bestD {
			best, bestD = f.Name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// translate renders one of text/template's messages in Chinese, keeping the
// original when there is no translation.
func translate(msg string) string {
	if m := fieldErrRE.FindStringSubmatch(msg); m != nil {
		if s := suggest(m[1], m[2]); s != "" {
			return fmt.Sprintf("数据中没有字段「%s」，是不是「%s」？（字段表见模板说明）", m[1], s)
		}
	}
	for _, t := range templateMessages {
		if t.re.MatchString(msg) {
			return t.re.ReplaceAllString(msg, t.zh)
		}
	}
	return "模板错误（" + msg + "）"
}
