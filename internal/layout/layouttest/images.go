package layouttest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"tongbao/internal/doc"
)

// Screenshot draws a w × h picture like a screenshot of a web page: a title
// bar, a menu at the left and lines of text, in the shade of hue; as PNG,
// or as JPEG when jpg is set. The same arguments give the same bytes.
func Screenshot(w, h int, hue uint8, jpg bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	fill(0, 0, w, h, color.RGBA{250, 250, 250, 255})
	fill(0, 0, w, h/10, color.RGBA{hue, 90, 160, 255})
	fill(0, h/10, w/5, h, color.RGBA{230, 234, 240, 255})
	for y := h/10 + h/20; y+h/40 < h; y += h / 15 {
		fill(w/5+w/20, y, w-w/10-(y*7)%(w/5), y+h/40, color.RGBA{120, 120, 130, 255})
	}
	fill(0, 0, w, 2, color.RGBA{0, 0, 0, 255})
	fill(0, h-2, w, h, color.RGBA{0, 0, 0, 255})
	fill(0, 0, 2, h, color.RGBA{0, 0, 0, 255})
	fill(w-2, 0, w, h, color.RGBA{0, 0, 0, 255})
	var b bytes.Buffer
	if jpg {
		jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	} else {
		png.Encode(&b, img)
	}
	return b.Bytes()
}

// Procedure is a circular whose annex is a publishing procedure with five
// screenshots and their captions (PNG and JPEG, wide and tall, one of a
// given width), as annex 3 of the real Jieyang circular.
func Procedure() *doc.Document {
	steps := []struct {
		text    string
		w, h    int
		jpg     bool
		width   float64
		caption string
	}{
		{"1、在后台管理中，打开内容管理，然后打开添加文章的页面，如图 1.1 所示：", 1280, 720, false, 0, "图 1.1"},
		{"2、打开要转载信息的页面，对文章的标题、内容和时间进行复制，如下图 1.2 所示：", 1024, 768, true, 0, "图 1.2"},
		{"3、先在电脑上打开记事本，将刚刚在其他网站复制的文字粘贴进记事本，过滤掉网站上存在的暗链，如下图 1.3 所示：", 600, 900, false, 90, "图 1.3"},
		{"4、如果要转载的文章有图片，需要在原网站上将图片下载到本地，再上传到平台，如下图 1.4 所示：", 1366, 768, true, 0, "图 1.4 下载图片"},
		{"5、完成图片上传后，再调整文字内容的格式，确认无误后点击提交，如图 1.5 所示：", 1280, 1024, false, 120, "图 1.5 提交"},
	}
	blocks := []doc.Block{para("市级部门在集约化平台发布信息时，请按以下流程正确发布上网信息。")}
	for i, s := range steps {
		blocks = append(blocks, &doc.Paragraph{Runs: []doc.Run{{Text: s.text}}},
			&doc.Image{Data: Screenshot(s.w, s.h, uint8(40*i), s.jpg), Name: fmt.Sprintf("图1.%d", i+1), Width: s.width, Caption: s.caption})
	}
	d := frame("关于严格规范集约化部门子站信息发布流程的通知", Body()[:4])
	d.Attachments = []string{"市级部门集约化子站信息发布流程"}
	d.Annexes = []doc.Annex{{Label: "附件", Title: "市级部门集约化子站信息发布流程", Blocks: blocks}}
	return d
}
