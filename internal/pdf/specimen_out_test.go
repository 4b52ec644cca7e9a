package pdf_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSpecimens writes the specimens to the folder named by
// TONGBAO_SPECIMEN_OUT (skipped when unset), to look at them before
// rewriting the goldens with -update:
//
//	TONGBAO_SPECIMEN_OUT=/tmp/s go test ./internal/pdf -run TestWriteSpecimens
//	pdftoppm -r 80 -png /tmp/s/specimen.pdf /tmp/s/p
func TestWriteSpecimens(t *testing.T) {
	dir := os.Getenv("TONGBAO_SPECIMEN_OUT")
	if dir == "" {
		t.Skip("TONGBAO_SPECIMEN_OUT not set")
	}
	for _, s := range specimens {
		b, _ := render(t, s.doc())
		if err := os.WriteFile(filepath.Join(dir, s.file), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
