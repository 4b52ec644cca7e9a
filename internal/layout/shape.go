package layout

import (
	"unicode"

	"tongbao/fonts"
	"tongbao/internal/doc"
)

// role is a typeface role: the head of a fallback chain.
type role uint8

const (
	roleFang        role = iota // 仿宋: body
	roleHei                     // 黑体
	roleKai                     // 楷体
	roleSong                    // 小标宋: titles, the mark
	roleSongRegular             // 宋体: page numbers
)

// chains are the fallback chains: a character the first face lacks is drawn
// from the next face that has it. FandolFang covers GB2312 only; cwTeX 仿宋
// covers Big5's traditional characters; the Noto and LXGW faces cover GBK
// and more.
var chains = [...][]string{
	roleFang:        {fonts.Fang, fonts.FangTraditional, fonts.SongRegular, fonts.Kai, fonts.Hei},
	roleHei:         {fonts.Hei, fonts.SongRegular, fonts.Kai},
	roleKai:         {fonts.Kai, fonts.SongRegular, fonts.Hei},
	roleSong:        {fonts.Song, fonts.Hei, fonts.Kai},
	roleSongRegular: {fonts.SongRegular, fonts.Kai, fonts.Hei, fonts.Fang},
}

// styleNames name the roles' styles as a clerk knows them.
var styleNames = [...]string{roleFang: "仿宋", roleHei: "黑体", roleKai: "楷体", roleSong: "小标宋", roleSongRegular: "宋体"}

// ownFaces is how many faces at the head of a role's chain are of the
// role's own style: a character drawn from a later face is a Substitution.
func ownFaces(ro role) int {
	if ro == roleFang {
		return 2 // FandolFang and cwTeX 仿宋 are both 仿宋
	}
	return 1
}

// fontIndex numbers the bundled faces in the fixed order of fonts.Names.
func fontIndex(name string) int {
	for i, n := range fonts.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// noFont marks a glyph that is not drawn (a line break).
const noFont = 255

// glyph is one character ready to be set: its face, size, colour, natural
// advance and the width of its box on the line.
type glyph struct {
	r     rune
	font  uint8 // index into fonts.Names, or noFont
	color Color
	size  float64
	adv   float64 // natural advance, pt
	w     float64 // box width on the line, pt (grid cell for full-width glyphs)
	off   float64 // drawing offset within the box (squeezed opening punctuation)
}

// style is how a piece of text is set.
type style struct {
	role  role
	size  float64
	color Color
}

// session holds what one Typeset call has loaded and used, and every
// character it set from a face of another style.
type session struct {
	faces [8]*face
	used  [8]bool
	subs  []Substitution
}

func (s *session) face(i int) (*face, error) {
	if s.faces[i] == nil {
		f, err := loadFace(fonts.Names[i])
		if err != nil {
			return nil, err
		}
		s.faces[i] = f
	}
	return s.faces[i], nil
}

// pick returns the face of r's chain that draws it and its place in the chain.
func (s *session) pick(r rune, ro role) (int, float64, int, bool, error) {
	for k, name := range chains[ro] {
		i := fontIndex(name)
		f, err := s.face(i)
		if err != nil {
			return 0, 0, 0, false, err
		}
		if f.Has(r) {
			return i, f.Advance(r), k, true, nil
		}
	}
	return 0, 0, 0, false, nil
}

// substituted records that r at where was set from face fi, not from the
// style of role ro (every occurrence: placeSubstitutions matches them to
// the pages and keeps one per character and place).
func (s *session) substituted(r rune, fi int, ro role, where, text string, bi int) {
	s.subs = append(s.subs, Substitution{Rune: r, Face: fonts.Names[fi], Style: styleNames[ro], Where: where, Text: excerpt(text, bi)})
}

// usedFonts lists the faces drawn from, in fonts.Names order.
func (s *session) usedFonts() []string {
	var out []string
	for i, n := range fonts.Names {
		if s.used[i] {
			out = append(out, n)
		}
	}
	return out
}

// shape turns text into glyphs in style st, choosing the face per character.
// Tabs become spaces; other control characters except "\n" are dropped, and
// so are invisible format characters (ignorable). A character no bundled
// face draws gives a *GlyphError naming where; one drawn from a face of
// another style is recorded as a Substitution.
//
// 仿宋 text (a paragraph's run, a table cell) holding a traditional
// character FandolFang lacks is set in cwTeX 仿宋 throughout its
// ideographs, so that it reads in one face; its punctuation, digits and
// Latin stay FandolFang's (cwTeX's punctuation is centred, Taiwan style).
func (s *session) shape(dst []glyph, text string, st style, where string) ([]glyph, error) {
	trad, err := s.traditional(text, st.role)
	if err != nil {
		return nil, err
	}
	for bi, r := range text {
		switch {
		case r == '\n' || r == '\u200b':
			dst = append(dst, glyph{r: r, font: noFont, size: st.size, color: st.color})
			continue
		case r == '\t':
			r = ' '
		case dropped(r):
			continue
		}
		fi, adv, k, ok, err := s.pick(r, st.role)
		if err != nil {
			return nil, err
		}
		if trad != nil && k == 0 && unicode.Is(unicode.Han, r) && trad.Has(r) {
			fi, adv = fontIndex(fonts.FangTraditional), trad.Advance(r)
		}
		if !ok {
			return nil, &GlyphError{Rune: r, Where: where, Text: excerpt(text, bi)}
		}
		if k >= ownFaces(st.role) && !unicode.IsSpace(r) {
			s.substituted(r, fi, st.role, where, text, bi)
		}
		s.used[fi] = true
		a := adv * st.size
		dst = append(dst, glyph{r: r, font: uint8(fi), color: st.color, size: st.size, adv: a, w: a})
	}
	return dst, nil
}

// traditional returns cwTeX 仿宋 when text, in role ro, is 仿宋 holding an
// ideograph FandolFang lacks and cwTeX 仿宋 has, and cwTeX 仿宋 has every
// ideograph of text FandolFang has; nil otherwise (simplified text with a
// stray traditional character takes only that one from cwTeX 仿宋).
func (s *session) traditional(text string, ro role) (*face, error) {
	if ro != roleFang {
		return nil, nil
	}
	var fang, trad *face
	need := false
	for _, r := range text {
		if r < 0x2E80 || !unicode.Is(unicode.Han, r) {
			continue
		}
		if fang == nil {
			var err error
			if fang, err = s.face(fontIndex(fonts.Fang)); err != nil {
				return nil, err
			}
			if trad, err = s.face(fontIndex(fonts.FangTraditional)); err != nil {
				return nil, err
			}
		}
		switch {
		case fang.Has(r) && !trad.Has(r):
			return nil, nil // a simplified character cwTeX 仿宋 lacks
		case !fang.Has(r) && trad.Has(r):
			need = true
		}
	}
	if need {
		return trad, nil
	}
	return nil, nil
}

// dropped reports a character shape sets no glyph for: a control
// character other than "\n" and "\t", or an invisible format character.
func dropped(r rune) bool {
	return r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || ignorable(r))
}

// ignorable reports an invisible character that text pasted from Word or a
// web page may carry and that has nothing to draw: a byte order mark, soft
// hyphen, zero-width (non-)joiner, word joiner, direction marks and
// embeddings, and variation selectors (the base character is drawn in the
// face's own form).
func ignorable(r rune) bool {
	switch {
	case r == '\ufeff', r == '\u00ad', r == '\u200c', r == '\u200d', r == '\u2060':
		return true
	case r >= '\u200e' && r <= '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r >= '\ufe00' && r <= '\ufe0f', r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return false
}

// gridFit puts full-width glyphs of size size into cells of width cell (a
// 3号 character on the 28-per-line grid takes 15.79 pt, not 16): the grid
// is exact whatever the mix of faces. Half-width glyphs keep their width.
func gridFit(gs []glyph, size, cell float64) {
	k := cell / size
	for i := range gs {
		if gs[i].adv >= 0.99*gs[i].size {
			gs[i].w = gs[i].adv * k
		}
	}
}

// roleOf maps a document face to a role; def is used for doc.FaceDefault.
func roleOf(f doc.Face, def role) role {
	switch f {
	case doc.FaceFang:
		return roleFang
	case doc.FaceHei:
		return roleHei
	case doc.FaceKai:
		return roleKai
	case doc.FaceSong:
		return roleSong
	}
	return def
}

func fontNameOf(i uint8) string { return fonts.Names[i] }
