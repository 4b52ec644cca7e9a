package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

// TestWriteDraftAsFormats: each of DraftFormats is written beside the PDF
// draft with its extension and its kind of bytes; any other format is
// refused with a Chinese error naming it and the formats there are, before
// the round is even looked up (the unknown round 2030Q1 would fail
// otherwise), and nothing is written.
func TestWriteDraftAsFormats(t *testing.T) {
	a := sampleApp(t, "")
	ctx := t.Context()
	date := time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		key, format string
		name        string // file written, "" when refused
		magic       string // its first bytes
	}{
		{"2019Q1", "pdf", "2019Q1 通报草稿.pdf", "%PDF-"},
		{"2019Q1", "ofd", "2019Q1 通报草稿.ofd", "PK\x03\x04"},
		{"2019Q1", "docx", "2019Q1 通报草稿.docx", "PK\x03\x04"},
		{"2030Q1", "txt", "", ""},
		{"2030Q1", "PDF", "", ""},
		{"2030Q1", "", "", ""},
		{"2030Q1", "doc", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			out, r, err := a.WriteDraftAs(ctx, tc.key, date, time.Time{}, "", tc.format)
			if tc.name == "" {
				var ce *circular.Error
				if !errors.As(err, &ce) || ce.Code != circular.EInvalid {
					t.Fatalf("format %q: error %v, want an EInvalid circular.Error", tc.format, err)
				}
				if want := "输出格式「" + tc.format + "」不对，只能是 pdf、ofd、docx"; ce.Message != want {
					t.Errorf("format %q: message %q, want %q", tc.format, ce.Message, want)
				}
				if out != "" || r != nil {
					t.Errorf("format %q: refused but gave %q, %v", tc.format, out, r)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(out) != tc.name || filepath.Dir(out) != filepath.Clean(a.Config.OutputDir()) {
				t.Errorf("format %s written to %s", tc.format, out)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte(tc.magic)) {
				t.Errorf("format %s: the file starts %q", tc.format, b[:min(8, len(b))])
			}
			if (r.PDF != nil) != (tc.format == "pdf") {
				t.Errorf("format %s: PDF drawn %v", tc.format, r.PDF != nil)
			}
		})
	}
	// nothing but the three drafts in the output folder
	es, err := os.ReadDir(a.Config.OutputDir())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, "|"); got != "2019Q1 通报草稿.docx|2019Q1 通报草稿.ofd|2019Q1 通报草稿.pdf" {
		t.Errorf("output folder holds %s", got)
	}
}
