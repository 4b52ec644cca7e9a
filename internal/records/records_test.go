package records

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

const samplePDF = "揭政数局函〔2019〕23号 关于2019年第一季度全市政府网站检查情况的通报.pdf"

func TestWriteThenVerify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "归档", "2019-23")
	p := samplePackage(t, 3)
	names, err := Write(dir, p, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{samplePDF, MetadataFile, SHA256File, SM3File}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("Write returned %q, want %q", names, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Errorf("dir holds %d entries, want 4 (no temporary files left)", len(entries))
	}
	r := verify(t, dir)
	if !r.OK() {
		t.Fatalf("fresh package does not verify:\n%s", r)
	}
	for _, p := range []string{"真实性：通过", "完整性：通过", "可用性：通过", "安全性：通过", "结论：四性检测全部通过"} {
		if !strings.Contains(r.String(), p) {
			t.Errorf("report lacks %s:\n%s", p, r)
		}
	}

	// The checksum files are in sha256sum's format and cover PDF and metadata.
	sums, err := os.ReadFile(filepath.Join(dir, SHA256File))
	if err != nil {
		t.Fatal(err)
	}
	wantSums := sha256Hex(p.PDF) + "  " + samplePDF + "\n"
	if !strings.HasPrefix(string(sums), wantSums) || !strings.HasSuffix(string(sums), "  "+MetadataFile+"\n") {
		t.Errorf("SHA256SUMS =\n%s", sums)
	}
	sm, err := os.ReadFile(filepath.Join(dir, SM3File))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(sm), sm3Hex(p.PDF)+"  "+samplePDF+"\n") {
		t.Errorf("SM3SUMS =\n%s", sm)
	}
}

func TestMetadataContent(t *testing.T) {
	dir, p := writeSample(t, 2)
	data, err := os.ReadFile(filepath.Join(dir, MetadataFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("metadata does not start with the XML declaration:\n%s", data)
	}
	m, err := parseMetadata(data)
	if err != nil {
		t.Fatal(err)
	}
	c, e, o := m.File.Content, m.File.Electronic[0], m.File.Content.Official
	checks := []struct{ name, got, want string }{
		{"聚合层次", m.File.Level, "文件"},
		{"保管期限", m.File.Archival.Retention, "30年"},
		{"年度", m.File.Archival.Year, "2019"},
		{"立档单位名称", m.File.Unit, p.Responsible},
		{"电子文件号", m.File.ID, p.Number},
		{"公文元数据 标准", o.Standard, "GB/T 33480-2016"},
		{"发文字号", o.Number, p.Number},
		{"标题", o.Title, p.Title},
		{"发文机关标志", o.Mark, p.Responsible},
		{"署名", o.Signature, p.Responsible},
		{"印发机关", o.Printer, p.Responsible},
		{"成文日期", o.Date, "20190412"},
		{"印发日期", o.PrintDate, "20190412"},
		{"抄送机关", o.CC, "市委办公室，市政府办公室"},
		{"业务行为", m.Business[0].Action, "印发"},
		{"题名", c.Title, p.Title},
		{"文件编号", c.Number, p.Number},
		{"责任者", c.Responsible, p.Responsible},
		{"日期", c.Date, "20190412"},
		{"文种", c.Kind, "通报"},
		{"主送", c.Recipients, p.Recipients},
		{"抄送", c.CC, "市委办公室，市政府办公室"},
		{"密级", c.Secrecy, "公开"},
		{"格式信息", e.Format, "PDF 1.7（application/pdf）"},
		{"计算机文件名", e.Name, samplePDF},
		{"SHA-256", e.digest(methodSHA256), sha256Hex(p.PDF)},
		{"SM3", e.digest(methodSM3), sm3Hex(p.PDF)},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if len(m.File.Electronic) != 1 || len(m.Business) != 1 {
		t.Errorf("%d 电子属性 and %d 业务实体, want 1 and 1 (no OFD, not archived)", len(m.File.Electronic), len(m.Business))
	}
	if m.File.Form.Pages != 2 {
		t.Errorf("页数 = %d, want 2", m.File.Form.Pages)
	}
	if e.Size != int64(len(p.PDF)) {
		t.Errorf("计算机文件大小 = %d, want %d", e.Size, len(p.PDF))
	}
	t.Logf("元数据.xml:\n%s", data)
}

func TestSecrecy(t *testing.T) {
	for _, c := range []struct{ in, level, term string }{
		{"", "公开", ""},
		{"秘密", "秘密", ""},
		{"秘密★1年", "秘密", "1年"},
		{" 机密★ 5年 ", "机密", "5年"},
	} {
		level, term := secrecy(c.in)
		if level != c.level || term != c.term {
			t.Errorf("secrecy(%q) = %q, %q; want %q, %q", c.in, level, term, c.level, c.term)
		}
	}
}

func TestFlippedPDFByte(t *testing.T) {
	dir, p := writeSample(t, 2)
	flipByte(t, filepath.Join(dir, samplePDF), len(p.PDF)/2)
	r := verify(t, dir)
	if r.OK() {
		t.Fatalf("flipped PDF verifies:\n%s", r)
	}
	failed(t, r, Authenticity, samplePDF, "SHA-256 与 SHA256SUMS 不符", "SM3 与 SM3SUMS 不符", "与元数据中的数字摘要不符")
	untouched(t, r, MetadataFile)
	if !strings.Contains(r.String(), "真实性：未通过（1 项）") {
		t.Errorf("report:\n%s", r)
	}
}

func TestFlippedMetadataByte(t *testing.T) {
	dir, _ := writeSample(t, 2)
	path := filepath.Join(dir, MetadataFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Flip a digit of the 页数 so the XML stays well formed.
	flipByte(t, path, strings.Index(string(data), "<页数>")+len("<页数>"))
	r := verify(t, dir)
	failed(t, r, Authenticity, MetadataFile, "SHA-256 与 SHA256SUMS 不符", "SM3")
	failed(t, r, Usability, samplePDF, "页数")

	// A flipped byte that breaks the XML is caught too.
	dir, _ = writeSample(t, 1)
	flipByte(t, filepath.Join(dir, MetadataFile), 1) // <?xml → <>xml
	r = verify(t, dir)
	failed(t, r, Authenticity, MetadataFile, "SHA-256")
	failed(t, r, Integrity, MetadataFile, "无法解析")
	// The PDF is still found through the checksum files.
	if !strings.Contains(r.String(), "【通过】"+samplePDF+" 可以打开") {
		t.Errorf("PDF not found through the checksum files:\n%s", r)
	}
}

func TestDeletedFile(t *testing.T) {
	for _, name := range []string{samplePDF, MetadataFile, SHA256File, SM3File} {
		dir, _ := writeSample(t, 1)
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		r := verify(t, dir)
		if r.OK() {
			t.Errorf("deleted %s verifies:\n%s", name, r)
		}
		failed(t, r, Integrity, name, "文件缺失")
	}
}

func TestExtraFile(t *testing.T) {
	dir, _ := writeSample(t, 1)
	if err := os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "附件"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, tempPrefix+"123"+tempSuffix), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The report file is not an extra file.
	if err := os.WriteFile(filepath.Join(dir, ReportFile), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := verify(t, dir)
	if r.OK() {
		t.Fatalf("extra files verify:\n%s", r)
	}
	c := failed(t, r, Integrity, "未登记的文件 说明.txt", "未登记的文件 附件（文件夹）", tempPrefix+"123"+tempSuffix+"（中断的写入")
	if len(c) == 1 && strings.Contains(c[0].Detail, ReportFile) {
		t.Errorf("the report file counted as extra: %s", c[0])
	}
	if len(r.Failed()) != 1 {
		t.Errorf("want only the extra files reported:\n%s", r)
	}
}

func TestWrongPageCount(t *testing.T) {
	// The metadata says 5 pages, the checksums agree with the metadata: only
	// the count of the PDF's own pages finds it.
	dir, _ := writeSample(t, 3)
	editMetadata(t, dir, "<页数>3</页数>", "<页数>5</页数>")
	resum(t, dir)
	r := verify(t, dir)
	if r.OK() || len(r.Failed()) != 1 {
		t.Fatalf("wrong 页数: want only the page count reported:\n%s", r)
	}
	failed(t, r, Usability, samplePDF, "元数据记为 5 页，文件实有 3 页")

	// Write refuses a page count the PDF does not have.
	p := samplePackage(t, 2)
	p.Pages = 4
	_, err := Write(t.TempDir(), p, false)
	if circular.ErrorCode(err) != circular.EInvalid {
		t.Errorf("Write with wrong Pages: %v, want EInvalid", err)
	}
	// Pages 0 takes the PDF's count.
	p.Pages = 0
	dir = t.TempDir()
	if _, err := Write(dir, p, false); err != nil {
		t.Fatal(err)
	}
	if r := verify(t, dir); !r.OK() {
		t.Errorf("Pages 0:\n%s", r)
	}
}

func TestWrongSize(t *testing.T) {
	dir, _ := writeSample(t, 1)
	editMetadata(t, dir, "<计算机文件大小>", "<计算机文件大小>1")
	resum(t, dir)
	r := verify(t, dir)
	failed(t, r, Integrity, samplePDF+" 的大小", "元数据记为")
}

func TestWriteRefusesAnotherPackage(t *testing.T) {
	dir, a := writeSample(t, 2)
	before := readAll(t, dir)

	b := samplePackage(t, 3)
	b.Number = "揭政数局函〔2019〕24号"
	_, err := Write(dir, b, false)
	var ce *circular.Error
	if !errors.As(err, &ce) || ce.Code != circular.EConflict {
		t.Fatalf("Write over another package: %v, want EConflict", err)
	}
	if !strings.Contains(ce.Message, "揭政数局函〔2019〕23号") || !strings.Contains(ce.Message, "-overwrite") {
		t.Errorf("message: %s", ce.Message)
	}
	if !reflect.DeepEqual(readAll(t, dir), before) {
		t.Error("refused Write changed the folder")
	}

	// The same package again is fine and changes nothing.
	if _, err := Write(dir, a, false); err != nil {
		t.Errorf("Write of the same package: %v", err)
	}
	if !reflect.DeepEqual(readAll(t, dir), before) {
		t.Error("Write of the same package changed the folder")
	}

	// With overwrite the new package replaces the old one entirely.
	names, err := Write(dir, b, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, samplePDF)); !os.IsNotExist(err) {
		t.Errorf("old PDF left behind: %v", err)
	}
	if r := verify(t, dir); !r.OK() {
		t.Errorf("overwritten package:\n%s", r)
	}
	if len(readAll(t, dir)) != len(names) {
		t.Errorf("folder holds %d files, want %d", len(readAll(t, dir)), len(names))
	}
}

func TestWriteRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "草稿.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dir, samplePackage(t, 1), false)
	if circular.ErrorCode(err) != circular.EConflict || !strings.Contains(err.Error(), "草稿.docx") {
		t.Errorf("Write into a folder with other files: %v", err)
	}
	// With overwrite the package is written and the other file kept, for
	// Verify to report.
	if _, err := Write(dir, samplePackage(t, 1), true); err != nil {
		t.Fatal(err)
	}
	r := verify(t, dir)
	failed(t, r, Integrity, "未登记的文件 草稿.docx")
	if len(r.Failed()) != 1 {
		t.Errorf("\n%s", r)
	}
	// The same package next to another file: the message is about the file,
	// not about another package.
	_, err = Write(dir, samplePackage(t, 1), false)
	if circular.ErrorCode(err) != circular.EConflict || !strings.Contains(err.Error(), "已有其他文件（草稿.docx）") {
		t.Errorf("Write of the same package next to another file: %v", err)
	}
	// A file where the folder should be.
	file := filepath.Join(dir, "草稿.docx")
	if _, err := Write(file, samplePackage(t, 1), false); circular.ErrorCode(err) != circular.EConflict {
		t.Errorf("Write into a file: %v", err)
	}
}

func TestWriteRemovesTempFiles(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, tempPrefix+"42"+tempSuffix)
	if err := os.WriteFile(tmp, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, samplePackage(t, 1), false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("leftover temporary file kept: %v", err)
	}
	if r := verify(t, dir); !r.OK() {
		t.Errorf("\n%s", r)
	}
}

func TestWriteChecksInput(t *testing.T) {
	cases := map[string]func(*Package){
		"not a PDF":     func(p *Package) { p.PDF = []byte("hello") },
		"empty PDF":     func(p *Package) { p.PDF = nil },
		"no number":     func(p *Package) { p.Number = " " },
		"no title":      func(p *Package) { p.Title = "" },
		"no date":       func(p *Package) { p.Date = time.Time{} },
		"bad retention": func(p *Package) { p.Retention = "15年" },
	}
	for name, mutate := range cases {
		p := samplePackage(t, 1)
		mutate(&p)
		dir := filepath.Join(t.TempDir(), "x")
		_, err := Write(dir, p, false)
		if circular.ErrorCode(err) != circular.EInvalid {
			t.Errorf("%s: %v, want EInvalid", name, err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s: refused Write created the folder", name)
		}
	}
}

func TestVerifyErrors(t *testing.T) {
	_, err := Verify(filepath.Join(t.TempDir(), "没有"), nil)
	if circular.ErrorCode(err) != circular.ENotFound || !strings.Contains(err.Error(), "找不到归档包文件夹") {
		t.Errorf("missing dir: %v", err)
	}
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(file, nil); circular.ErrorCode(err) != circular.ENotFound {
		t.Errorf("file as dir: %v", err)
	}
	// A folder with none of the package's files is not a package: one
	// error, not a report listing every file in it as 未登记.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "照片.png"), []byte("x"), 0o644)
	for _, dir := range []string{t.TempDir(), other} {
		if _, err := Verify(dir, nil); circular.ErrorCode(err) != circular.ENotFound || !strings.Contains(err.Error(), "不是归档包") {
			t.Errorf("%s: %v", dir, err)
		}
	}
	// With only the metadata left, it is a package that does not verify.
	dir, _ := writeSample(t, 1)
	os.Remove(filepath.Join(dir, SHA256File))
	os.Remove(filepath.Join(dir, SM3File))
	if r := verify(t, dir); r.OK() {
		t.Errorf("a package without checksums verifies:\n%s", r)
	}
}

func TestChecksumFileWithBadLine(t *testing.T) {
	dir, _ := writeSample(t, 1)
	path := filepath.Join(dir, SM3File)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("xyz  ../../etc/passwd\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := verify(t, dir)
	failed(t, r, Integrity, SM3File, "第 3 行格式不对")
}

// readAll returns the files of dir and their contents.
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(b)
	}
	return m
}

func TestMetadataNamingAnotherFile(t *testing.T) {
	dir, _ := writeSample(t, 1)
	editMetadata(t, dir, samplePDF, SHA256File)
	resum(t, dir)
	r := verify(t, dir)
	if r.OK() {
		t.Fatalf("\n%s", r)
	}
	failed(t, r, Integrity, MetadataFile+" 的必填元素", "SHA256SUMS")
}
