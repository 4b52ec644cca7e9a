package layout

import (
	"math"

	"tongbao/internal/doc"
)

// imagePad is the least space kept above and below a picture within its grid lines.
const imagePad = 4.0

// imageBlock sets an image for the flow: the first of the grid lines the
// picture takes carries it, centred across the measure and in those lines;
// the caption's lines follow, centred in 3号仿宋, so that what comes after
// is back on the grid. The picture is as wide as the type area, or
// im.Width, and no taller than maxLines grid lines hold with its caption
// (a page's lines, or the room left on one).
func (ts *typesetter) imageBlock(im *doc.Image, a area, maxLines int, where string) ([]gline, error) {
	_, pw, ph, err := doc.ImageSize(im.Data)
	if err != nil {
		return nil, &ImageError{Name: im.Name, Where: where, Err: err}
	}
	var caption []gline
	if im.Caption != "" {
		caption, err = ts.simple(im.Caption, style{role: roleFang, size: sizeBody}, a, 0, 0, alignCenter, where+"图题")
		if err != nil {
			return nil, err
		}
	}
	w := a.w
	if im.Width > 0 {
		w = math.Min(im.Width*mm, a.w)
	}
	h := w * float64(ph) / float64(pw)
	if most := float64(maxLines-len(caption))*a.pitch - 2*imagePad; h > most {
		h, w = most, most*float64(pw)/float64(ph)
	}
	m := int(math.Ceil((h + 2*imagePad) / a.pitch))
	pic := Image{PNG: im.Data, X: a.x + (a.w-w)/2, Y: -a.pitch/2 + (float64(m)*a.pitch-h)/2, W: w, H: h}
	out := make([]gline, m, m+len(caption))
	out[0].images = []Image{pic}
	return append(out, caption...), nil
}

// minShrink is how small a picture may be drawn to fit the room left on a
// page rather than leave that room empty: two thirds of its height.
const minShrink = 2.0 / 3

// placeImage places an image's lines on one page. When they do not fit the
// room left on this one, the picture is drawn smaller to fit it, down to
// minShrink of its lines; failing that it goes to the next page. A page
// holding a picture keeps its pitch.
func (ts *typesetter) placeImage(im *doc.Image, ls []gline, where string) error {
	f := &ts.f
	if f.k > 0 && f.room() < len(ls) {
		caption := 0
		for _, l := range ls {
			if len(l.texts) > 0 {
				caption++
			}
		}
		if pic := len(ls) - caption; f.room()-caption >= int(math.Ceil(minShrink*float64(pic))) {
			smaller, err := ts.imageBlock(im, f.pg.a, f.room(), where)
			if err != nil {
				return err
			}
			ls = smaller
		} else {
			f.newPage(f.pg.Landscape)
		}
	}
	f.pg.hasTable = true
	for _, l := range ls {
		f.place(l)
	}
	return nil
}
