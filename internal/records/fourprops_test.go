package records

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleOFD = "揭政数局函〔2019〕23号 关于2019年第一季度全市政府网站检查情况的通报.ofd"

// makeOFD returns an OFD container of n pages laid out as GB/T 33190 lays
// it out (OFD.xml → Doc_0/Document.xml → Pages/Page_i/Content.xml), with
// extra added to the first page's content. It stands in for the OFD writer's
// output, whose own tests validate it against the schemas.
func makeOFD(t *testing.T, n int, extra string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + body)); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	put("OFD.xml", `<ofd:OFD `+ns+` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`)
	var pages strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&pages, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, i+2, i)
	}
	put("Doc_0/Document.xml", `<ofd:Document `+ns+`><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>`+pages.String()+`</ofd:Pages></ofd:Document>`)
	for i := 0; i < n; i++ {
		body := ""
		if i == 0 {
			body = extra
		}
		put(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), `<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="1">`+body+`</ofd:Layer></ofd:Content></ofd:Page>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOFDPages(t *testing.T) {
	for _, n := range []int{1, 3} {
		got, err := ofdPages(makeOFD(t, n, ""))
		if err != nil || got != n {
			t.Errorf("ofdPages of %d pages = %d, %v", n, got, err)
		}
	}
	if _, err := ofdPages([]byte("PK not a zip")); err == nil {
		t.Error("ofdPages read a broken container")
	}
	broken := makeOFD(t, 2, "<unclosed>")
	if _, err := ofdPages(broken); err == nil || !strings.Contains(err.Error(), "第 1 页") {
		t.Errorf("ofdPages of a page that is not XML: %v", err)
	}
}

// writeWithOFD writes the sample package with a 2-page PDF and OFD.
func writeWithOFD(t *testing.T) (string, Package) {
	t.Helper()
	p := samplePackage(t, 2)
	p.OFD = makeOFD(t, 2, "")
	dir := filepath.Join(t.TempDir(), "2019-23")
	names, err := Write(dir, p, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{samplePDF, sampleOFD, MetadataFile, SHA256File, SM3File}; strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("Write wrote %q, want %q", names, want)
	}
	return dir, p
}

func TestPackageWithOFD(t *testing.T) {
	dir, p := writeWithOFD(t)
	r := verify(t, dir)
	if !r.OK() {
		t.Fatalf("package with OFD does not verify:\n%s", r)
	}
	for _, want := range []string{"各版式文件页数一致：PDF 2 页，OFD 2 页", "【通过】" + sampleOFD + " 可以打开：2 页", "登记簿：未核对"} {
		if !strings.Contains(r.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, r)
		}
	}
	m, err := parseMetadata(readFile(t, filepath.Join(dir, MetadataFile)))
	if err != nil {
		t.Fatal(err)
	}
	e := m.fileNamed(sampleOFD)
	if e == nil || e.Format != describeOFD || e.digest(methodSM3) != sm3Hex(p.OFD) {
		t.Errorf("OFD's 电子属性: %+v", e)
	}

	// A flipped byte of the OFD fails authenticity, naming the file.
	flipByte(t, filepath.Join(dir, sampleOFD), len(p.OFD)/2)
	r = verify(t, dir)
	failed(t, r, Authenticity, sampleOFD, "SHA-256")
	untouched(t, r, samplePDF)

	// An OFD of another page count is refused by Write.
	p.OFD = makeOFD(t, 3, "")
	if _, err := Write(t.TempDir(), p, false); err == nil || !strings.Contains(err.Error(), "OFD 有 3 页，PDF 有 2 页") {
		t.Errorf("Write with a 3-page OFD and 2-page PDF: %v", err)
	}
}

// withScript returns pdf with an incremental update whose catalog runs a
// JavaScript action when the file opens.
func withScript(pdf []byte) []byte {
	m := rootRe.FindAllSubmatch(pdf, -1)
	root := string(m[len(m)-1][1])
	var b bytes.Buffer
	b.Write(pdf)
	fmt.Fprintf(&b, "\n9990 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n")
	fmt.Fprintf(&b, "%s 0 obj\n<< /Type /Catalog /Pages 1 0 R /OpenAction 9990 0 R >>\nendobj\n", root)
	fmt.Fprintf(&b, "trailer\n<< /Root %s 0 R >>\n%%%%EOF\n", root)
	return b.Bytes()
}

func TestSafety(t *testing.T) {
	// A PDF with a script, rehashed everywhere so that only safety finds it.
	dir, p := writeSample(t, 1)
	p.PDF = withScript(p.PDF)
	if err := os.WriteFile(filepath.Join(dir, samplePDF), p.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, p, true); err != nil {
		t.Fatal(err)
	}
	r := verify(t, dir)
	failed(t, r, Safety, samplePDF, "含脚本（JavaScript）")
	if len(r.Failed()) != 1 {
		t.Errorf("want only safety to fail:\n%s", r)
	}

	// An OFD with a link action.
	q := samplePackage(t, 1)
	q.OFD = makeOFD(t, 1, `<ofd:Actions><ofd:Action Event="CLICK"><ofd:URI URI="http://example.com/x.exe"/></ofd:Action></ofd:Actions>`)
	dir = t.TempDir()
	if _, err := Write(dir, q, false); err != nil {
		t.Fatal(err)
	}
	failed(t, verify(t, dir), Safety, sampleOFD, "含外部链接动作")

	// Encryption and embedded files in a PDF.
	for what, add := range map[string]string{
		"已加密":   "trailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n",
		"含嵌入文件": "9991 0 obj\n<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream\nendobj\n",
	} {
		got := pdfHazards(append(append([]byte(nil), q.PDF...), add...))
		if len(got) != 1 || got[0] != what {
			t.Errorf("pdfHazards with %s = %q", what, got)
		}
	}
	if got := pdfHazards(q.PDF); len(got) != 0 {
		t.Errorf("gopdf's PDF has hazards: %q", got)
	}
}

func TestVerifyAgainstRegister(t *testing.T) {
	dir, p := writeWithOFD(t)
	reg := &Registered{Source: "登记簿 tongbao.db", SHA256: map[string]string{"pdf": sha256Hex(p.PDF), "ofd": sha256Hex(p.OFD)}}
	lookup := func(number string) (*Registered, error) {
		if number != p.Number {
			return nil, nil
		}
		return reg, nil
	}
	r, err := Verify(dir, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || !strings.Contains(r.String(), "登记簿：登记簿 tongbao.db（揭政数局函〔2019〕23号 登记的校验值）") {
		t.Fatalf("package checked against its register:\n%s", r)
	}

	// A swapped PDF whose checksum files and metadata were recomputed passes
	// every check of the package itself, but not the register's.
	swapped := p
	swapped.PDF = makePDF(t, 2)
	swapped.PDF = append(swapped.PDF, []byte("\n% 被替换的文件\n")...)
	if _, err := Write(dir, swapped, true); err != nil {
		t.Fatal(err)
	}
	if r := verify(t, dir); !r.OK() {
		t.Fatalf("the rehashed package should pass without the register:\n%s", r)
	}
	r, err = Verify(dir, lookup)
	if err != nil {
		t.Fatal(err)
	}
	failed(t, r, Authenticity, samplePDF+" 与登记簿", "文件被替换过")
	if len(r.Failed()) != 1 {
		t.Errorf("want only the PDF's register check to fail:\n%s", r)
	}

	// A number the register does not have.
	r, err = Verify(dir, func(string) (*Registered, error) { return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	failed(t, r, Authenticity, "与登记簿核对", "登记簿中没有已印发的")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
