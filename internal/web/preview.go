package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"tongbao/internal/app"
)

// preview is one rendered draft: its PDF and, made on first demand with
// poppler's pdftoppm when it is installed, an image of each page.
type preview struct {
	sha   string
	pdf   []byte
	pages int
	made  time.Time

	once   sync.Once
	images [][]byte
	err    error
}

// previews keeps the last few rendered drafts by the SHA-256 of their PDF,
// so the page images a round page links to show exactly the PDF it rendered.
type previews struct {
	mu   sync.Mutex
	list []*preview // oldest first
}

const keepPreviews = 6

func (ps *previews) add(pdf []byte, pages int) *preview {
	s := sha256.Sum256(pdf)
	sha := hex.EncodeToString(s[:8])
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, p := range ps.list {
		if p.sha == sha {
			return p
		}
	}
	p := &preview{sha: sha, pdf: pdf, pages: pages, made: time.Now()}
	ps.list = append(ps.list, p)
	if len(ps.list) > keepPreviews {
		ps.list = ps.list[len(ps.list)-keepPreviews:]
	}
	return p
}

func (ps *previews) get(sha string) *preview {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, p := range ps.list {
		if p.sha == sha {
			return p
		}
	}
	return nil
}

// pdftoppm is the path of poppler's pdftoppm, or "" when it is not installed.
var pdftoppm = sync.OnceValue(func() string {
	p, err := exec.LookPath("pdftoppm")
	if err != nil {
		return ""
	}
	return p
})

// pageImages returns the PNG of each page, made once. The PDF and the images
// are written only to a temporary folder inside the output folder, removed
// at once.
func (p *preview) pageImages(ctx context.Context, a *app.App) ([][]byte, error) {
	p.once.Do(func() {
		p.images, p.err = rasterize(ctx, a.Config.OutputDir(), p.pdf)
	})
	return p.images, p.err
}

func rasterize(ctx context.Context, outDir string, pdf []byte) ([][]byte, error) {
	bin := pdftoppm()
	if bin == "" {
		return nil, fmt.Errorf("pdftoppm not installed")
	}
	if err := app.EnsureDir(outDir); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(outDir, ".tongbao-preview-*")
	if err != nil {
		return nil, fmt.Errorf("preview: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "draft.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, fmt.Errorf("preview: write pdf: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, bin, "-png", "-scale-to", "1240", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("preview: pdftoppm: %v: %s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if err != nil {
		return nil, fmt.Errorf("preview: list pages: %w", err)
	}
	sort.Strings(names) // pdftoppm pads page numbers to one width
	images := make([][]byte, len(names))
	for i, n := range names {
		if images[i], err = os.ReadFile(n); err != nil {
			return nil, fmt.Errorf("preview: read page: %w", err)
		}
	}
	return images, nil
}
