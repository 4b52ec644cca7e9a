package fonts

import (
	"bytes"
	"testing"
)

// TestFacesAreTrueType checks every face is bundled with a TrueType-outline
// header, the only kind gopdf loads.
func TestFacesAreTrueType(t *testing.T) {
	for _, n := range Names {
		b, err := Data(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s: header % x, want TrueType 00 01 00 00", n, b[:4])
		}
	}
	if _, err := Data("nonexistent"); err == nil {
		t.Error("Data(nonexistent) succeeded")
	}
}
