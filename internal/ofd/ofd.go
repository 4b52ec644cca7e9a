// Package ofd draws typeset pages (layout.Result) as an OFD file (GB/T
// 33190-2016), the national fixed-layout format for 电子公文: the same
// pages the pdf package draws, each glyph where it stands in the PDF. Text
// runs become TextObjects whose TextCode carries the characters and DeltaX
// the distance from each glyph to the next; the faces are embedded as
// TrueType subsets; rules are PathObjects; images (the seal, pictures a
// document includes) are ImageObjects over MultiMedia resources. DocInfo
// carries the title, author, creation date and the document number.
// Identical input gives identical bytes: fixed zip times, sorted entries,
// no random identifiers.
package ofd

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout"
)

// Creator is written as the OFD DocInfo creator.
const Creator = "tongbao"

// CustomNumber is the name of the DocInfo custom datum holding the document
// number (doc.Info.Keywords).
const CustomNumber = "发文字号"

// mmPerPt converts the layout's points to OFD's millimetres.
const mmPerPt = 25.4 / 72

// Render returns the OFD bytes of r with info as the document information.
func Render(r *layout.Result, info doc.Info) ([]byte, error) {
	date, err := info.Created()
	if err != nil {
		return nil, err
	}
	w := &writer{files: map[string][]byte{}, fontID: map[string]int{}, imageID: map[string]int{}}
	if err := w.fonts(r); err != nil {
		return nil, err
	}
	pages := r.Pages
	if len(pages) == 0 {
		pages = []layout.Page{{Width: 595.28, Height: 841.89}}
	}
	pageIDs := make([]int, len(pages))
	for i := range pages {
		pageIDs[i] = w.id()
		content, err := w.page(&pages[i])
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		w.files[fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)] = content
	}
	w.files["Doc_0/PublicRes.xml"] = w.publicRes()
	if len(w.images) > 0 {
		w.files["Doc_0/DocumentRes.xml"] = w.documentRes()
	}
	w.files["Doc_0/Document.xml"] = w.document(pages, pageIDs)
	w.files["OFD.xml"] = ofdXML(info, date)
	return zipFiles(w.files, date)
}

// writer holds the parts of one OFD being built.
type writer struct {
	files   map[string][]byte
	lastID  int
	fontID  map[string]int         // face name → resource ID
	fontRes []string               // Font elements, in fonts.Names order
	faces   map[string]*fonts.Face // face name → metrics, for DeltaX
	imageID map[string]int         // SHA-256 of the image bytes → resource ID
	images  []string               // MultiMedia elements
}

// id returns the next object identifier (ST_ID, unique in the document).
func (w *writer) id() int {
	w.lastID++
	return w.lastID
}

// fonts embeds a subset of every face r uses, with the runes drawn in it,
// and keeps the faces' metrics for DeltaX.
func (w *writer) fonts(r *layout.Result) error {
	used := r.UsedRunes()
	w.faces = map[string]*fonts.Face{}
	for _, name := range r.Fonts {
		runes := used[name]
		if runes == nil {
			continue
		}
		sub, err := fonts.SubsetOf(name, runes)
		if err != nil {
			return err
		}
		face, err := fonts.FaceOf(name)
		if err != nil {
			return err
		}
		id := w.id()
		w.fontID[name] = id
		w.faces[name] = face
		file := fmt.Sprintf("font_%d.ttf", id)
		w.files["Doc_0/Res/"+file] = sub
		w.fontRes = append(w.fontRes, fmt.Sprintf(`<ofd:Font ID="%d" FontName="%s" FamilyName="%s"><ofd:FontFile>%s</ofd:FontFile></ofd:Font>`,
			id, esc(name), esc(family(name)), file))
	}
	for name := range used {
		if _, ok := w.fontID[name]; !ok {
			return fmt.Errorf("font %s: drawn but not among the result's fonts", name)
		}
	}
	return nil
}

// family is the family part of a face name: FandolFang-Regular → FandolFang.
func family(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		return name[:i]
	}
	return name
}

// image returns the resource ID of the image b, adding it once.
func (w *writer) image(b []byte) (int, error) {
	sum := sha256.Sum256(b)
	key := string(sum[:])
	if id, ok := w.imageID[key]; ok {
		return id, nil
	}
	var format, ext string
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG")):
		format, ext = "PNG", "png"
	case bytes.HasPrefix(b, []byte("\xFF\xD8")):
		format, ext = "JPEG", "jpg"
	default:
		return 0, fmt.Errorf("image: neither PNG nor JPEG")
	}
	id := w.id()
	w.imageID[key] = id
	file := fmt.Sprintf("image_%d.%s", id, ext)
	w.files["Doc_0/Res/"+file] = b
	w.images = append(w.images, fmt.Sprintf(`<ofd:MultiMedia ID="%d" Type="Image" Format="%s"><ofd:MediaFile>%s</ofd:MediaFile></ofd:MultiMedia>`,
		id, format, file))
	return id, nil
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`

func (w *writer) publicRes() []byte {
	var b strings.Builder
	b.WriteString(xmlHead + `<ofd:Res ` + ns + ` BaseLoc="Res">`)
	if len(w.fontRes) > 0 {
		b.WriteString("<ofd:Fonts>")
		for _, f := range w.fontRes {
			b.WriteString(f)
		}
		b.WriteString("</ofd:Fonts>")
	}
	b.WriteString("</ofd:Res>\n")
	return []byte(b.String())
}

func (w *writer) documentRes() []byte {
	var b strings.Builder
	b.WriteString(xmlHead + `<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:MultiMedias>`)
	for _, m := range w.images {
		b.WriteString(m)
	}
	b.WriteString("</ofd:MultiMedias></ofd:Res>\n")
	return []byte(b.String())
}

func (w *writer) document(pages []layout.Page, ids []int) []byte {
	var b strings.Builder
	b.WriteString(xmlHead + `<ofd:Document ` + ns + `><ofd:CommonData>`)
	fmt.Fprintf(&b, "<ofd:MaxUnitID>%d</ofd:MaxUnitID>", w.lastID)
	fmt.Fprintf(&b, "<ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:PageArea>", mm(pages[0].Width), mm(pages[0].Height))
	b.WriteString("<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>")
	if len(w.images) > 0 {
		b.WriteString("<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>")
	}
	b.WriteString("</ofd:CommonData><ofd:Pages>")
	for i, id := range ids {
		fmt.Fprintf(&b, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, id, i)
	}
	b.WriteString("</ofd:Pages></ofd:Document>\n")
	return []byte(b.String())
}

// ofdXML is the entry file: DocInfo and the document's root.
func ofdXML(info doc.Info, date time.Time) []byte {
	var b strings.Builder
	b.WriteString(xmlHead + `<ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>`)
	sum := sha256.Sum256([]byte(info.Title + "\x00" + info.Author + "\x00" + info.Keywords + "\x00" + info.Date))
	fmt.Fprintf(&b, "<ofd:DocID>%s</ofd:DocID>", hex.EncodeToString(sum[:16]))
	elem := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<ofd:%s>%s</ofd:%s>", name, esc(v), name)
		}
	}
	elem("Title", info.Title)
	elem("Author", info.Author)
	elem("Subject", info.Subject)
	elem("CreationDate", date.Format("2006-01-02"))
	if info.Keywords != "" {
		fmt.Fprintf(&b, "<ofd:Keywords><ofd:Keyword>%s</ofd:Keyword></ofd:Keywords>", esc(info.Keywords))
	}
	creator := info.CreatorOr(Creator)
	elem("Creator", creator)
	if info.Keywords != "" {
		fmt.Fprintf(&b, `<ofd:CustomDatas><ofd:CustomData Name="%s">%s</ofd:CustomData></ofd:CustomDatas>`, CustomNumber, esc(info.Keywords))
	}
	b.WriteString("</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n")
	return []byte(b.String())
}

// zipFiles packs the parts in name order, each dated date, deflated.
func zipFiles(files map[string][]byte, date time.Time) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	// zip keeps local times to the second from 1980; the date's calendar day
	// at midnight, UTC, so the bytes never depend on the machine's zone
	mod := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	if date.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// the fastest deflate: the parts are mostly font outlines, which the
	// default level shrinks by 7% more at nearly twice the time; one
	// compressor serves every part in turn (a new one clears 1 MB)
	fw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fw.Reset(w)
		return fw, nil
	})
	for _, n := range names {
		method := zip.Deflate
		if strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".jpg") {
			method = zip.Store // already compressed
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method, Modified: mod})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	xmlEscape(&b, s)
	return b.String()
}
