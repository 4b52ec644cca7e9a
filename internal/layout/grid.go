package layout

// Page geometry of GB/T 9704-2012, in points (1 mm = 72/25.4 pt).

const mm = 72 / 25.4

const (
	pageW = 595.28 // A4
	pageH = 841.89

	marginTop  = 37 * mm // 天头
	marginLeft = 28 * mm // 订口
	areaW      = 156 * mm
	areaH      = 225 * mm

	gridLines = 22 // lines per page
	gridChars = 28 // characters per line

	sizeTitle = 22   // 2号
	sizeBody  = 16   // 3号
	sizeSmall = 14   // 4号
	sizeTable = 12   // 小四
	emAscent  = 0.88 // the ideographic em box spans 0.88 em above the baseline
	emDescent = 0.12
)

// area is a type area (版心) with its line grid.
type area struct {
	x, y, w, h float64 // the type area on the page
	lines      int     // grid lines
	pitch      float64 // line pitch
	chars      int     // characters per line
	cell       float64 // character cell width
}

// portrait is the type area of an A4 portrait page.
func portrait() area {
	return area{x: marginLeft, y: marginTop, w: areaW, h: areaH,
		lines: gridLines, pitch: areaH / gridLines, chars: gridChars, cell: areaW / gridChars}
}

// landscape is the type area of a landscape page: the portrait area turned
// a quarter clockwise, so its top margin is the portrait left margin.
func landscape() area {
	a := area{x: pageH - marginTop - areaH, y: marginLeft, w: areaH, h: areaW, pitch: areaH / gridLines}
	a.lines = int(a.h/a.pitch + 0.01)
	a.pitch = a.h / float64(a.lines)
	a.chars = int(a.w/(areaW/gridChars) + 0.01)
	a.cell = a.w / float64(a.chars)
	return a
}

// lineTop is the top of grid line k (0-based).
func (a area) lineTop(k int) float64 { return a.y + float64(k)*a.pitch }
