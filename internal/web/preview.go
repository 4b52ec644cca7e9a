package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// preview is one rendered draft: its PDF and the images of the pages asked
// for so far. Each page is rendered on its first request, alone (pdftoppm
// -f n -l n), so page 1 of a draft of 1,800 pages shows as soon as page 1
// is drawn. Only successes are kept: a failed or abandoned page is tried
// again by the next request for it.
type preview struct {
	sha string
	pdf []byte
	// pagePDF, when set, draws page n alone as a PDF of one page; pdf is
	// then nil (a draft typeset but not drawn whole).
	pagePDF func(n int) ([]byte, error)
	pages   int

	mu     sync.Mutex
	images map[int][]byte    // page number → PNG
	calls  map[int]*pageCall // pages being rendered
}

// pageCall is one page being rendered, shared by every request waiting for
// it. The render runs apart from the requests: a request that gives up only
// stops waiting, and when nobody waits any more before the render has begun,
// it is skipped.
type pageCall struct {
	done    chan struct{}
	waiters int // guarded by preview.mu
	img     []byte
	err     error
}

// previews keeps the last few rendered drafts by the SHA-256 of their PDF,
// or a key of their own for a draft typeset but not drawn whole, so the
// page images a round page links to show exactly the draft it rendered.
type previews struct {
	mu      sync.Mutex
	list    []*preview           // oldest first
	loading map[string]*loadCall // keys being typeset again after a miss
}

// loadCall is a draft being typeset again under a key, shared by every
// request for one of its pages meanwhile.
type loadCall struct {
	done chan struct{}
	p    *preview
	err  error
}

const keepPreviews = 6

// keepPages bounds the page images kept of one preview (some 150 KB each).
const keepPages = 300

// find returns the preview kept under key, or nil; the caller holds ps.mu.
func (ps *previews) find(key string) *preview {
	for _, p := range ps.list {
		if p.sha == key {
			return p
		}
	}
	return nil
}

// put keeps p, dropping the oldest past keepPreviews, unless a preview is
// kept under its key already: that one is returned instead.
func (ps *previews) put(p *preview) *preview {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.putLocked(p)
}

func (ps *previews) putLocked(p *preview) *preview {
	if q := ps.find(p.sha); q != nil {
		return q
	}
	p.images, p.calls = map[int][]byte{}, map[int]*pageCall{}
	ps.list = append(ps.list, p)
	if len(ps.list) > keepPreviews {
		ps.list = ps.list[len(ps.list)-keepPreviews:]
	}
	return p
}

// add keeps a draft drawn whole, under its PDF's SHA-256.
func (ps *previews) add(pdf []byte, pages int) *preview {
	s := sha256.Sum256(pdf)
	return ps.put(&preview{sha: hex.EncodeToString(s[:8]), pdf: pdf, pages: pages})
}

// addPages keeps a draft typeset but not drawn whole under a new key: each
// page is drawn alone by pagePDF when its image is first asked for, so
// page 1 of a long draft shows without drawing the rest.
func (ps *previews) addPages(pages int, pagePDF func(n int) ([]byte, error)) *preview {
	return ps.put(&preview{sha: newKey(), pagePDF: pagePDF, pages: pages})
}

// newKey is a random preview key.
func newKey() string {
	var id [8]byte
	rand.Read(id[:])
	return hex.EncodeToString(id[:])
}

// get returns the preview kept under key, or nil.
func (ps *previews) get(key string) *preview {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.find(key)
}

// load returns the preview kept under key, typesetting it with typeset
// when it has left the list. Requests for the same key meanwhile wait for
// that one typesetting; a key of "" is a new one of its own.
func (ps *previews) load(key string, typeset func() (pages int, pagePDF func(n int) ([]byte, error), err error)) (*preview, error) {
	ps.mu.Lock()
	if key == "" {
		key = newKey()
	} else if p := ps.find(key); p != nil {
		ps.mu.Unlock()
		return p, nil
	} else if c := ps.loading[key]; c != nil {
		ps.mu.Unlock()
		<-c.done
		return c.p, c.err
	}
	c := &loadCall{done: make(chan struct{})}
	if ps.loading == nil {
		ps.loading = map[string]*loadCall{}
	}
	ps.loading[key] = c
	ps.mu.Unlock()

	pages, pagePDF, err := typeset()

	ps.mu.Lock()
	delete(ps.loading, key)
	if c.err = err; err == nil {
		c.p = ps.putLocked(&preview{sha: key, pagePDF: pagePDF, pages: pages})
	}
	ps.mu.Unlock()
	close(c.done)
	return c.p, c.err
}

// pdftoppm is the path of poppler's pdftoppm, or "" when it is not installed.
var pdftoppm = sync.OnceValue(func() string {
	p, err := exec.LookPath("pdftoppm")
	if err != nil {
		return ""
	}
	return p
})

// errAbandoned is the result of a page render nobody waited for any more.
var errAbandoned = errors.New("preview: page no longer wanted")

// page returns the PNG of page n (from 1), rendering it with pool when it
// is not kept yet. Requests for the same page share one render; ctx only
// bounds the waiting.
func (p *preview) page(ctx context.Context, pool *renderPool, n int) ([]byte, error) {
	p.mu.Lock()
	if img, ok := p.images[n]; ok {
		p.mu.Unlock()
		return img, nil
	}
	c := p.calls[n]
	if c == nil {
		c = &pageCall{done: make(chan struct{})}
		p.calls[n] = c
		go p.render(pool, n, c)
	}
	c.waiters++
	p.mu.Unlock()
	select {
	case <-c.done:
		return c.img, c.err
	case <-ctx.Done():
		p.mu.Lock()
		c.waiters--
		p.mu.Unlock()
		return nil, ctx.Err()
	}
}

// render makes page n for call c, once the pool has a free slot, and keeps
// it when it succeeded. When nobody waits for the page any more by then, it
// is not rendered at all.
func (p *preview) render(pool *renderPool, n int, c *pageCall) {
	pool.slots <- struct{}{}
	defer func() { <-pool.slots }()
	p.mu.Lock()
	if c.waiters == 0 {
		delete(p.calls, n)
		c.err = errAbandoned
		p.mu.Unlock()
		close(c.done)
		return
	}
	p.mu.Unlock()
	src, at := p.pdf, n
	var err error
	if p.pagePDF != nil {
		at = 1
		src, err = p.pagePDF(n)
	}
	var img []byte
	if err == nil {
		img, err = pool.run(src, at)
	}
	p.mu.Lock()
	delete(p.calls, n)
	if err == nil {
		if len(p.images) >= keepPages {
			for k := range p.images { // drop any one: it is drawn again when asked for
				delete(p.images, k)
				break
			}
		}
		p.images[n] = img
	}
	c.img, c.err = img, err
	p.mu.Unlock()
	close(c.done)
}

// renderPool bounds the pdftoppm processes running at once, whatever the
// number of requests.
type renderPool struct {
	slots chan struct{}
	// starting, when set (by a test), is called as each pdftoppm process
	// is about to start; the function it returns when the process is over.
	starting func() (ended func())
}

// newRenderPool returns a pool of size processes; 0 means twice the CPUs.
func newRenderPool(size int) *renderPool {
	if size <= 0 {
		size = 2 * runtime.NumCPU()
	}
	return &renderPool{slots: make(chan struct{}, size)}
}

// size is the most processes the pool runs at once.
func (rp *renderPool) size() int { return cap(rp.slots) }

// renderTimeout bounds one page's pdftoppm.
const renderTimeout = 60 * time.Second

// run draws page n of pdf as a PNG 1,240 pixels wide; the caller holds a
// slot. The PDF goes in on stdin and the image comes out on stdout: nothing
// is written to disk.
func (rp *renderPool) run(pdf []byte, n int) ([]byte, error) {
	bin := pdftoppm()
	if bin == "" {
		return nil, fmt.Errorf("pdftoppm not installed")
	}
	if rp.starting != nil {
		defer rp.starting()()
	}
	ctx, cancel := context.WithTimeout(context.Background(), renderTimeout)
	defer cancel()
	page := strconv.Itoa(n)
	cmd := exec.CommandContext(ctx, bin, "-png", "-f", page, "-l", page, "-singlefile", "-scale-to", "1240", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("preview: pdftoppm page %d: %v: %s", n, err, errOut.String())
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("\x89PNG")) {
		return nil, fmt.Errorf("preview: pdftoppm page %d: no PNG on stdout: %s", n, errOut.String())
	}
	return out.Bytes(), nil
}

// pageImage writes the PNG of page {n} of p.
func (h *Handler) pageImage(w http.ResponseWriter, r *http.Request, p *preview) {
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".png"))
	if err != nil || n < 1 {
		h.errorPage(w, r, http.StatusNotFound, "没有这一页。")
		return
	}
	if n > p.pages {
		h.errorPage(w, r, http.StatusNotFound, fmt.Sprintf("只有 %d 页。", p.pages))
		return
	}
	img, err := p.page(r.Context(), h.pool, n)
	if err != nil {
		if r.Context().Err() != nil {
			return // the browser went away
		}
		h.opt.Log.Printf("web: page image: %v", err)
		h.errorPage(w, r, http.StatusInternalServerError, "无法生成页面图片。请直接查看或下载 PDF。")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(img)
}
