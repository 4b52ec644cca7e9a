// Package sqlite is tongbao's store: inspection rounds and their results, and
// the number registry of issued circulars, in one SQLite file. Migrations are
// embedded in the binary and applied when the file is opened. It imports only
// the domain package circular.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"

	"tongbao/internal/circular"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open tongbao database.
type DB struct {
	sql  *sql.DB
	path string
}

// Open opens (creating when needed) the database at path and brings its
// schema up to date. The connection uses WAL, foreign keys, a busy timeout
// and immediate write transactions, so the CLI, the web workbench and several
// processes can share one file.
func Open(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, circular.Errorf(circular.EConfig, "数据库文件夹 %s 不存在。请先创建它，或在 config.toml 的 database 中写另一个路径", dir)
		}
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	sdb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path}
	if err := db.migrate(context.Background()); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SQL returns the underlying connection pool.
func (db *DB) SQL() *sql.DB { return db.sql }

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a version number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		// Versions rise; a gap is allowed, since features developed side by
		// side each reserve a number (a file has every version up to its own).
		if m.version < 1 || i > 0 && m.version == ms[i-1].version {
			return nil, fmt.Errorf("migration %s: versions must be distinct positive numbers", m.name)
		}
	}
	return ms, nil
}

// migrate applies the migrations the file lacks (those numbered above its
// version, in order; numbers may skip, as helpers working in parallel are
// given their own), each in its own write
// transaction that re-reads the version, so two processes opening a new file
// at once do not both apply a step. PRAGMA user_version holds the version.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var version int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return db.openError(err)
	}
	last := ms[len(ms)-1].version
	if version > last {
		return circular.Errorf(circular.EConfig, "数据库 %s 由较新版本的 tongbao 创建（数据库版本 %d，本程序支持到 %d），请升级 tongbao", db.path, version, last)
	}
	for version < last {
		if err := db.step(ctx, ms); err != nil {
			return err
		}
		if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return db.openError(err)
		}
	}
	return nil
}

// step applies the next migration the file lacks.
func (db *DB) step(ctx context.Context, ms []migration) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.openError(err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return db.openError(err)
	}
	i := sort.Search(len(ms), func(i int) bool { return ms[i].version > version })
	if i == len(ms) {
		return nil
	}
	m := ms[i]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

// openError explains a failure to read the file as a database.
func (db *DB) openError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return circular.Wrap(err, circular.EConfig, fmt.Sprintf("文件 %s 不是 SQLite 数据库。请检查 config.toml 中的 database 设置", db.path))
		case sqlite3.ErrCorrupt:
			return circular.Wrap(err, circular.EIO, fmt.Sprintf("数据库 %s 已损坏。请从备份恢复", db.path))
		case sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrReadonly:
			return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法打开数据库 %s：没有读写权限或文件夹不存在", db.path))
		}
	}
	return fmt.Errorf("open database %s: %w", db.path, err)
}

// storeError explains in Chinese a write that the database file refused:
// a full disk, an I/O error, a read-only file, a corrupt database, or a lock
// held past the busy timeout. Other errors pass unchanged.
func (db *DB) storeError(err error) error {
	var ce *circular.Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	var why string
	switch se.Code {
	case sqlite3.ErrFull:
		why = "磁盘空间不足"
	case sqlite3.ErrIoErr:
		why = "读写磁盘出错"
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		why = "数据库文件或其所在文件夹只读"
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		why = "数据库已损坏，请从备份恢复"
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		why = "数据库正被其他程序长时间占用，请稍后再试"
	default:
		return err
	}
	return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入数据库 %s：%s。本次操作没有写入任何内容", db.path, why))
}
