package records

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// This file reads what Write and Verify need from an OFD file (GB/T
// 33190-2016) without an OFD library: that it is a zip container whose
// OFD.xml names a document, the number of pages of that document (each page's
// content file present and well-formed XML), and what in it would make the
// file unsafe to keep.

// describeOFD is the 格式信息 of an OFD file.
const describeOFD = "OFD（GB/T 33190-2016，application/ofd）"

// maxOFDPart bounds what is read of one part of an OFD container, so a
// crafted file cannot make Verify read without end.
const maxOFDPart = 64 << 20

// ofdPackage is an opened OFD container.
type ofdPackage struct {
	files map[string]*zip.File
}

// openOFD opens the container b.
func openOFD(b []byte) (*ofdPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("不是 zip 容器：%w", err)
	}
	o := &ofdPackage{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		o.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return o, nil
}

// read returns the part at name (a path inside the container).
func (o *ofdPackage) read(name string) ([]byte, error) {
	f, ok := o.files[strings.TrimPrefix(path.Clean("/"+name), "/")]
	if !ok {
		return nil, fmt.Errorf("缺少 %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxOFDPart+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	if len(data) > maxOFDPart {
		return nil, fmt.Errorf("%s 过大", name)
	}
	return data, nil
}

// resolve returns loc, a location written in the part at base, as a path
// inside the container: absolute locations start at the container's root,
// relative ones at base's folder.
func resolve(base, loc string) string {
	loc = strings.TrimSpace(loc)
	if strings.HasPrefix(loc, "/") {
		return path.Clean(loc)[1:]
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir(base), loc)), "/")
}

// ofdMain is the entry file OFD.xml; ofdDocument the document it names. The
// struct tags match the elements in any namespace (they are in
// http://www.ofdspec.org/2016).
type ofdMain struct {
	XMLName xml.Name `xml:"OFD"`
	Bodies  []struct {
		DocRoot string `xml:"DocRoot"`
	} `xml:"DocBody"`
}

type ofdDocument struct {
	XMLName xml.Name `xml:"Document"`
	Pages   []struct {
		BaseLoc string `xml:"BaseLoc,attr"`
	} `xml:"Pages>Page"`
}

// ofdPages returns the number of pages of the first document of the OFD b,
// after checking that every page's content is there and is well-formed XML.
func ofdPages(b []byte) (int, error) {
	o, err := openOFD(b)
	if err != nil {
		return 0, err
	}
	data, err := o.read("OFD.xml")
	if err != nil {
		return 0, err
	}
	var m ofdMain
	if err := xml.Unmarshal(data, &m); err != nil {
		return 0, fmt.Errorf("OFD.xml 无法解析：%w", err)
	}
	if len(m.Bodies) == 0 || strings.TrimSpace(m.Bodies[0].DocRoot) == "" {
		return 0, errors.New("OFD.xml 中没有 DocRoot")
	}
	docPath := resolve("OFD.xml", m.Bodies[0].DocRoot)
	data, err = o.read(docPath)
	if err != nil {
		return 0, err
	}
	var d ofdDocument
	if err := xml.Unmarshal(data, &d); err != nil {
		return 0, fmt.Errorf("%s 无法解析：%w", docPath, err)
	}
	if len(d.Pages) == 0 {
		return 0, fmt.Errorf("%s 中没有页面", docPath)
	}
	for i, p := range d.Pages {
		pagePath := resolve(docPath, p.BaseLoc)
		content, err := o.read(pagePath)
		if err != nil {
			return 0, fmt.Errorf("第 %d 页：%w", i+1, err)
		}
		if err := wellFormed(content); err != nil {
			return 0, fmt.Errorf("第 %d 页（%s）无法解析：%w", i+1, pagePath, err)
		}
	}
	return len(d.Pages), nil
}

// wellFormed reports whether data is well-formed XML.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// executableExts are file name endings of programs and scripts, which have no
// place in a record.
var executableExts = []string{".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar", ".sh", ".so", ".apk"}

// ofdHazards lists what in the OFD b makes it unsafe to keep: encryption,
// actions that open links, play media or run code, attachments and
// executables in the container. An empty list means none was found.
func ofdHazards(b []byte) []string {
	o, err := openOFD(b)
	if err != nil {
		return nil // usability reports it
	}
	var found []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			found = append(found, s)
		}
	}
	names := make([]string, 0, len(o.files))
	for name := range o.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lower := strings.ToLower(name)
		for _, ext := range executableExts {
			if strings.HasSuffix(lower, ext) {
				add("含可执行文件或脚本 " + name)
			}
		}
		if strings.Contains(lower, "encrypt") {
			add("含加密信息 " + name)
		}
		if !strings.HasSuffix(lower, ".xml") {
			continue
		}
		data, err := o.read(name)
		if err != nil {
			continue
		}
		for _, h := range xmlHazards(data) {
			add(h + "（" + name + "）")
		}
	}
	return found
}

// xmlHazards lists the hazardous elements of one OFD part by local name.
func xmlHazards(data []byte) []string {
	var found []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return found
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "URI":
			found = append(found, "含外部链接动作")
		case "Sound", "Movie":
			found = append(found, "含多媒体动作")
		case "GotoA", "Attachments", "Attachment":
			found = append(found, "含附件")
		case "Encryptions", "Encryption":
			found = append(found, "含加密信息")
		}
	}
}
