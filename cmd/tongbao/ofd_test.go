package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIssueOFD: with [archive] formats = ["pdf", "ofd"], issue writes the
// OFD beside the PDF and registers it; reprint reproduces both byte for
// byte (and -original gives them back); the records package holds both and
// verifies, and fails authenticity when a byte of the OFD is flipped; draft
// -format ofd writes an OFD draft and -format refuses what it does not know.
func TestIssueOFD(t *testing.T) {
	e := newEnv(t)
	e.setConfig(`formats = ["pdf", "ofd"]`)
	e.importSamples()
	out := e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	if !strings.Contains(out, "（OFD，SHA-256 ") {
		t.Fatalf("issue does not name the OFD:\n%s", out)
	}
	outDir := filepath.Join(e.dir, "out")
	pdfs, _ := filepath.Glob(filepath.Join(outDir, "揭政数局函〔2019〕23号 *.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("issued PDFs: %v", pdfs)
	}
	ofdPath := strings.TrimSuffix(pdfs[0], ".pdf") + ".ofd"
	issuedPDF, err := os.ReadFile(pdfs[0])
	if err != nil {
		t.Fatal(err)
	}
	issuedOFD, err := os.ReadFile(ofdPath)
	if err != nil {
		t.Fatalf("no OFD beside the PDF: %v", err)
	}
	for _, args := range [][]string{{"reprint", "2019-23"}, {"reprint", "-original", "2019-23"}} {
		os.Remove(pdfs[0])
		os.Remove(ofdPath)
		e.must(args...)
		p, _ := os.ReadFile(pdfs[0])
		o, _ := os.ReadFile(ofdPath)
		if !bytes.Equal(p, issuedPDF) || !bytes.Equal(o, issuedOFD) {
			t.Errorf("%s: the PDF or the OFD differs from the issued one", strings.Join(args, " "))
		}
	}

	pkg := filepath.Join(e.dir, "归档")
	e.must("archive", "-dir", pkg, "2019-23")
	inPkg, err := os.ReadFile(filepath.Join(pkg, filepath.Base(ofdPath)))
	if err != nil || !bytes.Equal(inPkg, issuedOFD) {
		t.Fatalf("the package lacks the issued OFD: %v", err)
	}
	if out := e.must("verify", pkg); !strings.Contains(out, ".ofd 与登记簿：SHA-256 与登记的一致") {
		t.Errorf("verify does not check the OFD against the register:\n%s", out)
	}
	inPkg[len(inPkg)/2] ^= 1
	os.WriteFile(filepath.Join(pkg, filepath.Base(ofdPath)), inPkg, 0o644)
	if out, _, code := e.run("verify", pkg); code == 0 || !strings.Contains(out, "真实性：未通过") {
		t.Errorf("a flipped byte in the OFD passes verify (exit %d):\n%s", code, out)
	}

	e.must("draft", "-format", "ofd", "-date", "2019-04-12", "2019Q1")
	if b, err := os.ReadFile(filepath.Join(outDir, "2019Q1 通报草稿.ofd")); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("draft -format ofd: %v", err)
	}
	if _, errOut, code := e.run("draft", "-format", "xps", "2019Q1"); code == 0 || !strings.Contains(errOut, "-format 只能是") {
		t.Errorf("draft -format xps: exit %d %s", code, errOut)
	}
}

// BenchmarkIssueFormats measures the whole of `issue` for the sample
// (config, database, templates, typesetting, register, files) with the PDF
// only and with the OFD beside it; the OFD should add at most 30%.
func BenchmarkIssueFormats(b *testing.B) {
	for _, f := range []struct{ name, line string }{
		{"pdf", `formats = ["pdf"]`},
		{"pdf+ofd", `formats = ["pdf", "ofd"]`},
	} {
		b.Run(f.name, func(b *testing.B) {
			e := newEnv(b)
			if _, errOut, code := e.run("import", "../../samples/2018Q4.xlsx", "../../samples/2019Q1.xlsx"); code != 0 {
				b.Fatal(errOut)
			}
			cfg, err := os.ReadFile(e.cfg)
			if err != nil {
				b.Fatal(err)
			}
			os.WriteFile(e.cfg, []byte(strings.Replace(string(cfg), `formats = ["pdf"]`, f.line, 1)), 0o644)
			args := []string{"-c", e.cfg, "issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1"}
			start, n := cpuTime(), 0
			for b.Loop() {
				var errOut bytes.Buffer
				if code := run(args, io.Discard, &errOut); code != 0 {
					b.Fatalf("issue failed: %s", errOut.String())
				}
				n++
			}
			// the processor time, which other processes on a loaded
			// machine disturb less than the wall-clock time
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(n), "cpu-ms/op")
		})
	}
}

// cpuTime is the processor time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
