package doc

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // images may be JPEG
	_ "image/png"  // or PNG
	"strings"
)

// Image is a picture in the body or an annex, such as a screenshot of a
// publishing procedure: centred, scaled to the type area's width (or Width),
// its caption centred below it on the same page, never split across pages.
type Image struct {
	// Data is the PNG or JPEG file.
	Data []byte
	// Name is the file it came from, for messages.
	Name string
	// Width is the printed width in millimetres; 0 means the type area's
	// width (156 mm).
	Width float64
	// Caption is printed under the picture (图 1.1 添加文章页面); empty for none.
	Caption string
}

func (*Image) isBlock() {}

// MaxImagePixels bounds an image's size: 30 million pixels (a 6000 × 5000
// photograph) is far more than a page needs, and more would take hundreds
// of megabytes to draw.
const MaxImagePixels = 30_000_000

// ErrImageFormat is the error of ImageSize for data that is neither PNG nor JPEG.
var ErrImageFormat = errors.New("not a PNG or JPEG image")

// ErrImageTooBig is the error of ImageSize for an image of more than MaxImagePixels.
var ErrImageTooBig = errors.New("image too big")

// ImageMessage says in Chinese why the image file name was refused, for an
// error of ImageSize.
func ImageMessage(name string, err error) string {
	if errors.Is(err, ErrImageTooBig) {
		return fmt.Sprintf("图片 %s 太大（%s）：每张图片最多 %d 万像素，请缩小后再用（截图一般不超过 300 万像素）",
			name, strings.TrimPrefix(err.Error(), ErrImageTooBig.Error()+": "), MaxImagePixels/10000)
	}
	return fmt.Sprintf("图片 %s 不是 PNG 或 JPEG 文件，或者文件已损坏：请另存为 PNG 或 JPEG 后再用", name)
}

// ImageSize reads only the header of a PNG or JPEG image and returns its
// format ("png" or "jpeg") and size in pixels: ErrImageFormat for anything
// else, ErrImageTooBig (wrapped, with the size) when it has more than
// MaxImagePixels. It is the one rule for which images a document takes.
func ImageSize(data []byte) (format string, w, h int, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" && format != "jpeg" {
		return "", 0, 0, ErrImageFormat
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0, ErrImageFormat
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return format, cfg.Width, cfg.Height, fmt.Errorf("%w: %d × %d pixels", ErrImageTooBig, cfg.Width, cfg.Height)
	}
	return format, cfg.Width, cfg.Height, nil
}
