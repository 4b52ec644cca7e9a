package fonts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
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

// TestDataIsShared checks Data hands out the embedded bytes without copying
// them: two calls share the backing array.
func TestDataIsShared(t *testing.T) {
	a, _ := Data(Fang)
	b, _ := Data(Fang)
	if &a[0] != &b[0] {
		t.Error("Data copies the face on every call")
	}
	if cap(a) != len(a) {
		t.Errorf("capacity %d beyond length %d: an append would write into the shared face", cap(a), len(a))
	}
}

// TestSums checks the embedded faces are the files SHA256SUMS records (the
// ones build.sh rebuilds) and that every face has its licence.
func TestSums(t *testing.T) {
	sums, err := os.ReadFile("SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		f := strings.Fields(l)
		want[strings.TrimSuffix(strings.TrimPrefix(f[1], "./"), ".ttf")] = f[0]
	}
	if len(want) != len(Names) {
		t.Errorf("SHA256SUMS lists %d faces, %d are bundled", len(want), len(Names))
	}
	for _, n := range Names {
		b, _ := Data(n)
		h := sha256.Sum256(b)
		if got := hex.EncodeToString(h[:]); got != want[n] {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %s", n, got, want[n])
		}
	}
	for _, l := range []string{"LICENSE-Fandol.txt", "LICENSE-NotoSerifSC.txt", "LICENSE-NotoSansSC.txt", "LICENSE-LXGWWenKai.txt", "LICENSE-cwTeX.txt"} {
		if st, err := os.Stat(l); err != nil || st.Size() == 0 {
			t.Errorf("licence %s missing: %v", l, err)
		}
	}
}
