package app

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"tongbao/internal/compose"
)

// needTool returns the path of an external program, skipping the test on a
// developer's machine without it and failing it in CI (env CI set).
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "" {
		t.Skipf("no %s installed (%s); the test runs in CI", name, install)
	}
	t.Fatalf("CI is set but %s was not found (%s)", name, install)
	return ""
}

// sampleApp is an App on a temporary folder with the samples imported,
// the repository's templates and config, and one [circular] setting
// extra ("docx = true") set.
func sampleApp(t *testing.T, extra string) *App {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs("../..")
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), `templates = "templates"`, `templates = "`+filepath.ToSlash(filepath.Join(root, "templates"))+`"`, 1)
	if key, _, ok := strings.Cut(extra, " = "); ok {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + ` = .*$`)
		if re.MatchString(text) {
			text = re.ReplaceAllLiteralString(text, extra)
		} else {
			text = strings.Replace(text, "[circular]\n", "[circular]\n"+extra+"\n", 1)
		}
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var wbs []Workbook
	for _, f := range []string{"2018Q4.xlsx", "2019Q1.xlsx"} {
		wb, err := ReadWorkbookFile(filepath.Join(root, "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		wbs = append(wbs, wb)
	}
	if _, err := a.Import(context.Background(), wbs, false, false); err != nil {
		t.Fatal(err)
	}
	return a
}

// pdfLine is a line of text read back from a PDF with its box, in points
// from the top left of the page.
type pdfLine struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	rePage = regexp.MustCompile(`(?s)<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>`)
	reLine = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	reWord = regexp.MustCompile(`<word[^>]*>([^<]*)</word>`)
)

// pdfPage is a page's size and lines.
type pdfPage struct {
	w, h  float64
	lines []pdfLine
}

// readPDF reads a PDF's pages and lines with pdftotext -bbox-layout.
func readPDF(t *testing.T, path string) []pdfPage {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	var pages []pdfPage
	for _, pm := range rePage.FindAllStringSubmatch(string(out), -1) {
		pg := pdfPage{w: f(pm[1]), h: f(pm[2])}
		for _, lm := range reLine.FindAllStringSubmatch(pm[3], -1) {
			var words []string
			for _, wm := range reWord.FindAllStringSubmatch(lm[5], -1) {
				words = append(words, wm[1])
			}
			pg.lines = append(pg.lines, pdfLine{text: strings.Join(words, ""), xMin: f(lm[1]), yMin: f(lm[2]), xMax: f(lm[3]), yMax: f(lm[4])})
		}
		sort.SliceStable(pg.lines, func(i, j int) bool { return pg.lines[i].yMin < pg.lines[j].yMin })
		pages = append(pages, pg)
	}
	return pages
}

// bodyLines are a page's lines inside the type area: no draft mark in
// the top margin, no page number under it.
func bodyLines(pg pdfPage) []pdfLine {
	var out []pdfLine
	for _, l := range pg.lines {
		if l.yMin > 37*mmPt-8 && l.yMax < pg.h-35*mmPt+4 {
			out = append(out, l)
		}
	}
	return out
}

const mmPt = 72 / 25.4

// isCJK tells whether every rune of s is a Chinese character or full-width punctuation.
func isCJK(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !(r >= 0x3000 && r <= 0x303F) && !(r >= 0xFF01 && r <= 0xFF5E) && r != '“' && r != '”' && r != '‘' && r != '’' {
			return false
		}
	}
	return s != ""
}

// TestDraftDOCXInLibreOffice converts the sample's DOCX draft (bundled
// fonts embedded) to PDF with LibreOffice and checks it against tongbao's
// own PDF: the same pages and the same text line by line on at least 90%
// of lines as LibreOffice converts it; and, converted as the DOCX asks
// (see asWritten), A4, margins, 22 lines of 29 pt, 28 characters on full
// lines, page numbers on the outer side, the 版记 at the foot of an even
// last page and the same text on at least 95% of lines. python-docx opens
// the file and finds the named styles.
func TestDraftDOCXInLibreOffice(t *testing.T) {
	soffice := needTool(t, "soffice", "apt-get install libreoffice-writer-nogui")
	needTool(t, "pdftotext", "apt-get install poppler-utils")
	python := needTool(t, "/usr/bin/python3", "apt-get install python3-docx")
	if err := exec.Command(python, "-c", "import docx").Run(); err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("python3-docx is not installed (apt-get install python3-docx); the test runs in CI")
		}
		t.Fatal("CI is set but python3-docx is not installed (apt-get install python3-docx)")
	}
	a := sampleApp(t, "docx_embed_fonts = true")
	ctx := context.Background()
	date := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	pdfPath, _, err := a.WriteDraftAs(ctx, "2019Q1", date, time.Time{}, "", "pdf")
	if err != nil {
		t.Fatal(err)
	}
	docxPath, _, err := a.WriteDraftAs(ctx, "2019Q1", date, time.Time{}, "", "docx")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(docxPath) != "2019Q1 通报草稿.docx" {
		t.Errorf("DOCX written to %s", docxPath)
	}

	// python-docx opens it and sees the named styles
	script := `import sys, docx
d = docx.Document(sys.argv[1])
ps = list(d.paragraphs)
for t in d.tables:
    for row in t.rows:
        for c in row.cells:
            ps += c.paragraphs
print("\n".join(sorted({p.style.name for p in ps})))`
	out, err := exec.Command(python, "-c", script, docxPath).CombinedOutput()
	if err != nil {
		t.Fatalf("python-docx cannot open the DOCX: %v\n%s", err, out)
	}
	styles := string(out)
	for _, s := range []string{"Heading 1", "发文机关标志", "发文字号", "公文标题", "主送机关", "附件说明", "署名", "成文日期", "附件标签", "附件标题", "表格文字"} {
		if !strings.Contains(styles, s+"\n") {
			t.Errorf("style %q not used; python-docx sees:\n%s", s, styles)
		}
	}

	// LibreOffice converts it, with a profile of its own: once as it
	// imports a DOCX, once with the two paragraph settings the DOCX makes
	// and LibreOffice 7.4's import does not take (see asWritten)
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	plain := filepath.Join(dir, "plain")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--convert-to", "pdf", "--outdir", plain, docxPath)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	want := readPDF(t, pdfPath)
	gotPlain := readPDF(t, filepath.Join(plain, "2019Q1 通报草稿.pdf"))
	if len(gotPlain) != len(want) {
		t.Errorf("LibreOffice makes %d pages of the DOCX, tongbao's PDF has %d", len(gotPlain), len(want))
	}
	// Plain LibreOffice 7.4 adds a fifth of an em between Chinese and
	// digits (the DOCX's justified lines leave it room) and hangs
	// punctuation in the margin (which no line leaves room for), so a few
	// lines break elsewhere than in the PDF, and in Word and WPS, which
	// take the DOCX's settings.
	if same, all := sameLines(t, gotPlain, want, false); all == 0 || float64(same) < 0.9*float64(all) {
		t.Errorf("plain LibreOffice: %d of %d lines of tongbao's PDF are the same in the converted DOCX, want at least 90%%", same, all)
	} else {
		t.Logf("plain LibreOffice: %d of %d lines the same", same, all)
	}

	conv := asWritten(t, soffice, profile, dir, docxPath)
	if fonts, err := exec.Command("pdffonts", conv).Output(); err == nil {
		for _, f := range []string{"FandolFang", "NotoSerifSC-Bold", "NotoSansSC"} {
			if !strings.Contains(string(fonts), f) {
				t.Errorf("the converted PDF does not use the embedded %s:\n%s", f, fonts)
			}
		}
	}
	got := readPDF(t, conv)
	if len(got) != len(want) {
		t.Fatalf("LibreOffice makes %d pages of the DOCX, tongbao's PDF has %d", len(got), len(want))
	}

	full := 0 // full pages seen
	var cjkFull, cjkShort int
	for i, pg := range got {
		n := i + 1
		if math.Abs(pg.w-595.28) > 1 || math.Abs(pg.h-841.89) > 1 {
			t.Errorf("page %d is %.1f × %.1f pt, not A4", n, pg.w, pg.h)
		}
		// the page number 「— N —」 on the outer side
		num := regexp.MustCompile(`^—\s*` + strconv.Itoa(n) + `\s*—$`)
		found := false
		for _, l := range pg.lines {
			if !num.MatchString(strings.TrimSpace(l.text)) {
				continue
			}
			found = true
			if l.yMin < pg.h-35*mmPt {
				t.Errorf("page %d: page number at y %.1f, inside the type area", n, l.yMin)
			}
			if n%2 == 1 && l.xMax < pg.w-26*mmPt-20 {
				t.Errorf("page %d (odd): page number ends at x %.1f, not on the right", n, l.xMax)
			}
			if n%2 == 0 && l.xMin > 28*mmPt+20 {
				t.Errorf("page %d (even): page number starts at x %.1f, not on the left", n, l.xMin)
			}
		}
		if !found {
			t.Errorf("page %d: no page number 「— %d —」", n, n)
		}
		body := bodyLines(pg)
		pdfHas := map[string]bool{}
		if i < len(want) {
			for _, l := range bodyLines(want[i]) {
				if len([]rune(l.text)) < 28 {
					pdfHas[l.text] = true
				}
			}
		}
		for j, l := range body {
			if l.xMin < 28*mmPt-2 || l.xMax > pg.w-26*mmPt+2 {
				t.Errorf("page %d: line %q from x %.1f to %.1f, outside the margins (%.1f–%.1f)", n, l.text, l.xMin, l.xMax, 28*mmPt, pg.w-26*mmPt)
			}
			// a full line of Chinese text before another (not before a
			// number or Latin word that could not fit) has 28 characters,
			// but where tongbao's PDF has the same line short of one (the
			// next line starts with 「站、」, which may not end this one)
			next := ""
			if j+1 < len(body) {
				next = string([]rune(body[j+1].text)[:1])
			}
			if isCJK(l.text) && isCJK(next) && l.xMax-l.xMin > 0.97*156*mmPt && !pdfHas[l.text] {
				if k := len([]rune(l.text)); k == 28 {
					cjkFull++
				} else {
					cjkShort++
					t.Errorf("page %d: full line %q has %d characters, not 28", n, l.text, k)
				}
			}
		}
		if n > 1 && n < 4 { // the body's full pages
			full++
			if len(body) != 22 {
				t.Errorf("page %d: %d lines in the type area, want 22", n, len(body))
				continue
			}
			if top := body[0].yMin; math.Abs(top-(37*mmPt+6.5)) > 4 {
				t.Errorf("page %d: first line's top at %.1f pt, want about %.1f (top margin 37 mm)", n, top, 37*mmPt+6.5)
			}
			if p := (body[21].yMin - body[0].yMin) / 21; math.Abs(p-29) > 0.3 {
				t.Errorf("page %d: line pitch %.2f pt, want 29", n, p)
			}
		}
	}
	if full == 0 || cjkFull < 5 {
		t.Errorf("only %d full lines of Chinese text seen, want at least 5", cjkFull)
	}

	// the 版记 at the foot of the last page, an even one
	last := got[len(got)-1]
	if len(got)%2 != 0 {
		t.Errorf("the last page is page %d, odd", len(got))
	}
	var printed *pdfLine
	for i, l := range last.lines {
		if strings.HasSuffix(l.text, "印发") {
			printed = &last.lines[i]
		}
	}
	if printed == nil {
		t.Error("no 印发 line of the 版记 on the last page")
	} else if bottom := last.h - 35*mmPt; printed.yMax < bottom-29 || printed.yMax > bottom+2 {
		t.Errorf("the 版记's last line ends at y %.1f, want on the last grid line (版心 bottom %.1f)", printed.yMax, bottom)
	}

	// the same text, line by line, page by page
	if same, all := sameLines(t, got, want, true); all == 0 || float64(same) < 0.95*float64(all) {
		t.Errorf("%d of %d lines of tongbao's PDF are the same in the converted DOCX, want at least 95%%", same, all)
	} else {
		t.Logf("%d of %d lines the same", same, all)
	}
}

// sameLines counts the lines of the type area of want's pages that got has
// on the same page, and all of them; log logs those it lacks.
func sameLines(t *testing.T, got, want []pdfPage, log bool) (same, all int) {
	for i := range want {
		if i >= len(got) {
			break
		}
		have := map[string]int{}
		for _, l := range bodyLines(got[i]) {
			have[strings.Join(strings.Fields(l.text), "")]++
		}
		for _, l := range bodyLines(want[i]) {
			s := strings.Join(strings.Fields(l.text), "")
			if s == "" {
				continue
			}
			all++
			if have[s] > 0 {
				have[s]--
				same++
			} else if log {
				t.Logf("page %d: %q not found in the converted DOCX", i+1, s)
			}
		}
	}
	return same, all
}

// asWritten converts docxPath to PDF in LibreOffice (its profile made by an
// earlier conversion) as the DOCX asks: LibreOffice 7.4's DOCX import drops
// w:autoSpaceDE/DN (writerfilter's DomainMapper ignores them), leaving its
// own quarter em between Chinese and Latin text on, and takes
// w:overflowPunct="0" as leave to hang punctuation in the margin. A Basic
// macro loads the DOCX, sets both off (ParaIsCharacterDistance,
// ParaIsHangingPunctuation) in the defaults and every paragraph style, as
// the DOCX sets them, and exports the PDF, which it returns.
func asWritten(t *testing.T, soffice, profile, dir, docxPath string) string {
	t.Helper()
	module := filepath.Join(profile, "user", "basic", "Standard", "Module1.xba")
	if _, err := os.Stat(module); err != nil {
		t.Fatalf("LibreOffice made no Basic library in its profile: %v", err)
	}
	const basic = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Convert(src As String, dst As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden" : load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, load())
  defs = doc.createInstance("com.sun.star.text.Defaults")
  defs.ParaIsCharacterDistance = False
  defs.ParaIsHangingPunctuation = False
  styles = doc.StyleFamilies.getByName("ParagraphStyles")
  For i = 0 To styles.Count - 1
    st = styles.getByIndex(i)
    st.ParaIsCharacterDistance = False
    st.ParaIsHangingPunctuation = False
  Next
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = "FilterName" : save(0).Value = "writer_pdf_Export"
  doc.storeToURL(ConvertToURL(dst), save())
  doc.close(True)
End Sub
</script:module>
`
	if err := os.WriteFile(module, []byte(basic), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "as-written.pdf")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile), "--headless",
		fmt.Sprintf("macro:///Standard.Module1.Convert(%q,%q)", docxPath, out))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice (macro): %v\n%s", err, b)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("the LibreOffice macro wrote no PDF: %v", err)
	}
	return out
}

// TestIssueWritesDOCX checks [circular] docx = true makes issue write the
// .docx beside the PDF, with the number, as a package python or Word opens
// (a zip holding word/document.xml), and that the DOCX made again from the
// registered snapshot has the same bytes.
func TestIssueWritesDOCX(t *testing.T) {
	a := sampleApp(t, "docx = true")
	ctx := context.Background()
	date := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	c, out, err := a.Issue(ctx, IssueRequest{Round: "2019Q1", Date: date, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(DOCXPath(out))
	if err != nil {
		t.Fatalf("issue did not write the DOCX beside %s: %v", out, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			body = string(x)
		}
	}
	if !strings.Contains(body, c.Number) {
		t.Errorf("the DOCX does not carry the number %s", c.Number)
	}
	snap, err := compose.DecodeSnapshot(c.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	set, err := compose.LoadSet(compose.FilesFS(snap.Files), "（登记时的模板）")
	if err != nil {
		t.Fatal(err)
	}
	r, err := RenderSnapshot(set, snap)
	if err != nil {
		t.Fatal(err)
	}
	again, err := a.DOCX(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, b) {
		t.Error("the issued circular's DOCX differs when made again from the same snapshot")
	}
}
