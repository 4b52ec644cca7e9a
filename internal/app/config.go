package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"tongbao/internal/circular"
)

// Config is config.toml: who issues the circular, to whom, and where tongbao
// keeps its database, templates and output. Relative paths are relative to the
// folder of the config file.
type Config struct {
	// Database is the SQLite file holding check results and issued numbers.
	Database string `toml:"database"`
	// Templates is the folder of the circular's text templates.
	Templates string `toml:"templates"`
	// Output is the folder drafts and issued PDFs are written to.
	Output string `toml:"output"`

	Issuer   IssuerConfig   `toml:"issuer"`
	Circular CircularConfig `toml:"circular"`
	Contact  ContactConfig  `toml:"contact"`
	Archive  ArchiveConfig  `toml:"archive"`

	// dir is the folder of the config file; relative paths resolve against it.
	dir string
	// path is the config file as named on the command line.
	path string
}

// IssuerConfig describes the issuing organ.
type IssuerConfig struct {
	// Mark is the 发文机关标志 text; several lines for a joint document.
	Mark []string `toml:"mark"`
	// MarkSuffix follows the mark, e.g. 文件; empty for the name alone.
	MarkSuffix string `toml:"mark_suffix"`
	// Name is the full name: 署名, 印发机关 and the PDF author.
	Name string `toml:"name"`
	// Code is the 机关代字, e.g. 揭政数局函.
	Code string `toml:"code"`
	// Format is the header format: 文件式, 信函式 or 明电.
	Format string `toml:"format"`
	// FirstNumber maps a year to the first number tongbao gives in it, for an
	// office that starts using tongbao mid-year ("2019" = 23).
	FirstNumber map[string]int `toml:"first_number"`
	// Seal is a PNG of the red seal; empty places the signature without one.
	Seal string `toml:"seal"`
	// Telegram holds the 明电 header's fields, used when Format is 明电.
	Telegram TelegramConfig `toml:"telegram"`
}

// TelegramConfig is the 明电 header: [issuer.telegram] in config.toml.
type TelegramConfig struct {
	// Title is the red line at the top, e.g. 揭阳市发电; 明电 when empty.
	Title string `toml:"title"`
	// Unit is the 发电单位; the issuer's name when empty.
	Unit string `toml:"unit"`
	// Approver is the name in 签批盖章; often written in by hand, so may be empty.
	Approver string `toml:"approver"`
	// Grade is the 等级; 特急 · 明电 when empty.
	Grade string `toml:"grade"`
	// Serial is the telegraph office's serial after the number, e.g. 揭机发 号.
	Serial string `toml:"serial"`
}

// CircularConfig holds the fixed parts of the circular.
type CircularConfig struct {
	// Recipients is the 主送机关, without the trailing colon.
	Recipients string `toml:"recipients"`
	// Area names the whole area inspected in the text: 全市 (default), 全省, 全区, 全县.
	Area string `toml:"area"`
	// CC are the 抄送 organs.
	CC []string `toml:"cc"`
	// Printer is the 印发机关; empty means the issuer's name.
	Printer string `toml:"printer"`
	// DeadlineDays is the rectification deadline: this many days after the 成文日期.
	DeadlineDays int `toml:"deadline_days"`
	// Note is the 附注, e.g. （此件公开发布）; empty for none.
	Note string `toml:"note"`
	// Secrecy is the 密级 printed in the header and recorded; empty for none.
	Secrecy string `toml:"secrecy"`
	// Rates is how rates are rounded everywhere: 四舍五入 (default: each
	// rate rounded half up, as Excel's ROUND) or 合格率取100减不合格率.
	Rates string `toml:"rates"`
	// RateDecimals is the rates' decimals: 1 (default) or 2.
	RateDecimals int `toml:"rate_decimals"`
	// NoSignature drops the 发文机关署名 (落款) and keeps the 成文日期, for an
	// office whose notices published online carry no 署名.
	NoSignature bool `toml:"no_signature"`
}

// ContactConfig is the contact for rectification reports.
type ContactConfig struct {
	Person string `toml:"person"`
	Phone  string `toml:"phone"`
	Fax    string `toml:"fax"`
	Email  string `toml:"email"`
}

// ArchiveConfig holds the records-package settings.
type ArchiveConfig struct {
	// Retention is the 保管期限: 永久, 30年 or 10年.
	Retention string `toml:"retention"`
}

// LoadConfig reads and checks the config file at path. Every error names the
// file, and the key and line where it can.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("找不到配置文件 %s。请在当前目录放置 config.toml，或用 -c 指定配置文件。", path))
		}
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("无法读取配置文件 %s：%v", path, err))
	}
	return parseConfig(path, string(data))
}

func parseConfig(path, text string) (*Config, error) {
	cfg := &Config{path: path, dir: filepath.Dir(path)}
	md, err := toml.Decode(text, cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("配置文件 %s 第 %d 行有误：%s", path, pe.Position.Line, tomlMessage(pe)))
		}
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("配置文件 %s 有误：%v", path, err))
	}
	var problems []circular.Problem
	for _, k := range md.Undecoded() {
		// first_number is a free map of years; everything else is a known key.
		problems = append(problems, circular.Problem{File: path, Line: keyLine(text, k), Text: fmt.Sprintf("未知的配置项「%s」（拼写错误？）", k.String())})
	}
	problems = append(problems, cfg.check(text)...)
	if len(problems) > 0 {
		return nil, &circular.Error{Code: circular.EConfig, Message: fmt.Sprintf("配置文件 %s 有 %d 处问题：", path, len(problems)), Problems: problems}
	}
	if cfg.Circular.Printer == "" {
		cfg.Circular.Printer = cfg.Issuer.Name
	}
	return cfg, nil
}

// check validates values, returning a problem for each bad one.
func (c *Config) check(text string) []circular.Problem {
	var ps []circular.Problem
	bad := func(key, msg string) {
		ps = append(ps, circular.Problem{File: c.path, Line: keyLine(text, toml.Key(strings.Split(key, "."))), Text: "「" + key + "」" + msg})
	}
	if strings.TrimSpace(c.Database) == "" {
		bad("database", "不能为空：请写明 SQLite 数据库文件的路径，例如 database = \"tongbao.db\"")
	}
	switch c.Issuer.Format {
	case "", "文件式", "信函式", "明电":
	default:
		bad("issuer.format", fmt.Sprintf("只能是「文件式」「信函式」或「明电」，现在是「%s」", c.Issuer.Format))
	}
	for y, n := range c.Issuer.FirstNumber {
		if !regexp.MustCompile(`^\d{4}$`).MatchString(y) {
			bad("issuer.first_number", fmt.Sprintf("的键应为四位年份，现在是「%s」", y))
		}
		if n < 1 {
			bad("issuer.first_number", fmt.Sprintf("中 %s 年的起始编号应为正整数，现在是 %d", y, n))
		}
	}
	if c.Circular.DeadlineDays < 0 {
		bad("circular.deadline_days", "不能为负数")
	}
	switch circular.RateRule(c.Circular.Rates) {
	case "", circular.RuleRound, circular.RuleComplement:
	default:
		bad("circular.rates", fmt.Sprintf("只能是「%s」或「%s」，现在是「%s」", circular.RuleRound, circular.RuleComplement, c.Circular.Rates))
	}
	switch c.Circular.RateDecimals {
	case 0, 1, 2:
	default:
		bad("circular.rate_decimals", fmt.Sprintf("只能是 1 或 2（比例保留的小数位数），现在是 %d", c.Circular.RateDecimals))
	}
	switch c.Archive.Retention {
	case "", "永久", "30年", "10年":
	default:
		bad("archive.retention", fmt.Sprintf("只能是「永久」「30年」或「10年」，现在是「%s」", c.Archive.Retention))
	}
	if c.Issuer.Seal != "" {
		if _, err := os.Stat(c.Resolve(c.Issuer.Seal)); err != nil {
			bad("issuer.seal", fmt.Sprintf("指向的印章图片 %s 不存在或无法读取", c.Resolve(c.Issuer.Seal)))
		}
	}
	return ps
}

// Rates is the office's rate rule and decimals: [circular] rates and
// rate_decimals, by default 四舍五入 with one decimal.
func (c *Config) Rates() circular.Rates {
	r := circular.DefaultRates()
	if c.Circular.Rates != "" {
		r.Rule = circular.RateRule(c.Circular.Rates)
	}
	if c.Circular.RateDecimals != 0 {
		r.Decimals = c.Circular.RateDecimals
	}
	return r
}

// Resolve returns p relative to the config file's folder unless it is absolute.
func (c *Config) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// DatabasePath is the resolved SQLite file path.
func (c *Config) DatabasePath() string { return c.Resolve(c.Database) }

// keyLine finds the 1-based line where key is set in the TOML text, or 0.
func keyLine(text string, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	table := ""
	name := key[len(key)-1]
	if len(key) > 1 {
		table = strings.Join(key[:len(key)-1], ".")
	}
	cur := ""
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			cur = strings.Trim(t, "[] ")
			continue
		}
		if cur == table || (table != "" && cur == key[0] && len(key) > 2) {
			if k, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(k), `"`) == name {
				return i + 1
			}
		}
		if cur == "" && table != "" {
			// dotted key at top level: issuer.code = …
			if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == key.String() {
				return i + 1
			}
		}
	}
	return 0
}

// tomlMessage turns a TOML parse error into a short Chinese explanation.
func tomlMessage(pe toml.ParseError) string {
	msg := pe.Message
	switch {
	case strings.Contains(msg, "incompatible types") || strings.Contains(msg, "cannot decode"):
		return "值的类型不对（" + msg + "）"
	case strings.Contains(msg, "expected"):
		return "格式错误（" + msg + "）。请检查引号、等号和方括号是否成对"
	}
	return msg
}

// Path returns the config file's path as it was named.
func (c *Config) Path() string { return c.path }

// Dir returns the folder relative paths in the config resolve against.
func (c *Config) Dir() string { return c.dir }

// OutputDir is the resolved output folder.
func (c *Config) OutputDir() string { return c.Resolve(c.Output) }

// TemplatesDir is the resolved templates folder.
func (c *Config) TemplatesDir() string { return c.Resolve(c.Templates) }
