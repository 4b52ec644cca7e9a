package ofd

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"

	"tongbao/internal/layout"
)

// page returns the Content.xml of p: one body layer holding its texts, rules
// and images in that order, as the PDF draws them.
func (w *writer) page(p *layout.Page) ([]byte, error) {
	var b strings.Builder
	b.WriteString(xmlHead + `<ofd:Page ` + ns + `>`)
	fmt.Fprintf(&b, "<ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:Area>", mm(p.Width), mm(p.Height))
	fmt.Fprintf(&b, `<ofd:Content><ofd:Layer ID="%d" Type="Body">`, w.id())
	for i := range p.Texts {
		w.text(&b, p, &p.Texts[i])
	}
	for _, rl := range p.Rules {
		w.rule(&b, rl)
	}
	for _, im := range p.Images {
		id, err := w.image(im.PNG)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, `<ofd:ImageObject ID="%d" Boundary="%s %s %s %s" CTM="%s 0 0 %s 0 0" ResourceID="%d"/>`,
			w.id(), mm(im.X), mm(im.Y), mm(im.W), mm(im.H), mm(im.W), mm(im.H), id)
	}
	b.WriteString("</ofd:Layer></ofd:Content></ofd:Page>\n")
	return []byte(b.String()), nil
}

// text writes one run as a TextObject. The boundary is the run's box with a
// margin (so no reader clips a glyph's overshoot); TextCode puts the first
// glyph's origin on the baseline inside it, and DeltaX gives each following
// glyph's distance from the previous: its advance at the size plus the run's
// character spacing, exactly the PDF's Tc placement.
func (w *writer) text(b *strings.Builder, p *layout.Page, t *layout.Text) {
	runes := []rune(t.Text)
	if len(runes) == 0 {
		return
	}
	face := w.faces[t.Font]
	deltas := make([]string, 0, len(runes)-1)
	for _, r := range runes[:len(runes)-1] {
		deltas = append(deltas, mm(face.Advance(r)*t.Size+t.Spacing))
	}
	var left, top, width, height, x, y float64
	var ctm string
	if t.Rotate != 0 {
		// the whole page as boundary, turned clockwise about the origin
		// (y grows downwards, so the usual matrix turns clockwise)
		left, top, width, height = 0, 0, p.Width, p.Height
		x, y = t.X, t.Y
		a := t.Rotate * math.Pi / 180
		cos, sin := math.Cos(a), math.Sin(a)
		e := t.X - (cos*t.X - sin*t.Y)
		f := t.Y - (sin*t.X + cos*t.Y)
		ctm = fmt.Sprintf(` CTM="%s %s %s %s %s %s"`, num(cos), num(sin), num(-sin), num(cos), mm(e), mm(f))
	} else {
		margin := t.Size * 0.25
		left, top = t.X-margin, t.Y-t.Size*1.2
		width, height = t.Width+2*margin, t.Size*1.6
		x, y = margin, t.Size*1.2
	}
	color := ""
	if t.Color != (layout.Color{}) {
		color = fmt.Sprintf(`<ofd:FillColor Value="%d %d %d"/>`, t.Color.R, t.Color.G, t.Color.B)
	}
	fmt.Fprintf(b, `<ofd:TextObject ID="%d" Boundary="%s %s %s %s"%s Font="%d" Size="%s">%s<ofd:TextCode X="%s" Y="%s"`,
		w.id(), mm(left), mm(top), mm(width), mm(height), ctm, w.fontID[t.Font], mm(t.Size), color, mm(x), mm(y))
	if len(deltas) > 0 {
		fmt.Fprintf(b, ` DeltaX="%s"`, strings.Join(deltas, " "))
	}
	b.WriteString(">")
	xmlEscape(b, t.Text)
	b.WriteString("</ofd:TextCode></ofd:TextObject>")
}

// rule writes a straight line as a stroked PathObject whose boundary is the
// line's box widened by the stroke.
func (w *writer) rule(b *strings.Builder, rl layout.Rule) {
	half := rl.Width / 2
	left, top := min(rl.X1, rl.X2)-half, min(rl.Y1, rl.Y2)-half
	width, height := math.Abs(rl.X2-rl.X1)+rl.Width, math.Abs(rl.Y2-rl.Y1)+rl.Width
	color := ""
	if rl.Color != (layout.Color{}) {
		color = fmt.Sprintf(`<ofd:StrokeColor Value="%d %d %d"/>`, rl.Color.R, rl.Color.G, rl.Color.B)
	}
	fmt.Fprintf(b, `<ofd:PathObject ID="%d" Boundary="%s %s %s %s" LineWidth="%s">%s<ofd:AbbreviatedData>M %s %s L %s %s</ofd:AbbreviatedData></ofd:PathObject>`,
		w.id(), mm(left), mm(top), mm(width), mm(height), mm(rl.Width), color,
		mm(rl.X1-left), mm(rl.Y1-top), mm(rl.X2-left), mm(rl.Y2-top))
}

// mm formats a length in points as millimetres to the thousandth.
func mm(pt float64) string { return num(pt * mmPerPt) }

// num formats v to the thousandth, without trailing zeros.
func num(v float64) string {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return "0" // never "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// xmlEscape writes s escaped for XML text and attribute values.
func xmlEscape(b *strings.Builder, s string) {
	xml.EscapeText(b, []byte(s)) //nolint:errcheck // a strings.Builder does not fail
}
