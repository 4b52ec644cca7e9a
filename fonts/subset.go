package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// SubsetOf cuts the bundled face name down to the glyphs of the given
// runes (plus .notdef and the components of composite glyphs), renumbered,
// before gopdf sees it. gopdf subsets too, but it keeps the whole hmtx
// table (30 KB compressed for a CJK face of 65,000 glyphs even when a page
// number is all it draws) and parses the whole 10–16 MB file on every
// document; a font of a few hundred glyphs costs neither. Advance widths
// are unchanged, so the laid-out positions hold.
//
// The last few subsets are kept: an issued circular is drawn as PDF and as
// OFD from the same pages, and the second writer gets the first one's
// subset. The result is shared and must not be modified.
func SubsetOf(name string, runes []rune) ([]byte, error) {
	key := subsetKey{face: name, runes: string(runes)}
	subsetCache.Lock()
	b, ok := subsetCache.m[key]
	subsetCache.Unlock()
	if ok {
		return b, nil
	}
	data, err := Data(name)
	if err != nil {
		return nil, err
	}
	face, err := FaceOf(name)
	if err != nil {
		return nil, err
	}
	if b, err = subset(data, face, runes); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	subsetCache.Lock()
	if len(subsetCache.m) >= maxCachedSubsets {
		clear(subsetCache.m)
	}
	subsetCache.m[key] = b
	subsetCache.Unlock()
	return b, nil
}

// subsetKey names a subset: the face and the runes, in the caller's order.
type subsetKey struct {
	face  string
	runes string
}

// maxCachedSubsets bounds the cache: a document uses at most the six faces.
const maxCachedSubsets = 12

var subsetCache = struct {
	sync.Mutex
	m map[subsetKey][]byte
}{m: map[subsetKey][]byte{}}

// subset cuts data, whose metrics are face, down to runes.
func subset(data []byte, face *Face, runes []rune) ([]byte, error) {
	tables, err := readTables(data)
	if err != nil {
		return nil, err
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "name", "OS/2", "post"} {
		if tables[t] == nil {
			return nil, fmt.Errorf("font subset: no %s table", t)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errBadFont
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	loca := tables["loca"]
	glyf := tables["glyf"]
	glyphAt := func(g int) []byte {
		if g < 0 || g >= numGlyphs {
			return nil
		}
		var a, b int
		if longLoca {
			if 4*g+8 > len(loca) {
				return nil
			}
			a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		} else {
			if 2*g+4 > len(loca) {
				return nil
			}
			a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
		}
		if a > b || b > len(glyf) {
			return nil
		}
		return glyf[a:b]
	}
	// the glyphs to keep, old ids in ascending order; .notdef first
	keep := map[int]bool{0: true}
	var walk func(g int)
	walk = func(g int) {
		if keep[g] && g != 0 {
			return
		}
		keep[g] = true
		for _, c := range components(glyphAt(g)) {
			walk(c.gid)
		}
	}
	runeGlyph := map[rune]int{}
	for _, r := range runes {
		if g := face.Glyph(r); g != 0 {
			runeGlyph[r] = g
			walk(g)
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf and loca (long offsets)
	var nglyf []byte
	nloca := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(nloca[4*i:], uint32(len(nglyf)))
		gd := append([]byte(nil), glyphAt(g)...)
		for _, c := range components(gd) {
			binary.BigEndian.PutUint16(gd[c.at:], uint16(newID[c.gid]))
		}
		nglyf = append(nglyf, gd...)
		for len(nglyf)%4 != 0 {
			nglyf = append(nglyf, 0)
		}
	}
	binary.BigEndian.PutUint32(nloca[4*len(old):], uint32(len(nglyf)))

	// hmtx: a full metric per glyph
	hmtx := tables["hmtx"]
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || len(hmtx) < 4*nh {
		return nil, errBadFont
	}
	nhmtx := make([]byte, 4*len(old))
	for i, g := range old {
		adv := binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):])
		var lsb uint16
		if g < nh {
			lsb = binary.BigEndian.Uint16(hmtx[4*g+2:])
		} else if p := 4*nh + 2*(g-nh); p+2 <= len(hmtx) {
			lsb = binary.BigEndian.Uint16(hmtx[p:])
		}
		binary.BigEndian.PutUint16(nhmtx[4*i:], adv)
		binary.BigEndian.PutUint16(nhmtx[4*i+2:], lsb)
	}

	nhead := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(nhead[8:], 0) // checkSumAdjustment
	binary.BigEndian.PutUint16(nhead[50:], 1)
	nhhea := append([]byte(nil), hhea...)
	binary.BigEndian.PutUint16(nhhea[34:], uint16(len(old)))
	nmaxp := append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(nmaxp[4:], uint16(len(old)))
	post := append([]byte(nil), tables["post"][:min(32, len(tables["post"]))]...)
	if len(post) < 32 {
		return nil, errBadFont
	}
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	out := map[string][]byte{
		"head": nhead, "hhea": nhhea, "maxp": nmaxp, "hmtx": nhmtx, "loca": nloca, "glyf": nglyf,
		"cmap": buildCmap(runeGlyph, newID), "name": tables["name"], "OS/2": tables["OS/2"], "post": post,
	}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if tables[t] != nil {
			out[t] = tables[t]
		}
	}
	return writeFont(out), nil
}

var errBadFont = errors.New("font subset: malformed TrueType font")

func readTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 || binary.BigEndian.Uint32(b) != 0x00010000 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	t := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errBadFont
		}
		off, ln := int(binary.BigEndian.Uint32(b[rec+8:])), int(binary.BigEndian.Uint32(b[rec+12:]))
		if off+ln > len(b) {
			return nil, errBadFont
		}
		t[string(b[rec:rec+4])] = b[off : off+ln]
	}
	return t, nil
}

type component struct{ at, gid int }

// components lists the glyph references of a composite glyph.
func components(g []byte) []component {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []component
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, component{at: p + 2, gid: int(binary.BigEndian.Uint16(g[p+2:]))})
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}

// buildCmap writes a cmap with a (3,1) format 4 subtable for the BMP and,
// when needed, a (3,10) format 12 subtable for all runes.
func buildCmap(runeGlyph map[rune]int, newID map[int]int) []byte {
	runes := make([]rune, 0, len(runeGlyph))
	for r := range runeGlyph {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	// format 4: one segment per run of consecutive runes with consecutive glyphs
	type seg struct {
		start, end rune
		delta      int
	}
	var segs []seg
	var supp bool
	for _, r := range runes {
		if r > 0xFFFF {
			supp = true
			continue
		}
		if r == 0xFFFF {
			continue
		}
		g := newID[runeGlyph[r]]
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && int(r)+segs[n-1].delta == g {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r, g - int(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	f4 := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(f4, 4)
	binary.BigEndian.PutUint16(f4[2:], uint16(len(f4)))
	binary.BigEndian.PutUint16(f4[6:], uint16(2*n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(f4[8:], uint16(2<<es))
	binary.BigEndian.PutUint16(f4[10:], uint16(es))
	binary.BigEndian.PutUint16(f4[12:], uint16(2*n-(2<<es)))
	for i, s := range segs {
		binary.BigEndian.PutUint16(f4[14+2*i:], uint16(s.end))
		binary.BigEndian.PutUint16(f4[16+2*n+2*i:], uint16(s.start))
		binary.BigEndian.PutUint16(f4[16+4*n+2*i:], uint16(s.delta&0xFFFF))
	}
	subs := [][]byte{f4}
	ids := [][2]uint16{{3, 1}}
	if supp {
		var groups [][3]uint32
		for _, r := range runes {
			g := uint32(newID[runeGlyph[r]])
			if k := len(groups); k > 0 && groups[k-1][1] == uint32(r)-1 && groups[k-1][2]+uint32(r)-groups[k-1][0] == g {
				groups[k-1][1] = uint32(r)
				continue
			}
			groups = append(groups, [3]uint32{uint32(r), uint32(r), g})
		}
		f12 := make([]byte, 16+12*len(groups))
		binary.BigEndian.PutUint16(f12, 12)
		binary.BigEndian.PutUint32(f12[4:], uint32(len(f12)))
		binary.BigEndian.PutUint32(f12[12:], uint32(len(groups)))
		for i, g := range groups {
			binary.BigEndian.PutUint32(f12[16+12*i:], g[0])
			binary.BigEndian.PutUint32(f12[20+12*i:], g[1])
			binary.BigEndian.PutUint32(f12[24+12*i:], g[2])
		}
		subs = append(subs, f12)
		ids = append(ids, [2]uint16{3, 10})
	}
	head := make([]byte, 4+8*len(subs))
	binary.BigEndian.PutUint16(head[2:], uint16(len(subs)))
	off := len(head)
	for i, s := range subs {
		binary.BigEndian.PutUint16(head[4+8*i:], ids[i][0])
		binary.BigEndian.PutUint16(head[6+8*i:], ids[i][1])
		binary.BigEndian.PutUint32(head[8+8*i:], uint32(off))
		off += len(s)
	}
	for _, s := range subs {
		head = append(head, s...)
	}
	return head
}

// writeFont assembles a TrueType file from its tables, in tag order.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-(16<<es)))
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:min(i+4, len(d))])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
