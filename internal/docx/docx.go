// Package docx writes a circular as an editable WordprocessingML document
// (.docx) for review in OA systems (核稿) in WPS or Word. It is written from
// the document model (package doc), not from the typeset pages: the same
// 版头, headings, 附件说明, 署名, annexes and 版记 as the PDF, as named
// paragraph styles on the GB/T 9704 grid of 22 lines × 28 characters, so an
// editor's changes keep the format. The bytes are deterministic: fixed zip
// times, parts in a fixed order.
package docx

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"tongbao/internal/doc"
)

// Options are the choices of the writer.
type Options struct {
	// EmbedFonts embeds tongbao's bundled faces (Word's obfuscated font
	// embedding) and names them in the runs, so that the document looks the
	// same on a machine without the office's 仿宋_GB2312 and 方正小标宋简体.
	EmbedFonts bool
	// Record is where the 版记 goes.
	Record doc.RecordPlace
}

// Write writes d as a .docx to out. d is the document as layout.Explicit
// returns it: the 版头, titles, tables and lines as the typesetter sets
// them.
func Write(out io.Writer, d *doc.Document, opt Options) error {
	h := &d.Header
	if len(h.Issuers) > 0 && h.Mark.Size == 0 || h.Format == doc.FormatTelegram && (len(h.Telegram.Form[0]) != 4 || len(h.Telegram.Form[1]) != 4) {
		return errors.New("docx: the document has not been through layout.Explicit")
	}
	w := &writer{d: d, opt: opt}
	body, err := w.document()
	if err != nil {
		return err
	}
	return w.pack(out, body)
}

// writer builds the parts of one document.
type writer struct {
	d      *doc.Document
	opt    Options
	media  []media // images, in document order
	nextID int     // drawing object ids
}

// media is an image part.
type media struct {
	name string // word/media/name
	rel  string // relationship id
	data []byte
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// epoch is the fixed modification time of every zip entry.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// pack writes the package: every part in a fixed order with fixed times.
func (w *writer) pack(out io.Writer, body string) error {
	parts := []part{
		{"[Content_Types].xml", []byte(w.contentTypes())},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/core.xml", []byte(w.core())},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", []byte(body)},
		{"word/_rels/document.xml.rels", []byte(w.documentRels())},
		{"word/styles.xml", []byte(w.styles())},
		{"word/settings.xml", []byte(w.settings())},
		{"word/fontTable.xml", []byte(w.fontTableXML())},
		{"word/footer1.xml", []byte(w.footer(false))},
		{"word/footer2.xml", []byte(w.footer(true))},
		{"word/footer3.xml", []byte(emptyFooter)},
		{"word/footer4.xml", []byte(letterFooter)},
		{"word/header1.xml", []byte(w.header())},
		{"word/header2.xml", []byte(emptyHeader)},
	}
	for _, m := range w.media {
		parts = append(parts, part{"word/media/" + m.name, m.data})
	}
	zw := newZipWriter(out, flate.DefaultCompression)
	add := func(name string, data []byte) error {
		fw, err := zw.CreateHeader(fileHeader(name))
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	for _, p := range parts {
		if err := add(p.name, p.data); err != nil {
			return err
		}
	}
	if w.opt.EmbedFonts {
		var rels strings.Builder
		rels.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
		for i, name := range w.embedded() {
			f, err := packedFace(name)
			if err != nil {
				return err
			}
			file := fmt.Sprintf("font%d.odttf", i+1)
			if err := f.copyTo(zw, "word/fonts/"+file); err != nil {
				return err
			}
			fmt.Fprintf(&rels, `<Relationship Id="rIdFont%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="fonts/%s"/>`, i+1, file)
		}
		rels.WriteString(`</Relationships>`)
		if err := add("word/_rels/fontTable.xml.rels", []byte(rels.String())); err != nil {
			return err
		}
	}
	return zw.Close()
}

// newZipWriter is a zip writer deflating at level (flate.DefaultCompression
// or flate.BestSpeed) with one compressor for all its parts in turn: a new
// one for each part would clear a megabyte each time.
func newZipWriter(out io.Writer, level int) *zip.Writer {
	fw, _ := flate.NewWriter(nil, level) // errs only for a level out of range
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fw.Reset(w) // as NewWriter at the same level: the same bytes
		return fw, nil
	})
	return zw
}

// fileHeader is the header of the part name: deflated, at the fixed time.
func fileHeader(name string) *zip.FileHeader {
	return &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch}
}

// embedded lists the bundled faces the file carries, in font-table order.
func (w *writer) embedded() []string {
	var out []string
	for _, e := range w.fontTable() {
		for _, n := range []string{e.regular, e.bold} {
			if n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const rootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tongbao</Application></Properties>`

// contentTypes is [Content_Types].xml.
func (w *writer) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	b.WriteString(`<Default Extension="jpeg" ContentType="image/jpeg"/>`)
	if w.opt.EmbedFonts {
		b.WriteString(`<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>`)
	}
	ov := func(name, typ string) {
		fmt.Fprintf(&b, `<Override PartName="/%s" ContentType="%s"/>`, name, typ)
	}
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	ov("word/document.xml", wml+"document.main+xml")
	ov("word/styles.xml", wml+"styles+xml")
	ov("word/settings.xml", wml+"settings+xml")
	ov("word/fontTable.xml", wml+"fontTable+xml")
	for _, f := range []string{"footer1", "footer2", "footer3", "footer4"} {
		ov("word/"+f+".xml", wml+"footer+xml")
	}
	ov("word/header1.xml", wml+"header+xml")
	ov("word/header2.xml", wml+"header+xml")
	ov("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	ov("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	b.WriteString(`</Types>`)
	return b.String()
}

// documentRels is word/_rels/document.xml.rels.
func (w *writer) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	const r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	rel := func(id, typ, target string) {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s%s" Target="%s"/>`, id, r, typ, target)
	}
	rel("rIdStyles", "styles", "styles.xml")
	rel("rIdSettings", "settings", "settings.xml")
	rel("rIdFontTable", "fontTable", "fontTable.xml")
	rel("rIdFooterOdd", "footer", "footer1.xml")
	rel("rIdFooterEven", "footer", "footer2.xml")
	rel("rIdFooterNone", "footer", "footer3.xml")
	rel("rIdFooterLetter", "footer", "footer4.xml")
	rel("rIdHeaderDraft", "header", "header1.xml")
	rel("rIdHeaderNone", "header", "header2.xml")
	for _, m := range w.media {
		rel(m.rel, "image", "media/"+m.name)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// core is docProps/core.xml from the document information, dated by its
// fixed date (never the current time).
func (w *writer) core() string {
	in := w.d.Info
	date := "1970-01-01T00:00:00Z"
	if t, err := time.Parse(time.RFC3339, in.Date); err == nil {
		date = t.UTC().Format("2006-01-02T15:04:05Z")
	}
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(in.Title) + `</dc:title><dc:subject>` + esc(in.Subject) + `</dc:subject><dc:creator>` + esc(in.Author) +
		`</dc:creator><cp:keywords>` + esc(in.Keywords) + `</cp:keywords>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
