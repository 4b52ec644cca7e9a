package records

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// This file reads what Write and Verify need from a PDF without a PDF
// library: the version in the header and the number of pages.
//
// The page count is the /Count of the root page tree (trailer /Root →
// catalog /Pages → /Count). When that chain cannot be followed, it falls back
// to counting the /Type /Page objects. Both work on the classic object
// structure gopdf writes and on PDF 1.5 files whose objects sit in
// compressed object streams (/Type /ObjStm, FlateDecode) with a
// cross-reference stream in place of the trailer.

var (
	pdfHeaderRe = regexp.MustCompile(`^%PDF-(\d+\.\d+)`)
	objRe       = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)
	rootRe      = regexp.MustCompile(`/Root\s+(\d+)\s+\d+\s+R`)
	pagesRefRe  = regexp.MustCompile(`/Pages\s+(\d+)\s+\d+\s+R`)
	countRe     = regexp.MustCompile(`/Count\s+(\d+)(\s+\d+\s+R)?`)
	typePagesRe = regexp.MustCompile(`/Type\s*/Pages\b`)
	typePageRe  = regexp.MustCompile(`/Type\s*/Page(?:[\s/<>\[\]()%]|$)`)
	typeObjStRe = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	lengthRe    = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
	firstRe     = regexp.MustCompile(`/First\s+(\d+)`)
	nRe         = regexp.MustCompile(`/N\s+(\d+)`)
	filterRe    = regexp.MustCompile(`/Filter\s*(\[\s*)?/(\w+)`)
	leadingIntR = regexp.MustCompile(`^\s*(\d+)`)
)

// pdfVersion returns the version in the PDF header, e.g. "1.7".
func pdfVersion(b []byte) (string, error) {
	m := pdfHeaderRe.FindSubmatch(b)
	if m == nil {
		return "", errors.New("no %PDF- header")
	}
	return string(m[1]), nil
}

// pdfObject is one indirect object: its dictionary (or value) and, for a
// stream, the raw stream data.
type pdfObject struct {
	dict   []byte
	stream []byte
}

// pdfPages returns the number of pages of the PDF b.
func pdfPages(b []byte) (int, error) {
	if _, err := pdfVersion(b); err != nil {
		return 0, err
	}
	objs := pdfObjects(b)
	if n, err := treeCount(b, objs); err == nil {
		return n, nil
	}
	n := 0
	for _, o := range objs {
		if typePageRe.Match(o.dict) {
			n++
		}
	}
	if n == 0 {
		return 0, errors.New("no page tree and no /Type /Page objects")
	}
	return n, nil
}

// treeCount follows trailer /Root → catalog /Pages → /Count.
func treeCount(b []byte, objs map[int]pdfObject) (int, error) {
	roots := rootRe.FindAllSubmatch(b, -1)
	if roots == nil {
		return 0, errors.New("no /Root")
	}
	// The last /Root wins: an incremental update appends a newer trailer.
	catalog, ok := objs[atoi(roots[len(roots)-1][1])]
	if !ok {
		return 0, errors.New("catalog not found")
	}
	m := pagesRefRe.FindSubmatch(catalog.dict)
	if m == nil {
		return 0, errors.New("catalog has no /Pages")
	}
	pages, ok := objs[atoi(m[1])]
	if !ok || !typePagesRe.Match(pages.dict) {
		return 0, errors.New("page tree root not found")
	}
	c := countRe.FindSubmatch(pages.dict)
	if c == nil {
		return 0, errors.New("page tree root has no /Count")
	}
	if len(c[2]) == 0 {
		return atoi(c[1]), nil
	}
	// /Count n 0 R: an indirect integer.
	v, ok := objs[atoi(c[1])]
	if !ok {
		return 0, errors.New("indirect /Count not found")
	}
	if m := leadingIntR.FindSubmatch(v.dict); m != nil {
		return atoi(m[1]), nil
	}
	return 0, errors.New("indirect /Count is not an integer")
}

// pdfObjects indexes the indirect objects of b by object number, the later
// definition of a number replacing the earlier one (incremental updates), and
// adds the objects held in object streams unless a plain object of the same
// number exists.
func pdfObjects(b []byte) map[int]pdfObject {
	objs := map[int]pdfObject{}
	var streams []pdfObject
	pos := 0
	for pos < len(b) {
		loc := objRe.FindSubmatchIndex(b[pos:])
		if loc == nil {
			break
		}
		num := atoi(b[pos+loc[2] : pos+loc[3]])
		start := pos + loc[1]
		o, end := readObject(b, start)
		objs[num] = o
		if typeObjStRe.Match(o.dict) {
			streams = append(streams, o)
		}
		if end <= pos {
			end = pos + loc[1]
		}
		pos = end
	}
	for _, s := range streams {
		for num, o := range objectStream(s) {
			if _, ok := objs[num]; !ok {
				objs[num] = o
			}
		}
	}
	return objs
}

// readObject reads the object body starting at start (just after "obj") and
// returns it with the offset just after its "endobj". Stream data is skipped
// by its direct /Length when there is one, so that bytes inside a stream are
// never taken for objects.
func readObject(b []byte, start int) (pdfObject, int) {
	// Search "stream" only up to the first "endobj", so that each object
	// costs the length of the object, not of the rest of the file.
	limit := len(b)
	endobj := bytes.Index(b[start:], []byte("endobj"))
	if endobj >= 0 {
		limit = start + endobj
	}
	stream := bytes.Index(b[start:limit], []byte("stream"))
	if stream < 0 {
		if endobj < 0 {
			return pdfObject{dict: b[start:]}, len(b)
		}
		return pdfObject{dict: b[start:limit]}, limit + len("endobj")
	}
	dict := b[start : start+stream]
	data := start + stream + len("stream")
	if data < len(b) && b[data] == '\r' {
		data++
	}
	if data < len(b) && b[data] == '\n' {
		data++
	}
	dataEnd := -1
	if m := lengthRe.FindSubmatch(dict); m != nil && len(m[2]) == 0 {
		if n := atoi(m[1]); data+n <= len(b) && bytes.HasPrefix(bytes.TrimLeft(b[data+n:], "\r\n \t"), []byte("endstream")) {
			dataEnd = data + n
		}
	}
	if dataEnd < 0 {
		i := bytes.Index(b[data:], []byte("endstream"))
		if i < 0 {
			return pdfObject{dict: dict, stream: b[data:]}, len(b)
		}
		dataEnd = data + i
	}
	o := pdfObject{dict: dict, stream: b[data:dataEnd]}
	end := dataEnd
	if i := bytes.Index(b[dataEnd:], []byte("endobj")); i >= 0 {
		end = dataEnd + i + len("endobj")
	}
	return o, end
}

// objectStream returns the objects held in an object stream, or nil when it
// cannot be decoded.
func objectStream(s pdfObject) map[int]pdfObject {
	data := s.stream
	if m := filterRe.FindSubmatch(s.dict); m != nil {
		if string(m[2]) != "FlateDecode" {
			return nil
		}
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil
		}
		data, err = io.ReadAll(io.LimitReader(r, 64<<20))
		if err != nil && len(data) == 0 {
			return nil
		}
	}
	fm, nm := firstRe.FindSubmatch(s.dict), nRe.FindSubmatch(s.dict)
	if fm == nil || nm == nil {
		return nil
	}
	first, n := atoi(fm[1]), atoi(nm[1])
	if first > len(data) {
		return nil
	}
	header := bytes.Fields(data[:first])
	if len(header) < 2*n {
		return nil
	}
	objs := make(map[int]pdfObject, n)
	for i := 0; i < n; i++ {
		num, off := atoi(header[2*i]), atoi(header[2*i+1])
		end := len(data)
		if i+1 < n {
			end = first + atoi(header[2*i+3])
		}
		if first+off > end || end > len(data) {
			return objs
		}
		objs[num] = pdfObject{dict: data[first+off : end]}
	}
	return objs
}

// atoi converts decimal digits, returning -1 for anything else.
func atoi(b []byte) int {
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return -1
	}
	return n
}

// describePDF returns the 格式信息 of a PDF, e.g. "PDF 1.7（application/pdf）".
func describePDF(b []byte) string {
	v, err := pdfVersion(b)
	if err != nil {
		return "PDF（application/pdf）"
	}
	return fmt.Sprintf("PDF %s（application/pdf）", v)
}
