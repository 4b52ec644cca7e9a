package layout

// ResetFaceCache forgets the parsed faces, for the external benchmarks that
// measure a cold start.
func ResetFaceCache() { resetFaceCache() }

// NaturalWidth is the width of text in 仿宋 of size on the body grid,
// unspread and unsqueezed: full-width characters fill their grid cells.
func NaturalWidth(text string, size float64) float64 {
	var s session
	gs, err := s.shape(nil, text, style{role: roleFang, size: size}, "")
	if err != nil {
		return 0
	}
	gridFit(gs, size, portrait().cell*size/sizeBody)
	return widthOf2(gs, 0, len(gs))
}
