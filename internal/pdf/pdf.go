// Package pdf draws typeset pages (layout.Result) with gopdf: the bundled
// faces the pages use, registered in a fixed order; text runs placed on
// their baselines with the character spacing the layout computed; rules and
// images; the document information. Identical input gives identical bytes.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/signintech/gopdf"

	"tongbao/fonts"
	"tongbao/internal/doc"
	"tongbao/internal/layout"
)

// Producer is written as the PDF producer.
const Producer = "tongbao"

// Write draws r as a PDF to w, with info as the document information.
func Write(w io.Writer, r *layout.Result, info doc.Info) error {
	b, err := render(r, info, false)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// WriteA draws r as a PDF/A-2b to w (see pdfa.go), with info as the
// document information, mirrored in XMP: the form for issued circulars.
func WriteA(w io.Writer, r *layout.Result, info doc.Info) error {
	b, err := render(r, info, true)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// WriteFile writes the PDF to path: to a temporary file in the same folder
// first, synced, then renamed over path, so that a reader never sees half a
// file.
func WriteFile(path string, r *layout.Result, info doc.Info) (err error) {
	b, err := render(r, info, false)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(b); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if d, e := os.Open(dir); e == nil {
		d.Sync() // the rename itself; not every file system supports it
		d.Close()
	}
	return nil
}

// render draws r, its fonts subset and tagged as subsets; pdfa makes it
// PDF/A-2b.
func render(r *layout.Result, info doc.Info, pdfa bool) ([]byte, error) {
	date, err := info.Created()
	if err != nil {
		return nil, err
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: 595.28, H: 841.89}, Unit: gopdf.UnitPT})
	creator := info.CreatorOr(Producer)
	if !pdfa { // PDF/A writes its own information dictionary
		gp.SetInfo(gopdf.PdfInfo{Title: info.Title, Author: info.Author, Subject: info.Subject,
			Creator: creator, Producer: Producer, CreationDate: date})
	}
	family := map[string]string{} // face → the name registered with gopdf
	used := r.UsedRunes()
	for _, name := range r.Fonts {
		runes := used[name]
		if len(runes) == 0 {
			continue // a face the pages (say, one page drawn alone) never use
		}
		sub, err := fonts.SubsetOf(name, runes)
		if err != nil {
			return nil, err
		}
		// a subset's name carries its tag (PDF 32000-1 9.6.4), in every PDF:
		// pdffonts shows "sub yes", and archival profiles require it
		family[name] = subsetTag(sub) + "+" + name
		if err := gp.AddTTFFontDataWithOption(family[name], sub, gopdf.TtfOption{}); err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
	}
	for i := range r.Pages {
		if err := drawPage(gp, &r.Pages[i], family); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	if r.PageCount() == 0 {
		gp.AddPage()
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	if pdfa {
		return toPDFA(buf.Bytes(), info, creator, date)
	}
	return addKeywords(buf.Bytes(), info.Keywords), nil
}

// subsetTag is the six capital letters that name a font subset (ISO 32000
// 9.6.4), taken from the subset's bytes so that they are deterministic.
func subsetTag(sub []byte) string {
	sum := sha256.Sum256(sub)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

func drawPage(gp *gopdf.GoPdf, p *layout.Page, family map[string]string) error {
	gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: p.Width, H: p.Height}})
	var font string
	var size float64
	color := layout.Color{R: 1} // not a colour any text has: forces the first SetTextColor
	for _, t := range p.Texts {
		if t.Font != font || t.Size != size {
			if err := gp.SetFont(family[t.Font], "", t.Size); err != nil {
				return err
			}
			font, size = t.Font, t.Size
		}
		if t.Color != color {
			gp.SetTextColor(t.Color.R, t.Color.G, t.Color.B)
			color = t.Color
		}
		if err := gp.SetCharSpacing(t.Spacing); err != nil {
			return err
		}
		if t.Rotate != 0 {
			// gopdf turns counter-clockwise about (x, y) for a positive angle
			gp.Rotate(-t.Rotate, t.X, t.Y)
		}
		gp.SetXY(t.X, t.Y)
		if err := gp.Text(t.Text); err != nil {
			return err
		}
		if t.Rotate != 0 {
			gp.RotateReset()
		}
	}
	for _, rl := range p.Rules {
		gp.SetLineWidth(rl.Width)
		gp.SetStrokeColor(rl.Color.R, rl.Color.G, rl.Color.B)
		gp.Line(rl.X1, rl.Y1, rl.X2, rl.Y2)
	}
	for _, im := range p.Images {
		h, err := gopdf.ImageHolderByBytes(im.PNG)
		if err != nil {
			return fmt.Errorf("image: %w", err)
		}
		if err := gp.ImageByHolder(h, im.X, im.Y, &gopdf.Rect{W: im.W, H: im.H}); err != nil {
			return fmt.Errorf("image: %w", err)
		}
	}
	return nil
}

// addKeywords puts /Keywords into the document information dictionary,
// which gopdf writes inline in the trailer after the cross-reference table:
// inserting there moves no object, so the offsets stay valid.
func addKeywords(b []byte, keywords string) []byte {
	if keywords == "" {
		return b
	}
	const marker = "/Info <<\n"
	i := bytes.LastIndex(b, []byte(marker))
	if i < 0 || bytes.LastIndex(b, []byte("trailer")) > i {
		return b
	}
	var kw bytes.Buffer
	kw.WriteString("/Keywords " + utf16Hex(keywords) + "\n")
	j := i + len(marker)
	out := make([]byte, 0, len(b)+kw.Len())
	out = append(out, b[:j]...)
	out = append(out, kw.Bytes()...)
	return append(out, b[j:]...)
}
