package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tongbao/internal/excel"
)

// TestGenerateCommand: generated workbooks import as they are, the same
// seed gives the same files, and a bad scale is a usage error.
func TestGenerateCommand(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "模拟")
	out := e.must("generate", "-scale", "city", "-seed", "3", "-rounds", "2", "-o", dir)
	if strings.Count(out, "已生成") != 2 || !strings.Contains(out, "政府网站 50 个") || !strings.Contains(out, "政务新媒体 300 个") {
		t.Fatalf("generate said:\n%s", out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(files) != 2 {
		t.Fatalf("files %v", files)
	}
	first, err := excel.ReadRound(files[1])
	if err != nil {
		t.Fatal(err)
	}
	e.must("generate", "-scale", "city", "-seed", "3", "-rounds", "2", "-o", dir)
	if again, err := excel.ReadRound(files[1]); err != nil || !reflect.DeepEqual(again, first) {
		t.Errorf("the same seed wrote a different round (%v)", err)
	}
	out = e.must("import", files[0], files[1])
	if strings.Count(out, "已导入") != 2 {
		t.Errorf("import said:\n%s", out)
	}
	e.must("draft", "-date", "2021-01-12", "-o", filepath.Join(e.dir, "d.pdf"))
	if _, errOut, code := e.run("generate", "-scale", "county", "-o", dir); code != 2 || !strings.Contains(errOut, "city、province 或 nation") {
		t.Errorf("bad scale: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := e.run("generate", "-scale", "city"); code != 2 || !strings.Contains(errOut, "-o") {
		t.Errorf("no -o: exit %d\n%s", code, errOut)
	}
}
