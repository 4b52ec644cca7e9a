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

// ReportFile is the name of the report Verify's caller writes into the
// package folder; Verify and Write do not count it as a file of the package.
const ReportFile = "检测报告.txt"

// Property is one of the four properties archives check of an electronic
// record (四性检测, after DA/T 70): authenticity, integrity, usability and
// safety.
type Property int

// The four properties, in the order a report lists them.
const (
	Authenticity Property = iota + 1 // 真实性
	Integrity                        // 完整性
	Usability                        // 可用性
	Safety                           // 安全性
)

var propertyNames = map[Property]string{Authenticity: "真实性", Integrity: "完整性", Usability: "可用性", Safety: "安全性"}

// String returns the property's Chinese name, e.g. 真实性.
func (p Property) String() string { return propertyNames[p] }

// Check is one check Verify made: of which property, of what, and whether it
// held; Detail says in Chinese what was found when it did not (and, for some
// checks that held, what was compared).
type Check struct {
	Property Property
	Subject  string // e.g. 揭政数局函〔2019〕23号 ….pdf 的校验值
	OK       bool
	Detail   string
}

// String returns the check's report line: 通过 or 未通过, the subject and
// the detail.
func (c Check) String() string {
	mark := "通过"
	if !c.OK {
		mark = "未通过"
	}
	s := "【" + mark + "】" + c.Subject
	if c.Detail != "" {
		s += "：" + c.Detail
	}
	return s
}

// Registered is what the number register holds of a package's number: the
// SHA-256 of each format issued, by file extension (pdf, ofd).
type Registered struct {
	// Source names the register, e.g. 登记簿 tongbao.db.
	Source string
	SHA256 map[string]string
}

// Lookup finds a number in the register; it returns nil, nil when the
// register has no such issued number.
type Lookup func(number string) (*Registered, error)

// Report is the result of Verify: every check made, grouped by property.
type Report struct {
	Dir string
	// Register says what the package was checked against: the register's
	// source, or why it was not checked against one.
	Register string
	Checks   []Check
}

// OK reports whether every check held; a report without checks does not.
func (r *Report) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Failed returns the checks that did not hold.
func (r *Report) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// String returns the report in Chinese: the folder, what the package was
// checked against, the checks under each property and a conclusion. It is
// the text of 检测报告.txt.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "归档包四性检测报告\n归档包：%s\n", r.Dir)
	if r.Register != "" {
		fmt.Fprintf(&b, "登记簿：%s\n", r.Register)
	}
	for _, p := range []Property{Authenticity, Integrity, Usability, Safety} {
		n, bad := 0, 0
		var lines []string
		for _, c := range r.Checks {
			if c.Property == p {
				n++
				if !c.OK {
					bad++
				}
				lines = append(lines, "  "+c.String())
			}
		}
		verdict := "通过"
		if bad > 0 || n == 0 {
			verdict = fmt.Sprintf("未通过（%d 项）", bad)
		}
		fmt.Fprintf(&b, "\n%s：%s\n%s\n", p, verdict, strings.Join(lines, "\n"))
	}
	if r.OK() {
		b.WriteString("\n结论：四性检测全部通过。\n")
	} else {
		fmt.Fprintf(&b, "\n结论：未通过，共 %d 项不符合。\n", len(r.Failed()))
	}
	return b.String()
}

// verifier holds what Verify has read of a package.
type verifier struct {
	dir     string
	rep     *Report
	present map[string]fs.DirEntry
	sha     []sumEntry
	sm3     []sumEntry
	hasSHA  bool
	hasSM3  bool
	meta    *metadata
	data    map[string][]byte // files read, by name
	pages   map[string]int    // page counts of the documents that parse
}

func (v *verifier) add(p Property, subject string, ok bool, detail string) {
	v.rep.Checks = append(v.rep.Checks, Check{Property: p, Subject: subject, OK: ok, Detail: detail})
}

// Verify checks the package in dir for the four properties:
//
//   - 真实性: each file's SHA-256 and SM3 equal those of the checksum files
//     and of the metadata's 数字摘要, and, when lookup is not nil, the
//     documents' SHA-256 equal those the register holds for the number;
//   - 完整性: every file the metadata lists is there and listed in both
//     checksum files, no other file is (but ReportFile), the sizes are those
//     recorded, and the metadata's required elements are filled;
//   - 可用性: the PDF and the OFD can be read, and their page counts equal
//     each other and 页数;
//   - 安全性: no encryption, scripts, external links or actions, embedded
//     files or executables in the PDF or the OFD.
//
// A missing dir is an ENotFound error, an unreadable one EIO; everything
// else goes into the report.
func Verify(dir string, lookup Lookup) (*Report, error) {
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
	v := &verifier{dir: dir, rep: &Report{Dir: dir}, present: map[string]fs.DirEntry{},
		data: map[string][]byte{}, pages: map[string]int{}}
	for _, e := range entries {
		v.present[e.Name()] = e
	}
	if v.present[MetadataFile] == nil && v.present[SHA256File] == nil && v.present[SM3File] == nil {
		return nil, circular.Errorf(circular.ENotFound, "%s 不是归档包：其中没有 %s、%s 或 %s。请给出 tongbao archive 写出的文件夹。", dir, MetadataFile, SHA256File, SM3File)
	}
	v.readPackage()
	docs := v.documents()
	v.integrity(docs)
	v.authenticity(docs)
	v.register(docs, lookup)
	v.usability(docs)
	v.safety(docs)
	sort.SliceStable(v.rep.Checks, func(i, j int) bool { return v.rep.Checks[i].Property < v.rep.Checks[j].Property })
	return v.rep, nil
}

// read returns the contents of a regular file in the package folder.
func (v *verifier) read(name string) ([]byte, bool) {
	if data, ok := v.data[name]; ok {
		return data, true
	}
	e, ok := v.present[name]
	if !ok || !e.Type().IsRegular() {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(v.dir, name))
	if err != nil {
		return nil, false
	}
	v.data[name] = data
	return data, true
}

// readPackage reads the checksum files and the metadata, checking that each
// is there and can be read (完整性).
func (v *verifier) readPackage() {
	for _, s := range []struct {
		name string
		list *[]sumEntry
		has  *bool
	}{{SHA256File, &v.sha, &v.hasSHA}, {SM3File, &v.sm3, &v.hasSM3}} {
		data, ok := v.read(s.name)
		if !ok {
			v.add(Integrity, s.name, false, missingOrUnreadable(v.present, s.name))
			continue
		}
		*s.has = true
		entries, problems := parseSums(data)
		*s.list = entries
		switch {
		case len(problems) > 0:
			v.add(Integrity, s.name, false, strings.Join(problems, "、"))
		case len(entries) == 0:
			v.add(Integrity, s.name, false, "没有任何校验值")
		default:
			v.add(Integrity, s.name, true, fmt.Sprintf("列出 %d 个文件", len(entries)))
		}
	}
	data, ok := v.read(MetadataFile)
	if !ok {
		v.add(Integrity, MetadataFile, false, missingOrUnreadable(v.present, MetadataFile))
		return
	}
	m, err := parseMetadata(data)
	if err != nil {
		v.add(Integrity, MetadataFile, false, "元数据无法解析")
		return
	}
	v.meta = m
	v.add(Integrity, MetadataFile+" 的必填元素", len(m.missing()) == 0, strings.Join(m.missing(), "、"))
}

func missingOrUnreadable(present map[string]fs.DirEntry, name string) string {
	if _, ok := present[name]; ok {
		return "无法读取"
	}
	return "文件缺失"
}

// missing lists the required elements the metadata leaves empty.
func (m *metadata) missing() []string {
	f := m.File
	var out []string
	for _, e := range []struct{ name, value string }{
		{"聚合层次", f.Level}, {"立档单位名称", f.Unit}, {"电子文件号", f.ID},
		{"年度", f.Archival.Year}, {"保管期限", f.Archival.Retention},
		{"题名", f.Content.Title}, {"文件编号", f.Content.Number}, {"责任者", f.Content.Responsible},
		{"日期", f.Content.Date}, {"文种", f.Content.Kind}, {"密级", f.Content.Secrecy},
		{"发文机关标志", f.Content.Official.Mark}, {"发文字号", f.Content.Official.Number},
		{"标题", f.Content.Official.Title}, {"成文日期", f.Content.Official.Date},
	} {
		if strings.TrimSpace(e.value) == "" {
			out = append(out, "缺少"+e.name)
		}
	}
	if f.Form.Pages <= 0 {
		out = append(out, "缺少页数")
	}
	if len(f.Electronic) == 0 {
		out = append(out, "没有电子属性（计算机文件）")
	}
	for _, e := range f.Electronic {
		if !docNameOK(e.Name) || strings.TrimSpace(e.Format) == "" || e.digest(methodSHA256) == "" || e.digest(methodSM3) == "" {
			out = append(out, fmt.Sprintf("计算机文件「%s」的格式信息、文件名或数字摘要不全", e.Name))
		}
	}
	return out
}

// docNameOK reports whether a 计算机文件名 can name a document of a package.
func docNameOK(name string) bool {
	return safeName(name) && name != MetadataFile && name != SHA256File && name != SM3File && name != ReportFile
}

// documents returns the names of the package's documents: the 计算机文件名
// of the metadata, or, without metadata, the files the checksum files list.
func (v *verifier) documents() []string {
	var names []string
	seen := map[string]bool{}
	add := func(name string) {
		if docNameOK(name) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	if v.meta != nil {
		for _, e := range v.meta.File.Electronic {
			add(e.Name)
		}
		return names
	}
	for _, list := range [][]sumEntry{v.sha, v.sm3} {
		for _, e := range list {
			add(e.name)
		}
	}
	return names
}

// integrity checks that the documents are there with their recorded sizes,
// that both checksum files list exactly the package's files, and that no
// other file is in the folder.
func (v *verifier) integrity(docs []string) {
	hasPDF := false
	for _, name := range docs {
		if strings.EqualFold(filepath.Ext(name), ".pdf") {
			hasPDF = true
		}
		data, ok := v.read(name)
		if !ok {
			v.add(Integrity, name, false, missingOrUnreadable(v.present, name))
			continue
		}
		if v.meta != nil {
			if e := v.meta.fileNamed(name); e != nil && e.Size != int64(len(data)) {
				v.add(Integrity, name+" 的大小", false, fmt.Sprintf("元数据记为 %d 字节，实有 %d 字节", e.Size, len(data)))
				continue
			}
		}
		v.add(Integrity, name, true, fmt.Sprintf("%d 字节", len(data)))
	}
	if !hasPDF {
		v.add(Integrity, "PDF 原件", false, "元数据和校验值文件中都没有登记 PDF")
	}
	want := append(append([]string(nil), docs...), MetadataFile)
	for _, s := range []struct {
		name string
		has  bool
		list []sumEntry
	}{{SHA256File, v.hasSHA, v.sha}, {SM3File, v.hasSM3, v.sm3}} {
		if !s.has {
			continue
		}
		var problems []string
		for _, name := range want {
			if _, ok := lookup(s.list, name); !ok {
				problems = append(problems, "未列入 "+name)
			}
		}
		for _, e := range s.list {
			if !contains(want, e.name) {
				problems = append(problems, "列出了元数据中没有的 "+e.name)
			}
		}
		v.add(Integrity, s.name+" 所列文件", len(problems) == 0, strings.Join(problems, "、"))
	}
	known := map[string]bool{MetadataFile: true, SHA256File: true, SM3File: true, ReportFile: true}
	for _, name := range docs {
		known[name] = true
	}
	var extra []string
	for name, e := range v.present {
		if known[name] {
			continue
		}
		switch {
		case isTemp(name):
			extra = append(extra, name+"（中断的写入留下的临时文件，可以删除）")
		case e.IsDir():
			extra = append(extra, name+"（文件夹）")
		default:
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	v.add(Integrity, "归档包中没有未登记的文件", len(extra) == 0, strings.Join(prefix("未登记的文件 ", extra), "、"))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func prefix(p string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = p + s
	}
	return out
}

// authenticity checks each file's SHA-256 and SM3 against both checksum
// files and, for the documents, the metadata's 数字摘要.
func (v *verifier) authenticity(docs []string) {
	for _, name := range append(append([]string(nil), docs...), MetadataFile) {
		data, ok := v.read(name)
		if !ok {
			continue // integrity reports it
		}
		var problems []string
		for _, c := range []struct {
			has   bool
			list  []sumEntry
			file  string
			label string
			sum   func([]byte) string
		}{
			{v.hasSHA, v.sha, SHA256File, methodSHA256, sha256Hex},
			{v.hasSM3, v.sm3, SM3File, methodSM3, sm3Hex},
		} {
			got := c.sum(data)
			if want, ok := lookup(c.list, name); c.has && ok && want != got {
				problems = append(problems, c.label+" 与 "+c.file+" 不符")
			}
			if name == MetadataFile || v.meta == nil {
				continue
			}
			if e := v.meta.fileNamed(name); e != nil {
				switch want := e.digest(c.label); {
				case want == "":
					problems = append(problems, "元数据中没有 "+c.label+" 数字摘要")
				case want != got:
					problems = append(problems, c.label+" 与元数据中的数字摘要不符")
				}
			}
		}
		v.add(Authenticity, name+" 的校验值", len(problems) == 0, strings.Join(problems, "、"))
	}
}

// register checks the documents' SHA-256 against the register's.
func (v *verifier) register(docs []string, lookup Lookup) {
	if lookup == nil {
		v.rep.Register = "未核对（没有可用的登记簿：在有 config.toml 和数据库的文件夹中运行 verify 会同时核对登记簿）"
		return
	}
	if v.meta == nil {
		v.add(Authenticity, "与登记簿核对", false, "元数据无法读取，不知道文号")
		return
	}
	number := v.meta.File.Content.Number
	reg, err := lookup(number)
	switch {
	case err != nil:
		v.add(Authenticity, "与登记簿核对", false, "无法读取登记簿："+circular.ErrorMessage(err))
		return
	case reg == nil:
		v.rep.Register = "登记簿中没有 " + number
		v.add(Authenticity, "与登记簿核对", false, "登记簿中没有已印发的 "+number)
		return
	}
	v.rep.Register = reg.Source + "（" + number + " 登记的校验值）"
	for _, name := range docs {
		data, ok := v.read(name)
		if !ok {
			continue
		}
		ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
		want, ok := reg.SHA256[ext]
		switch {
		case !ok || want == "":
			v.add(Authenticity, name+" 与登记簿", false, "登记簿中没有 "+number+" 的 "+strings.ToUpper(ext)+" 校验值")
		case want != sha256Hex(data):
			v.add(Authenticity, name+" 与登记簿", false, "SHA-256 与登记簿中 "+number+" 登记的不同：文件被替换过")
		default:
			v.add(Authenticity, name+" 与登记簿", true, "SHA-256 与登记的一致")
		}
	}
}

// usability checks that the documents can be read and that their page
// counts agree with each other and with 页数.
func (v *verifier) usability(docs []string) {
	for _, name := range docs {
		data, ok := v.read(name)
		if !ok {
			continue
		}
		var n int
		var err error
		switch strings.ToLower(filepath.Ext(name)) {
		case ".pdf":
			n, err = pdfPages(data)
		case ".ofd":
			n, err = ofdPages(data)
		default:
			v.add(Usability, name, false, "不是 PDF 或 OFD 文件")
			continue
		}
		if err != nil {
			v.add(Usability, name+" 可以打开", false, "无法解析："+err.Error())
			continue
		}
		v.pages[name] = n
		if v.meta != nil && v.meta.File.Form.Pages != n {
			v.add(Usability, name+" 的页数", false, fmt.Sprintf("元数据记为 %d 页，文件实有 %d 页", v.meta.File.Form.Pages, n))
			continue
		}
		v.add(Usability, name+" 可以打开", true, fmt.Sprintf("%d 页", n))
	}
	if len(v.pages) > 1 {
		counts := map[int]bool{}
		var parts []string
		for _, name := range docs {
			if n, ok := v.pages[name]; ok {
				counts[n] = true
				parts = append(parts, fmt.Sprintf("%s %d 页", strings.ToUpper(strings.TrimPrefix(filepath.Ext(name), ".")), n))
			}
		}
		v.add(Usability, "各版式文件页数一致", len(counts) == 1, strings.Join(parts, "，"))
	}
}

// safety checks the documents for encryption, scripts, links and embedded
// files.
func (v *verifier) safety(docs []string) {
	for _, name := range docs {
		data, ok := v.read(name)
		if !ok {
			continue
		}
		var found []string
		switch strings.ToLower(filepath.Ext(name)) {
		case ".pdf":
			found = pdfHazards(data)
		case ".ofd":
			found = ofdHazards(data)
		default:
			continue
		}
		v.add(Safety, name, len(found) == 0, strings.Join(found, "、"))
	}
}
