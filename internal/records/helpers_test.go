package records

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signintech/gopdf"
)

// makePDF returns a real PDF of n A4 pages written by gopdf, as the issued
// circulars are; each page carries a few lines so that pages differ.
func makePDF(t *testing.T, n int) []byte {
	t.Helper()
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: 595.28, H: 841.89}, Unit: gopdf.UnitPT})
	gp.SetInfo(gopdf.PdfInfo{Title: "测试", CreationDate: time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)})
	for i := 0; i < n; i++ {
		gp.AddPage()
		for j := 0; j <= i; j++ {
			gp.Line(72, 100+float64(j)*20, 520, 100+float64(j)*20)
		}
	}
	var b bytes.Buffer
	if err := gp.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// samplePackage returns the package of 揭政数局函〔2019〕23号 with a PDF of
// pages pages.
func samplePackage(t *testing.T, pages int) Package {
	t.Helper()
	return Package{
		PDF:         makePDF(t, pages),
		Title:       "关于2019年第一季度全市政府网站检查情况的通报",
		Number:      "揭政数局函〔2019〕23号",
		Responsible: "揭阳市政务服务数据管理局",
		Date:        time.Date(2019, 4, 12, 0, 0, 0, 0, time.Local),
		Retention:   "30年",
		Pages:       pages,
		Recipients:  "各县（市、区）人民政府，市直各单位",
		CC:          []string{"市委办公室", "市政府办公室"},
	}
}

// writeSample writes the sample package into a new folder and returns it.
func writeSample(t *testing.T, pages int) (string, Package) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "归档", "2019-23")
	p := samplePackage(t, pages)
	if _, err := Write(dir, p, false); err != nil {
		t.Fatal(err)
	}
	return dir, p
}

// verify runs Verify without a register and fails on an error.
func verify(t *testing.T, dir string) *Report {
	t.Helper()
	r, err := Verify(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// failed returns the failed checks of property p whose subject or detail
// holds each of words; the test fails when there is none.
func failed(t *testing.T, r *Report, p Property, words ...string) []Check {
	t.Helper()
	var out []Check
	for _, c := range r.Failed() {
		if c.Property == p && holdsAll(c.Subject+"："+c.Detail, words) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Errorf("no failed %s check with %q in report:\n%s", p, words, r)
	}
	return out
}

// untouched fails the test when a failed check mentions any of words.
func untouched(t *testing.T, r *Report, words ...string) {
	t.Helper()
	for _, c := range r.Failed() {
		for _, w := range words {
			if strings.Contains(c.Subject, w) {
				t.Errorf("%s reported though untouched: %s\n%s", w, c, r)
			}
		}
	}
}

func holdsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// flipByte flips the lowest bit of the byte at off in the file at path.
func flipByte(t *testing.T, path string, off int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[off] ^= 1
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// resum rewrites both checksum files of dir from the files they list, so that
// a test can change a file and look at what only Verify's other checks find.
func resum(t *testing.T, dir string) {
	t.Helper()
	for _, c := range []struct {
		file string
		sum  func([]byte) string
	}{{SHA256File, sha256Hex}, {SM3File, sm3Hex}} {
		data, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := parseSums(data)
		for i, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.name))
			if err != nil {
				t.Fatal(err)
			}
			entries[i].sum = c.sum(b)
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), formatSums(entries), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// editMetadata replaces old by new in the metadata of dir.
func editMetadata(t *testing.T, dir, old, new string) {
	t.Helper()
	path := filepath.Join(dir, MetadataFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", MetadataFile, old)
	}
	data = bytes.Replace(data, []byte(old), []byte(new), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
