package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestPagePDF: each page drawn alone (what the workbench's preview turns
// into an image) carries the same text as that page of the whole PDF, and
// DraftPages typesets the same pages as Draft without drawing them.
func TestPagePDF(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "apt-get install poppler-utils")
	a := sampleApp(t, "")
	ctx := t.Context()
	date := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	_, whole, err := a.Draft(ctx, "2019Q1", date, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	_, pages, err := a.DraftPages(ctx, "2019Q1", date, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if pages.PDF != nil {
		t.Error("DraftPages drew the whole PDF")
	}
	if pages.Pages() != whole.Pages() {
		t.Fatalf("DraftPages gives %d pages, Draft %d", pages.Pages(), whole.Pages())
	}
	dir := t.TempDir()
	wholePath := filepath.Join(dir, "whole.pdf")
	if err := os.WriteFile(wholePath, whole.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	text := func(path string, first, last int) string {
		out, err := exec.Command(pdftotext, "-layout", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return string(out)
	}
	for n := 1; n <= whole.Pages(); n++ {
		b, err := whole.PagePDF(n)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "page"+strconv.Itoa(n)+".pdf")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, want := text(p, 1, 1), text(wholePath, n, n); got != want {
			t.Errorf("page %d alone reads\n%s\nwhere the whole PDF reads\n%s", n, got, want)
		}
	}
	for _, n := range []int{0, whole.Pages() + 1} {
		if _, err := whole.PagePDF(n); err == nil {
			t.Errorf("PagePDF(%d) of %d pages: no error", n, whole.Pages())
		}
	}
}
