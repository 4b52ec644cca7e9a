package records

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPDFPagesGopdf(t *testing.T) {
	for _, n := range []int{1, 2, 7} {
		b := makePDF(t, n)
		got, err := pdfPages(b)
		if err != nil || got != n {
			t.Errorf("%d pages: got %d, %v", n, got, err)
		}
		// Without the page tree's /Count the /Type /Page objects are counted.
		broken := bytes.ReplaceAll(b, []byte("/Count"), []byte("/Cxunt"))
		if got, err := pdfPages(broken); err != nil || got != n {
			t.Errorf("%d pages, no /Count: got %d, %v", n, got, err)
		}
		// Likewise without /Root.
		broken = bytes.ReplaceAll(b, []byte("/Root"), []byte("/Rxot"))
		if got, err := pdfPages(broken); err != nil || got != n {
			t.Errorf("%d pages, no /Root: got %d, %v", n, got, err)
		}
	}
	if v, err := pdfVersion(makePDF(t, 1)); err != nil || v != "1.7" {
		t.Errorf("version %q, %v", v, err)
	}
}

// objStmPDF returns a PDF 1.5 whose catalog, page tree and pages all sit in a
// compressed object stream, with a cross-reference stream for trailer.
func objStmPDF(t *testing.T, pages int, root bool) []byte {
	t.Helper()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	kids := ""
	for i := 0; i < pages; i++ {
		kids += fmt.Sprintf("%d 0 R ", 3+i)
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages))
	for i := 0; i < pages; i++ {
		objs = append(objs, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>")
	}
	var header, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(o)
		body.WriteByte('\n')
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(header.Bytes())
	w.Write(body.Bytes())
	w.Close()
	n := len(objs) + 1
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n",
		n, len(objs), header.Len(), z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	rootRef := ""
	if root {
		rootRef = "/Root 1 0 R "
	}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d %s/Length 0 >>\nstream\n\nendstream\nendobj\n", n+1, n+2, rootRef)
	b.WriteString("startxref\n0\n%%EOF\n")
	return b.Bytes()
}

func TestPDFPagesObjectStreams(t *testing.T) {
	for _, root := range []bool{true, false} {
		got, err := pdfPages(objStmPDF(t, 4, root))
		if err != nil || got != 4 {
			t.Errorf("object streams (root %v): got %d, %v", root, got, err)
		}
	}
}

func TestPDFPagesIndirectCount(t *testing.T) {
	pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [4 0 R] /Count 3 0 R >>\nendobj\n" +
		"3 0 obj\n1\nendobj\n" +
		"4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n" +
		"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
	if got, err := pdfPages([]byte(pdf)); err != nil || got != 1 {
		t.Errorf("indirect /Count: got %d, %v", got, err)
	}
}

func TestPDFPagesIncrementalUpdate(t *testing.T) {
	// An update appends a new page tree with a second page; the last
	// definition of object 2 and the last /Root count.
	pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
		"3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n" +
		"trailer\n<< /Root 1 0 R >>\n%%EOF\n" +
		"2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n" +
		"4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n" +
		"trailer\n<< /Root 1 0 R /Prev 0 >>\n%%EOF\n"
	if got, err := pdfPages([]byte(pdf)); err != nil || got != 2 {
		t.Errorf("incremental update: got %d, %v", got, err)
	}
}

func TestPDFPagesNotAPDF(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("hello"), []byte("%PDF-1.7\nnothing here\n")} {
		if n, err := pdfPages(b); err == nil {
			t.Errorf("%q: got %d pages, want an error", b, n)
		}
	}
}

// The specimens the PDF renderer of this project checks itself against: real
// circulars with embedded fonts and compressed content streams.
func TestPDFPagesSpecimens(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "pdf", "testdata", "*.pdf"))
	if len(files) == 0 {
		t.Skip("no specimens in internal/pdf/testdata")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := pdfPages(b)
		if err != nil || tree < 1 {
			t.Errorf("%s: %d pages, %v", f, tree, err)
			continue
		}
		leaves, err := pdfPages(bytes.ReplaceAll(b, []byte("/Root"), []byte("/Rxot")))
		if err != nil || leaves != tree {
			t.Errorf("%s: page tree says %d pages, /Type /Page objects %d (%v)", f, tree, leaves, err)
		}
	}
}

func TestPDFPagesLinear(t *testing.T) {
	// Many small objects before one stream: reading must not rescan the file
	// for every object.
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n")
	for i := 4; i < 200000; i++ {
		fmt.Fprintf(&b, "%d 0 obj\n%d\nendobj\n", i, i)
	}
	b.WriteString("200000 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	done := make(chan struct{})
	go func() {
		defer close(done)
		if n, err := pdfPages(b.Bytes()); err != nil || n != 1 {
			t.Errorf("got %d, %v", n, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pdfPages is quadratic in the number of objects")
	}
}
