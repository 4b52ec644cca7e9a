package web

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// markdown renders the small Markdown the templates' README.md uses —
// headings, paragraphs, lists, tables, fenced code, `code` and **bold** —
// as HTML. Every piece of text is escaped first, so the result is safe
// whatever the file holds.
func markdown(src string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, "")) + "</p>\n")
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "```"):
			flush()
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				code = append(code, lines[i])
			}
			b.WriteString("<pre><code>" + html.EscapeString(strings.Join(code, "\n")) + "</code></pre>\n")
		case strings.HasPrefix(t, "#"):
			flush()
			hashes := len(t) - len(strings.TrimLeft(t, "#"))
			tag := string(rune('0' + min(hashes+1, 4))) // the page has its own h1
			b.WriteString("<h" + tag + ">" + inline(strings.TrimSpace(t[hashes:])) + "</h" + tag + ">\n")
		case strings.HasPrefix(t, "|"):
			flush()
			var rows [][]string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				rows = append(rows, cells(strings.TrimSpace(lines[i])))
			}
			i--
			b.WriteString(`<table class="grid">` + "\n")
			for r, row := range rows {
				if r == 1 && isRule(row) {
					continue
				}
				cell := "td"
				if r == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<" + cell + ">" + inline(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case strings.HasPrefix(t, "- ") || orderedRE.MatchString(t):
			flush()
			ordered := !strings.HasPrefix(t, "- ")
			tag := "ul"
			if ordered {
				tag = "ol"
			}
			b.WriteString("<" + tag + ">\n")
			for i < len(lines) {
				text, ok := listItem(strings.TrimSpace(lines[i]), ordered)
				if !ok {
					break
				}
				b.WriteString("<li>" + inline(text))
				// Indented lines carry the item on.
				for i++; i < len(lines) && strings.HasPrefix(lines[i], " ") && strings.TrimSpace(lines[i]) != ""; i++ {
					if _, ok := listItem(strings.TrimSpace(lines[i]), ordered); ok {
						break
					}
					b.WriteString(inline(strings.TrimSpace(lines[i])))
				}
				b.WriteString("</li>\n")
			}
			i-- // the outer loop steps past the last line read
			b.WriteString("</" + tag + ">\n")
		default:
			para = append(para, t)
		}
	}
	flush()
	return template.HTML(b.String())
}

var (
	orderedRE = regexp.MustCompile(`^\d+\.\s+`)
	codeRE    = regexp.MustCompile("`([^`]+)`")
	boldRE    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// listItem returns the text of a list item line: "- x" unordered, "1. x" ordered.
func listItem(l string, ordered bool) (string, bool) {
	if !ordered && strings.HasPrefix(l, "- ") {
		return l[2:], true
	}
	if ordered && orderedRE.MatchString(l) {
		return orderedRE.ReplaceAllString(l, ""), true
	}
	return "", false
}

// cells splits a table row on | (not \|).
func cells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	row = strings.ReplaceAll(row, `\|`, "\x00")
	parts := strings.Split(row, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(strings.ReplaceAll(p, "\x00", "|"))
	}
	return parts
}

// isRule reports whether a table row is the |---|---| line under the header.
func isRule(row []string) bool {
	for _, c := range row {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

// inline escapes text and renders `code` and **bold** in it.
func inline(s string) string {
	s = html.EscapeString(s)
	s = codeRE.ReplaceAllString(s, "<code>$1</code>")
	return boldRE.ReplaceAllString(s, "<strong>$1</strong>")
}
