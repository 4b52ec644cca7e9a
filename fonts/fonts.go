// Package fonts carries the bundled TrueType faces inside the binary, so that
// tongbao runs anywhere as one file. See SOURCES.md for where each face comes
// from, its licence and how build.sh rebuilds it.
package fonts

import (
	_ "embed" // the faces are embedded as byte slices
	"fmt"
)

// Face names, also the file names without .ttf.
const (
	// Fang is 仿宋, the body face (FandolFang, GB2312 only: fall back per character).
	Fang = "FandolFang-Regular"
	// Song is the 小标宋 substitute for titles and the 发文机关标志 (Noto Serif SC Bold).
	Song = "NotoSerifSC-Bold"
	// Hei is 黑体 (Noto Sans SC Regular).
	Hei = "NotoSansSC-Regular"
	// Kai is 楷体 (LXGW WenKai Regular).
	Kai = "LXGWWenKai-Regular"
	// SongRegular is 宋体 (Noto Serif SC Regular): page numbers, and a fallback for 仿宋.
	SongRegular = "NotoSerifSC-Regular"
	// FangTraditional is a 仿宋 covering traditional characters (cwTeX 仿宋,
	// its CJK glyphs scaled to the em): the body's first fallback.
	FangTraditional = "cwTeXFangSong-Regular"
)

// Names lists every bundled face in a fixed order (new faces go last, so
// that documents not using them keep their bytes).
var Names = []string{Fang, Song, Hei, Kai, SongRegular, FangTraditional}

// The faces are embedded as []byte variables rather than an embed.FS:
// embed.FS.ReadFile copies the file on every call (7–16 MB a face), while a
// []byte variable refers to the bytes in the binary itself, copied never.
var (
	//go:embed FandolFang-Regular.ttf
	fang []byte
	//go:embed NotoSerifSC-Bold.ttf
	song []byte
	//go:embed NotoSansSC-Regular.ttf
	hei []byte
	//go:embed LXGWWenKai-Regular.ttf
	kai []byte
	//go:embed NotoSerifSC-Regular.ttf
	songRegular []byte
	//go:embed cwTeXFangSong-Regular.ttf
	fangTraditional []byte
)

// Data returns the TrueType bytes of the named face. The slice is the
// embedded data itself, shared by every caller, and must not be modified.
func Data(name string) ([]byte, error) {
	var b []byte
	switch name {
	case Fang:
		b = fang
	case Song:
		b = song
	case Hei:
		b = hei
	case Kai:
		b = kai
	case SongRegular:
		b = songRegular
	case FangTraditional:
		b = fangTraditional
	default:
		return nil, fmt.Errorf("bundled font %q: no such face", name)
	}
	return b[:len(b):len(b)], nil // capacity capped: an append copies
}
