package ofd_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"tongbao/internal/layout/layouttest"
	"tongbao/internal/ofd"
	"tongbao/internal/pdf"
)

// The rendering test reads the OFD back with ofd.js 0.2.6 (Apache-2.0,
// npm), a reader written independently of this package, in headless
// Chromium, and compares every page with the PDF of the same layout rendered
// by poppler. .ci/run installs it with `npm ci` in testdata/ofdjs.

// scale is the rendering scale in pixels per millimetre, 96 dpi: ofd.js
// rounds a scale it computes to a tenth, so it is given exactly; and it
// sizes images as if the scale were 96 dpi whatever it is (0.2642 mm a
// pixel, hard-coded), so no other scale draws images at their size. poppler
// renders the PDF at the same resolution.
const dpi = 96
const scale = dpi / 25.4

// ofdjs returns the path of ofd.js's bundle: skipped on a developer's
// machine without it, a failure in CI.
func ofdjs(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("testdata", "ofdjs", "node_modules", "ofd.js", "lib", "ofd.umd.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if os.Getenv("CI") == "" {
		t.Skip("no ofd.js (cd internal/ofd/testdata/ofdjs && npm ci); the test runs in CI")
	}
	t.Fatal("CI is set but ofd.js is missing: run npm ci in internal/ofd/testdata/ofdjs")
	return ""
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return tool(t, "chromium", "chromium")
}

var fontRe = regexp.MustCompile(`<ofd:Font ID="\d+" FontName="([^"]+)" FamilyName="([^"]+)"><ofd:FontFile>([^<]+)</ofd:FontFile>`)

// harness is the HTML page that has ofd.js render the OFD b at the scale,
// page under page, each at its top in pixels (whole pixels, as the PDF's
// pages are cut), and writes each page's text into the DOM.
// ofd.js 0.2.6 does not load embedded fonts: it names the font family in the
// SVG it draws (any name containing "kai" becomes 楷体), as a reader relying on
// installed fonts does. The page installs the OFD's embedded subsets under
// those family names (@font-face), which is what the OFD itself carries.
func harness(t *testing.T, bundle string, b []byte, tops []int) string {
	p := parts(t, b)
	var css strings.Builder
	for _, m := range fontRe.FindAllStringSubmatch(string(p["Doc_0/PublicRes.xml"]), -1) {
		data := p["Doc_0/Res/"+m[3]]
		if data == nil {
			t.Fatalf("font file %s missing", m[3])
		}
		family := m[2]
		if strings.Contains(strings.ToLower(family), "kai") {
			family = "楷体"
		}
		fmt.Fprintf(&css, "@font-face{font-family:%q;src:url(data:font/ttf;base64,%s)}\n", family, base64.StdEncoding.EncodeToString(data))
	}
	return `<!DOCTYPE html><meta charset="utf-8"><style>` + css.String() + `
body{margin:0;background:white} #pages div{margin:0!important} #text{display:none}</style>
<script src="file://` + html.EscapeString(bundle) + `"></script>
<div id="pages"></div><pre id="text"></pre>
<script>
const raw = atob("` + base64.StdEncoding.EncodeToString(b) + `");
const buf = new Uint8Array(raw.length);
for (let i = 0; i < raw.length; i++) buf[i] = raw.charCodeAt(i);
ofd.setPageScale(` + fmt.Sprint(scale) + `);
ofd.parseOfdDocument({ofd: buf.buffer, success(res) {
  const doc = res[0];
  const divs = ofd.renderOfdByScale(doc);
  const texts = [];
  const tops = ` + fmt.Sprint(strings.Join(strings.Fields(fmt.Sprint(tops)), ",")) + `;
  divs.forEach((d, i) => {
    const box = document.createElement('div');
    box.style = 'position:absolute;left:0;top:' + tops[i] + 'px';
    box.appendChild(d);
    document.getElementById('pages').appendChild(box);
    texts.push(Array.from(d.querySelectorAll('text')).map(e => e.textContent).join(''));
  });
  document.getElementById('text').textContent = JSON.stringify(texts);
}, fail(e) { document.getElementById('text').textContent = 'FAIL ' + e; }});
</script>`
}

// TestOFDJS renders the specimen's OFD with ofd.js and its PDF with
// pdftoppm at the same scale: the same number of pages, each page's dark
// pixels within 1 px of a dark pixel of the other on at least 97% of them,
// both ways, and each page's text (pdftotext's, whitespace aside) equal.
func TestOFDJS(t *testing.T) {
	bundle := ofdjs(t)
	chrome := chromium(t)
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	d := layouttest.Specimen()
	r := typeset(t, d)
	o, err := ofd.Render(r, d.Info)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "s.pdf")
	if err := pdf.WriteFile(pdfPath, r, d.Info); err != nil {
		t.Fatal(err)
	}
	// the shot holds the pages one under the other, each as tall as its
	// size at the scale, fractions of a pixel running on
	n := len(r.Pages)
	px := func(pt float64) float64 { return pt / 72 * 25.4 * scale }
	w, tops := 0, make([]int, n+1)
	sum := 0.0
	for i, p := range r.Pages {
		w = max(w, int(math.Round(px(p.Width))))
		sum += px(p.Height)
		tops[i+1] = int(math.Round(sum))
	}
	page := filepath.Join(dir, "ofd.html")
	if err := os.WriteFile(page, []byte(harness(t, bundle, o, tops)), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "ofd.png")
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--allow-file-access-from-files", "--virtual-time-budget=30000", fmt.Sprintf("--window-size=%d,%d", w, tops[n])}
	if out, err := exec.Command(chrome, append(args, "--screenshot="+shot, "file://"+page)...).CombinedOutput(); err != nil {
		t.Fatalf("chromium screenshot: %v\n%s", err, out)
	}
	dom, err := exec.Command(chrome, append(args, "--dump-dom", "file://"+page)...).Output()
	if err != nil {
		t.Fatalf("chromium dump-dom: %v", err)
	}
	m := regexp.MustCompile(`(?s)<pre id="text">(.*?)</pre>`).FindSubmatch(dom)
	if m == nil {
		t.Fatal("ofd.js wrote no text")
	}
	var texts []string
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &texts); err != nil {
		t.Fatalf("ofd.js: %s", m[1])
	}
	if len(texts) != n {
		t.Fatalf("ofd.js shows %d pages, the PDF has %d", len(texts), n)
	}
	full := readPNG(t, shot)
	if out, err := exec.Command(pdftoppm, "-r", fmt.Sprint(dpi), "-png", pdfPath, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	keep := os.Getenv("TONGBAO_OFD_SHOTS")
	for i := range n {
		pdfText, err := exec.Command(pdftotext, "-raw", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if a, b := squeeze(texts[i]), squeeze(string(pdfText)); a != b {
			t.Errorf("page %d: text differs\nOFD: %s\nPDF: %s", i+1, a, b)
		}
		pp := readPNG(t, ppmName(t, dir, i+1, n))
		op := crop(full, tops[i], int(math.Round(px(r.Pages[i].Width))), tops[i+1]-tops[i])
		ab, ba := coincide(op, pp), coincide(pp, op)
		t.Logf("page %d: %.1f%% of the OFD's dark pixels near the PDF's, %.1f%% the other way", i+1, 100*ab, 100*ba)
		if ab < 0.97 || ba < 0.97 {
			t.Errorf("page %d: dark pixels coincide on %.1f%% / %.1f%% (want ≥ 97%%)", i+1, 100*ab, 100*ba)
		}
		if i == 1 {
			// the measure can fail: the same page 2 px to the right does
			moved := coincide(op, shift{pp, 2})
			t.Logf("page 2 moved 2 px: %.1f%%", 100*moved)
			if moved >= 0.97 {
				t.Errorf("page %d moved 2 px still coincides on %.1f%%: the measure is too lax", i+1, 100*moved)
			}
		}
		if keep != "" {
			writePNG(t, filepath.Join(keep, fmt.Sprintf("ofd-%02d.png", i+1)), op)
			writePNG(t, filepath.Join(keep, fmt.Sprintf("pdf-%02d.png", i+1)), pp)
		}
	}
}

// squeeze drops white space (pdftotext puts spaces and line ends where
// ofd.js has none). pdftotext -raw keeps the order the PDF draws, the OFD's.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// ppmName is pdftoppm's file for page i of n (it pads the number to the
// width of n).
func ppmName(t *testing.T, dir string, i, n int) string {
	return filepath.Join(dir, fmt.Sprintf("p-%0*d.png", len(fmt.Sprint(n)), i))
}

func readPNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

func writePNG(t *testing.T, path string, im image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, im); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// crop cuts the w × h rectangle at row top out of im.
func crop(im image.Image, top, w, h int) image.Image {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			out.Set(x, y, im.At(im.Bounds().Min.X+x, im.Bounds().Min.Y+top+y))
		}
	}
	return out
}

// dark reports whether the pixel at (x, y) is darker than the luminance
// limit (0xFFFF white): red ink counts, its luminance is about 0.3.
func dark(im image.Image, x, y int, limit uint32) bool {
	b := im.Bounds()
	if x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y {
		return false
	}
	r, g, bl, _ := im.At(x, y).RGBA()
	return (299*r+587*g+114*bl)/1000 < limit
}

// coincide is the share of a's dark pixels (luminance under half) with
// ink of b within 1 px (the 3 × 3 neighbourhood). Ink is any pixel under
// three quarters: the two renderers antialias the thin strokes of 仿宋
// differently at 96 dpi, so a stroke one draws half-dark the other may draw
// a little lighter; what must not happen is dark where the other has none.
func coincide(a, b image.Image) float64 {
	ab := a.Bounds()
	total, near := 0, 0
	for y := ab.Min.Y; y < ab.Max.Y; y++ {
		for x := ab.Min.X; x < ab.Max.X; x++ {
			if !dark(a, x, y, 0x8000) {
				continue
			}
			total++
		found:
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if dark(b, x+dx, y+dy, 0xC000) {
						near++
						break found
					}
				}
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(near) / float64(total)
}

// shift is an image moved dx pixels to the right.
type shift struct {
	image.Image
	dx int
}

func (s shift) At(x, y int) color.Color { return s.Image.At(x-s.dx, y) }
