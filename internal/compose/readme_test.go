package compose

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and the function table in templates/README.md")

// TestReadmeFunctions keeps the function table in templates/README.md equal
// to FuncDocs; -update rewrites it.
func TestReadmeFunctions(t *testing.T) {
	const path = "../../templates/README.md"
	const marker = "## 函数\n\n"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(b), marker)
	if !ok {
		t.Fatalf("%s has no %q section", path, marker)
	}
	want := head + marker + FuncTable()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(b) != want {
		t.Errorf("%s: function table out of date; run go test ./internal/compose -update", path)
	}
}
