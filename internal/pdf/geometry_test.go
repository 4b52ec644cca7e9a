package pdf_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

// The boxes pdftotext gives a line of text reach from the face's win ascent
// above the baseline to its win descent below: for FandolFang 0.978 and
// 0.272 em, for Noto Serif SC 1.151 and 0.286 em.
const (
	fangDescent = 0.272
	songDescent = 0.286
)

func tool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is needed to read the PDF back: apt-get install -y poppler-utils", name)
	}
}

// writeTemp renders d to a PDF in a temporary folder with WriteFile.
func writeTemp(t *testing.T, d *doc.Document) (string, *layout.Result) {
	t.Helper()
	r, err := layout.Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := pdf.WriteFile(path, r, d.Info); err != nil {
		t.Fatal(err)
	}
	return path, r
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestSpecimenGeometry(t *testing.T) {
	d := layouttest.Specimen()
	path, r := writeTemp(t, d)
	pages := layouttest.ReadBack(t, path)
	if len(pages) != r.PageCount() {
		t.Fatalf("pdftotext sees %d pages, the layout made %d", len(pages), r.PageCount())
	}
	for i, p := range pages {
		w, h := 595.28, 841.89
		if r.Pages[i].Landscape {
			w, h = h, w
		}
		if !near(p.W, w, 0.01) || !near(p.H, h, 0.01) {
			t.Errorf("page %d is %.2f × %.2f, want %.2f × %.2f", i+1, p.W, p.H, w, h)
		}
	}

	// Page 2 is all body text: 22 lines on the grid, 28 characters a line.
	var body []layouttest.Line
	for _, l := range pages[1].Lines() {
		if l.Y0 < layouttest.AreaBottom {
			body = append(body, l)
		}
	}
	if len(body) != 22 {
		t.Fatalf("page 2 has %d lines of text, want 22", len(body))
	}
	full := 0
	for k, l := range body {
		// the em box centred in grid line k (checked on lines that start in
		// 仿宋, whose box pdftotext makes 20 pt high)
		if near(l.Y1-l.Y0, 20, 0.01) {
			base := l.Y1 - fangDescent*16
			if mid := base - 0.38*16; !near(mid, layouttest.AreaTop+(float64(k)+0.5)*layouttest.Pitch, 0.05) {
				t.Errorf("page 2 line %d: em box centre at %.2f, want %.2f", k+1, mid, layouttest.AreaTop+(float64(k)+0.5)*layouttest.Pitch)
			}
		}
		if l.X0 < layouttest.AreaLeft-0.01 || l.X1 > layouttest.AreaRight+0.3 {
			t.Errorf("page 2 line %d (%s) spans %.2f–%.2f, outside the 版心 %.2f–%.2f", k+1, l.Text, l.X0, l.X1, layouttest.AreaLeft, layouttest.AreaRight)
		}
		indent := math.Round((l.X0 - layouttest.AreaLeft) / layouttest.Cell)
		if near(l.X1, layouttest.AreaRight+0.21, 0.1) && layouttest.AllWide(l.Text) {
			full++
			if n := utf8.RuneCountInString(l.Text) + int(indent); n != 28 {
				t.Errorf("page 2 line %d (%s) holds %d characters, want 28", k+1, l.Text, n)
			}
		}
	}
	if full < 5 {
		t.Errorf("only %d full lines of CJK text on page 2", full)
	}

	// Page numbers: 「— N —」 7 mm below the 版心, odd at the right and even at
	// the left, one character in; none on the blank page nor the 版记 page after it.
	for i, p := range pages {
		n := r.Pages[i].Number
		var num []layouttest.Word
		for _, w := range p.Words {
			if r.Pages[i].Landscape {
				if w.X1 < 100 { // the number sits on the paper's bottom edge, turned
					num = append(num, w)
				}
			} else if w.Y0 > layouttest.AreaBottom+10 {
				num = append(num, w)
			}
		}
		if n == 0 {
			if len(num) != 0 {
				t.Errorf("page %d should carry no number, has %q", i+1, num[0].Text)
			}
			continue
		}
		if len(num) != 3 || num[0].Text != "—" || num[1].Text != strconv.Itoa(n) || num[2].Text != "—" {
			t.Errorf("page %d: number words %v, want — %d —", i+1, num, n)
			continue
		}
		if r.Pages[i].Landscape {
			continue
		}
		base := num[0].Y1 - songDescent*14
		if top := base - 0.88*14; !near(top, layouttest.AreaBottom+7*layouttest.MM, 0.1) {
			t.Errorf("page %d: number's em box top %.2f, want %.2f (7 mm below the 版心)", i+1, top, layouttest.AreaBottom+7*layouttest.MM)
		}
		if n%2 == 1 && !near(num[2].X1, layouttest.AreaRight-14, 0.3) {
			t.Errorf("odd page %d: number ends at %.2f, want %.2f", i+1, num[2].X1, layouttest.AreaRight-14)
		}
		if n%2 == 0 && !near(num[0].X0, layouttest.AreaLeft+14, 0.3) {
			t.Errorf("even page %d: number starts at %.2f, want %.2f", i+1, num[0].X0, layouttest.AreaLeft+14)
		}
	}

	// The 版记 closes an even last page, its last line in the last grid line.
	last := pages[len(pages)-1]
	if len(pages)%2 != 0 {
		t.Errorf("the document has %d pages; the 版记 page must be even", len(pages))
	}
	var printed *layouttest.Line
	for _, l := range last.Lines() {
		if strings.Contains(l.Text, "印发") {
			l := l
			printed = &l
		}
	}
	if printed == nil {
		t.Fatal("no 印发 line on the last page")
	}
	if base := printed.Y1 - fangDescent*14; !near(base-0.38*14, layouttest.AreaTop+21.5*layouttest.Pitch, 0.05) {
		t.Errorf("印发 line centred at %.2f, want the last grid line %.2f", base-0.38*14, layouttest.AreaTop+21.5*layouttest.Pitch)
	}
}

// TestFontsEmbedded checks with pdffonts that every face is embedded as a
// subset named as one (ABCDEF+name, "sub yes") and that only the faces the
// layout used are there.
func TestFontsEmbedded(t *testing.T) {
	tool(t, "pdffonts")
	for _, s := range specimens {
		t.Run(s.file, func(t *testing.T) {
			path, r := writeTemp(t, s.doc())
			out, err := exec.Command("pdffonts", path).Output()
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
			if len(lines) != len(r.Fonts) {
				t.Errorf("pdffonts lists %d fonts, the layout used %d", len(lines), len(r.Fonts))
			}
			known := strings.Join(fonts.Names, " ")
			for _, l := range lines {
				f := strings.Fields(l)
				tag, name, ok := strings.Cut(f[0], "+")
				if !ok || !subsetTagRE.MatchString(tag) {
					t.Errorf("font %s has no subset tag", f[0])
				}
				if !strings.Contains(known, name) {
					t.Errorf("unexpected font %s", f[0])
				}
				if f[len(f)-5] != "yes" {
					t.Errorf("font %s is not embedded: %s", f[0], l)
				}
				if f[len(f)-4] != "yes" {
					t.Errorf("font %s is not marked as a subset: %s", f[0], l)
				}
			}
		})
	}
}

var (
	subsetTagRE = regexp.MustCompile(`^[A-Z]{6}$`)
	space       = regexp.MustCompile(`\s+`)
	pageNumber  = regexp.MustCompile(`—\d+—`)
)

// TestNoMissingGlyph reads the text back: every piece of the document is
// there, character for character (a dropped glyph would be a gap).
func TestNoMissingGlyph(t *testing.T) {
	tool(t, "pdftotext")
	for _, s := range specimens {
		t.Run(s.file, func(t *testing.T) {
			d := s.doc()
			path, _ := writeTemp(t, d)
			out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got := space.ReplaceAllString(string(out), "")
			got = pageNumber.ReplaceAllString(got, "") // a paragraph may run across pages
			for _, want := range pieces(d) {
				if w := space.ReplaceAllString(want, ""); !strings.Contains(got, w) {
					t.Errorf("the PDF's text lacks %q", w)
				}
			}
		})
	}
}

// pieces lists the texts a document must show.
func pieces(d *doc.Document) []string {
	out := []string{d.Title, d.Recipients + "：", d.Header.Number, d.Signature.Date, d.Note}
	out = append(out, d.Header.Issuers...)
	out = append(out, d.Signature.Names...)
	out = append(out, d.Attachments...)
	var blocks func([]doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				out = append(out, b.Text())
			case *doc.Table:
				for _, r := range b.Head {
					for _, c := range r {
						out = append(out, c.Text)
					}
				}
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						out = append(out, c.Text)
					}
				}
				out = append(out, b.Note)
			}
		}
	}
	blocks(d.Body)
	for _, a := range d.Annexes {
		out = append(out, a.Label, a.Title)
		blocks(a.Blocks)
	}
	if d.Record != nil {
		out = append(out, d.Record.CC...)
		out = append(out, d.Record.Printer)
	}
	var keep []string
	for _, s := range out {
		if strings.TrimFunc(s, unicode.IsSpace) != "" {
			keep = append(keep, s)
		}
	}
	return keep
}

// TestInfo checks the document information, /Keywords included.
func TestInfo(t *testing.T) {
	tool(t, "pdfinfo")
	d := layouttest.Specimen()
	path, _ := writeTemp(t, d)
	out, err := exec.Command("pdfinfo", "-isodates", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Title:           " + d.Info.Title,
		"Author:          " + d.Info.Author,
		"Subject:         " + d.Info.Subject,
		"Keywords:        " + d.Info.Keywords,
		"CreationDate:    2024-10-18T00:00:00+08",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("written file: %v %v", st.Mode(), err)
	}
}

// TestBodyOnGrid: on every page of the specimen's 正文 (pages 1–4), each line
// of 3号 text sits in the middle of a grid line, inside the 版心.
func TestBodyOnGrid(t *testing.T) {
	path, _ := writeTemp(t, layouttest.Specimen())
	pages := layouttest.ReadBack(t, path)
	for i, p := range pages[:4] {
		n := 0
		for _, l := range p.Lines() {
			if l.Y0 < layouttest.AreaTop || l.Y1 > layouttest.AreaBottom || !near(l.Y1-l.Y0, 20, 0.01) {
				continue // the 版头, the page number, lines starting in 黑体 or 楷体
			}
			n++
			mid := l.Y1 - fangDescent*16 - 0.38*16
			k := math.Round((mid-layouttest.AreaTop)/layouttest.Pitch - 0.5)
			if !near(mid, layouttest.AreaTop+(k+0.5)*layouttest.Pitch, 0.05) {
				t.Errorf("page %d: %q centred at %.2f, off the grid (line %d at %.2f)", i+1, l.Text, mid, int(k)+1, layouttest.AreaTop+(k+0.5)*layouttest.Pitch)
			}
			if l.X0 < layouttest.AreaLeft-0.01 {
				t.Errorf("page %d: %q starts at %.2f, left of the 版心 (%.2f)", i+1, l.Text, l.X0, layouttest.AreaLeft)
			}
			if l.X1 > layouttest.AreaRight+0.3 {
				t.Errorf("page %d: %q ends at %.2f, past the 版心 (%.2f)", i+1, l.Text, l.X1, layouttest.AreaRight)
			}
		}
		if n < 5 {
			t.Errorf("page %d: only %d lines of 仿宋 text", i+1, n)
		}
	}
}

// TestLetterGeometry reads the letter back: no page number on page 1, the
// number flush right on page 1, page 2's number at the left; the 抄送 line of
// its 版记 in the last grid line of the last page.
func TestLetterGeometry(t *testing.T) {
	path, r := writeTemp(t, layouttest.Letter())
	pages := layouttest.ReadBack(t, path)
	for _, w := range pages[0].Words {
		if w.Y0 > layouttest.AreaBottom {
			t.Errorf("page 1 carries %q below the 版心", w.Text)
		}
		if strings.HasPrefix(w.Text, "临政数函") && !near(w.X1, layouttest.AreaRight+0.21, 0.05) {
			t.Errorf("the number ends at %.2f, want flush right (%.2f)", w.X1, layouttest.AreaRight)
		}
	}
	var num []layouttest.Word
	for _, w := range pages[1].Words {
		if w.Y0 > layouttest.AreaBottom+10 {
			num = append(num, w)
		}
	}
	if len(num) != 3 || num[1].Text != "2" || !near(num[0].X0, layouttest.AreaLeft+14, 0.3) {
		t.Errorf("page 2 number %v, want — 2 — one character in from the left", num)
	}
	if r.Pages[0].Number != 0 {
		t.Error("page 1 numbered")
	}
	last := pages[len(pages)-1]
	found := false
	for _, l := range last.Lines() {
		if strings.HasPrefix(l.Text, "抄送") {
			found = true
			if base := l.Y1 - fangDescent*14; !near(base-0.38*14, layouttest.AreaTop+21.5*layouttest.Pitch, 0.05) {
				t.Errorf("抄送 centred at %.2f, want the last grid line %.2f", base-0.38*14, layouttest.AreaTop+21.5*layouttest.Pitch)
			}
		}
	}
	if !found {
		t.Error("no 抄送 on the last page")
	}
}
