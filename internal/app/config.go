package app

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // recognised, to say a JPEG seal must be a PNG
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

	Issuer    IssuerConfig    `toml:"issuer"`
	Circular  CircularConfig  `toml:"circular"`
	Contact   ContactConfig   `toml:"contact"`
	Archive   ArchiveConfig   `toml:"archive"`
	Platforms PlatformsConfig `toml:"platforms"`
	Server    ServerConfig    `toml:"server"`

	// platforms is the closed list of 新媒体类型 built from Platforms.
	platforms *circular.PlatformList

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
	// DeadlineWeekend says whether a deadline on a weekend moves to the
	// Monday after: 顺延到周一 (WeekendMove, the default when empty) or 不顺延.
	DeadlineWeekend string `toml:"deadline_weekend"`
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
	// Disclosure is the 公开方式 printed above the 版记: 主动公开, 依申请公开
	// or 不予公开; empty for none.
	Disclosure string `toml:"disclosure"`
	// DOCX makes issue write an editable .docx beside the PDF, for OA
	// review and the office's records of the text.
	DOCX bool `toml:"docx"`
	// DOCXEmbedFonts embeds tongbao's bundled faces in every .docx it
	// writes (Word's obfuscated font embedding, about 30 MB more), so the
	// file looks the same on a machine without 仿宋_GB2312 and 方正小标宋简体.
	DOCXEmbedFonts bool `toml:"docx_embed_fonts"`
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
	// Unit is the 立档单位名称; the issuer's name when empty.
	Unit string `toml:"unit"`
	// Fonds is the 全宗号 the archive gave the office; empty for none.
	Fonds string `toml:"fonds"`
	// Organization is the 机构或问题 part of the 档号; empty for none.
	Organization string `toml:"organization"`
	// Publication is the 发布层次 recorded in the metadata, e.g. 社会公开.
	Publication string `toml:"publication"`
	// Formats are the fixed-layout files issue, reprint and archive write:
	// "pdf" always, "ofd" besides it when listed. Empty means ["pdf"].
	Formats []string `toml:"formats"`
}

// WantOFD reports whether [archive] formats asks for an OFD beside the PDF.
func (a ArchiveConfig) WantOFD() bool {
	return slices.Contains(a.Formats, "ofd")
}

// PlatformsConfig is [platforms]: the office's own new-media platforms on
// top of the national list, and aliases clerks type for them.
type PlatformsConfig struct {
	// Extra are platforms the office checks besides the national ones
	// (小红书, 哔哩哔哩 …), as the circular prints them.
	Extra []string `toml:"extra"`
	// Aliases maps another way of writing a platform to its name ("B站" = "哔哩哔哩").
	Aliases map[string]string `toml:"aliases"`
}

// PlatformList is the closed list of 新媒体类型: the national platforms and
// the office's [platforms].
func (c *Config) PlatformList() *circular.PlatformList {
	if c.platforms == nil {
		c.platforms, _ = circular.NewPlatformList(c.Platforms.Extra, c.Platforms.Aliases)
	}
	return c.platforms
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
	if err := checkEncoding(path, []byte(text)); err != nil {
		return nil, err
	}
	text = strings.TrimPrefix(text, "\ufeff") // Notepad's UTF-8 byte order mark
	cfg := &Config{path: path, dir: filepath.Dir(path)}
	md, err := toml.Decode(text, cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("配置文件 %s 第 %d 行有误：%s", path, pe.Position.Line, tomlMessage(pe)))
		}
		if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("配置文件 %s 第 %d 行有误：%s", path, line, typeMessage(text, line, m[2], m[3], m[4])))
		}
		return nil, circular.Wrap(err, circular.EConfig, fmt.Sprintf("配置文件 %s 有误：%v", path, err))
	}
	var problems []circular.Problem
	for _, k := range md.Undecoded() {
		// first_number and platforms.aliases are free maps; everything else is a known key.
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
	if strings.TrimSpace(c.Issuer.Name) == "" {
		bad("issuer.name", "不能为空：请写明发文机关全称（用于署名、印发机关和 PDF 作者），例如 name = \"揭阳市政务服务数据管理局\"")
	}
	if strings.TrimSpace(c.Issuer.Code) == "" {
		bad("issuer.code", "不能为空：请写明机关代字（发文字号的前半部分），例如 code = \"揭政数局函\"")
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
	if c.Circular.DeadlineDays < 0 || c.Circular.DeadlineDays > maxDeadlineDays {
		bad("circular.deadline_days", fmt.Sprintf("应为 0 到 %d 之间的天数，现在是 %d", maxDeadlineDays, c.Circular.DeadlineDays))
	}
	switch c.Circular.DeadlineWeekend {
	case "", WeekendMove, WeekendKeep:
	default:
		bad("circular.deadline_weekend", fmt.Sprintf("只能是「%s」或「%s」，现在是「%s」", WeekendMove, WeekendKeep, c.Circular.DeadlineWeekend))
	}
	pl, perr := circular.NewPlatformList(c.Platforms.Extra, c.Platforms.Aliases)
	for _, p := range perr {
		key := "platforms.extra"
		if strings.Contains(p, "别名") {
			key = "platforms.aliases"
		}
		bad(key, "："+p)
	}
	c.platforms = pl
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
	switch c.Circular.Disclosure {
	case "", "主动公开", "依申请公开", "不予公开":
	default:
		bad("circular.disclosure", fmt.Sprintf("只能是「主动公开」「依申请公开」或「不予公开」（或留空不印），现在是「%s」", c.Circular.Disclosure))
	}
	c.checkServer(bad)
	switch c.Archive.Retention {
	case "", "永久", "30年", "10年":
	default:
		bad("archive.retention", fmt.Sprintf("只能是「永久」「30年」或「10年」，现在是「%s」", c.Archive.Retention))
	}
	seen := map[string]bool{}
	for _, f := range c.Archive.Formats {
		switch {
		case f != "pdf" && f != "ofd":
			bad("archive.formats", fmt.Sprintf("只能列出「pdf」和「ofd」，现在有「%s」", f))
		case seen[f]:
			bad("archive.formats", fmt.Sprintf("「%s」列了两次", f))
		}
		seen[f] = true
	}
	if len(c.Archive.Formats) > 0 && !seen["pdf"] {
		bad("archive.formats", "必须包含「pdf」（印发的正式文件总是 PDF，OFD 是另存的一份）")
	}
	if c.Issuer.Seal != "" {
		if msg := checkSeal(c.Resolve(c.Issuer.Seal)); msg != "" {
			bad("issuer.seal", msg)
		}
	}
	return ps
}

// maxDeadlineDays bounds deadline_days: a rectification period is days or
// weeks, never years.
const maxDeadlineDays = 365

// maxSealPixels bounds the seal image: a 4.2 cm seal at 600 dpi is about
// 1000 × 1000 pixels; 4000 × 4000 is plenty, and a 20000 × 20000 image
// would take minutes and gigabytes to embed.
const maxSealPixels = 4000 * 4000

// checkSeal checks the seal image at path is a PNG of a sane size, reading
// its header before decoding it; it returns what is wrong, or "".
func checkSeal(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("指向的印章图片 %s 不存在或无法读取", path)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(bufio.NewReader(f))
	switch {
	case err != nil:
		return fmt.Sprintf("指向的文件 %s 不是可用的 PNG 图片（无法识别图片格式）。请用图片软件另存为 PNG（透明背景）", path)
	case format == "jpeg":
		return fmt.Sprintf("指向的印章图片 %s 是 JPEG 格式：JPEG 没有透明背景，印章的白底会盖住成文日期。请另存为透明背景的 PNG", path)
	case format != "png":
		return fmt.Sprintf("指向的印章图片 %s 是 %s 格式，请另存为透明背景的 PNG", path, format)
	case cfg.Width < 1 || cfg.Height < 1 || int64(cfg.Width)*int64(cfg.Height) > maxSealPixels:
		return fmt.Sprintf("指向的印章图片 %s 为 %d × %d 像素，太大了（最多约 %d 万像素，4000 × 4000）。印章按 600 dpi 约 1000 × 1000 像素即可，请缩小后再用", path, cfg.Width, cfg.Height, maxSealPixels/10000)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Sprintf("无法读取印章图片 %s：%s", path, IOReason(err))
	}
	if _, err := png.Decode(bufio.NewReader(f)); err != nil {
		return fmt.Sprintf("指向的印章图片 %s 已损坏或不完整（%v），请重新导出 PNG", path, err)
	}
	return ""
}

// checkEncoding refuses a config file that is not UTF-8, as Notepad may save
// it (UTF-16, or GBK as 「ANSI」), naming the first line that is not.
func checkEncoding(path string, b []byte) error {
	saveAs := "请用记事本打开它，选「另存为」，编码选「UTF-8」后保存。"
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.IndexByte(b, 0) >= 0 {
		return circular.Errorf(circular.EConfig, "配置文件 %s 是 UTF-16（Unicode）编码，tongbao 只能读 UTF-8 编码的配置文件。%s", path, saveAs)
	}
	if utf8.Valid(b) {
		return nil
	}
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return circular.Errorf(circular.EConfig, "配置文件 %s 第 %d 行有不是 UTF-8 编码的文字，文件可能是 GBK（ANSI）编码保存的，tongbao 只能读 UTF-8 编码的配置文件。%s", path, line, saveAs)
}

// typeErrRE matches the decoder's message for a value of the wrong type.
var typeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]+)"\): incompatible types: TOML value has type (\S+?); destination has type (\S+)`)

// tomlTypes names TOML and Go value kinds as a clerk knows them.
var tomlTypes = map[string]string{
	"string": "文字（用英文双引号括起来）", "slice": "列表（用方括号括起来，如 [\"甲\", \"乙\"]）", "[]interface {}": "列表",
	"integer": "整数（不加引号）", "int64": "整数（不加引号）", "float64": "数字", "float": "数字", "bool": "true 或 false",
	"map": "表（[名称] 下的一组设置）", "struct": "表（[名称] 下的一组设置）", "map[string]interface {}": "表",
}

// typeMessage explains a value of the wrong type for key on line, with the
// fix for the common case of a single text where a list is wanted.
func typeMessage(text string, line int, key, have, want string) string {
	name := func(t string) string {
		if n, ok := tomlTypes[t]; ok {
			return n
		}
		return t
	}
	msg := fmt.Sprintf("「%s」的值应为%s，现在是%s", key, name(want), name(have))
	if want == "slice" && have == "string" {
		lines := strings.Split(text, "\n")
		if line >= 1 && line <= len(lines) {
			if k, v, ok := strings.Cut(lines[line-1], "="); ok {
				v = strings.TrimSpace(v)
				if i := strings.Index(v, "#"); i > 0 && strings.Count(v[:i], `"`)%2 == 0 {
					v = strings.TrimSpace(v[:i])
				}
				msg += fmt.Sprintf("。只有一项时也要加方括号：%s= [%s]", k, v)
			}
		}
	}
	return msg
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
		if name, ok := tableHeader(t); ok {
			cur = name
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

// tableHeader reads a table header line, [issuer] or [[x]], with or
// without a comment after it, returning the table's name.
func tableHeader(t string) (string, bool) {
	if !strings.HasPrefix(t, "[") {
		return "", false
	}
	end := strings.LastIndexByte(t, ']')
	if i := strings.IndexByte(t, '#'); i >= 0 {
		end = strings.LastIndexByte(t[:i], ']')
	}
	if end < 0 {
		return "", false
	}
	return strings.Trim(t[:end+1], "[] "), true
}

// tomlMessage turns a TOML parse error into a short Chinese explanation.
func tomlMessage(pe toml.ParseError) string {
	msg := pe.Message
	switch {
	case strings.Contains(msg, "has already been defined"):
		return "重复设置了「" + pe.LastKey + "」：同一项只能写一次，请删去多余的一行"
	case strings.Contains(msg, "out of range"):
		return "「" + pe.LastKey + "」的数值太大（" + msg + "）"
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
