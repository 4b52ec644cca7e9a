package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cssRule is one rule of the style sheet: its selector and declarations.
type cssRule struct {
	Selector string
	Decls    map[string]string
}

var (
	cssCommentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssRuleRE    = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	cssVarRE     = regexp.MustCompile(`var\((--[\w-]+)\)`)
	cssHexRE     = regexp.MustCompile(`#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`)
)

// parseCSS reads the rules of a style sheet, those inside @media too, with
// var(--x) resolved from :root.
func parseCSS(css string) []cssRule {
	css = cssCommentRE.ReplaceAllString(css, "")
	var rules []cssRule
	vars := map[string]string{}
	for _, m := range cssRuleRE.FindAllStringSubmatch(css, -1) {
		r := cssRule{Selector: strings.TrimSpace(m[1]), Decls: map[string]string{}}
		for _, d := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(d, ":")
			if !ok {
				continue
			}
			v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
			r.Decls[strings.TrimSpace(k)] = v
		}
		if r.Selector == ":root" {
			for k, v := range r.Decls {
				vars[k] = v
			}
		}
		rules = append(rules, r)
	}
	for _, r := range rules {
		for k, v := range r.Decls {
			r.Decls[k] = cssVarRE.ReplaceAllStringFunc(v, func(s string) string { return vars[cssVarRE.FindStringSubmatch(s)[1]] })
		}
	}
	return rules
}

// hexColor reads the first #rgb or #rrggbb in v.
func hexColor(v string) (rgb [3]float64, ok bool) {
	m := cssHexRE.FindStringSubmatch(v)
	if m == nil {
		return rgb, false
	}
	h := m[1]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	for i := range 3 {
		n, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		rgb[i] = float64(n) / 255
	}
	return rgb, true
}

// luminance is WCAG 2's relative luminance.
func luminance(c [3]float64) float64 {
	var l [3]float64
	for i, v := range c {
		if v <= 0.03928 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestTextContrast parses style.css and checks that every text colour it
// sets reads at 4.5:1 or more (WCAG AA for body text) on the background it
// is drawn on: the rule's own background, the named parent's for text on a
// coloured bar, else both the page's and a white panel's.
func TestTextContrast(t *testing.T) {
	b, err := assets.ReadFile("assets/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	rules := parseCSS(string(b))
	background := func(sel string) ([3]float64, bool) {
		for _, r := range rules {
			for _, s := range strings.Split(r.Selector, ",") {
				if strings.TrimSpace(s) == sel {
					for _, k := range []string{"background-color", "background"} {
						if c, ok := hexColor(r.Decls[k]); ok {
							return c, true
						}
					}
				}
			}
		}
		return [3]float64{}, false
	}
	// Text whose background comes from an enclosing element.
	parent := map[string]string{
		"header nav a": "header.top", ".brand a": "header.top", ".page figcaption": ".pages",
		"nav.more a": "nav.more", "nav.pager span": "body", "nav.files strong": "nav.files strong",
	}
	page, _ := background("body")
	white := [3]float64{1, 1, 1}
	checked := 0
	for _, r := range rules {
		fg, ok := hexColor(r.Decls["color"])
		if !ok || strings.HasPrefix(r.Selector, "svg") {
			continue
		}
		var bgs [][3]float64
		var where []string
		for _, k := range []string{"background-color", "background"} {
			if c, ok := hexColor(r.Decls[k]); ok {
				bgs, where = append(bgs, c), append(where, "its own background")
				break
			}
		}
		if len(bgs) == 0 {
			for _, s := range strings.Split(r.Selector, ",") {
				if p, ok := parent[strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":hover"))]; ok {
					if c, ok := background(p); ok {
						bgs, where = append(bgs, c), append(where, p)
					}
				}
			}
		}
		if len(bgs) == 0 {
			bgs, where = [][3]float64{page, white}, []string{"the page", "a white panel"}
		}
		for i, bg := range bgs {
			checked++
			if c := contrast(fg, bg); c < 4.5 {
				t.Errorf("%s { color: %s } on %s: contrast %.2f:1, want at least 4.5:1", r.Selector, r.Decls["color"], where[i], c)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d colour pairs checked: is the style sheet parsed?", checked)
	}
	// The formula, and the grey the help text had before: 4.4:1 on the page.
	black, old := [3]float64{}, [3]float64{0x6a / 255.0, 0x74 / 255.0, 0x80 / 255.0}
	if c := contrast(black, white); math.Abs(c-21) > 0.01 {
		t.Errorf("black on white %.2f:1, want 21:1", c)
	}
	if c := contrast(old, page); c >= 4.5 {
		t.Errorf("#6a7480 on the page %.2f:1: the check is too lax", c)
	}
	// The help text in particular.
	for _, sel := range []string{".muted", ".help", "footer"} {
		found := false
		for _, r := range rules {
			if r.Selector == sel {
				found = true
			}
		}
		if !found {
			t.Errorf("no rule %s", sel)
		}
	}
}
