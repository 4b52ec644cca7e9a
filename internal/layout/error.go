package layout

import (
	"fmt"
	"unicode/utf8"

	"tongbao/internal/doc"
)

// GlyphError reports a character that none of the bundled faces can draw.
// Rendering stops rather than printing a blank in its place.
type GlyphError struct {
	// Rune is the character.
	Rune rune
	// Where says where it occurs, in Chinese: 标题, 正文第 3 段,
	// 附件2 表格第 4 行第 5 列 …
	Where string
	// Text is the surrounding text (a short excerpt), to help find it.
	Text string
}

// Error returns the message in Chinese, naming the character, its code and
// where it is.
func (e *GlyphError) Error() string {
	msg := fmt.Sprintf("无法排版字符“%c”（U+%04X）：随附的字体都没有这个字", e.Rune, e.Rune)
	tail := "请改用常用字或删去该字符。"
	if e.Rune == utf8.RuneError {
		msg = "无法排版字符“\uFFFD”（U+FFFD）：文本中有无法识别的字节，可能是文件编码有误"
		tail = "请把来源文件另存为 UTF-8 编码后重试。"
	}
	if e.Where != "" {
		msg += "，位置：" + e.Where
	}
	if e.Text != "" {
		msg += "（“" + e.Text + "”）"
	}
	return msg + "。" + tail
}

// excerpt returns up to 8 runes either side of the rune at byte offset i.
func excerpt(s string, i int) string {
	rs := []rune(s)
	// find rune index of byte offset i
	bi, ri := 0, 0
	for ri < len(rs) && bi < i {
		bi += len(string(rs[ri]))
		ri++
	}
	from, to := ri-8, ri+9
	if from < 0 {
		from = 0
	}
	if to > len(rs) {
		to = len(rs)
	}
	return string(rs[from:to])
}

// ImageError reports an image the layout cannot take: not a PNG or JPEG
// file, or too big (doc.ImageSize).
type ImageError struct {
	// Name is the image's file name; Where says where it occurs (正文, 附件3 …).
	Name, Where string
	// Err is doc.ErrImageFormat or doc.ErrImageTooBig (wrapped).
	Err error
}

// Error returns the message in Chinese.
func (e *ImageError) Error() string {
	return doc.ImageMessage(e.Name, e.Err) + "（位置：" + e.Where + "）"
}

// Unwrap returns the reason.
func (e *ImageError) Unwrap() error { return e.Err }
