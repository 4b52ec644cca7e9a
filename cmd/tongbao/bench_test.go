package main

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkDraft is the whole `tongbao draft` on the sample, as the clerk runs
// it: config, database, templates, figures, composition, typesetting and the
// PDF written to disk. Target: ≤ 300 ms.
func BenchmarkDraft(b *testing.B) {
	e := newEnv(b)
	if _, errOut, code := e.run("import", "../../samples/2018Q4.xlsx", "../../samples/2019Q1.xlsx"); code != 0 {
		b.Fatal(errOut)
	}
	out := filepath.Join(e.dir, "draft.pdf")
	args := []string{"-c", e.cfg, "draft", "-date", "2019-04-12", "-o", out, "2019Q1"}
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatal("draft failed")
		}
	}
}
