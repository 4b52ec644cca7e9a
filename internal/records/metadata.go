package records

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// MetadataFile is the name of the metadata file in a package.
const MetadataFile = "元数据.xml"

// The metadata file follows DA/T 46-2009《文书类电子文件元数据方案》: the
// element names are the standard's Chinese element names, nested as the
// standard nests them (子元素 inside their 容器元素). Implemented, with the
// standard's element numbers:
//
//	M1  聚合层次     文件 (the package holds one 件)
//	M8  档号         container, holding only
//	M12   保管期限   永久, 30年 or 10年
//	M21 内容描述     container for
//	M22   题名
//	M31   文件编号   e.g. 揭政数局函〔2019〕23号
//	M32   责任者     the issuer's full name
//	M33   日期       成文日期 as 8 digits YYYYMMDD (20190412): DA/T 46 takes
//	                 dates in the form of GB/T 7408 (ISO 8601); this is its
//	                 basic calendar-date form, the one DA/T 22 also uses for
//	                 日期 in the 归档文件目录
//	M34   文种       通报
//	M36   主送
//	M37   抄送       the 抄送机关 joined by "，" as GB/T 9704 prints them
//	M38   密级       公开 when the circular bears none (see secrecy)
//	M39   保密期限   only when the 密级 carries one (秘密★1年)
//	M40 形式特征     container for
//	M43   页数
//	M46 电子属性     container for
//	M47   格式信息   e.g. PDF 1.7（application/pdf）, version from the header
//	M48   计算机文件名
//	M49   计算机文件大小  in bytes
//
// DA/T 46 has no fixity element, so 电子属性 is extended (as the standard
// allows for elements it does not define) with 数字摘要, repeated per
// algorithm, each holding 计算方法 (SHA-256, SM3) and 摘要值 (lowercase hex).
// The element numbers above follow the standard's table of elements (档号
// 5.4 with 保管期限 its fourth 子元素, 内容描述 5.5 with 文件编号 5.5.10 to
// 文种 5.5.13, and so on).
type metadata struct {
	XMLName    xml.Name    `xml:"文书类电子文件元数据"`
	Scheme     string      `xml:"方案,attr"`
	Note       xml.Comment `xml:",comment"`
	Level      string      `xml:"聚合层次"`
	Retention  string      `xml:"档号>保管期限"`
	Content    content     `xml:"内容描述"`
	Form       form        `xml:"形式特征"`
	Electronic electronic  `xml:"电子属性"`
}

type content struct {
	Title       string `xml:"题名"`
	Number      string `xml:"文件编号"`
	Responsible string `xml:"责任者"`
	Date        string `xml:"日期"`
	Kind        string `xml:"文种"`
	Recipients  string `xml:"主送,omitempty"`
	CC          string `xml:"抄送,omitempty"`
	Secrecy     string `xml:"密级"`
	SecrecyTerm string `xml:"保密期限,omitempty"`
}

type form struct {
	Pages int `xml:"页数"`
}

type electronic struct {
	Format  string   `xml:"格式信息"`
	Name    string   `xml:"计算机文件名"`
	Size    int64    `xml:"计算机文件大小"`
	Digests []digest `xml:"数字摘要"`
}

type digest struct {
	Method string `xml:"计算方法"`
	Value  string `xml:"摘要值"`
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
	m.Note = xml.Comment(" 按 DA/T 46-2009《文书类电子文件元数据方案》著录；数字摘要为扩展元素 ")
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
