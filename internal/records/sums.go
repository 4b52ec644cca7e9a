package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/emmansun/gmsm/sm3"
)

// The checksum files of a package use the line format of sha256sum (GNU
// coreutils): the lowercase hex digest, two spaces, the file name; so
// `sha256sum -c SHA256SUMS` run in the package folder checks it too.
const (
	// SHA256File is the name of the file of SHA-256 checksums.
	SHA256File = "SHA256SUMS"
	// SM3File is the name of the file of SM3 (GB/T 32905-2016) checksums.
	SM3File = "SM3SUMS"
)

// sumEntry is one line of a checksum file.
type sumEntry struct {
	sum  string // lowercase hex
	name string
}

// sha256Hex returns the SHA-256 of data in lowercase hex.
func sha256Hex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// sm3Hex returns the SM3 (GB/T 32905-2016) of data in lowercase hex.
func sm3Hex(data []byte) string {
	s := sm3.Sum(data)
	return hex.EncodeToString(s[:])
}

// formatSums returns the bytes of a checksum file.
func formatSums(entries []sumEntry) []byte {
	var b bytes.Buffer
	for _, e := range entries {
		fmt.Fprintf(&b, "%s  %s\n", e.sum, e.name)
	}
	return b.Bytes()
}

// parseSums reads a checksum file. Lines it cannot read are returned as
// problems in Chinese; an empty line is skipped. The binary-mode marker of
// sha256sum ("<hex> *<name>") is accepted.
func parseSums(data []byte) (entries []sumEntry, problems []string) {
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		sum, rest, ok := strings.Cut(line, " ")
		name := ""
		if ok && (strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "*")) {
			name = rest[1:]
		} else {
			ok = false
		}
		if !ok || len(sum) != 64 || !isHex(sum) || !safeName(name) {
			problems = append(problems, fmt.Sprintf("第 %d 行格式不对", i+1))
			continue
		}
		entries = append(entries, sumEntry{sum: strings.ToLower(sum), name: name})
	}
	return entries, problems
}

// isHex reports whether s is all hex digits.
func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// safeName reports whether name is a plain file name inside the package
// folder: no path separators, not . or .., not empty.
func safeName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, "/\\\x00")
}

// lookup returns the checksum recorded for name and whether there is one.
func lookup(entries []sumEntry, name string) (string, bool) {
	for _, e := range entries {
		if e.name == name {
			return e.sum, true
		}
	}
	return "", false
}
