package app

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

const goodConfig = `database = "t.db"
templates = "templates"
output = "out"

[issuer]
name = "揭阳市政务服务数据管理局"
code = "揭政数局函"
format = "文件式"

[issuer.first_number]
"2019" = 23

[circular]
recipients = "各县（市、区）人民政府"
deadline_days = 8
`

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte(goodConfig), 0o644)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabasePath() != filepath.Join(dir, "t.db") || cfg.Issuer.FirstNumber["2019"] != 23 || cfg.Circular.Printer != cfg.Issuer.Name {
		t.Errorf("config read as %+v", cfg)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // fragments of the message
	}{
		{"unknown key", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndeadlin = 3", 1),
			[]string{"第 16 行", "未知的配置项「circular.deadlin」"}},
		{"unknown table key", goodConfig + "\n[contact]\nperson = \"林\"\nmobile = \"1\"\n",
			[]string{"第 19 行", "「contact.mobile」"}},
		{"bad disclosure", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndisclosure = \"公开\"", 1),
			[]string{"第 16 行", "「circular.disclosure」只能是「主动公开」「依申请公开」或「不予公开」（或留空不印），现在是「公开」"}},
		{"bad format", strings.Replace(goodConfig, `format = "文件式"`, `format = "公函"`, 1),
			[]string{"第 8 行", "「issuer.format」只能是「文件式」「信函式」或「明电」，现在是「公函」"}},
		{"syntax", strings.Replace(goodConfig, `code = "揭政数局函"`, `code = "揭政数局函`, 1),
			[]string{"第 7 行有误"}},
		{"wrong type", strings.Replace(goodConfig, "deadline_days = 8", `deadline_days = "八"`, 1),
			[]string{"有误"}},
		{"empty database", strings.Replace(goodConfig, `database = "t.db"`, `database = ""`, 1),
			[]string{"第 1 行", "「database」不能为空"}},
		{"bad year", strings.Replace(goodConfig, `"2019" = 23`, `"19" = 23`, 1),
			[]string{"四位年份"}},
		{"missing seal", strings.Replace(goodConfig, `format = "文件式"`, "format = \"文件式\"\nseal = \"章.png\"", 1),
			[]string{"「issuer.seal」指向的印章图片", "不存在"}},
		{"bad retention", goodConfig + "\n[archive]\nretention = \"5年\"\n",
			[]string{"「archive.retention」只能是"}},
		{"bad formats", goodConfig + "\n[archive]\nformats = [\"pdf\", \"docx\"]\n",
			[]string{"第 18 行", "「archive.formats」只能列出「pdf」和「ofd」，现在有「docx」"}},
		{"formats without pdf", goodConfig + "\n[archive]\nformats = [\"ofd\"]\n",
			[]string{"「archive.formats」必须包含「pdf」"}},
		{"formats twice", goodConfig + "\n[archive]\nformats = [\"pdf\", \"ofd\", \"ofd\"]\n",
			[]string{"「archive.formats」「ofd」列了两次"}},
		{"cc not a list", strings.Replace(goodConfig, "deadline_days = 8", `cc = "市政府办公室"    # 抄送`, 1),
			[]string{"第 15 行", "「circular.cc」的值应为列表", "现在是文字", `cc = ["市政府办公室"]`}},
		{"days as text", strings.Replace(goodConfig, "deadline_days = 8", `deadline_days = "八"`, 1),
			[]string{"第 15 行", "「circular.deadline_days」的值应为整数", "现在是文字"}},
		{"absurd deadline", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 99999999999", 1),
			[]string{"第 15 行", "「circular.deadline_days」应为 0 到 365 之间的天数，现在是 99999999999"}},
		{"negative deadline", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = -1", 1),
			[]string{"第 15 行", "「circular.deadline_days」应为 0 到 365"}},
		{"huge number", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 99999999999999999999", 1),
			[]string{"第 15 行", "「circular.deadline_days」的数值太大"}},
		{"bad weekend rule", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndeadline_weekend = \"顺延\"", 1),
			[]string{"第 16 行", "「circular.deadline_weekend」只能是「顺延到周一」或「不顺延」，现在是「顺延」"}},
		{"twice", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndeadline_days = 9", 1),
			[]string{"第 16 行", "重复设置了「circular.deadline_days」"}},
		{"empty name", strings.Replace(goodConfig, `name = "揭阳市政务服务数据管理局"`, `name = ""`, 1),
			[]string{"第 6 行", "「issuer.name」不能为空"}},
		{"no code", strings.Replace(goodConfig, `code = "揭政数局函"`, ``, 1),
			[]string{"「issuer.code」不能为空"}},
		// GBK bytes (各县 is B8F7 CFD8) in otherwise UTF-8 text, as a file saved as 「ANSI」 has
		{"GBK", strings.Replace(goodConfig, "recipients = \"各县（市、区）人民政府\"", "recipients = \"\xb8\xf7\xcf\xd8\"", 1),
			[]string{"第 14 行", "不是 UTF-8 编码", "GBK", "另存为", "UTF-8"}},
		{"UTF-16", utf16le(goodConfig),
			[]string{"UTF-16", "另存为", "UTF-8"}},
		{"bad rates", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\nrates = \"截尾\"", 1),
			[]string{"第 16 行", "「circular.rates」只能是「四舍五入」或「合格率取100减不合格率」，现在是「截尾」"}},
		{"docx as text", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndocx = \"是\"", 1),
			[]string{"第 16 行", "「circular.docx」的值应为"}},
		{"embed fonts as text", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\ndocx_embed_fonts = \"嵌入\"", 1),
			[]string{"第 16 行", "「circular.docx_embed_fonts」的值应为"}},
		{"bad rate decimals", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\nrate_decimals = 3", 1),
			[]string{"第 16 行", "「circular.rate_decimals」只能是 1 或 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			os.WriteFile(path, []byte(tt.text), 0o644)
			_, err := LoadConfig(path)
			if err == nil {
				t.Fatal("no error")
			}
			if circular.ErrorCode(err) != circular.EConfig {
				t.Errorf("code %s", circular.ErrorCode(err))
			}
			msg := circular.ErrorMessage(err)
			if !strings.Contains(msg, path) {
				t.Errorf("message does not name the file: %s", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
	_, err := LoadConfig(filepath.Join(t.TempDir(), "none.toml"))
	if circular.ErrorCode(err) != circular.EConfig || !strings.Contains(err.Error(), "找不到配置文件") {
		t.Errorf("missing file: %v", err)
	}
}

// TestConfigRates: rates default to 四舍五入 with one decimal; the keys
// choose the other rule and two decimals.
func TestConfigRates(t *testing.T) {
	for _, c := range []struct {
		extra string
		want  circular.Rates
	}{
		{"", circular.Rates{Rule: circular.RuleRound, Decimals: 1}},
		{"rates = \"合格率取100减不合格率\"", circular.Rates{Rule: circular.RuleComplement, Decimals: 1}},
		{"rates = \"四舍五入\"\nrate_decimals = 2", circular.Rates{Rule: circular.RuleRound, Decimals: 2}},
	} {
		path := filepath.Join(t.TempDir(), "config.toml")
		os.WriteFile(path, []byte(strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\n"+c.extra, 1)), 0o644)
		cfg, err := LoadConfig(path)
		if err != nil {
			t.Fatal(circular.ErrorMessage(err))
		}
		if got := cfg.Rates(); got != c.want {
			t.Errorf("%q: %v, want %v", c.extra, got, c.want)
		}
	}
}

// TestDeadline: the rule's cases on a Saturday and a Sunday under both
// weekend settings, and a date the clerk gives outright.
func TestDeadline(t *testing.T) {
	day := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		date    string
		days    int
		weekend string
		given   string
		want    string
	}{
		{"2019-04-12", 8, "", "", "2019-04-22"},          // Saturday 20th → Monday by default
		{"2019-04-12", 8, WeekendMove, "", "2019-04-22"}, // Saturday 20th → Monday
		{"2019-04-12", 9, WeekendMove, "", "2019-04-22"}, // Sunday 21st → Monday
		{"2019-04-12", 8, WeekendKeep, "", "2019-04-20"}, // Saturday 20th stays
		{"2019-04-12", 9, WeekendKeep, "", "2019-04-21"}, // Sunday 21st stays
		{"2019-04-12", 7, WeekendMove, "", "2019-04-19"}, // Friday
		{"2019-04-12", 0, "", "", "2019-04-12"},
		{"2021-06-25", 8, WeekendKeep, "", "2021-07-03"},           // the 2021 circular's Saturday
		{"2019-04-12", 8, WeekendMove, "2019-04-20", "2019-04-20"}, // given: a Saturday stays
		{"2019-04-12", 8, WeekendKeep, "2019-04-12", "2019-04-12"}, // given: the same day
	} {
		got, err := Deadline(day(c.date), c.days, c.weekend, day(c.given))
		if err != nil || got.Format("2006-01-02") != c.want {
			t.Errorf("Deadline(%s, %d, %q, %q) = %s, %v; want %s", c.date, c.days, c.weekend, c.given, got.Format("2006-01-02"), err, c.want)
		}
	}
	if _, err := Deadline(day("2019-04-12"), 8, "", day("2019-04-11")); circular.ErrorCode(err) != circular.EInvalid || !strings.Contains(circular.ErrorMessage(err), "早于成文日期") {
		t.Errorf("a deadline before the date: %v", err)
	}
}

// utf16le is s encoded as Notepad's 「Unicode」: UTF-16LE with a byte order mark.
func utf16le(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// TestConfigBOM: a UTF-8 file with Notepad's byte order mark reads.
func TestConfigBOM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("\ufeff"+goodConfig), 0o644)
	if _, err := LoadConfig(path); err != nil {
		t.Fatal(err)
	}
}

// TestConfigSeal: the seal must be a whole PNG of a sane size; a huge one is
// refused from its header alone, before any decoding.
func TestConfigSeal(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	small := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	var buf bytes.Buffer
	png.Encode(&buf, small)
	write("ok.png", buf.Bytes())
	write("cut.png", buf.Bytes()[:buf.Len()/2])
	write("text.png", []byte("这不是图片"))
	var jb bytes.Buffer
	jpeg.Encode(&jb, small, nil)
	write("seal.jpg", jb.Bytes())
	// A 20000 × 20000 PNG header (IHDR) with no image data: refused by size.
	write("huge.png", pngHeader(20000, 20000))
	for _, c := range []struct {
		file string
		want []string
	}{
		{"ok.png", nil},
		{"cut.png", []string{"「issuer.seal」", "已损坏或不完整"}},
		{"text.png", []string{"「issuer.seal」", "不是可用的 PNG 图片"}},
		{"seal.jpg", []string{"「issuer.seal」", "JPEG", "透明背景的 PNG"}},
		{"huge.png", []string{"「issuer.seal」", "20000 × 20000 像素，太大了"}},
	} {
		path := filepath.Join(dir, "config.toml")
		os.WriteFile(path, []byte(strings.Replace(goodConfig, `format = "文件式"`, "format = \"文件式\"\nseal = \""+c.file+"\"", 1)), 0o644)
		_, err := LoadConfig(path)
		if c.want == nil {
			if err != nil {
				t.Errorf("%s: %v", c.file, err)
			}
			continue
		}
		msg := circular.ErrorMessage(err)
		for _, w := range append(c.want, "第 9 行") {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: message lacks %q:\n%s", c.file, w, msg)
			}
		}
	}
}

// pngHeader is a PNG signature and IHDR chunk declaring w × h RGBA pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}
