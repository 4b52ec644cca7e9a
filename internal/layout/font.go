package layout

import "tongbao/fonts"

// face is the metrics of one bundled face, which fonts parses once per
// process for the typesetter, the font subsetter and the OFD writer alike.
type face = fonts.Face

// loadFace returns the parsed metrics of a bundled face.
func loadFace(name string) (*face, error) { return fonts.FaceOf(name) }

// resetFaceCache forgets parsed faces (benchmarks measure cold loading).
func resetFaceCache() { fonts.ForgetFaces() }
