package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"tongbao/internal/circular"
)

// Setting is one value of config.toml the workbench's settings page edits.
type Setting struct {
	// Key is the dotted TOML key, e.g. issuer.name.
	Key string
	// Label and Help are what the page shows, in Chinese.
	Label string
	Help  string
	// Kind is text (a string), lines (a list of strings, one a line) or int.
	Kind string
	// Choices, when not empty, are the only values offered (a select).
	Choices []string
	// Value is the current value as the form shows it; a list has one item a line.
	Value string
}

// settingDefs are the settings the page edits, in the page's order, each
// with the getter of its current value.
var settingDefs = []struct {
	Setting
	get func(c *Config) string
}{
	{Setting{Key: "issuer.name", Label: "发文机关全称", Help: "用于署名、印发机关和 PDF 作者", Kind: "text"}, func(c *Config) string { return c.Issuer.Name }},
	{Setting{Key: "issuer.mark", Label: "发文机关标志", Help: "版头红字；联合发文时每行一个机关，主办机关在前", Kind: "lines"}, func(c *Config) string { return strings.Join(c.Issuer.Mark, "\n") }},
	{Setting{Key: "issuer.code", Label: "机关代字", Help: "发文字号的前半部分，如 揭政数局函", Kind: "text"}, func(c *Config) string { return c.Issuer.Code }},
	{Setting{Key: "issuer.format", Label: "版头格式", Help: "文件式、信函式或明电", Kind: "text", Choices: []string{"文件式", "信函式", "明电"}}, func(c *Config) string { return c.Issuer.Format }},
	{Setting{Key: "circular.recipients", Label: "主送机关", Help: "不带末尾的冒号", Kind: "text"}, func(c *Config) string { return c.Circular.Recipients }},
	{Setting{Key: "circular.cc", Label: "抄送机关", Help: "每行一个机关；没有可留空", Kind: "lines"}, func(c *Config) string { return strings.Join(c.Circular.CC, "\n") }},
	{Setting{Key: "circular.printer", Label: "印发机关", Help: "留空则同发文机关全称", Kind: "text"}, func(c *Config) string { return c.Circular.Printer }},
	{Setting{Key: "contact.person", Label: "联系人", Help: "整改情况报送的联系人", Kind: "text"}, func(c *Config) string { return c.Contact.Person }},
	{Setting{Key: "contact.phone", Label: "联系电话", Help: "如 0663-8230000", Kind: "text"}, func(c *Config) string { return c.Contact.Phone }},
	{Setting{Key: "circular.deadline_days", Label: "整改期限（天）", Help: "成文日期后多少天，0 到 365", Kind: "int"}, func(c *Config) string { return strconv.Itoa(c.Circular.DeadlineDays) }},
	{Setting{Key: "circular.deadline_weekend", Label: "整改期限落在周末时", Help: "顺延到周一，或不顺延", Kind: "text", Choices: []string{WeekendMove, WeekendKeep}}, func(c *Config) string { return c.Circular.DeadlineWeekend }},
	{Setting{Key: "circular.rates", Label: "比例取值", Help: "四舍五入：各比例分别四舍五入；合格率取100减不合格率：不合格率截尾，合格率 = 100% − 不合格率", Kind: "text", Choices: []string{string(circular.RuleRound), string(circular.RuleComplement)}}, func(c *Config) string { return c.Circular.Rates }},
	{Setting{Key: "circular.rate_decimals", Label: "比例的小数位数", Help: "1 或 2", Kind: "int", Choices: []string{"1", "2"}}, func(c *Config) string { return strconv.Itoa(c.Rates().Decimals) }},
}

// Settings returns the editable settings with their values in config.toml
// as it is on disk now, and the SHA-256 of the file, which SaveSettings
// takes back to notice an edit made in between.
func (a *App) Settings() ([]Setting, string, error) {
	live, err := a.readConfigText()
	if err != nil {
		return nil, "", err
	}
	cfg, err := parseConfig(a.Config.Path(), string(live))
	if err != nil {
		return nil, "", err
	}
	out := make([]Setting, len(settingDefs))
	for i, d := range settingDefs {
		out[i] = d.Setting
		out[i].Value = d.get(cfg)
		if d.Key == "circular.printer" && cfg.Circular.Printer == cfg.Issuer.Name && printerUnset(string(live)) {
			out[i].Value = ""
		}
	}
	return out, sha256Hex(live), nil
}

// printerUnset reports whether the config text leaves circular.printer empty
// (the loader fills it with the issuer's name).
func printerUnset(text string) bool {
	var raw struct {
		Circular struct {
			Printer string `toml:"printer"`
		} `toml:"circular"`
	}
	_, err := toml.Decode(strings.TrimPrefix(text, "\ufeff"), &raw)
	return err == nil && raw.Circular.Printer == ""
}

// SaveSettings writes the given settings (key → value as the form sends it;
// keys absent are left alone) into config.toml, editing each value in place
// so the file keeps its comments and order. The new text is checked exactly
// as Load checks a config file, and a bad value is refused with the key
// named, leaving the file untouched. base is the SHA-256 Settings returned
// (empty skips the check): when the file changed since, nothing is saved.
// Both the old and the new text are kept in the history. It returns the keys
// whose values changed.
func (a *App) SaveSettings(ctx context.Context, values map[string]string, base string) ([]string, error) {
	live, err := a.readConfigText()
	if err != nil {
		return nil, err
	}
	if base != "" && base != sha256Hex(live) {
		return nil, circular.Errorf(circular.EConflict, "配置文件 %s 在您打开设置页之后被修改过（可能是别人保存了设置，或直接改了文件）。为免覆盖别人的修改，这次没有保存：请重新打开设置页，核对后再改。", a.Config.Path())
	}
	cur, err := parseConfig(a.Config.Path(), string(live))
	if err != nil {
		return nil, err
	}
	text := string(live)
	var changed []string
	var problems []circular.Problem
	for _, d := range settingDefs {
		v, ok := values[d.Key]
		if !ok {
			continue
		}
		v = normalizeSetting(d.Kind, v)
		old := d.get(cur)
		if d.Key == "circular.printer" && printerUnset(text) {
			old = ""
		}
		if v == old {
			continue
		}
		enc, msg := encodeSetting(d.Setting, v)
		if msg != "" {
			problems = append(problems, circular.Problem{File: a.Config.Path(), Line: keyLine(text, toml.Key(strings.Split(d.Key, "."))), Text: "「" + d.Key + "」（" + d.Label + "）" + msg})
			continue
		}
		text, err = setTOMLValue(text, d.Key, enc)
		if err != nil {
			return nil, err
		}
		changed = append(changed, d.Key)
	}
	if len(problems) > 0 {
		return nil, &circular.Error{Code: circular.EConfig, Message: fmt.Sprintf("设置有 %d 处问题，没有保存：", len(problems)), Problems: problems}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	if err := a.writeConfig(live, []byte(text), circular.Actor(acting(ctx))); err != nil {
		return nil, err
	}
	return changed, a.Log(ctx, ActSettings, filepath.Base(a.Config.Path()), strings.Join(changed, "、"))
}

// SettingsHistory lists the saved versions of config.toml, newest first,
// marking the one the file holds now.
func (a *App) SettingsHistory() ([]TemplateVersion, error) {
	live, err := a.readConfigText()
	if err != nil {
		return nil, err
	}
	vs, err := versionsIn(a.settingsHistoryDir())
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

// SettingsVersionText returns the text of saved version id of config.toml.
func (a *App) SettingsVersionText(id string) ([]byte, error) {
	if !versionIDRE.MatchString(id) {
		return nil, circular.Errorf(circular.EInvalid, "历史版本编号「%s」格式不对", id)
	}
	b, err := os.ReadFile(filepath.Join(a.settingsHistoryDir(), id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, circular.Errorf(circular.ENotFound, "配置文件没有历史版本 %s", id)
	}
	if err != nil {
		return nil, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取配置文件的历史版本：%s", IOReason(err)))
	}
	return b, nil
}

// RestoreSettings makes saved version id of config.toml the live file
// again, after checking it still loads (a seal image it names may be gone).
// The restore is recorded too, so it can be undone.
func (a *App) RestoreSettings(ctx context.Context, id string) error {
	text, err := a.SettingsVersionText(id)
	if err != nil {
		return err
	}
	live, err := a.readConfigText()
	if err != nil {
		return err
	}
	if err := a.writeConfig(live, text, circular.Actor(acting(ctx))); err != nil {
		return err
	}
	return a.Log(ctx, ActSettingsRestore, filepath.Base(a.Config.Path()), id)
}

// writeConfig checks text as the config file and, when it loads, keeps live
// and text (saved by by) in the history and replaces the file atomically.
func (a *App) writeConfig(live, text []byte, by string) error {
	if err := a.checkConfigText(text); err != nil {
		return err
	}
	path := a.Config.Path()
	dir := a.settingsHistoryDir()
	if err := rememberIn(dir, filepath.Base(path), live, ""); err != nil {
		return err
	}
	if err := rememberIn(dir, filepath.Base(path), text, by); err != nil {
		return err
	}
	if err := WriteFileAtomic(path, text); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法保存配置文件 %s：%s", path, IOReason(err)))
	}
	return nil
}

// checkConfigText loads text as Load would load the config file — from a
// file beside it, so relative paths (the seal) resolve the same — and
// returns its error with the real file's name.
func (a *App) checkConfigText(text []byte) error {
	path := a.Config.Path()
	f, err := os.CreateTemp(filepath.Dir(path), ".tongbao-settings-*.toml")
	if err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法检查配置：不能在 %s 中写临时文件：%s", filepath.Dir(path), IOReason(err)))
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法检查配置：写临时文件失败：%s", IOReason(err)))
	}
	if _, err := LoadConfig(tmp); err != nil {
		var ce *circular.Error
		if !errors.As(err, &ce) {
			return err
		}
		out := &circular.Error{Code: ce.Code, Message: "没有保存：" + strings.ReplaceAll(ce.Message, tmp, path)}
		for _, p := range ce.Problems {
			if p.File == tmp {
				p.File = path
			}
			p.Text = strings.ReplaceAll(p.Text, tmp, path)
			out.Problems = append(out.Problems, p)
		}
		return out
	}
	return nil
}

func (a *App) readConfigText() ([]byte, error) {
	b, err := os.ReadFile(a.Config.Path())
	if err != nil {
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取配置文件 %s：%s", a.Config.Path(), IOReason(err)))
	}
	return b, nil
}

// settingsHistoryDir keeps config.toml's versions: .history/config.toml
// beside the file.
func (a *App) settingsHistoryDir() string {
	p := a.Config.Path()
	return filepath.Join(filepath.Dir(p), HistoryDir, filepath.Base(p))
}

// normalizeSetting trims a form value; a list keeps its non-empty lines.
func normalizeSetting(kind, v string) string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	if kind != "lines" {
		return strings.TrimSpace(strings.ReplaceAll(v, "\n", " "))
	}
	var lines []string
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// encodeSetting writes a normalized value as TOML, or says what is wrong.
func encodeSetting(s Setting, v string) (string, string) {
	switch s.Kind {
	case "int":
		n, err := strconv.Atoi(v)
		if err != nil {
			return "", fmt.Sprintf("应为整数，现在是「%s」", v)
		}
		return strconv.Itoa(n), ""
	case "lines":
		var items []string
		if v != "" {
			for _, l := range strings.Split(v, "\n") {
				items = append(items, tomlString(l))
			}
		}
		return "[" + strings.Join(items, ", ") + "]", ""
	}
	return tomlString(v), ""
}
