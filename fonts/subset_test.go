package fonts

import (
	"encoding/binary"
	"testing"
	"unicode"
)

// TestNoBlankGlyphs: no bundled face maps a visible character to an empty
// glyph. The typesetter trusts a face that maps a character to draw it; a
// face that mapped it to an outline-less glyph would print a gap as surely
// as a missing one.
func TestNoBlankGlyphs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every mapping of five faces")
	}
	for _, n := range Names {
		data, err := Data(n)
		if err != nil {
			t.Fatal(err)
		}
		tables, err := readTables(data)
		if err != nil {
			t.Fatal(err)
		}
		longLoca := binary.BigEndian.Uint16(tables["head"][50:]) == 1
		loca := tables["loca"]
		face, err := parseFace(data)
		if err != nil {
			t.Fatal(err)
		}
		mapped, blank := 0, 0
		for r := rune(0x21); r < 0x30000; r++ {
			g := face.Glyph(r)
			if g == 0 || unicode.IsSpace(r) || unicode.In(r, unicode.Cf, unicode.Mn, unicode.Cc) {
				continue
			}
			mapped++
			var a, b int
			if longLoca {
				a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
			} else {
				a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
			}
			if a == b {
				blank++
				if blank <= 5 {
					t.Errorf("%s maps %U to an empty glyph", n, r)
				}
			}
		}
		t.Logf("%s: %d visible characters mapped, %d to empty glyphs", n, mapped, blank)
	}
}

// TestSubsetKeepsWidths: a subset font has the glyphs of the runes asked for,
// with the advance widths of the full face (the layout's positions hold).
func TestSubsetKeepsWidths(t *testing.T) {
	data, err := Data(Fang)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("临江市政务服务数据管理局2024年，。（）—%@")
	sub, err := SubsetOf(Fang, runes)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := readTables(data)
	part, err := readTables(sub)
	if err != nil {
		t.Fatal(err)
	}
	ff, _ := parseFace(data)
	fp, err := parseFace(sub)
	if err != nil {
		t.Fatal(err)
	}
	adv := func(tb map[string][]byte, g int) uint16 {
		nh := int(binary.BigEndian.Uint16(tb["hhea"][34:]))
		return binary.BigEndian.Uint16(tb["hmtx"][4*min(g, nh-1):])
	}
	for _, r := range runes {
		gf, gp := ff.Glyph(r), fp.Glyph(r)
		if gf == 0 {
			continue // FandolFang lacks it; the layout draws it from another face
		}
		if gp == 0 {
			t.Errorf("%c missing from the subset", r)
			continue
		}
		if adv(full, gf) != adv(part, gp) {
			t.Errorf("%c: advance %d in the subset, %d in the face", r, adv(part, gp), adv(full, gf))
		}
	}
	if len(sub) > len(data)/50 {
		t.Errorf("subset of %d characters is %d bytes", len(runes), len(sub))
	}
}
