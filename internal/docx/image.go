package docx

import (
	"fmt"
	"strings"

	"tongbao/internal/doc"
)

// emu converts millimetres to English Metric Units.
func emu(v float64) int { return int(v * 36000) }

// addMedia adds an image part and returns its relationship id.
func (w *writer) addMedia(data []byte, format string) string {
	ext := "png"
	if format == "jpeg" {
		ext = "jpeg"
	}
	n := len(w.media) + 1
	m := media{name: fmt.Sprintf("image%d.%s", n, ext), rel: fmt.Sprintf("rIdImage%d", n), data: data}
	w.media = append(w.media, m)
	return m.rel
}

// graphic is the a:graphic of a picture.
func (w *writer) graphic(rel string, cx, cy int) string {
	w.nextID++
	return fmt.Sprintf(`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="图片 %d"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>`,
		w.nextID, w.nextID, rel, cx, cy)
}

// image writes a picture centred, as wide as the type area (or its Width),
// with its caption under it, kept together.
func (w *writer) image(b *strings.Builder, im *doc.Image, land bool) error {
	format, pw, ph, err := doc.ImageSize(im.Data)
	if err != nil {
		return fmt.Errorf("%s", doc.ImageMessage(im.Name, err))
	}
	width := im.Width
	maxW, maxH := 156.0, 225.0-15
	if land {
		maxW, maxH = 225.0, 156.0-15
	}
	if width <= 0 || width > maxW {
		width = maxW
	}
	height := width * float64(ph) / float64(pw)
	if height > maxH {
		width, height = width*maxH/height, maxH
	}
	rel := w.addMedia(im.Data, format)
	cx, cy := emu(width), emu(height)
	id := w.nextID + 1
	drawing := fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="图片 %d"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>%s</wp:inline></w:drawing></w:r>`,
		cx, cy, id, id, w.graphic(rel, cx, cy))
	keep := ""
	if im.Caption != "" {
		keep = `<w:keepNext/>`
	}
	p(b, "Caption", keep+`<w:spacing w:line="240" w:lineRule="auto"/>`, drawing)
	if im.Caption != "" {
		p(b, "Caption", "", w.run(im.Caption, doc.FaceFang, "", ""))
	}
	return nil
}

// seal returns a run holding the seal, 42 mm wide, floating over the 署名
// and 成文日期: centred on the date's middle, mid characters from the left
// of the type area, its top just below the line above.
func (w *writer) seal(data []byte, mid float64) (string, error) {
	format, pw, ph, err := doc.ImageSize(data)
	if err != nil {
		return "", fmt.Errorf("%s", doc.ImageMessage("印章", err))
	}
	const size = 42.0
	cx, cy := emu(size), emu(size*float64(ph)/float64(pw))
	rel := w.addMedia(data, format)
	x := int(mid*cell*635) - cx/2
	y := -int(0.35 * pitch * 635)
	id := w.nextID + 1
	return fmt.Sprintf(`<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">`+
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>%d</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>%d</wp:posOffset></wp:positionV>`+
		`<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="%d" name="印章"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>%s</wp:anchor></w:drawing></w:r>`,
		x, y, cx, cy, id, w.graphic(rel, cx, cy)), nil
}
