package app

import (
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
		{"bad rates", strings.Replace(goodConfig, "deadline_days = 8", "deadline_days = 8\nrates = \"截尾\"", 1),
			[]string{"第 16 行", "「circular.rates」只能是「四舍五入」或「合格率取100减不合格率」，现在是「截尾」"}},
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

func TestDeadline(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		date string
		days int
		want string
	}{
		{"2019-04-12", 8, "2019-04-22"}, // Saturday 20th → Monday
		{"2019-04-12", 9, "2019-04-22"}, // Sunday 21st → Monday
		{"2019-04-12", 7, "2019-04-19"}, // Friday
		{"2019-04-12", 0, "2019-04-12"},
	} {
		if got := Deadline(day(c.date), c.days).Format("2006-01-02"); got != c.want {
			t.Errorf("Deadline(%s, %d) = %s, want %s", c.date, c.days, got, c.want)
		}
	}
}
