package layout_test

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"hash/crc32"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/doc"
	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
)

type htmlImage struct {
	Top    float64 `xml:"top,attr"`
	Left   float64 `xml:"left,attr"`
	Width  float64 `xml:"width,attr"`
	Height float64 `xml:"height,attr"`
}

// pictures reads the pictures of each page back with pdftohtml -xml, in points.
func pictures(t *testing.T, path string) [][]htmlImage {
	t.Helper()
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Fatal("pdftohtml is needed to read the PDF back: apt-get install -y poppler-utils")
	}
	out, err := exec.Command("pdftohtml", "-xml", "-zoom", "1", "-stdout", path, filepath.Join(t.TempDir(), "img")).Output()
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Pages []struct {
			Images []htmlImage `xml:"image"`
		} `xml:"page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	var pics [][]htmlImage
	for _, p := range d.Pages {
		pics = append(pics, p.Images)
	}
	return pics
}

// TestImages reads the procedure annex back: five pictures, each centred in
// the type area, as wide as it or as asked (or smaller, to fit a page), its
// caption below it on the same page and on the grid.
func TestImages(t *testing.T) {
	d := layouttest.Procedure()
	var want []*doc.Image
	for _, b := range d.Annexes[0].Blocks {
		if im, ok := b.(*doc.Image); ok {
			want = append(want, im)
		}
	}
	path, _ := writeCorpus(t, t.TempDir(), "images", d)
	pics := pictures(t, path)
	pages := layouttest.ReadBack(t, path)
	n := 0
	for i, ps := range pics {
		for _, p := range ps {
			if n >= len(want) {
				t.Fatalf("more pictures than the %d the document holds", len(want))
			}
			im := want[n]
			n++
			if c := p.Left + p.Width/2; !near(c, (layouttest.AreaLeft+layouttest.AreaRight)/2, 1) {
				t.Errorf("%s: centred at %.1f, want %.1f", im.Name, c, (layouttest.AreaLeft+layouttest.AreaRight)/2)
			}
			if p.Top < layouttest.AreaTop-1 || p.Top+p.Height > layouttest.AreaBottom+1 || p.Left < layouttest.AreaLeft-1 || p.Left+p.Width > layouttest.AreaRight+1 {
				t.Errorf("%s: %.1f,%.1f %.1f×%.1f is not inside the type area", im.Name, p.Left, p.Top, p.Width, p.Height)
			}
			full := layouttest.AreaRight - layouttest.AreaLeft
			if im.Width > 0 {
				full = im.Width * layouttest.MM
			}
			if p.Width > full+1 || p.Width < full*2/3-1 {
				t.Errorf("%s: %.1f pt wide, want %.1f (or down to two thirds, to fit)", im.Name, p.Width, full)
			}
			found := false
			for _, l := range pages[i].Lines() {
				if l.Text != strings.ReplaceAll(im.Caption, " ", "") {
					continue
				}
				found = true
				if l.Y0 < p.Top+p.Height || l.Y0 > p.Top+p.Height+layouttest.Pitch {
					t.Errorf("%s: caption at %.1f, picture ends at %.1f", im.Name, l.Y0, p.Top+p.Height)
				}
				if c := (l.X0 + l.X1) / 2; !near(c, (layouttest.AreaLeft+layouttest.AreaRight)/2+0.1, 1) {
					t.Errorf("%s: caption centred at %.1f", im.Name, c)
				}
				mid := l.Y1 - fangDescent*16 - 0.38*16
				if k := math.Round((mid-layouttest.AreaTop)/layouttest.Pitch - 0.5); !near(mid, layouttest.AreaTop+(k+0.5)*layouttest.Pitch, 0.1) {
					t.Errorf("%s: caption centred at %.2f, off the grid", im.Name, mid)
				}
			}
			if !found {
				t.Errorf("%s: no caption 「%s」 on page %d", im.Name, im.Caption, i+1)
			}
		}
	}
	if n != len(want) {
		t.Errorf("%d pictures read back, want %d", n, len(want))
	}
}

// pngHeader is the start of a PNG file of w × h pixels: enough for its size
// to be read, nothing to draw.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

// TestImageRefused: a huge picture is refused from its header, and a file
// that is no picture with a message saying so, both naming the file and
// where it is.
func TestImageRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"huge.png", pngHeader(8000, 6000), doc.ErrImageTooBig, "图片 huge.png 太大（8000 × 6000 pixels）：每张图片最多 3000 万像素"},
		{"notes.png", []byte("这不是图片"), doc.ErrImageFormat, "图片 notes.png 不是 PNG 或 JPEG 文件"},
	} {
		d := layouttest.Procedure()
		d.Annexes[0].Blocks = append(d.Annexes[0].Blocks, &doc.Image{Data: c.data, Name: c.name})
		_, err := layout.Typeset(d)
		var ie *layout.ImageError
		if !errors.As(err, &ie) || !errors.Is(err, c.err) {
			t.Fatalf("%s: got %v, want an ImageError of %v", c.name, err, c.err)
		}
		if msg := err.Error(); !strings.Contains(msg, c.msg) || !strings.Contains(msg, "附件 第 6 张图片") {
			t.Errorf("%s: message %q lacks %q and where", c.name, msg, c.msg)
		}
	}
}
