package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"tongbao/internal/circular"
)

// setTOMLValue replaces the value of dotted key in the TOML text with enc
// (already TOML), editing only the value's characters: the comment after it
// keeps its column where it can, and every other line stays as it is. A key
// the text lacks is added at the end of its table (the table is added at the
// end of the file when missing).
func setTOMLValue(text, key, enc string) (string, error) {
	parts := strings.Split(key, ".")
	line := keyLine(text, toml.Key(parts))
	if line == 0 {
		return insertTOMLKey(text, parts, enc), nil
	}
	start := lineOffset(text, line)
	eq := strings.IndexByte(text[start:], '=')
	if eq < 0 {
		return "", circular.Errorf(circular.EConfig, "配置文件第 %d 行的「%s」没有等号，无法修改，请直接编辑文件", line, key)
	}
	vs := start + eq + 1
	for vs < len(text) && (text[vs] == ' ' || text[vs] == '\t') {
		vs++
	}
	ve, ok := scanTOMLValue(text, vs)
	if !ok {
		return "", circular.Errorf(circular.EConfig, "配置文件第 %d 行的「%s」写法特殊（如多行文字），设置页无法修改，请直接编辑文件", line, key)
	}
	old := text[vs:ve]
	rest := text[ve:]
	// Keep the comment's column: widen or narrow the gap before it.
	gapEnd := 0
	for gapEnd < len(rest) && (rest[gapEnd] == ' ' || rest[gapEnd] == '\t') {
		gapEnd++
	}
	if gapEnd < len(rest) && rest[gapEnd] == '#' && !strings.Contains(old, "\n") && !strings.Contains(rest[:gapEnd], "\t") {
		gap := width(old) + gapEnd - width(enc)
		if gap < 1 {
			gap = 1
		}
		rest = strings.Repeat(" ", gap) + rest[gapEnd:]
	}
	return text[:vs] + enc + rest, nil
}

// scanTOMLValue returns the end of the TOML value starting at i: a basic or
// literal string, an array (over several lines too), or a bare value. A
// multi-line string is not handled (ok false).
func scanTOMLValue(text string, i int) (int, bool) {
	if i >= len(text) {
		return i, false
	}
	switch text[i] {
	case '"', '\'':
		if strings.HasPrefix(text[i:], `"""`) || strings.HasPrefix(text[i:], "'''") {
			return i, false
		}
		return scanTOMLString(text, i)
	case '[':
		depth := 0
		for j := i; j < len(text); j++ {
			switch text[j] {
			case '"', '\'':
				end, ok := scanTOMLString(text, j)
				if !ok {
					return j, false
				}
				j = end - 1
			case '#':
				for j < len(text) && text[j] != '\n' {
					j++
				}
			case '[':
				depth++
			case ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return len(text), false
	case '{':
		return i, false
	}
	j := i
	for j < len(text) && !strings.ContainsRune(" \t\r\n#", rune(text[j])) {
		j++
	}
	return j, j > i
}

// scanTOMLString returns the end of the one-line string starting at i.
func scanTOMLString(text string, i int) (int, bool) {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch {
		case text[j] == '\n':
			return j, false
		case q == '"' && text[j] == '\\':
			j++
		case text[j] == q:
			return j + 1, true
		}
	}
	return len(text), false
}

// insertTOMLKey adds key = enc at the end of the key's table.
func insertTOMLKey(text string, parts []string, enc string) string {
	name := parts[len(parts)-1]
	table := strings.Join(parts[:len(parts)-1], ".")
	lines := strings.Split(text, "\n")
	in, last := table == "", -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if h, ok := tableHeader(t); ok {
			if in && table != "" || table == "" {
				break
			}
			in = h == table
			if in {
				last = i
			}
			continue
		}
		if in && t != "" {
			last = i
		}
	}
	entry := name + " = " + enc
	if last < 0 && table != "" {
		if !strings.HasSuffix(text, "\n") && text != "" {
			text += "\n"
		}
		return text + "\n[" + table + "]\n" + entry + "\n"
	}
	out := append([]string{}, lines[:last+1]...)
	out = append(out, entry)
	return strings.Join(append(out, lines[last+1:]...), "\n")
}

// lineOffset is the byte offset of 1-based line n.
func lineOffset(text string, n int) int {
	off := 0
	for i := 1; i < n; i++ {
		j := strings.IndexByte(text[off:], '\n')
		if j < 0 {
			return len(text)
		}
		off += j + 1
	}
	return off
}

// width is the columns s takes in a fixed-width editor: two for a CJK or
// full-width character, one for others.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r >= 0x20000) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
