package records

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tongbao/internal/circular"
)

// IssueKind says what is wrong with a file of a package.
type IssueKind int

// Kinds of issues Verify finds.
const (
	// IssueMissing means a file the package lists is not in the folder.
	IssueMissing IssueKind = iota + 1
	// IssueUnregistered means a file in the folder that no checksum file lists.
	IssueUnregistered
	// IssueNotListed means a file of the package missing from one checksum file.
	IssueNotListed
	// IssueSize means the PDF's size differs from 计算机文件大小.
	IssueSize
	// IssueSHA256 means the file's SHA-256 differs from the recorded one.
	IssueSHA256
	// IssueSM3 means the file's SM3 differs from the recorded one.
	IssueSM3
	// IssuePages means the PDF's page count differs from 页数, or cannot be read.
	IssuePages
	// IssueMetadata means 元数据.xml disagrees with the PDF or cannot be parsed.
	IssueMetadata
	// IssueUnreadable means a file that cannot be read, or a checksum file with
	// lines that are not checksums.
	IssueUnreadable
)

// Issue is one thing wrong with a file, described in Chinese.
type Issue struct {
	Kind IssueKind
	Text string // e.g. SHA-256 不符; 大小不符（元数据记为 1024 字节，实有 1025 字节）
}

// FileResult is the result of checking one file of a package.
type FileResult struct {
	Name   string
	Issues []Issue // empty when the file holds
}

// OK reports whether the file holds.
func (f FileResult) OK() bool { return len(f.Issues) == 0 }

// String returns the report line of the file: 名称：一致, or 名称：不一致：
// followed by its issues joined by 、.
func (f FileResult) String() string {
	if f.OK() {
		return f.Name + "：一致"
	}
	texts := make([]string, len(f.Issues))
	for i, is := range f.Issues {
		texts[i] = is.Text
	}
	return f.Name + "：不一致：" + strings.Join(texts, "、")
}

// Report is the result of Verify: one FileResult per file, the package's
// files first (PDF, 元数据.xml, any other listed file, SHA256SUMS, SM3SUMS),
// then the files no checksum file lists.
type Report struct {
	Dir   string
	Files []FileResult
}

// OK reports whether every file holds: true only when each file the package
// lists is there with its recorded checksums, size and page count, and no
// other file is in the folder.
func (r *Report) OK() bool {
	for _, f := range r.Files {
		if !f.OK() {
			return false
		}
	}
	return len(r.Files) > 0
}

// String returns the report in Chinese, one line per file.
func (r *Report) String() string {
	var b strings.Builder
	for _, f := range r.Files {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// verifier holds what Verify has read of a package.
type verifier struct {
	dir     string
	present map[string]fs.DirEntry
	sha     []sumEntry
	sm3     []sumEntry
	hasSHA  bool
	hasSM3  bool
	meta    *metadata
	metaErr error
}

// Verify rechecks every file in dir against the recorded checksums, sizes and
// the PDF page count: each file listed in SHA256SUMS and SM3SUMS must be
// there with both checksums; the PDF must have the 计算机文件名, 计算机文件大小,
// 页数 and 数字摘要 recorded in 元数据.xml; any other file in dir is reported
// as 未登记的文件. A missing dir is an ENotFound error, an unreadable one EIO;
// everything else goes into the report.
func Verify(dir string) (*Report, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, circular.Wrap(err, circular.ENotFound, fmt.Sprintf("找不到归档包文件夹 %s。", dir))
	case err != nil:
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取归档包文件夹 %s。", dir))
	case !fi.IsDir():
		return nil, circular.Errorf(circular.ENotFound, "%s 不是文件夹：请给出归档包所在的文件夹。", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取归档包文件夹 %s。", dir))
	}
	v := &verifier{dir: dir, present: map[string]fs.DirEntry{}}
	for _, e := range entries {
		v.present[e.Name()] = e
	}
	if v.present[MetadataFile] == nil && v.present[SHA256File] == nil && v.present[SM3File] == nil {
		return nil, circular.Errorf(circular.ENotFound, "%s 不是归档包：其中没有 %s、%s 或 %s。请给出 tongbao archive 写出的文件夹。", dir, MetadataFile, SHA256File, SM3File)
	}
	rep := &Report{Dir: dir}
	shaRes, smRes := v.readSums(SHA256File, &v.sha, &v.hasSHA), v.readSums(SM3File, &v.sm3, &v.hasSM3)
	if data, ok := v.read(MetadataFile); ok {
		v.meta, v.metaErr = parseMetadata(data)
	}

	pdfName := v.pdfName()
	names := []string{pdfName, MetadataFile}
	seen := map[string]bool{pdfName: true, MetadataFile: true, SHA256File: true, SM3File: true}
	for _, list := range [][]sumEntry{v.sha, v.sm3} {
		for _, e := range list {
			if !seen[e.name] {
				seen[e.name] = true
				names = append(names, e.name)
			}
		}
	}
	for _, name := range names {
		switch {
		case name == "":
			rep.Files = append(rep.Files, FileResult{Name: "PDF 原件", Issues: []Issue{
				{IssueMissing, "文件缺失：元数据和校验值文件中都没有登记 PDF"}}})
		case name == pdfName:
			rep.Files = append(rep.Files, v.checkPDF(name))
		case name == MetadataFile:
			rep.Files = append(rep.Files, v.checkMetadata())
		default:
			res, _ := v.checkFile(name)
			rep.Files = append(rep.Files, res)
		}
	}
	rep.Files = append(rep.Files, shaRes, smRes)

	var extra []string
	for name := range v.present {
		if !seen[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		text := "未登记的文件"
		switch {
		case isTemp(name):
			text = "未登记的文件（中断的写入留下的临时文件，可以删除）"
		case v.present[name].IsDir():
			text = "未登记的文件夹"
		}
		rep.Files = append(rep.Files, FileResult{Name: name, Issues: []Issue{{IssueUnregistered, text}}})
	}
	return rep, nil
}

// read returns the contents of a regular file in the package folder.
func (v *verifier) read(name string) ([]byte, bool) {
	e, ok := v.present[name]
	if !ok || !e.Type().IsRegular() {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(v.dir, name))
	return data, err == nil
}

// readSums reads a checksum file into list and returns its report line.
func (v *verifier) readSums(name string, list *[]sumEntry, has *bool) FileResult {
	res := FileResult{Name: name}
	if _, ok := v.present[name]; !ok {
		res.Issues = append(res.Issues, Issue{IssueMissing, "文件缺失"})
		return res
	}
	data, ok := v.read(name)
	if !ok {
		res.Issues = append(res.Issues, Issue{IssueUnreadable, "无法读取"})
		return res
	}
	*has = true
	entries, problems := parseSums(data)
	*list = entries
	for _, p := range problems {
		res.Issues = append(res.Issues, Issue{IssueUnreadable, p})
	}
	if len(entries) == 0 && len(problems) == 0 {
		res.Issues = append(res.Issues, Issue{IssueUnreadable, "没有任何校验值"})
	}
	return res
}

// pdfName returns the name of the package's PDF: the 计算机文件名 of the
// metadata, or else the .pdf file the checksum files list.
func (v *verifier) pdfName() string {
	if v.meta != nil && pdfNameOK(v.meta.Electronic.Name) {
		return v.meta.Electronic.Name
	}
	for _, list := range [][]sumEntry{v.sha, v.sm3} {
		for _, e := range list {
			if strings.EqualFold(filepath.Ext(e.name), ".pdf") {
				return e.name
			}
		}
	}
	return ""
}

// pdfNameOK reports whether a 计算机文件名 can name the PDF of a package.
func pdfNameOK(name string) bool {
	return safeName(name) && name != MetadataFile && name != SHA256File && name != SM3File
}

// checkFile checks that name is there and matches both checksum files. It
// returns the file's contents when it could read them.
func (v *verifier) checkFile(name string) (FileResult, []byte) {
	res := FileResult{Name: name}
	add := func(k IssueKind, text string) { res.Issues = append(res.Issues, Issue{k, text}) }
	if _, ok := v.present[name]; !ok {
		add(IssueMissing, "文件缺失")
		return res, nil
	}
	data, ok := v.read(name)
	if !ok {
		add(IssueUnreadable, "无法读取")
		return res, nil
	}
	for _, c := range []struct {
		has   bool
		list  []sumEntry
		file  string
		kind  IssueKind
		label string
		sum   func([]byte) string
	}{
		{v.hasSHA, v.sha, SHA256File, IssueSHA256, "SHA-256", sha256Hex},
		{v.hasSM3, v.sm3, SM3File, IssueSM3, "SM3", sm3Hex},
	} {
		if !c.has {
			continue // the checksum file's own line says it is missing
		}
		want, ok := lookup(c.list, name)
		switch {
		case !ok:
			add(IssueNotListed, "未列入 "+c.file)
		case c.sum(data) != want:
			add(c.kind, c.label+" 不符")
		}
	}
	return res, data
}

// checkPDF checks the PDF against both checksum files and the metadata.
func (v *verifier) checkPDF(name string) FileResult {
	res, data := v.checkFile(name)
	if data == nil || v.meta == nil {
		return res
	}
	add := func(k IssueKind, text string) { res.Issues = append(res.Issues, Issue{k, text}) }
	e := v.meta.Electronic
	if e.Size != int64(len(data)) {
		add(IssueSize, fmt.Sprintf("大小不符（元数据记为 %d 字节，实有 %d 字节）", e.Size, len(data)))
	}
	has := func(k IssueKind) bool {
		for _, is := range res.Issues {
			if is.Kind == k {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		method string
		kind   IssueKind
		sum    func([]byte) string
	}{{methodSHA256, IssueSHA256, sha256Hex}, {methodSM3, IssueSM3, sm3Hex}} {
		want := e.digest(c.method)
		switch {
		case want == "":
			add(IssueMetadata, "元数据中没有 "+c.method+" 数字摘要")
		case want != c.sum(data) && !has(c.kind):
			add(c.kind, c.method+" 不符（与元数据中的数字摘要不同）")
		}
	}
	pages, err := pdfPages(data)
	switch {
	case err != nil:
		add(IssuePages, "页数不符（无法从 PDF 中读出页数）")
	case pages != v.meta.Form.Pages:
		add(IssuePages, fmt.Sprintf("页数不符（元数据记为 %d 页，PDF 实有 %d 页）", v.meta.Form.Pages, pages))
	}
	return res
}

// checkMetadata checks 元数据.xml against both checksum files and that it
// can be read.
func (v *verifier) checkMetadata() FileResult {
	res, data := v.checkFile(MetadataFile)
	if data == nil {
		return res
	}
	add := func(text string) { res.Issues = append(res.Issues, Issue{IssueMetadata, text}) }
	switch {
	case v.metaErr != nil:
		add("元数据无法解析")
	case !pdfNameOK(v.meta.Electronic.Name):
		add("元数据中的计算机文件名不是一个文件名")
	}
	return res
}
