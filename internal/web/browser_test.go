package web

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// chromium finds a Chromium or Chrome binary. Without one the browser test
// is skipped on a developer's machine but fails in CI (env CI set), where
// .ci/run installs Debian's chromium.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip("no chromium installed (apt-get install chromium); the browser test runs in CI")
	}
	t.Fatal("CI is set but no chromium binary was found")
	return ""
}

// TestBrowser drives a real headless Chromium through the clerk's quarter:
// a refused upload with its problems table, the upload of both samples, the
// round's figures and draft preview, issuing with the proposed number, and
// the download of the PDF and the records package. With
// TONGBAO_SCREENSHOTS=folder it also saves a screenshot of every page there.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	shots := os.Getenv("TONGBAO_SCREENSHOTS")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(1366, 900), chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	textOf := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A workbook with a bad cell: the problems table, nothing imported.
	bad := filepath.Join(e.dir, "坏的2019Q1.xlsx")
	f, err := excelize.OpenFile(filepath.Join(root, "samples", "2019Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet, col, row := findCell(t, f, "政府网站", "网站标识码")
	cell, _ := excelize.CoordinatesToCellName(col, row+5)
	f.SetCellValue(sheet, cell, "44520X0001")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	f.Close()
	do("open the workbench", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`input[name=workbook]`)))
	shot("01-轮次-空")
	do("upload a bad workbook",
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=workbook]`), []string{bad}),
		chromedp.Click(chromedp.CSS(`form[action="/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-error table.problems`)))
	if s := textOf(`#import-error`); !strings.Contains(s, "44520X0001") || !strings.Contains(s, "坏的2019Q1.xlsx") {
		t.Errorf("import error shows:\n%s", s)
	}
	shot("02-导入出错")

	// A file over the limit (2 MB in the test): a Chinese page, not a reset connection.
	big := filepath.Join(e.dir, "太大.xlsx")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	do("upload a file too large",
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=workbook]`), []string{big}),
		chromedp.Click(chromedp.CSS(`form[action="/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-page`)))
	if s := textOf(`.error-page`); !strings.Contains(s, "上传的内容太大") {
		t.Errorf("too large: %s", s)
	}
	do("back", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`input[name=workbook]`)))

	// shotPart saves a screenshot of one element, at full size.
	shotPart := func(name, sel string) {
		t.Helper()
		if shots == "" {
			return
		}
		b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Upload both samples.
	do("upload the samples",
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=workbook]`), []string{filepath.Join(root, "samples", "2018Q4.xlsx"), filepath.Join(root, "samples", "2019Q1.xlsx")}),
		chromedp.Click(chromedp.CSS(`form[action="/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.alert.ok`)))
	if s := textOf(`.alert.ok`); !strings.Contains(s, "2018年第四季度") || !strings.Contains(s, "2019年第一季度") {
		t.Errorf("after upload: %s", s)
	}
	if s := textOf(`table.rounds`); !strings.Contains(s, "98.2%") {
		t.Errorf("rounds table:\n%s", s)
	}
	shot("03-轮次")

	// The round: figures and the draft preview.
	do("open the round", chromedp.Click(chromedp.CSS(`table.rounds a[href="/rounds/2019Q1"]`)), chromedp.WaitVisible(chromedp.CSS(`#draft`)))
	if s := textOf(`#sites`); !strings.Contains(s, "4452000024") {
		t.Errorf("failing sites:\n%s", s)
	}
	seeFirstPage := func() {
		t.Helper()
		if pdftoppm() == "" {
			do("see the PDF viewer", chromedp.WaitReady(chromedp.CSS(`object.pdf`)))
			return
		}
		do("see the first page",
			chromedp.ScrollIntoView(chromedp.CSS(`.page img`)),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := chromedp.Poll[bool](`(() => { const i = document.querySelector('.page img'); return i.complete && i.naturalWidth > 600 })()`,
					chromedp.WithPollingTimeout(30*time.Second))(ctx, tg)
				return err
			}),
			chromedp.ScrollIntoView(chromedp.CSS(`h1`)))
	}
	seeFirstPage()
	do("back to the top", chromedp.ScrollIntoView(chromedp.CSS(`h1`)))
	shot("04-轮次页")
	shotPart("04a-总体情况", "#figures")
	shotPart("04b-问题名单", "#accounts")
	shotPart("04c-复查", "#recheck")
	shotPart("04d-草稿", "#draft")
	if shots != "" { // how the round page prints
		b, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatalf("print: %v", err)
		}
		os.WriteFile(filepath.Join(shots, "04-打印.pdf"), b, 0o644)
	}

	// Issue with the proposed number.
	do("open the issue page", chromedp.Click(chromedp.CSS(`a.button.primary[href^="/issue/2019Q1"]`)), chromedp.WaitVisible(chromedp.CSS(`.issue-form`)))
	serial, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=serial]`)))
	if err != nil || serial != "23" {
		t.Fatalf("proposed serial %q %v", serial, err)
	}
	do("confirm", chromedp.Click(chromedp.CSS(`input[name=confirm]`)))
	shot("05-印发")
	do("issue", chromedp.Click(chromedp.CSS(`.issue-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#issued`)))
	if s := textOf(`#issued`); !strings.Contains(s, number23) {
		t.Errorf("issued: %s", s)
	}
	seeFirstPage()
	shot("06-已印发")

	// Download the PDF and the records package.
	dir := t.TempDir()
	download := func(sel string) []byte {
		t.Helper()
		progress := chromedp.Events(ctx, browser.DownloadProgress)
		do("download "+sel, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			allow := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &allow})
			return err
		}), chromedp.Click(chromedp.CSS(sel)))
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("download %s: %v", sel, err)
			}
			switch ev.State {
			case browser.DownloadProgressStateCanceled:
				t.Fatalf("download %s canceled", sel)
			case browser.DownloadProgressStateCompleted:
				b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		t.Fatalf("download %s: no completion", sel)
		return nil
	}
	pdf := download(`#download-pdf`)
	txt := pdfText(t, dir, pdf)
	for _, want := range []string{number23, "2019年4月12日", "关于2019年第一季度全市政府网站和政务新媒体检查情况的通报", "4452000024"} {
		if !strings.Contains(txt, want) {
			t.Errorf("downloaded PDF lacks %q", want)
		}
	}
	zb := download(`#download-zip`)
	zr, err := zip.NewReader(bytes.NewReader(zb), int64(len(zb)))
	if err != nil || len(zr.File) != 4 {
		t.Fatalf("records package: %v", err)
	}

	if shots == "" {
		return
	}
	// The other pages, for people to look at.
	for _, p := range []struct{ name, url, wait string }{
		{"07-印发登记", "/circulars", "table.circulars"},
		{"08-模板", "/templates", "table.grid"},
		{"09-编辑模板", "/templates/" + "开头.tmpl", "textarea"},
		{"11-找不到", "/rounds/2030Q1", ".error-page"},
	} {
		do("open "+p.url, chromedp.Navigate(srv.URL+p.url), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		if strings.HasPrefix(p.name, "09") {
			seeFirstPage()
		}
		shot(p.name)
	}
	do("break the template",
		chromedp.Navigate(srv.URL+"/templates/开头.tmpl"),
		chromedp.WaitVisible(chromedp.CSS(`textarea`)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[any](`document.querySelector('textarea').value = document.querySelector('textarea').value.replace('{{.Round.Name}}', '{{.Round.Nmae}}')`)(ctx, tg)
			return err
		}),
		chromedp.Click(chromedp.CSS(`.edit-pane button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#template-error`)))
	seeFirstPage()
	shot("10-模板出错")
	do("save a good edit",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[any](`document.querySelector('textarea').value = document.querySelector('textarea').value.replace('{{.Round.Nmae}}', '{{.Round.Name}}').replace('有关情况通报如下', '现将有关情况通报如下')`)(ctx, tg)
			return err
		}),
		chromedp.Click(chromedp.CSS(`.edit-pane button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.undo`)))
	seeFirstPage()
	shot("12-模板已保存")
	do("open the help", chromedp.Navigate(srv.URL+"/help/templates"), chromedp.WaitVisible(chromedp.CSS(`.readme`)))
	shot("13-模板说明")
}
