package fonts

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// Face is the metrics of a TrueType face: which runes it maps to which
// glyphs and their advance widths. It reads the cmap subtables gopdf reads
// (format 4 of platform 3 encoding 1 for the BMP, format 12 of platform 3
// encoding 10 beyond it) and keeps widths as gopdf writes them to the PDF
// (integer thousandths of an em), so that positions computed from it are
// the positions a PDF viewer draws. The typesetter measures with it, Subset
// keeps its glyphs, and writers that place every glyph themselves (OFD)
// take their advances from it.
type Face struct {
	// bmp maps a BMP code point to its glyph (0: none).
	bmp []uint16
	// groups are the format 12 groups, for runes beyond the BMP.
	groups []cmapGroup
	// widths are the advance widths in thousandths of an em, by glyph.
	widths []uint16
}

type cmapGroup struct{ start, end, glyph uint32 }

// Has reports whether the face draws r.
func (f *Face) Has(r rune) bool { return f.Glyph(r) != 0 }

// Glyph returns the glyph r maps to, 0 when the face lacks r.
func (f *Face) Glyph(r rune) int {
	if r < 0 {
		return 0
	}
	if r <= 0xFFFF {
		return int(f.bmp[r])
	}
	lo, hi := 0, len(f.groups)
	for lo < hi {
		m := (lo + hi) / 2
		g := f.groups[m]
		switch {
		case uint32(r) < g.start:
			hi = m
		case uint32(r) > g.end:
			lo = m + 1
		default:
			return int(g.glyph + uint32(r) - g.start)
		}
	}
	return 0
}

// Advance returns r's advance width in ems, truncated to thousandths of an
// em as the PDF's /W array has it (0 when the face lacks r: the typesetter
// gives a missing character no room).
func (f *Face) Advance(r rune) float64 {
	g := f.Glyph(r)
	if g == 0 {
		return 0
	}
	return float64(f.widths[min(g, len(f.widths)-1)]) / 1000
}

// FaceOf returns the metrics of the bundled face name, parsed once per
// process and shared.
func FaceOf(name string) (*Face, error) {
	faces.Lock()
	fo := faces.m[name]
	if fo == nil {
		fo = &faceOnce{}
		faces.m[name] = fo
	}
	faces.Unlock()
	fo.once.Do(func() {
		data, err := Data(name)
		if err != nil {
			fo.err = err
			return
		}
		if fo.f, err = parseFace(data); err != nil {
			fo.err = fmt.Errorf("font %s: %w", name, err)
		}
	})
	return fo.f, fo.err
}

// ForgetFaces drops the metrics FaceOf has parsed and the subsets kept, so
// that a benchmark can measure a cold start; nothing else needs it.
func ForgetFaces() {
	faces.Lock()
	faces.m = map[string]*faceOnce{}
	faces.Unlock()
	subsetCache.Lock()
	clear(subsetCache.m)
	subsetCache.Unlock()
}

type faceOnce struct {
	once sync.Once
	f    *Face
	err  error
}

// faces holds the parsed metrics by face name.
var faces = struct {
	sync.Mutex
	m map[string]*faceOnce
}{m: map[string]*faceOnce{}}

// parseFace reads the metrics of TrueType data.
func parseFace(b []byte) (*Face, error) {
	tables, err := readTables(b)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return nil, fmt.Errorf("%w: missing head, hhea or cmap", errBadFont)
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return nil, fmt.Errorf("%w: unitsPerEm 0", errBadFont)
	}
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || len(hmtx) < 4*nh {
		return nil, fmt.Errorf("%w: hmtx", errBadFont)
	}
	f := &Face{widths: make([]uint16, nh)}
	for i := range f.widths {
		w := int(binary.BigEndian.Uint16(hmtx[4*i:]))
		f.widths[i] = uint16(w * 1000 / upem) // as gopdf: integer division
	}
	if err := f.parseCmap(cmap); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *Face) parseCmap(c []byte) error {
	if len(c) < 4 {
		return errBadFont
	}
	var off4, off12 int
	n := int(binary.BigEndian.Uint16(c[2:]))
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(c) {
			return errBadFont
		}
		pid, eid := binary.BigEndian.Uint16(c[rec:]), binary.BigEndian.Uint16(c[rec+2:])
		off := int(binary.BigEndian.Uint32(c[rec+4:]))
		switch {
		case pid == 3 && eid == 1:
			off4 = off
		case pid == 3 && eid == 10 && off12 == 0:
			off12 = off
		}
	}
	if off4 == 0 || off4+14 > len(c) || binary.BigEndian.Uint16(c[off4:]) != 4 {
		return fmt.Errorf("%w: no format 4 Unicode cmap", errBadFont)
	}
	f.bmp = make([]uint16, 0x10000)
	t := c[off4:]
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	seg := segX2 / 2
	if 16+4*segX2 > len(t) {
		return errBadFont
	}
	ends, starts := t[14:], t[16+segX2:]
	deltas, ranges := t[16+2*segX2:], t[16+3*segX2:]
	for i := 0; i < seg; i++ {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			var g int
			if ro == 0 {
				g = (ch + delta) & 0xFFFF
			} else {
				p := 16 + 3*segX2 + 2*i + ro + 2*(ch-start)
				if p+2 > len(t) {
					break
				}
				g = int(binary.BigEndian.Uint16(t[p:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			f.bmp[ch] = uint16(g)
		}
	}
	if off12 != 0 && off12+16 <= len(c) && binary.BigEndian.Uint16(c[off12:]) == 12 {
		t := c[off12:]
		ng := int(binary.BigEndian.Uint32(t[12:]))
		if 16+12*ng <= len(t) {
			for i := 0; i < ng; i++ {
				g := t[16+12*i:]
				grp := cmapGroup{binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])}
				if grp.end > 0xFFFF {
					if grp.start <= 0xFFFF {
						grp.glyph += 0x10000 - grp.start
						grp.start = 0x10000
					}
					f.groups = append(f.groups, grp)
				}
			}
		}
	}
	return nil
}
