package fonts

import (
	"errors"
	"testing"
)

// TestFace checks a bundled face's metrics on characters whose widths are
// known: FandolFang sets digits half an em and ideographs and full-width
// punctuation a whole one, and lacks what it lacks.
func TestFace(t *testing.T) {
	f, err := FaceOf(Fang)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r   rune
		has bool
		adv float64
	}{
		{'2', true, 0.5},
		{'国', true, 1},
		{'，', true, 1},
		{'%', true, 0.833},
		{'\ue000', false, 0}, // private use
		{0x2A6D6, false, 0},  // CJK Extension B
		{-1, false, 0},       // not a rune
	}
	for _, tc := range tests {
		if got := f.Has(tc.r); got != tc.has {
			t.Errorf("Has(%U) = %v, want %v", tc.r, got, tc.has)
		}
		if got := f.Advance(tc.r); got != tc.adv {
			t.Errorf("Advance(%U) = %v, want %v", tc.r, got, tc.adv)
		}
	}
	if g, _ := FaceOf(Fang); g != f {
		t.Error("FaceOf parsed the face again")
	}
	if _, err := FaceOf("SimSun"); err == nil {
		t.Error("FaceOf found a face that is not bundled")
	}
	for _, b := range [][]byte{nil, []byte("not a font at all"), make([]byte, 64)} {
		if _, err := parseFace(b); !errors.Is(err, errBadFont) {
			t.Errorf("parseFace(%q): %v, want errBadFont", b, err)
		}
	}
}

// BenchmarkParseFace parses the metrics of the largest bundled face, the
// cost of its first use in a process.
func BenchmarkParseFace(b *testing.B) {
	data, err := Data(Song)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := parseFace(data); err != nil {
			b.Fatal(err)
		}
	}
}
