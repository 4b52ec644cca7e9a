package layout

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"tongbao/fonts"
)

// face is the metrics of one bundled TrueType face: which runes it maps and
// their advance widths. It reads the same cmap subtables as gopdf (format 4
// of platform 3 encoding 1 for the BMP, format 12 of platform 3 encoding 10
// beyond it) and rounds widths as gopdf writes them to the PDF (integer
// thousandths of an em), so the positions computed here are the positions
// the PDF viewer draws.
type face struct {
	name string
	// bmp maps a BMP code point to its glyph (0: none).
	bmp []uint16
	// groups are the format 12 groups, for runes beyond the BMP.
	groups []cmapGroup
	// widths are the advance widths in thousandths of an em, by glyph.
	widths []uint16
}

type cmapGroup struct{ start, end, glyph uint32 }

// has reports whether the face draws r.
func (f *face) has(r rune) bool { return f.glyph(r) != 0 }

func (f *face) glyph(r rune) uint32 {
	if r < 0 {
		return 0
	}
	if r <= 0xFFFF {
		return uint32(f.bmp[r])
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
			return g.glyph + uint32(r) - g.start
		}
	}
	return 0
}

// advance returns r's advance width in ems (0 when the face lacks r).
func (f *face) advance(r rune) float64 {
	g := f.glyph(r)
	if g == 0 {
		return 0
	}
	if int(g) >= len(f.widths) {
		g = uint32(len(f.widths) - 1)
	}
	return float64(f.widths[g]) / 1000
}

var (
	faceMu    sync.Mutex
	faceCache = map[string]*faceOnce{}
)

type faceOnce struct {
	once sync.Once
	f    *face
	err  error
}

// loadFace returns the parsed metrics of a bundled face, parsing it once per
// process.
func loadFace(name string) (*face, error) {
	faceMu.Lock()
	fo := faceCache[name]
	if fo == nil {
		fo = &faceOnce{}
		faceCache[name] = fo
	}
	faceMu.Unlock()
	fo.once.Do(func() {
		data, err := fonts.Data(name)
		if err != nil {
			fo.err = err
			return
		}
		fo.f, fo.err = parseFace(name, data)
		if fo.err != nil {
			fo.err = fmt.Errorf("font %s: %w", name, fo.err)
		}
	})
	return fo.f, fo.err
}

// resetFaceCache forgets parsed faces (benchmarks measure cold loading).
func resetFaceCache() {
	faceMu.Lock()
	faceCache = map[string]*faceOnce{}
	faceMu.Unlock()
}

var errFont = errors.New("malformed TrueType font")

// parseFace reads the tables the typesetter needs from TrueType data.
func parseFace(name string, b []byte) (*face, error) {
	if len(b) < 12 || binary.BigEndian.Uint32(b) != 0x00010000 {
		return nil, fmt.Errorf("%w: not TrueType outlines", errFont)
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errFont
		}
		tag := string(b[rec : rec+4])
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		ln := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("%w: table %s out of range", errFont, tag)
		}
		tables[tag] = b[off : off+ln]
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return nil, fmt.Errorf("%w: missing head, hhea or cmap", errFont)
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return nil, fmt.Errorf("%w: unitsPerEm 0", errFont)
	}
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || len(hmtx) < 4*nh {
		return nil, fmt.Errorf("%w: hmtx", errFont)
	}
	f := &face{name: name, widths: make([]uint16, nh)}
	for i := range f.widths {
		w := int(binary.BigEndian.Uint16(hmtx[4*i:]))
		f.widths[i] = uint16(w * 1000 / upem) // as gopdf: integer division
	}
	if err := f.parseCmap(cmap); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *face) parseCmap(c []byte) error {
	if len(c) < 4 {
		return errFont
	}
	var off4, off12 int
	n := int(binary.BigEndian.Uint16(c[2:]))
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(c) {
			return errFont
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
		return fmt.Errorf("%w: no format 4 Unicode cmap", errFont)
	}
	f.bmp = make([]uint16, 0x10000)
	t := c[off4:]
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	seg := segX2 / 2
	if 16+4*segX2 > len(t) {
		return errFont
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
