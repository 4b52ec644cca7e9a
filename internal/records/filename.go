package records

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a file name made by FileName, without its extension. Most file
// systems (ext4, APFS, NTFS) allow 255 bytes or UTF-16 units per name; a
// Chinese character takes 3 bytes in UTF-8, so the byte limit is what binds
// for Chinese titles: 240 bytes leave room for ".pdf" under 255.
const (
	maxNameRunes = 120
	maxNameBytes = 240
)

// fullWidth maps the characters Windows forbids in file names to full-width
// look-alikes, so that a title keeps its meaning: 关于"清朗"行动 stays readable.
var fullWidth = map[rune]rune{
	'<':  '＜',
	'>':  '＞',
	':':  '：',
	'"':  '＂',
	'/':  '／',
	'\\': '＼',
	'|':  '｜',
	'?':  '？',
	'*':  '＊',
}

// reservedNames are the device names Windows reserves, with or without an
// extension and whatever their case.
var reservedNames = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM0": true, "COM1": true, "COM2": true, "COM3": true, "COM4": true,
	"COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"COM¹": true, "COM²": true, "COM³": true,
	"LPT0": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true,
	"LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"LPT¹": true, "LPT²": true, "LPT³": true,
}

// FileName returns a file name (without extension) safe on Windows, Linux and
// macOS that keeps 〔〕 and the number: the 文件编号 and the 题名 joined by a
// space, e.g. FileName("揭政数局函〔2019〕23号", "关于2019年第一季度全市政府网站检查情况的通报")
// is "揭政数局函〔2019〕23号 关于2019年第一季度全市政府网站检查情况的通报".
//
// Characters Windows forbids (<>:"/\|?*) become their full-width look-alikes,
// control characters and runs of white space become one space, leading and
// trailing dots and spaces go, and a Windows device name (CON, NUL, COM1 …)
// gets a trailing "_". A name longer than 120 characters or 240 UTF-8 bytes
// is shortened by cutting the title and marking the cut with "…"; the number
// is never cut unless it alone is over the limit.
func FileName(number, title string) string {
	number, title = clean(number), clean(title)
	var name string
	switch {
	case number == "" && title == "":
		name = "未命名"
	case title == "":
		name = fit(number, "")
	case number == "":
		name = fit("", title)
	default:
		name = fit(number+" ", title)
	}
	return avoidReserved(name)
}

// clean replaces forbidden characters, folds control characters and white
// space into single spaces, drops invisible format characters and trims dots
// and spaces at both ends.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		if fw, ok := fullWidth[r]; ok {
			r = fw
		}
		if unicode.Is(unicode.Cf, r) {
			// Format characters (zero-width spaces, byte-order marks,
			// bidirectional overrides) are invisible or reorder the name.
			continue
		}
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return trimEnds(b.String())
}

// trimEnds trims spaces and dots at both ends: Windows drops trailing ones
// and a leading dot hides a file on Linux and macOS.
func trimEnds(s string) string {
	return strings.Trim(s, " .")
}

// fit joins prefix and title, cutting the title (then, only if it must, the
// prefix) to the name limits.
func fit(prefix, title string) string {
	if fits(prefix + title) {
		return prefix + title
	}
	const mark = "…"
	if !fits(prefix + mark) {
		return trimEnds(cut(strings.TrimRight(prefix, " ")))
	}
	r := []rune(title)
	for len(r) > 0 && !fits(prefix+string(r)+mark) {
		r = r[:len(r)-1]
	}
	t := trimEnds(string(r))
	if t == "" {
		return trimEnds(prefix)
	}
	return prefix + t + mark
}

// fits reports whether s is within the name limits.
func fits(s string) bool {
	return len(s) <= maxNameBytes && utf8.RuneCountInString(s) <= maxNameRunes
}

// cut shortens s to the name limits.
func cut(s string) string {
	r := []rune(s)
	for len(r) > 0 && !fits(string(r)) {
		r = r[:len(r)-1]
	}
	return string(r)
}

// avoidReserved appends "_" to a Windows device name: "NUL" and "nul.x"
// become "NUL_" and "nul_.x".
func avoidReserved(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	if reservedNames[strings.ToUpper(strings.TrimRight(stem, " "))] {
		return stem + "_" + name[len(stem):]
	}
	return name
}
