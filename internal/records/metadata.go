package records

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// MetadataFile is the name of the metadata file in a package.
const MetadataFile = "元数据.xml"

// The metadata file describes the package in the entity layout of DA/T
// 46-2009《文书类电子文件元数据方案》, with the 公文 elements of GB/T
// 33480-2016《党政机关电子公文元数据规范》 inside its 内容描述. Element names are
// the standards' Chinese names, nested as the standards nest them; README.md
// beside this file lists each element, where it comes from, and where the
// standards' texts leave a name or an obligation uncertain.
//
//	文书类电子文件元数据
//	  文件实体                      DA/T 46 文件实体元数据
//	    聚合层次                    文件 (the package holds one 件)
//	    来源>立档单位名称
//	    电子文件号                  the 发文字号 (unique in the register)
//	    档号>全宗号 年度 保管期限 机构或问题 件号   configured, empty where the office has none
//	    内容描述                    题名 文件编号 责任者 日期 文种 主送 抄送 密级 保密期限, and
//	      公文元数据                GB/T 33480's core set (公文标识 … 发布层次)
//	    形式特征                    文件组合类型 件数 页数 语种 稿本
//	    电子属性 (one per file)     格式信息 计算机文件名 计算机文件大小 文档创建程序, 数字摘要
//	  业务实体 (one per action)     业务状态 业务行为 行为时间 行为描述, 机构人员实体>机构人员名称
//
// DA/T 46 has no fixity element, so 电子属性 is extended (as the standard
// allows) with 数字摘要, repeated per algorithm, each holding 计算方法 (SHA-256,
// SM3) and 摘要值 (lowercase hex). Dates are 8 digits YYYYMMDD, the basic
// calendar-date form of GB/T 7408 that DA/T 46 and DA/T 22 use.
type metadata struct {
	XMLName  xml.Name    `xml:"文书类电子文件元数据"`
	Scheme   string      `xml:"方案,attr"`
	Note     xml.Comment `xml:",comment"`
	File     fileEntity  `xml:"文件实体"`
	Business []business  `xml:"业务实体"`
}

// fileEntity is DA/T 46's 文件实体.
type fileEntity struct {
	Level      string       `xml:"聚合层次"`
	Unit       string       `xml:"来源>立档单位名称"`
	ID         string       `xml:"电子文件号"`
	Archival   archivalCode `xml:"档号"`
	Content    content      `xml:"内容描述"`
	Form       form         `xml:"形式特征"`
	Electronic []electronic `xml:"电子属性"`
}

// archivalCode is the 档号 and its parts; a part the office does not use is
// written empty rather than left out, so the record shows it was considered.
type archivalCode struct {
	Fonds        string `xml:"全宗号"`
	Year         string `xml:"年度"`
	Retention    string `xml:"保管期限"`
	Organization string `xml:"机构或问题"`
	Item         string `xml:"件号"`
}

// content is the 内容描述.
type content struct {
	Title       string   `xml:"题名"`
	Number      string   `xml:"文件编号"`
	Responsible string   `xml:"责任者"`
	Date        string   `xml:"日期"`
	Kind        string   `xml:"文种"`
	Recipients  string   `xml:"主送,omitempty"`
	CC          string   `xml:"抄送,omitempty"`
	Secrecy     string   `xml:"密级"`
	SecrecyTerm string   `xml:"保密期限,omitempty"`
	Official    official `xml:"公文元数据"`
}

// official is GB/T 33480-2016's core set of 公文 metadata, as printed on the
// circular. Elements the circular does not bear are written empty.
type official struct {
	Standard    string       `xml:"标准,attr"`
	Identifier  string       `xml:"公文标识"`
	Kind        string       `xml:"文种"`
	CopyNumber  string       `xml:"份号"`
	Secrecy     string       `xml:"密级和保密期限"`
	Urgency     string       `xml:"紧急程度"`
	Mark        string       `xml:"发文机关标志"`
	Number      string       `xml:"发文字号"`
	Signers     string       `xml:"签发人"`
	Title       string       `xml:"标题"`
	Recipients  string       `xml:"主送机关"`
	Attachments []attachment `xml:"附件说明>附件"`
	Signature   string       `xml:"署名"`
	Date        string       `xml:"成文日期"`
	Note        string       `xml:"附注"`
	CC          string       `xml:"抄送机关"`
	Printer     string       `xml:"印发机关"`
	PrintDate   string       `xml:"印发日期"`
	Publication string       `xml:"发布层次"`
}

// attachment is one line of the 附件说明.
type attachment struct {
	Seq  int    `xml:"顺序号,attr"`
	Name string `xml:",chardata"`
}

// form is the 形式特征.
type form struct {
	Composition string `xml:"文件组合类型"`
	Count       int    `xml:"件数"`
	Pages       int    `xml:"页数"`
	Language    string `xml:"语种"`
	Version     string `xml:"稿本"`
}

// electronic is the 电子属性 of one computer file of the package.
type electronic struct {
	Format  string   `xml:"格式信息"`
	Name    string   `xml:"计算机文件名"`
	Size    int64    `xml:"计算机文件大小"`
	Creator string   `xml:"文档创建程序"`
	Digests []digest `xml:"数字摘要"`
}

type digest struct {
	Method string `xml:"计算方法"`
	Value  string `xml:"摘要值"`
}

// business is one 业务实体: an action on the document, when and by whom.
type business struct {
	State       string `xml:"业务状态"`
	Action      string `xml:"业务行为"`
	Time        string `xml:"行为时间"`
	Description string `xml:"行为描述"`
	Actor       string `xml:"机构人员实体>机构人员名称"`
}

// Digest method names as written in 计算方法.
const (
	methodSHA256 = "SHA-256"
	methodSM3    = "SM3"
)

// digest returns the recorded 摘要值 for method, or "".
func (e electronic) digest(method string) string {
	for _, d := range e.Digests {
		if strings.EqualFold(strings.TrimSpace(d.Method), method) {
			return strings.ToLower(strings.TrimSpace(d.Value))
		}
	}
	return ""
}

// fileNamed returns the 电子属性 of the computer file name, or nil.
func (m *metadata) fileNamed(name string) *electronic {
	for i := range m.File.Electronic {
		if m.File.Electronic[i].Name == name {
			return &m.File.Electronic[i]
		}
	}
	return nil
}

// secrecy splits the 密级 of a circular into DA/T 46's 密级 and 保密期限:
// "秘密★1年" → 秘密, 1年. An empty 密级 is recorded as 公开: the circular
// bears no 密级 mark, and writing 公开 keeps the mandatory element from
// reading as never described.
func secrecy(s string) (level, term string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "公开", ""
	}
	level, term, _ = strings.Cut(s, "★")
	return strings.TrimSpace(level), strings.TrimSpace(term)
}

// marshalMetadata returns the metadata file's bytes: UTF-8 XML, indented,
// ending in a newline.
func marshalMetadata(m *metadata) ([]byte, error) {
	m.Scheme = "DA/T 46-2009"
	m.File.Content.Official.Standard = "GB/T 33480-2016"
	m.Note = xml.Comment(" 按 DA/T 46-2009《文书类电子文件元数据方案》的实体结构著录，内容描述中含 GB/T 33480-2016《党政机关电子公文元数据规范》的核心元数据；数字摘要为扩展元素 ")
	out, err := xml.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.Write(out)
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// parseMetadata reads a metadata file.
func parseMetadata(data []byte) (*metadata, error) {
	var m metadata
	if err := xml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}
