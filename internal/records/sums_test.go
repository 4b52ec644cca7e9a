package records

import (
	"reflect"
	"strings"
	"testing"
)

// The examples of GB/T 32905-2016 (appendix A).
func TestSM3Vectors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
		{strings.Repeat("abcd", 16), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"},
	}
	for _, c := range cases {
		if got := sm3Hex([]byte(c.in)); got != c.want {
			t.Errorf("SM3(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestSHA256Vector(t *testing.T) {
	if got := sha256Hex([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("SHA-256(abc) = %s", got)
	}
}

func TestSums(t *testing.T) {
	entries := []sumEntry{
		{strings.Repeat("ab", 32), "揭政数局函〔2019〕23号 关于通报.pdf"},
		{strings.Repeat("0f", 32), MetadataFile},
	}
	data := formatSums(entries)
	want := strings.Repeat("ab", 32) + "  揭政数局函〔2019〕23号 关于通报.pdf\n" + strings.Repeat("0f", 32) + "  元数据.xml\n"
	if string(data) != want {
		t.Errorf("formatSums =\n%s", data)
	}
	got, problems := parseSums(data)
	if !reflect.DeepEqual(got, entries) || problems != nil {
		t.Errorf("parseSums = %v, %v", got, problems)
	}

	// Binary mode, CRLF and upper-case hex are read; bad lines are reported.
	in := strings.Repeat("AB", 32) + " *a.pdf\r\n\n" +
		"abc  short.pdf\n" +
		strings.Repeat("ab", 32) + " one-space.pdf\n" +
		strings.Repeat("ab", 32) + "  ../escape.pdf\n"
	got, problems = parseSums([]byte(in))
	if len(got) != 1 || got[0] != (sumEntry{strings.Repeat("ab", 32), "a.pdf"}) {
		t.Errorf("entries %v", got)
	}
	wantProblems := []string{"第 3 行格式不对", "第 4 行格式不对", "第 5 行格式不对"}
	if !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("problems %q, want %q", problems, wantProblems)
	}
}
