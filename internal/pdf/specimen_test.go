package pdf_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata")

// specimens are the golden documents.
var specimens = []struct {
	file string
	doc  func() *doc.Document
}{
	{"specimen.pdf", layouttest.Specimen},
	{"specimen-letter.pdf", layouttest.Letter},
	{"specimen-telegram.pdf", layouttest.Telegram},
	{"specimen-joint.pdf", layouttest.Joint},
}

func render(t testing.TB, d *doc.Document) ([]byte, *layout.Result) {
	t.Helper()
	r, err := layout.Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pdf.Write(&b, r, d.Info); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), r
}

// TestGolden renders the specimens and compares them byte for byte with
// testdata; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, s := range specimens {
		t.Run(s.file, func(t *testing.T) {
			got, _ := render(t, s.doc())
			again, _ := render(t, s.doc())
			if !bytes.Equal(got, again) {
				t.Fatal("two renders of the same document differ")
			}
			path := filepath.Join("testdata", s.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/pdf -update)", err)
			}
			if !bytes.Equal(got, want) {
				os.WriteFile(filepath.Join(t.TempDir(), s.file), got, 0o644)
				t.Errorf("%s differs from the golden file (%d bytes, want %d); if the change is intended, run go test ./internal/pdf -update", s.file, len(got), len(want))
			}
		})
	}
}

// TestConcurrentRenders: documents typeset and drawn at the same time (the
// faces' metrics shared, the font bytes shared) come out byte for byte as
// the golden file.
func TestConcurrentRenders(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "specimen-letter.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	got := make(chan []byte, n)
	for i := 0; i < n; i++ {
		go func() {
			r, err := layout.Typeset(layouttest.Letter())
			if err != nil {
				t.Error(err)
				got <- nil
				return
			}
			var b bytes.Buffer
			if err := pdf.Write(&b, r, layouttest.Letter().Info); err != nil {
				t.Error(err)
			}
			got <- b.Bytes()
		}()
	}
	for i := 0; i < n; i++ {
		if b := <-got; !bytes.Equal(b, want) {
			t.Errorf("render %d differs from the golden file (%d bytes, want %d)", i+1, len(b), len(want))
		}
	}
}
