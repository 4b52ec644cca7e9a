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
	// the data examples sit between their marker and the next section
	const dataMarker = "以下示例由测试逐条执行：\n\n"
	before, rest, ok := strings.Cut(head, dataMarker)
	if !ok {
		t.Fatalf("%s has no %q", path, dataMarker)
	}
	_, after, ok := strings.Cut(rest, "\n## ")
	if !ok {
		t.Fatalf("%s: no section after the data examples", path)
	}
	head = before + dataMarker + DataTable() + "\n## " + after
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
