// Package records writes and checks the records package (归档包) of an issued
// circular, what the records clerk files into the records system: the PDF,
// its metadata after DA/T 46-2009《文书类电子文件元数据方案》(元数据.xml) and
// the SHA-256 and SM3 (GB/T 32905-2016) checksums of both (SHA256SUMS,
// SM3SUMS, in the line format of sha256sum).
//
// Every file is written atomically (a temporary file in the package folder,
// then a rename), the checksum files last, so an interrupted write never
// leaves a half-written file under a final name, and a package without its
// checksum files is visibly incomplete. Verify rechecks a package.
package records

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// Package is what goes into a records package.
type Package struct {
	PDF []byte // the issued PDF
	// OFD is the same circular as OFD (GB/T 33190); nil for a package
	// without one.
	OFD         []byte
	Title       string    // 题名 (the circular's title)
	Number      string    // 文件编号, e.g. 揭政数局函〔2019〕23号
	Responsible string    // 责任者 (issuer full name)
	Date        time.Time // 日期 (成文日期)
	// Secrecy is the 密级 as printed (秘密, 秘密★1年); empty means the
	// circular bears none and 公开 is recorded.
	Secrecy    string
	Retention  string   // 保管期限: 永久, 30年 or 10年
	Pages      int      // 页数; 0 takes the count from the PDF
	Recipients string   // 主送
	CC         []string // 抄送

	// The rest of GB/T 33480's 公文 elements, as printed; empty where the
	// circular bears none.
	CopyNumber  string    // 份号
	Urgency     string    // 紧急程度
	Mark        string    // 发文机关标志
	Signers     string    // 签发人
	Attachments []string  // 附件说明, the annex names in order
	Signature   string    // 署名; Responsible when empty
	Note        string    // 附注
	Printer     string    // 印发机关; Responsible when empty
	PrintDate   time.Time // 印发日期; Date when zero
	Publication string    // 发布层次, e.g. 社会公开

	// The 档号 and 来源, as the office's records system numbers them; empty
	// parts are written empty.
	Unit         string // 立档单位名称; Responsible when empty
	Fonds        string // 全宗号
	Organization string // 机构或问题
	Item         string // 件号
	// Creator is the 文档创建程序, e.g. tongbao 1.2.
	Creator string
	// Issued is when the 印发 action was recorded (the register's time);
	// Archived the date of the 归档 action. Zero leaves the time empty.
	Issued   time.Time
	Archived time.Time
}

// Temporary files of an unfinished write: hidden, and recognisable so that
// the next Write removes them and Verify names them.
const (
	tempPrefix = ".tongbao-"
	tempSuffix = ".tmp"
)

func isTemp(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}

// file is one file of a package.
type file struct {
	name string
	data []byte
}

// Write writes the package into dir (created if needed) and returns the file
// names written: the PDF, the OFD when there is one, 元数据.xml, SHA256SUMS
// and SM3SUMS.
//
// With overwrite false, Write refuses (EConflict, Chinese message) when dir
// already holds a different package or any other file; a dir holding this very
// package is left as it is. With overwrite true, the files of the package in
// dir are replaced and those of the old package that the new one does not
// have are removed; files that belong to no package are left alone (Verify
// reports them as 未登记的文件).
func Write(dir string, p Package, overwrite bool) ([]string, error) {
	files, err := build(p)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	stale, same, err := prepare(dir, files, overwrite)
	if err != nil {
		return nil, err
	}
	if same {
		return names, nil
	}
	// The documents and the metadata first, then away with what is left of
	// an old package, then the checksum files: only a complete package has them.
	sums := len(files) - 2
	for _, f := range files[:sums] {
		if err := writeAtomic(dir, f.name, f.data); err != nil {
			return nil, err
		}
	}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法删除旧归档包中的文件 %s。", filepath.Join(dir, name)))
		}
	}
	for _, f := range files[sums:] {
		if err := writeAtomic(dir, f.name, f.data); err != nil {
			return nil, err
		}
	}
	syncDir(dir)
	return names, nil
}

// build checks p and returns the files of its package in writing order.
func build(p Package) ([]file, error) {
	if len(p.PDF) == 0 {
		return nil, circular.Errorf(circular.EInvalid, "要归档的 PDF 是空的。")
	}
	version, err := pdfVersion(p.PDF)
	if err != nil || version == "" {
		return nil, circular.Errorf(circular.EInvalid, "要归档的文件不是 PDF（开头没有 %%PDF- 标识）。")
	}
	number, title := strings.TrimSpace(p.Number), strings.TrimSpace(p.Title)
	responsible := strings.TrimSpace(p.Responsible)
	var missing []string
	if title == "" {
		missing = append(missing, "题名")
	}
	if number == "" {
		missing = append(missing, "文件编号")
	}
	if responsible == "" {
		missing = append(missing, "责任者（发文机关全称）")
	}
	if p.Date.IsZero() {
		missing = append(missing, "日期（成文日期）")
	}
	if len(missing) > 0 {
		return nil, circular.Errorf(circular.EInvalid, "归档包缺少%s。", strings.Join(missing, "、"))
	}
	switch p.Retention {
	case "永久", "30年", "10年":
	default:
		return nil, circular.Errorf(circular.EInvalid, "保管期限「%s」不对：应为「永久」「30年」或「10年」。", p.Retention)
	}
	pages, err := pdfPages(p.PDF)
	if err != nil {
		return nil, circular.Wrap(err, circular.EInvalid, "无法从要归档的 PDF 中读出页数。")
	}
	if p.Pages != 0 && p.Pages != pages {
		return nil, circular.Errorf(circular.EInvalid, "页数不符：登记为 %d 页，PDF 实有 %d 页。", p.Pages, pages)
	}
	base := FileName(number, title)
	docs := []file{{base + ".pdf", p.PDF}}
	formats := []string{describePDF(p.PDF)}
	if p.OFD != nil {
		n, err := ofdPages(p.OFD)
		if err != nil {
			return nil, circular.Wrap(err, circular.EInvalid, "要归档的 OFD 文件无法读取。")
		}
		if n != pages {
			return nil, circular.Errorf(circular.EInvalid, "OFD 有 %d 页，PDF 有 %d 页，两者应是同一份通报。", n, pages)
		}
		docs = append(docs, file{base + ".ofd", p.OFD})
		formats = append(formats, describeOFD)
	}
	meta, err := marshalMetadata(p.metadata(number, title, responsible, pages, docs, formats))
	if err != nil {
		return nil, circular.Wrap(err, circular.EInternal, "无法生成元数据。")
	}
	files := append(docs, file{MetadataFile, meta})
	var sha, sm []sumEntry
	for _, f := range files {
		sha = append(sha, sumEntry{sha256Hex(f.data), f.name})
		sm = append(sm, sumEntry{sm3Hex(f.data), f.name})
	}
	return append(files, file{SHA256File, formatSums(sha)}, file{SM3File, formatSums(sm)}), nil
}

// metadata describes p, whose document files are docs in the formats given.
func (p *Package) metadata(number, title, responsible string, pages int, docs []file, formats []string) *metadata {
	var cc []string
	for _, c := range p.CC {
		if c = strings.TrimSpace(c); c != "" {
			cc = append(cc, c)
		}
	}
	or := func(s, dflt string) string {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
		return dflt
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("20060102")
	}
	printDate := p.PrintDate
	if printDate.IsZero() {
		printDate = p.Date
	}
	level, term := secrecy(p.Secrecy)
	m := &metadata{File: fileEntity{
		Level: "文件",
		Unit:  or(p.Unit, responsible),
		ID:    number,
		Archival: archivalCode{
			Fonds: strings.TrimSpace(p.Fonds), Year: p.Date.Format("2006"), Retention: p.Retention,
			Organization: strings.TrimSpace(p.Organization), Item: strings.TrimSpace(p.Item),
		},
		Content: content{
			Title: title, Number: number, Responsible: responsible,
			Date: day(p.Date), Kind: "通报",
			Recipients: strings.TrimSpace(p.Recipients), CC: strings.Join(cc, "，"),
			Secrecy: level, SecrecyTerm: term,
			Official: official{
				Identifier: number, Kind: "通报", CopyNumber: strings.TrimSpace(p.CopyNumber),
				Secrecy: strings.TrimSpace(p.Secrecy), Urgency: strings.TrimSpace(p.Urgency),
				Mark: or(p.Mark, responsible), Number: number, Signers: strings.TrimSpace(p.Signers),
				Title: title, Recipients: strings.TrimSpace(p.Recipients),
				Signature: or(p.Signature, responsible), Date: day(p.Date), Note: strings.TrimSpace(p.Note),
				CC: strings.Join(cc, "，"), Printer: or(p.Printer, responsible), PrintDate: day(printDate),
				Publication: strings.TrimSpace(p.Publication),
			},
		},
		Form: form{Composition: "单件", Count: 1, Pages: pages, Language: "汉语", Version: "正本"},
	}}
	for i, a := range p.Attachments {
		m.File.Content.Official.Attachments = append(m.File.Content.Official.Attachments, attachment{Seq: i + 1, Name: strings.TrimSpace(a)})
	}
	for i, d := range docs {
		m.File.Electronic = append(m.File.Electronic, electronic{
			Format: formats[i], Name: d.name, Size: int64(len(d.data)), Creator: strings.TrimSpace(p.Creator),
			Digests: []digest{{Method: methodSHA256, Value: sha256Hex(d.data)}, {Method: methodSM3, Value: sm3Hex(d.data)}},
		})
	}
	m.Business = append(m.Business, business{
		State: "办理完毕", Action: "印发", Time: day(p.Issued), Description: "编号 " + number + " 登记并印发", Actor: or(p.Printer, responsible),
	})
	if !p.Archived.IsZero() {
		m.Business = append(m.Business, business{
			State: "归档", Action: "归档", Time: day(p.Archived), Description: "输出归档包：版式文件、元数据和校验值", Actor: or(p.Unit, responsible),
		})
	}
	return m
}

// prepare makes sure dir exists and may take files. It returns the names of
// an old package's files to remove (overwrite only) and whether dir already
// holds exactly these files. Leftover temporary files are removed.
func prepare(dir string, files []file, overwrite bool) (stale []string, same bool, err error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法创建归档包文件夹 %s。", dir))
		}
		return nil, false, nil
	case err != nil:
		return nil, false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取归档包文件夹 %s。", dir))
	case !fi.IsDir():
		return nil, false, circular.Errorf(circular.EConflict, "%s 已存在，但不是文件夹。", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取归档包文件夹 %s。", dir))
	}
	want := map[string][]byte{}
	for _, f := range files {
		want[f.name] = f.data
	}
	var differ []string
	found := 0
	for _, e := range entries {
		name := e.Name()
		if isTemp(name) && e.Type().IsRegular() {
			_ = os.Remove(filepath.Join(dir, name))
			continue
		}
		if name == ReportFile {
			continue // verify's report belongs with the package
		}
		if data, ok := want[name]; ok && e.Type().IsRegular() {
			have, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return nil, false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取 %s。", filepath.Join(dir, name)))
			}
			if bytes.Equal(have, data) {
				found++
				continue
			}
		}
		differ = append(differ, name)
	}
	if len(differ) == 0 {
		return nil, found == len(files), nil
	}
	if !overwrite {
		return nil, false, conflict(dir, differ)
	}
	for _, name := range oldPackage(dir) {
		if _, ok := want[name]; !ok {
			stale = append(stale, name)
		}
	}
	return stale, false, nil
}

// conflict explains why Write will not write into dir, where the files
// differ are not what Write would write.
func conflict(dir string, differ []string) error {
	old := map[string]bool{}
	for _, name := range oldPackage(dir) {
		old[name] = true
	}
	for _, name := range differ {
		if !old[name] {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(dir, MetadataFile)); err == nil {
			if m, err := parseMetadata(data); err == nil && m.File.Content.Number != "" {
				return circular.Errorf(circular.EConflict,
					"文件夹 %s 中已有%s的归档包，与这次要写出的不同，未覆盖。如需替换，请加上 -overwrite 选项。", dir, m.File.Content.Number)
			}
		}
		return circular.Errorf(circular.EConflict,
			"文件夹 %s 中已有另一份归档包，与这次要写出的不同，未覆盖。如需替换，请加上 -overwrite 选项。", dir)
	}
	list := strings.Join(differ, "、")
	if len(differ) > 3 {
		list = fmt.Sprintf("%s 等 %d 个", strings.Join(differ[:3], "、"), len(differ))
	}
	return circular.Errorf(circular.EConflict,
		"文件夹 %s 中已有其他文件（%s），未写入归档包。归档包应单独放在一个新的或空的文件夹中。", dir, list)
}

// oldPackage returns the names of the files of the package in dir: the
// checksum files, the metadata and every file they list.
func oldPackage(dir string) []string {
	names := []string{SHA256File, SM3File, MetadataFile}
	seen := map[string]bool{SHA256File: true, SM3File: true, MetadataFile: true}
	add := func(name string) {
		if safeName(name) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	for _, sums := range []string{SHA256File, SM3File} {
		if data, err := os.ReadFile(filepath.Join(dir, sums)); err == nil {
			entries, _ := parseSums(data)
			for _, e := range entries {
				add(e.name)
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, MetadataFile)); err == nil {
		if m, err := parseMetadata(data); err == nil {
			for _, e := range m.File.Electronic {
				add(e.Name)
			}
		}
	}
	return names
}

// writeAtomic writes data to dir/name through a temporary file in dir and a
// rename, so that dir/name is either the old file or the whole new one.
func writeAtomic(dir, name string, data []byte) (err error) {
	path := filepath.Join(dir, name)
	fail := func(err error) error {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s。", path))
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*"+tempSuffix)
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(err)
	}
	return nil
}

// syncDir flushes dir's entries (the renames) to disk where the system allows
// it; Windows does not open folders for this, so errors are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
