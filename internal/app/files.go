package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tongbao/internal/circular"
)

// WriteFileAtomic writes b to path through a temporary file in the same
// folder, synced and renamed, so a crash never leaves a half-written file
// under the final name and a failed write keeps the previous file.
func WriteFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf(".tongbao-%d-*.tmp", os.Getpid()))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename itself durable where the file system supports it
		d.Close()
	}
	return nil
}

// writeOutput writes b to path atomically, creating the folder, with a
// Chinese error naming the file.
func writeOutput(path string, b []byte) error {
	if err := EnsureDir(filepath.Dir(path)); err != nil {
		return err
	}
	removeStaleTemps(filepath.Dir(path))
	if err := WriteFileAtomic(path, b); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s：%s", path, IOReason(err)))
	}
	return nil
}

// removeStaleTemps removes the temporary files that a killed tongbao left in
// dir: those of processes no longer running, and any older than an hour.
// Files of a running writer are left alone.
func removeStaleTemps(dir string) {
	names, err := filepath.Glob(filepath.Join(dir, ".tongbao-*.tmp"))
	if err != nil {
		return
	}
	for _, name := range names {
		fi, err := os.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		pid := 0
		if rest, ok := strings.CutPrefix(filepath.Base(name), ".tongbao-"); ok {
			if p, _, ok := strings.Cut(rest, "-"); ok {
				pid, _ = strconv.Atoi(p)
			}
		}
		if time.Since(fi.ModTime()) > time.Hour || pid > 0 && pid != os.Getpid() && !processAlive(pid) {
			os.Remove(name)
		}
	}
}

// processAlive reports whether a process runs with pid. Where that cannot be
// told (Windows), it answers yes, and only age removes temporary files.
func processAlive(pid int) bool {
	if runtime.GOOS == "windows" {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission)
}

// IOReason explains a file-system error in Chinese.
func IOReason(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "没有写入权限（文件夹只读或文件被占用）"
	case errors.Is(err, os.ErrNotExist):
		return "文件或文件夹不存在"
	case strings.Contains(err.Error(), "no space left"):
		return "磁盘空间不足"
	case strings.Contains(err.Error(), "read-only file system"):
		return "文件系统只读"
	}
	return err.Error()
}

// EnsureDir creates a folder for output, with a Chinese error.
func EnsureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法创建文件夹 %s：%s", dir, IOReason(err)))
	}
	return nil
}
