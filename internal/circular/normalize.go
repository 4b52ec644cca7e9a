package circular

import (
	"strings"
	"unicode"
)

// Normalize folds the variants a clerk's typing produces into one form, for
// matching keys, names and closed-list values and reading codes and numbers —
// never for printed text (CleanText keeps what was typed): full-width ASCII (ＡＢＣ１２３,
// full-width space) becomes half-width, runs of white space (including line
// breaks and no-break spaces) become one space, and the ends are trimmed.
// Chinese punctuation that has no ASCII twin in running text (。、) is kept.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isSpace(r):
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

// CompactKey is Normalize without any spaces, with ASCII letters lowered and
// traditional characters folded to simplified ones: the form in which sheet
// names, headers and closed-list values are compared (「网站 标识码」, 「网站标识码 」,
// 「網站標識碼」 and 「网站标识码」 match).
func CompactKey(s string) string {
	s = foldTraditional(Normalize(s))
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

// CleanText tidies a name or a sentence for printing, keeping every
// character the clerk typed (full-width ，；：（）！？ and digits stay as they
// are; folding them is for matching only, see Normalize): runs of white space
// (line breaks, no-break and full-width spaces) become one space, the ends are
// trimmed, and a space next to a Chinese character or full-width punctuation
// is removed (so 「揭阳市 审计局」 becomes 揭阳市审计局 but 「Web App」 stays).
func CleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	s = b.String()
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	b.Reset()
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (wide(rs[i-1]) || wide(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isSpace reports whether r is white space a clerk's typing or pasting
// leaves: ASCII and Unicode spaces, line breaks, the full-width space, the
// no-break space, and the zero-width space and byte-order mark.
func isSpace(r rune) bool {
	return r == '\u3000' || unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// wide reports whether r is a CJK character or full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}
