package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
)

// pageNames are the page templates in assets/pages, each executed inside
// assets/layout.html.
var pageNames = []string{"error", "rounds", "round", "templates", "edit", "version", "issue", "circulars", "circular", "help",
	"login", "settings", "settingsversion", "trends", "guide", "print", "activity"}

// parsePages parses every page with the layout and the shared partials.
func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "assets/layout.html", "assets/partials.html", "assets/pages/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse page %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

var funcs = template.FuncMap{
	"cndate":    cnDate,
	"cntime":    cnTime,
	"cnsecond":  cnSecond,
	"passrate":  passRate,
	"failrate":  failRate,
	"path":      url.PathEscape,
	"query":     url.QueryEscape,
	"size":      sizeText,
	"add":       func(a, b int) int { return a + b },
	"scope":     scopeText,
	"dict":      dict,
	"purpose":   purpose,
	"markdown":  markdown,
	"roundname": roundName,
}

// roundName is how a round key reads for people: 2019Q1 → 2019年第一季度,
// 2023M09 → 2023年9月; a free label stays as it is.
func roundName(key string) string {
	if p, ok := circular.ParsePeriodKey(key); ok {
		return p.Name()
	}
	return key
}

// dict builds a map from alternating keys and values, for partials.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// purpose says in a few words what a template file is for.
func purpose(name string) string {
	switch {
	case name == compose.ManifestFile:
		return "通报的组成：各部分和附件的顺序"
	case name == "标题.tmpl":
		return "通报标题"
	case name == "主送.tmpl":
		return "主送机关"
	case name == "附件说明.tmpl":
		return "正文后的附件说明"
	case strings.HasPrefix(name, "附件-") && strings.HasSuffix(name, ".toml"):
		return "附件表格：" + strings.TrimSuffix(strings.TrimPrefix(name, "附件-"), ".toml")
	case strings.HasSuffix(name, ".tmpl"):
		return "正文：" + strings.TrimSuffix(name, ".tmpl")
	}
	return ""
}

// cnDate writes 2019年4月12日; empty for a zero time.
func cnDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// cnTime writes a moment in Beijing time: 2019年4月12日 09:30.
func cnTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = circular.BeijingTime(t)
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
}

// cnSecond writes a moment in Beijing time to the second: 2019年4月12日 09:30:15.
func cnSecond(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return cnTime(t) + circular.BeijingTime(t).Format(":05")
}

// passRate is the share of checked items passing, 98.2%, under the
// office's rate rule; — when none was checked.
func passRate(failing, checked int) string {
	if checked == 0 {
		return "—"
	}
	s, err := circular.OfficeRates().Pass(failing, checked)
	if err != nil {
		return "—"
	}
	return s
}

// failRate is the share of checked items failing, 1.8%, under the office's
// rate rule; — when none was checked.
func failRate(failing, checked int) string {
	if checked == 0 {
		return "—"
	}
	s, err := circular.OfficeRates().Fail(failing, checked)
	if err != nil {
		return "—"
	}
	return s
}

// scopeText describes how a round checked: 全覆盖, or 抽查 20%.
func scopeText(r *circular.Round) string {
	if r.Scope == circular.ScopeSample && r.Share > 0 {
		return fmt.Sprintf("抽查 %g%%", r.Share)
	}
	return r.Scope.String()
}
