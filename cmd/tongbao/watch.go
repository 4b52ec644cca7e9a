package main

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"time"
)

// fingerprint summarises the names, sizes and modification times of the files
// under the given paths (files or folders), so that a change to any of them —
// an edit, a new file, a removal — changes it.
func fingerprint(paths ...string) [32]byte {
	h := sha256.New()
	for _, p := range paths {
		var entries []string
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				entries = append(entries, path+"\x00missing")
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			var buf [16]byte
			binary.LittleEndian.PutUint64(buf[:8], uint64(info.Size()))
			binary.LittleEndian.PutUint64(buf[8:], uint64(info.ModTime().UnixNano()))
			entries = append(entries, path+"\x00"+string(buf[:]))
			return nil
		})
		sort.Strings(entries)
		for _, e := range entries {
			h.Write([]byte(e))
			h.Write([]byte{0})
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// watch calls render once, then again within a second of any change under
// paths, until interrupted (Ctrl-C) or stop is closed. Errors from render are
// reported by render itself; watch never exits on them.
func watch(paths []string, stop <-chan struct{}, render func()) {
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)
	last := fingerprint(paths...)
	render()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-interrupt:
			return
		case <-stop:
			return
		case <-tick.C:
			if fp := fingerprint(paths...); fp != last {
				last = fp
				render()
			}
		}
	}
}
