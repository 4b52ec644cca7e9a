package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	_ "embed" // the sRGB profile
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"tongbao/internal/doc"
)

// This file turns gopdf's output into PDF/A-2b (ISO 19005-2, level B): an
// XMP metadata stream with the pdfaid part and conformance and the same
// title, author, subject, keywords, producer, creator and dates as the
// document information dictionary (an indirect object, not gopdf's inline
// one); an sRGB OutputIntent carrying its ICC profile; and a document ID.
// The fonts are embedded and subset-tagged by render itself; gopdf adds no
// encryption, JavaScript or transparency groups.

//go:embed icc/sRGB.icc
var srgbProfile []byte

// outputCondition names the OutputIntent's condition.
const outputCondition = "sRGB IEC61966-2.1"

// toPDFA rewrites b, a PDF as gopdf writes it (catalog as object 1, a
// classic cross-reference table, no /Info), as PDF/A-2b with info and date.
func toPDFA(b []byte, info doc.Info, creator string, date time.Time) ([]byte, error) {
	body, offsets, err := splitXref(b)
	if err != nil {
		return nil, err
	}
	n := len(offsets) // objects 1..n
	infoID, metaID, iccID, intentID := n+1, n+2, n+3, n+4

	// the catalog gets the metadata and the output intent
	cat := offsets[0]
	const catMarker = "/Type /Catalog\n"
	i := bytes.Index(body[cat:], []byte(catMarker))
	if !bytes.HasPrefix(body[cat:], []byte("1 0 obj\n")) || i < 0 {
		return nil, errors.New("pdf/a: catalog not where gopdf writes it")
	}
	at := cat + i + len(catMarker)
	insert := fmt.Sprintf("  /Metadata %d 0 R\n  /OutputIntents [%d 0 R]\n", metaID, intentID)
	var out bytes.Buffer
	out.Grow(len(body) + len(insert) + len(srgbProfile) + 4096)
	out.Write(body[:at])
	out.WriteString(insert)
	out.Write(body[at:])
	for k := range offsets {
		if offsets[k] >= at {
			offsets[k] += len(insert)
		}
	}

	sum := sha256.Sum256(b)
	id := strings.ToUpper(hex.EncodeToString(sum[:16]))
	icc, err := srgbDeflated()
	if err != nil {
		return nil, err
	}
	xmp := xmpPacket(info, creator, date, id)
	objects := []string{
		infoDict(info, creator, date),
		fmt.Sprintf("<<\n  /Type /Metadata\n  /Subtype /XML\n  /Length %d\n>>\nstream\n%s\nendstream\n", len(xmp), xmp),
		fmt.Sprintf("<<\n  /N 3\n  /Length %d\n  /Filter /FlateDecode\n>>\nstream\n%s\nendstream\n", len(icc), icc),
		fmt.Sprintf("<<\n  /Type /OutputIntent\n  /S /GTS_PDFA1\n  /OutputConditionIdentifier (%s)\n  /Info (%s)\n  /DestOutputProfile %d 0 R\n>>\n",
			outputCondition, outputCondition, iccID),
	}
	for k, o := range objects {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%sendobj\n\n", n+1+k, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root 1 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets)+1, infoID, id, id, xref)
	return out.Bytes(), nil
}

// splitXref returns the part of b before its cross-reference table and the
// offsets of objects 1..n the table lists.
func splitXref(b []byte) ([]byte, []int, error) {
	i := bytes.LastIndex(b, []byte("startxref\n"))
	if i < 0 {
		return nil, nil, errors.New("pdf/a: no startxref")
	}
	end := bytes.IndexByte(b[i+10:], '\n')
	if end < 0 {
		return nil, nil, errors.New("pdf/a: bad startxref")
	}
	x, err := strconv.Atoi(string(b[i+10 : i+10+end]))
	if err != nil || x <= 0 || x >= len(b) || !bytes.HasPrefix(b[x:], []byte("xref\n0 ")) {
		return nil, nil, errors.New("pdf/a: bad startxref")
	}
	lines := strings.Split(string(b[x:]), "\n")
	count, err := strconv.Atoi(strings.Fields(lines[1])[1])
	if err != nil || count < 2 || len(lines) < count+2 {
		return nil, nil, errors.New("pdf/a: bad xref")
	}
	offsets := make([]int, 0, count-1)
	for _, l := range lines[3 : count+2] {
		if len(l) < 10 {
			return nil, nil, errors.New("pdf/a: bad xref entry")
		}
		off, err := strconv.Atoi(l[:10])
		if err != nil {
			return nil, nil, errors.New("pdf/a: bad xref entry")
		}
		offsets = append(offsets, off)
	}
	return b[:x], offsets, nil
}

// infoDict is the document information dictionary, its strings in UTF-16BE.
func infoDict(info doc.Info, creator string, date time.Time) string {
	var b strings.Builder
	b.WriteString("<<\n")
	for _, e := range []struct{ key, val string }{
		{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Keywords", info.Keywords},
		{"Creator", creator}, {"Producer", Producer},
	} {
		if e.val != "" {
			fmt.Fprintf(&b, "  /%s %s\n", e.key, utf16Hex(e.val))
		}
	}
	d := pdfDate(date)
	fmt.Fprintf(&b, "  /CreationDate (%s)\n  /ModDate (%s)\n>>\n", d, d)
	return b.String()
}

// utf16Hex is s as a PDF text string: UTF-16BE with a byte order mark, in hex.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate is t as a PDF date: D:20190412000000+08'00'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// xmpDate is t as an XMP date, the same instant and offset as pdfDate.
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }

// xmpPacket is the XMP metadata: PDF/A-2b identification and the same
// entries as the information dictionary.
func xmpPacket(info doc.Info, creator string, date time.Time, id string) string {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">` + "\n" +
		"<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n<dc:format>application/pdf</dc:format>\n")
	if info.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(info.Title))
	}
	if info.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlText(info.Author))
	}
	if info.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(info.Subject))
	}
	if info.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlText(info.Keywords))
	}
	d := xmpDate(date)
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<xmp:CreatorTool>%s</xmp:CreatorTool>\n", xmlText(Producer), xmlText(creator))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	fmt.Fprintf(&b, "<xmpMM:DocumentID>uuid:%s-%s-%s-%s-%s</xmpMM:DocumentID>\n", id[:8], id[8:12], id[12:16], id[16:20], id[20:32])
	b.WriteString("</rdf:Description>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.String()
}

// xmlText escapes s for XML character data, characters XML does not
// allow (control characters a title pasted from elsewhere may hold)
// replaced, so that the XMP stays well formed.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// srgbDeflated is the sRGB profile compressed once for every PDF/A.
var srgbDeflated = sync.OnceValues(func() ([]byte, error) { return deflate(srgbProfile) })

// deflate compresses b with zlib (deterministic for given input).
func deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
