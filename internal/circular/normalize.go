package circular

import (
	"strings"
	"unicode"
)

// Normalize folds the variants a clerk's typing produces into one form, for
// matching names and reading codes and numbers: full-width ASCII (ＡＢＣ１２３,
// full-width space) becomes half-width, runs of white space (including line
// breaks and no-break spaces) become one space, and the ends are trimmed.
// Chinese punctuation that has no ASCII twin in running text (，。、) is kept.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff':
			space = true
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// CompactKey is Normalize without any spaces and with ASCII letters lowered:
// the form in which sheet names, headers and closed-list values are compared
// (「网站 标识码」, 「网站标识码 」 and 「网站标识码」 match).
func CompactKey(s string) string {
	s = Normalize(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == ' ' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// CleanText tidies a name or a sentence for printing: stray spaces and line
// breaks inside it are removed between Chinese characters and folded to one
// space elsewhere (so 「揭阳市 审计局」 becomes 揭阳市审计局 but 「Web App」 stays).
func CleanText(s string) string {
	s = Normalize(s)
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (wide(rs[i-1]) || wide(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wide reports whether r is a CJK character or full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}
