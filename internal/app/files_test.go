package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWriteOutputRemovesStaleTemps: the temporary files of a killed writer
// (its process gone, or the file over an hour old) are removed by the next
// write to the folder; a running writer's are kept.
func TestWriteOutputRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".tongbao-999999999-1.tmp")                     // no such process
	old := filepath.Join(dir, ".tongbao-x-2.tmp")                              // no pid, two hours old
	live := filepath.Join(dir, fmt.Sprintf(".tongbao-%d-3.tmp", os.Getppid())) // the test's parent runs
	other := filepath.Join(dir, "用户的文件.tmp")
	for _, p := range []string{dead, old, live, other} {
		if err := os.WriteFile(p, []byte("半截"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	two := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, two, two)
	out := filepath.Join(dir, "通报.pdf")
	if err := writeOutput(out, []byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{dead: false, old: false, live: true, other: true, out: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	if b, _ := os.ReadFile(out); string(b) != "%PDF" {
		t.Errorf("output %q", b)
	}
}
