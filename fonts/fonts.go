// Package fonts carries the bundled TrueType faces inside the binary, so that
// tongbao runs anywhere as one file. See SOURCES.md for where each face comes
// from, its licence and how build.sh rebuilds it.
package fonts

import (
	"embed"
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
)

// Names lists every bundled face in a fixed order.
var Names = []string{Fang, Song, Hei, Kai, SongRegular}

//go:embed *.ttf
var files embed.FS

// Data returns the TrueType bytes of the named face. The slice is shared and
// must not be modified.
func Data(name string) ([]byte, error) {
	b, err := files.ReadFile(name + ".ttf")
	if err != nil {
		return nil, fmt.Errorf("bundled font %q: %w", name, err)
	}
	return b, nil
}
