package layouttest

import (
	"encoding/xml"
	"math"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// GB/T 9704 geometry in points, for tests that read a PDF back.
const (
	MM         = 72 / 25.4
	AreaLeft   = 28 * MM
	AreaTop    = 37 * MM
	AreaRight  = AreaLeft + 156*MM
	AreaBottom = AreaTop + 225*MM
	Pitch      = 225 * MM / 22 // the line pitch of 22 lines
	Cell       = 156 * MM / 28 // the character cell of 28 a line
)

// Word is a word pdftotext -bbox reads off a page, its box in points from
// the page's top left.
type Word struct {
	X0   float64 `xml:"xMin,attr"`
	Y0   float64 `xml:"yMin,attr"`
	X1   float64 `xml:"xMax,attr"`
	Y1   float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// Page is a page read back: its size and its words.
type Page struct {
	W     float64 `xml:"width,attr"`
	H     float64 `xml:"height,attr"`
	Words []Word  `xml:"word"`
}

// Line is the words of a page sharing a baseline, left to right, with the
// box around them and their text run together.
type Line struct {
	Words          []Word
	X0, X1, Y0, Y1 float64
	Text           string
}

// Lines returns the page's words grouped into lines, top to bottom.
func (p Page) Lines() []Line {
	ws := append([]Word(nil), p.Words...)
	sort.SliceStable(ws, func(i, j int) bool {
		if math.Abs(ws[i].Y1-ws[j].Y1) > 0.5 {
			return ws[i].Y1 < ws[j].Y1
		}
		return ws[i].X0 < ws[j].X0
	})
	var out []Line
	for _, w := range ws {
		if n := len(out); n > 0 && math.Abs(out[n-1].Y1-w.Y1) <= 0.5 {
			l := &out[n-1]
			l.X1, l.Text, l.Words = w.X1, l.Text+w.Text, append(l.Words, w)
			l.Y0 = math.Min(l.Y0, w.Y0)
			continue
		}
		out = append(out, Line{[]Word{w}, w.X0, w.X1, w.Y0, w.Y1, w.Text})
	}
	return out
}

// ReadBack reads the words of each page of the PDF at path with poppler's
// pdftotext -bbox; the test fails when poppler-utils is not installed.
func ReadBack(t testing.TB, path string) []Page {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed to read the PDF back: apt-get install -y poppler-utils")
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Pages []Page `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d.Pages
}

// AllWide reports whether s is all wide (CJK and full-width) characters.
func AllWide(s string) bool {
	for _, r := range s {
		if r < 0x2E80 {
			return false
		}
	}
	return s != ""
}
