package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"tongbao/fonts"
	"tongbao/internal/doc"
)

// face is a font as a run names it: the name in w:rFonts, the fallback the
// font table offers for it, whether the run is bold, and the bundled face
// embedded for it when fonts are embedded.
type face struct {
	name    string
	alt     string
	bold    bool
	bundled string
}

// The faces by role. Offices have the 方正/GB2312 faces by these names;
// with EmbedFonts the runs name tongbao's bundled faces by their family
// names instead, and the file carries them.
var officeFaces = map[doc.Face]face{
	doc.FaceFang: {name: "仿宋_GB2312", alt: "仿宋"},
	doc.FaceSong: {name: "方正小标宋简体", alt: "宋体"},
	doc.FaceHei:  {name: "黑体", alt: "SimHei"},
	doc.FaceKai:  {name: "楷体_GB2312", alt: "楷体"},
	faceNumber:   {name: "宋体", alt: "SimSun"},
}

var bundledFaces = map[doc.Face]face{
	doc.FaceFang: {name: "FandolFang", alt: "仿宋", bundled: fonts.Fang},
	doc.FaceSong: {name: "Noto Serif SC", alt: "宋体", bold: true, bundled: fonts.Song},
	doc.FaceHei:  {name: "Noto Sans SC", alt: "黑体", bundled: fonts.Hei},
	doc.FaceKai:  {name: "LXGW WenKai", alt: "楷体", bundled: fonts.Kai},
	faceNumber:   {name: "Noto Serif SC", alt: "宋体", bundled: fonts.SongRegular},
}

// faceNumber is the 宋体 of page numbers, a role the document model leaves
// to the typesetter.
const faceNumber doc.Face = 100

// faceOf returns the font a run of role f is set in.
func (w *writer) faceOf(f doc.Face) face {
	if f == doc.FaceDefault {
		f = doc.FaceFang
	}
	if w.opt.EmbedFonts {
		return bundledFaces[f]
	}
	return officeFaces[f]
}

// fontKey is the fixed obfuscation key of an embedded face, a GUID as
// w:fontKey writes it, derived from its name so that the bytes are the same
// on every run.
func fontKey(name string) string {
	h := sha256.Sum256([]byte("tongbao docx font " + name))
	return strings.ToUpper(fmt.Sprintf("{%x-%x-%x-%x-%x}", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16]))
}

// obfuscate applies Word's font obfuscation (ECMA-376 Part 1, 17.8.1): the
// first 32 bytes of the font XORed with the key's 16 bytes, taken from the
// GUID's hex digits in reverse order.
func obfuscate(data []byte, key string) ([]byte, error) {
	guid, err := hex.DecodeString(strings.NewReplacer("{", "", "}", "", "-", "").Replace(key))
	if err != nil || len(guid) != 16 {
		return nil, fmt.Errorf("font key %s is not a GUID", key)
	}
	out := make([]byte, len(data))
	copy(out, data)
	for i := 0; i < 32 && i < len(out); i++ {
		out[i] ^= guid[15-i%16]
	}
	return out, nil
}

// packedFont is a bundled face as a package carries it: obfuscated and
// deflated, with the zip header zip.Writer.CreateHeader gives it (its
// checksum, sizes and times), so that a writer copies it into a package
// raw, the same bytes as if it compressed the face itself.
type packedFont struct {
	header zip.FileHeader
	data   []byte // the deflated bytes
}

var (
	packedMu sync.Mutex
	packed   = map[string]func() (*packedFont, error){}
)

// packedFace is the packed face name, obfuscated and compressed once per
// process (the faces are 60 MB; compressing them took most of a Write).
func packedFace(name string) (*packedFont, error) {
	packedMu.Lock()
	f, ok := packed[name]
	if !ok {
		f = sync.OnceValues(func() (*packedFont, error) { return packFace(name) })
		packed[name] = f
	}
	packedMu.Unlock()
	return f()
}

// packFace obfuscates the bundled face name and deflates it into a zip of
// its own, and keeps the entry's header and compressed bytes.
func packFace(name string) (*packedFont, error) {
	data, err := fonts.Data(name)
	if err != nil {
		return nil, err
	}
	if data, err = obfuscate(data, fontKey(name)); err != nil {
		return nil, err
	}
	// the fonts compressed fast: five times quicker than the parts' level
	// for a few megabytes more
	var buf bytes.Buffer
	zw := newZipWriter(&buf, flate.BestSpeed)
	fw, err := zw.CreateHeader(fileHeader(name + ".odttf"))
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	f := zr.File[0]
	off, err := f.DataOffset()
	if err != nil {
		return nil, err
	}
	return &packedFont{header: f.FileHeader, data: buf.Bytes()[off : off+int64(f.CompressedSize64)]}, nil
}

// copyTo adds the packed face to zw as the part name.
func (f *packedFont) copyTo(zw *zip.Writer, name string) error {
	h := f.header
	h.Name = name
	h.Extra = slices.Clone(f.header.Extra)
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = w.Write(f.data)
	return err
}

// fontEntry is one w:font of the font table: a name, its fallback, and the
// bundled faces embedded as its regular and bold styles.
type fontEntry struct {
	name, alt     string
	regular, bold string
}

// fontTable lists the fonts the document uses, in a fixed order.
func (w *writer) fontTable() []fontEntry {
	var out []fontEntry
	seen := map[string]int{}
	for _, f := range []doc.Face{doc.FaceFang, doc.FaceSong, doc.FaceHei, doc.FaceKai, faceNumber} {
		fc := w.faceOf(f)
		i, ok := seen[fc.name]
		if !ok {
			i = len(out)
			seen[fc.name] = i
			out = append(out, fontEntry{name: fc.name, alt: fc.alt})
		}
		if fc.bundled == "" {
			continue
		}
		if fc.bold {
			out[i].bold = fc.bundled
		} else {
			out[i].regular = fc.bundled
		}
	}
	return out
}
