package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
	"tongbao/internal/sqlite"
)

// HistoryDir is the folder inside the templates folder that keeps every saved
// version of each template file, one subfolder per file. compose.ReadFiles
// reads only the regular files at the top of the templates folder, so the
// history never enters a draft, a snapshot or the templates' SHA-256.
const HistoryDir = ".history"

// TemplateFile is a file of the templates folder the editor can change.
type TemplateFile struct {
	Name     string
	Size     int64
	Modified time.Time
	// Versions is how many saved versions the history keeps.
	Versions int
}

// TemplateVersion is one saved version of a template file.
type TemplateVersion struct {
	// ID names the version: its save time, 20190412-093015.123456789 (UTC).
	ID    string
	Saved time.Time
	Size  int64
	// SHA256 is the content's SHA-256 (hex); Current is true for the version
	// the live file holds.
	SHA256  string
	Current bool
	// By is who saved it ("" when unknown: a version kept from an edit
	// made outside tongbao).
	By string
}

var versionIDRE = regexp.MustCompile(`^\d{8}-\d{6}\.\d{9}$`)

const versionLayout = "20060102-150405.000000000"

// editable reports whether name is a template file the web may edit: a plain
// file name of a .tmpl or .toml file, not hidden.
func editable(name string) bool {
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\:`) || strings.HasPrefix(name, ".") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".tmpl" || ext == ".toml"
}

// templatePath checks name and returns its path in the templates folder.
func (a *App) templatePath(name string) (string, error) {
	if !editable(name) {
		return "", circular.Errorf(circular.EInvalid, "「%s」不是可以编辑的模板文件名（只能编辑模板文件夹中的 .tmpl 和 .toml 文件）", name)
	}
	dir := a.Config.TemplatesDir()
	p := filepath.Join(dir, name)
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return "", circular.Errorf(circular.ENotFound, "模板文件夹 %s 中没有文件「%s」", dir, name)
	}
	return p, nil
}

// TemplateFiles lists the editable files of the templates folder: the
// manifest 通报.toml first, then by name.
func (a *App) TemplateFiles() ([]TemplateFile, error) {
	dir := a.Config.TemplatesDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取模板文件夹 %s：%s", dir, IOReason(err)))
	}
	var out []TemplateFile
	for _, e := range entries {
		if !e.Type().IsRegular() || !editable(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		vs, _ := a.versions(e.Name())
		out = append(out, TemplateFile{Name: e.Name(), Size: info.Size(), Modified: info.ModTime(), Versions: len(vs)})
	}
	rank := manifestOrder(filepath.Join(dir, compose.ManifestFile))
	sort.SliceStable(out, func(i, j int) bool {
		ri, iok := rank[out[i].Name]
		rj, jok := rank[out[j].Name]
		if iok != jok {
			return iok
		}
		if iok {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// manifestOrder ranks the files the manifest names in the order the circular
// uses them, the manifest itself first; a broken manifest ranks only itself.
func manifestOrder(path string) map[string]int {
	rank := map[string]int{compose.ManifestFile: 0}
	var m struct {
		Title       string   `toml:"title"`
		Recipients  string   `toml:"recipients"`
		Sections    []string `toml:"sections"`
		Attachments string   `toml:"attachments"`
		Annexes     []string `toml:"annexes"`
	}
	if _, err := toml.DecodeFile(path, &m); err != nil {
		return rank
	}
	names := append(append([]string{m.Title, m.Recipients}, m.Sections...), m.Attachments)
	for _, n := range append(names, m.Annexes...) {
		if _, ok := rank[n]; !ok && n != "" {
			rank[n] = len(rank)
		}
	}
	return rank
}

// ReadTemplate returns the live text of template file name.
func (a *App) ReadTemplate(name string) ([]byte, error) {
	p, err := a.templatePath(name)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取模板 %s：%s", p, IOReason(err)))
	}
	return b, nil
}

// CheckTemplate renders round key's draft (the latest round when empty)
// dated date with template file name replaced by text, without writing
// anything: a template error comes back with its file and line. With no round
// imported yet, only parsing is checked and the Rendered is nil.
func (a *App) CheckTemplate(ctx context.Context, name string, text []byte, key string, date time.Time) (*Rendered, error) {
	if _, err := a.templatePath(name); err != nil {
		return nil, err
	}
	files, err := a.templateFiles()
	if err != nil {
		return nil, err
	}
	files[name] = text
	set, err := compose.LoadSet(compose.FilesFS(files), a.Config.TemplatesDir())
	if err != nil {
		return nil, err
	}
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	snap, err := a.draftSnapshot(ctx, db, key, date, files)
	if circular.ErrorCode(err) == circular.ENotFound && key == "" {
		return nil, nil // no round yet: the templates parse, which is all we can check
	}
	if err != nil {
		return nil, err
	}
	return RenderSnapshot(set, snap)
}

// draftSnapshot is Prepare's snapshot of an unnumbered draft made from the
// given template files instead of the live folder, so a broken live template
// does not stop the editor from checking its fix.
func (a *App) draftSnapshot(ctx context.Context, db *sqlite.DB, key string, date time.Time, files map[string][]byte) (*compose.Snapshot, error) {
	_, data, err := a.RoundData(ctx, db, key)
	if err != nil {
		return nil, err
	}
	a.fill(data, date, "")
	lh, err := a.letterhead()
	if err != nil {
		return nil, err
	}
	return &compose.Snapshot{Files: files, Letterhead: lh, Data: *data}, nil
}

// SaveTemplate checks text as template file name with CheckTemplate and, only
// when it renders, records the live version and the new one in the history
// and writes the file atomically. On any error the live file is untouched. It
// returns the draft rendered with the new text (nil when no round exists).
func (a *App) SaveTemplate(ctx context.Context, name string, text []byte, key string, date time.Time) (*Rendered, error) {
	return a.saveTemplate(ctx, name, text, key, date, ActTemplate, "")
}

// saveTemplate is SaveTemplate, logged as action with detail when the text
// changed.
func (a *App) saveTemplate(ctx context.Context, name string, text []byte, key string, date time.Time, action, detail string) (*Rendered, error) {
	text = normalizeNewlines(text)
	r, err := a.CheckTemplate(ctx, name, text, key, date)
	if err != nil {
		return nil, err
	}
	changed, err := a.writeTemplate(name, text, circular.Actor(acting(ctx)))
	if err != nil {
		return nil, err
	}
	if changed {
		if err := a.Log(ctx, action, name, detail); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// writeTemplate keeps the live text (when the history lacks it, as after an
// edit outside tongbao) and text, saved by by, in the history, then replaces
// the live file. It reports whether the text differed from the live one.
func (a *App) writeTemplate(name string, text []byte, by string) (bool, error) {
	p, err := a.templatePath(name)
	if err != nil {
		return false, err
	}
	live, err := os.ReadFile(p)
	if err != nil {
		return false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取模板 %s：%s", p, IOReason(err)))
	}
	if err := a.remember(name, live, ""); err != nil {
		return false, err
	}
	if bytes.Equal(live, text) {
		return false, nil
	}
	if err := a.remember(name, text, by); err != nil {
		return false, err
	}
	if err := WriteFileAtomic(p, text); err != nil {
		return false, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法保存模板 %s：%s", p, IOReason(err)))
	}
	return true, nil
}

// remember adds text, saved by by ("" when unknown), to name's history
// unless it is the latest version there.
func (a *App) remember(name string, text []byte, by string) error {
	return rememberIn(a.historyDir(name), name, text, by)
}

// rememberIn adds text, saved by by ("" when unknown), to the history folder
// dir (of file name, for messages) unless it is the latest version there.
// Who saved a version is kept beside it, in a file named after it with ".by"
// added.
func rememberIn(dir, name string, text []byte, by string) error {
	vs, err := versionsIn(dir)
	if err != nil {
		return err
	}
	sum := sha256Hex(text)
	if len(vs) > 0 && vs[0].SHA256 == sum {
		return nil
	}
	if err := EnsureDir(dir); err != nil {
		return err
	}
	id := time.Now().UTC().Format(versionLayout)
	if len(vs) > 0 && id <= vs[0].ID {
		// Two saves within the clock's resolution: keep the order anyway.
		t, _ := time.Parse(versionLayout, vs[0].ID)
		id = t.Add(time.Nanosecond).Format(versionLayout)
	}
	if err := WriteFileAtomic(filepath.Join(dir, id), text); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法保存 %s 的历史版本：%s", name, IOReason(err)))
	}
	if by != "" {
		if err := WriteFileAtomic(filepath.Join(dir, id+".by"), []byte(by)); err != nil {
			return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法保存 %s 的历史版本：%s", name, IOReason(err)))
		}
	}
	return nil
}

func (a *App) historyDir(name string) string {
	return filepath.Join(a.Config.TemplatesDir(), HistoryDir, name)
}

// versions lists name's saved versions, newest first.
func (a *App) versions(name string) ([]TemplateVersion, error) {
	return versionsIn(a.historyDir(name))
}

// versionsIn lists the versions kept in history folder dir, newest first.
func versionsIn(dir string) ([]TemplateVersion, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取历史版本文件夹 %s：%s", dir, IOReason(err)))
	}
	var out []TemplateVersion
	for _, e := range entries {
		if !e.Type().IsRegular() || !versionIDRE.MatchString(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		t, _ := time.Parse(versionLayout, e.Name())
		s := sha256.Sum256(b)
		by, _ := os.ReadFile(filepath.Join(dir, e.Name()+".by"))
		out = append(out, TemplateVersion{ID: e.Name(), Saved: t, Size: int64(len(b)), SHA256: hex.EncodeToString(s[:]), By: string(by)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

// TemplateHistory lists the saved versions of template file name, newest
// first, marking the one the live file holds.
func (a *App) TemplateHistory(name string) ([]TemplateVersion, error) {
	live, err := a.ReadTemplate(name)
	if err != nil {
		return nil, err
	}
	vs, err := a.versions(name)
	if err != nil {
		return nil, err
	}
	sum := sha256Hex(live)
	for i := range vs {
		if vs[i].SHA256 == sum {
			vs[i].Current = true
			break
		}
	}
	return vs, nil
}

// TemplateVersionText returns the text of version id of template file name.
func (a *App) TemplateVersionText(name, id string) ([]byte, error) {
	if _, err := a.templatePath(name); err != nil {
		return nil, err
	}
	if !versionIDRE.MatchString(id) {
		return nil, circular.Errorf(circular.EInvalid, "历史版本编号「%s」格式不对", id)
	}
	b, err := os.ReadFile(filepath.Join(a.historyDir(name), id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, circular.Errorf(circular.ENotFound, "模板「%s」没有历史版本 %s", name, id)
	}
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取模板 %s 的历史版本：%s", name, IOReason(err)))
	}
	return b, nil
}

// RestoreTemplate makes version id of template file name the live one again,
// after checking that it still renders (the data or other files may have
// changed since). The restore is itself recorded, so it can be undone too.
func (a *App) RestoreTemplate(ctx context.Context, name, id, key string, date time.Time) (*Rendered, error) {
	text, err := a.TemplateVersionText(name, id)
	if err != nil {
		return nil, err
	}
	return a.saveTemplate(ctx, name, text, key, date, ActTemplateRestore, id)
}

// normalizeNewlines turns a browser's CRLF line ends into LF, as the
// templates are kept.
func normalizeNewlines(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}
