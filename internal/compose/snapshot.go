package compose

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"testing/fstest"
)

// Snapshot is everything a circular was composed from: the template files,
// the letterhead and the data. The number registry keeps it with an issued
// circular so that a reprint renders the same document after templates,
// config or data have changed.
type Snapshot struct {
	Files      map[string][]byte
	Letterhead Letterhead
	Data       Data
}

// ReadFiles reads every regular file at the top of fsys.
func ReadFiles(fsys fs.FS) (map[string][]byte, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		files[e.Name()] = b
	}
	return files, nil
}

// FilesFS serves files as a file system, for LoadSet.
func FilesFS(files map[string][]byte) fs.FS {
	m := fstest.MapFS{}
	for name, b := range files {
		m[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return m
}

// Encode returns the snapshot as JSON (map keys sorted, so deterministic).
func (s *Snapshot) Encode() ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return b, nil
}

// DecodeSnapshot reads a snapshot written by Encode.
func DecodeSnapshot(b []byte) (*Snapshot, error) {
	var s Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	return &s, nil
}

// FilesSHA256 hashes a set of files by name and content.
func FilesSHA256(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// DataSHA256 hashes the template data.
func DataSHA256(d *Data) string {
	b, _ := json.Marshal(d)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
