package layout

// The flow places grid lines and tables on pages. Grid lines carry their
// content relative to the line's middle, so that a page whose line pitch is
// tightened (to keep the 署名 and 成文日期 with the text) can be finalised
// with the new pitch.

// gline is one grid line's content: texts, rules and images whose Y is
// relative to the middle of the line.
type gline struct {
	texts  []Text
	rules  []Rule
	images []Image
	// keep marks a heading line: it is never the last line of a page.
	keep bool
	// body marks a line of body text (one that may be carried to the next page
	// with the 署名).
	body bool
}

// pageBuf is a page under construction.
type pageBuf struct {
	Page
	a     area
	lines []placedLine
	// first is the first grid line used by the flow (after the 版头 on page 1).
	first int
	// fill is the number of grid lines the page's pitch is set for; more than
	// a.lines when the page was tightened.
	fill     int
	hasTable bool
	// blank marks the page inserted before the 版记 to make the last page even.
	blank bool
	// noNumber suppresses the page number (letter format page 1, blank page …).
	noNumber bool
}

type placedLine struct {
	k int
	l gline
}

// pitch is the page's line pitch, tightened when it holds more lines than the grid.
func (p *pageBuf) pitch() float64 {
	if p.fill > p.a.lines {
		return (p.a.h - float64(p.first)*p.a.pitch) / float64(p.fill-p.first)
	}
	return p.a.pitch
}

// lineTop is the top of grid line k on this page.
func (p *pageBuf) lineTop(k int) float64 {
	return p.a.lineTop(p.first) + float64(k-p.first)*p.pitch()
}

// lastLine is the number of grid lines the page can hold.
func (p *pageBuf) capacity() int {
	if p.fill > p.a.lines {
		return p.fill
	}
	return p.a.lines
}

// finish turns the placed grid lines into absolute items.
func (p *pageBuf) finish() {
	pitch := p.pitch()
	for _, pl := range p.lines {
		mid := p.lineTop(pl.k) + pitch/2
		for _, t := range pl.l.texts {
			t.Y += mid
			p.Texts = append(p.Texts, t)
		}
		for _, r := range pl.l.rules {
			r.Y1 += mid
			r.Y2 += mid
			p.Rules = append(p.Rules, r)
		}
		for _, im := range pl.l.images {
			im.Y += mid
			p.Images = append(p.Images, im)
		}
	}
	p.lines = nil
}

// flow is the cursor that fills pages.
type flow struct {
	pages []*pageBuf
	pg    *pageBuf
	k     int // next free grid line on pg
}

// newPage starts a page of the given orientation.
func (f *flow) newPage(land bool) *pageBuf {
	p := &pageBuf{Page: Page{Width: pageW, Height: pageH}, a: portrait()}
	if land {
		p.Width, p.Height, p.Landscape, p.a = pageH, pageW, true, landscape()
	}
	f.pages = append(f.pages, p)
	f.pg, f.k = p, 0
	return p
}

// place puts one grid line at the cursor, starting a page when full.
func (f *flow) place(l gline) {
	if f.k >= f.pg.capacity() {
		f.newPage(f.pg.Landscape)
	}
	f.pg.lines = append(f.pg.lines, placedLine{k: f.k, l: l})
	f.k++
}

// blank leaves a grid line empty (not at the top of a page).
func (f *flow) blank(n int) {
	for i := 0; i < n; i++ {
		if f.k == 0 || f.k >= f.pg.capacity() {
			return
		}
		f.k++
	}
}

// placeLines places lines, never leaving a heading line last on a page:
// a heading and the line after it go to the next page together. need is the
// number of lines that must follow a heading at the end of ls (more content
// after these lines).
func (f *flow) placeLines(ls []gline, more bool) {
	for i := 0; i < len(ls); i++ {
		if ls[i].keep {
			// the heading's lines and the line after them
			c := 1
			for i+c < len(ls) && ls[i+c-1].keep {
				c++
			}
			if i+c > len(ls) || (i+c == len(ls) && ls[len(ls)-1].keep && !more) {
				c = len(ls) - i
			}
			if f.k > 0 && f.k+c > f.pg.capacity() && c <= f.pg.capacity() {
				f.newPage(f.pg.Landscape)
			}
		}
		f.place(ls[i])
	}
}

// room returns the grid lines left on the current page.
func (f *flow) room() int { return f.pg.capacity() - f.k }

// maxTighten bounds how far a page's pitch may tighten to keep the 署名 and
// 成文日期 with the text: to the pitch of 25 lines a page (29.0 pt → 25.5 pt).
const maxTighten = 3

// placeGroup places lines that must stay together on one page and with the
// text before them (the 署名, 成文日期 and 附注). When they do not fit, the
// page's line pitch is tightened; failing that, the last two lines of text
// come with them to the next page.
func (f *flow) placeGroup(ls []gline) {
	if len(ls) <= f.room() {
		for _, l := range ls {
			f.place(l)
		}
		return
	}
	need := f.k + len(ls)
	pg := f.pg
	if !pg.hasTable && f.k > pg.first && need > pg.first &&
		(pg.a.h-float64(pg.first)*pg.a.pitch)/float64(need-pg.first) >= pg.a.h/float64(pg.a.lines+maxTighten)-eps {
		f.pg.fill = need
		for _, l := range ls {
			f.place(l)
		}
		return
	}
	// Carry the last text lines (at least two, and any heading before them).
	var carry []gline
	for len(f.pg.lines) > 1 {
		last := f.pg.lines[len(f.pg.lines)-1].l
		if len(carry) >= 2 && !last.keep || !last.body && !last.keep {
			break
		}
		carry = append([]gline{last}, carry...)
		f.pg.lines = f.pg.lines[:len(f.pg.lines)-1]
	}
	f.newPage(f.pg.Landscape)
	for _, l := range carry {
		f.place(l)
	}
	for _, l := range ls {
		f.place(l)
	}
}
