package layout

// ResetFaceCache forgets the parsed faces, for the external benchmarks that
// measure a cold start.
func ResetFaceCache() { resetFaceCache() }
