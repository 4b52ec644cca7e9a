package ofd_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/ofd"
)

// tool finds an external program: skipped on a developer's machine without
// it, a failure in CI (env CI set), where .ci/run installs it.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "" {
		t.Skipf("no %s (apt-get install %s); the test runs in CI", name, pkg)
	}
	t.Fatalf("CI is set but %s is missing (apt-get install %s)", name, pkg)
	return ""
}

func typeset(t testing.TB, d *doc.Document) *layout.Result {
	t.Helper()
	r, err := layout.Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	b, err := ofd.Render(typeset(t, d), d.Info)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parts unpacks an OFD.
func parts(t testing.TB, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

var specimens = map[string]func() *doc.Document{
	"specimen": layouttest.Specimen, "letter": layouttest.Letter,
	"telegram": layouttest.Telegram, "joint": layouttest.Joint,
}

// TestDeterministic: the same document gives the same bytes twice.
func TestDeterministic(t *testing.T) {
	a, b := render(t, layouttest.Specimen()), render(t, layouttest.Specimen())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the specimen differ")
	}
}

// xsdDir is the folder of GB/T 33190-2016's schemas, beside the project
// (they are reference material, not committed): TONGBAO_OFD_XSD or
// ../shared/reference/ofd-xsd from the project root.
func xsdDir(t *testing.T) string {
	dir := os.Getenv("TONGBAO_OFD_XSD")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "reference", "ofd-xsd")
	}
	if _, err := os.Stat(filepath.Join(dir, "OFD.xsd")); err != nil {
		t.Skipf("no OFD schemas in %s (set TONGBAO_OFD_XSD): schema validation not run", dir)
	}
	return dir
}

// schemaOf names the schema a part validates against (see the schemas'
// README), "" for a part that is not XML.
func schemaOf(name string) string {
	switch {
	case name == "OFD.xml":
		return "OFD.xsd"
	case strings.HasSuffix(name, "/Document.xml"):
		return "Document.xsd"
	case strings.HasSuffix(name, "/Content.xml"):
		return "Page.xsd"
	case strings.HasSuffix(name, "Res.xml"):
		return "Res.xsd"
	case strings.HasSuffix(name, ".xml"):
		return "?"
	}
	return ""
}

// TestSchemas validates every XML part of the specimens' OFDs against the
// schema of GB/T 33190-2016's annex with xmllint.
func TestSchemas(t *testing.T) {
	dir := xsdDir(t)
	xmllint := tool(t, "xmllint", "libxml2-utils")
	for name, d := range specimens {
		tmp := t.TempDir()
		for part, data := range parts(t, render(t, d())) {
			schema := schemaOf(part)
			if schema == "" {
				continue
			}
			if schema == "?" {
				t.Errorf("%s: %s has no schema", name, part)
				continue
			}
			f := filepath.Join(tmp, strings.ReplaceAll(part, "/", "_"))
			if err := os.WriteFile(f, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, schema), f).CombinedOutput()
			if err != nil {
				t.Errorf("%s: %s against %s: %v\n%s", name, part, schema, err, out)
			}
		}
	}
}

// BenchmarkRender draws the specimen as OFD (compare with the pdf
// package's BenchmarkWriteCircular for the same pages as PDF).
func BenchmarkRender(b *testing.B) {
	d := layouttest.Specimen()
	r := typeset(b, d)
	var n int
	for b.Loop() {
		o, err := ofd.Render(r, d.Info)
		if err != nil {
			b.Fatal(err)
		}
		n = len(o)
	}
	b.ReportMetric(float64(n), "bytes")
}
