package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/circular"
)

// sampleConfig copies the repository's config.toml into a temporary folder
// and loads it.
func sampleConfig(t *testing.T) (*App, string) {
	t.Helper()
	b, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return a, path
}

// diffLines returns the lines of b that differ from a's at the same index.
func diffLines(a, b string) []string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			out = append(out, y)
		}
	}
	return out
}

func TestSaveSettingsKeepsComments(t *testing.T) {
	a, path := sampleConfig(t)
	before, _ := os.ReadFile(path)
	settings, base, err := a.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if len(settings) != len(settingDefs) || settings[2].Value != "揭政数局函" {
		t.Fatalf("settings: %+v", settings)
	}
	changed, err := a.SaveSettings(t.Context(), map[string]string{
		"issuer.code":            "揭数函",
		"contact.phone":          "0663-1234567",
		"circular.cc":            "市政府办公室\r\n\r\n市委网信办 \r\n",
		"circular.deadline_days": " 10 ",
		"issuer.name":            "揭阳市政务服务数据管理局", // unchanged
		"circular.rate_decimals": "2",
	}, base)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(changed, ",") != "issuer.code,circular.cc,contact.phone,circular.deadline_days,circular.rate_decimals" {
		t.Errorf("changed %v", changed)
	}
	after, _ := os.ReadFile(path)
	got := diffLines(string(before), string(after))
	want := []string{
		`code = "揭数函"                       # 机关代字：文号形如 揭政数局函〔2019〕23号`,
		`cc = ["市政府办公室", "市委网信办"]`,
		`deadline_days = 10                    # 整改期限：成文日期后多少天（draft、issue 可用 -deadline 直接给出日期）`,
		`rate_decimals = 2                     # 比例保留的小数位数：1 或 2`,
		`phone = "0663-1234567"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changed lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Issuer.Code != "揭数函" || len(cfg.Circular.CC) != 2 || cfg.Circular.DeadlineDays != 10 || cfg.Rates().Decimals != 2 {
		t.Errorf("saved config: %+v", cfg)
	}

	// Undo: the version before the save is in the history.
	vs, err := a.SettingsHistory()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !vs[0].Current || vs[1].Current {
		t.Fatalf("history: %+v", vs)
	}
	if err := a.RestoreSettings(t.Context(), vs[1].ID); err != nil {
		t.Fatal(err)
	}
	restored, _ := os.ReadFile(path)
	if string(restored) != string(before) {
		t.Error("restore did not bring the first text back")
	}
	if vs, _ := a.SettingsHistory(); len(vs) != 3 || !vs[0].Current {
		t.Errorf("restore not recorded: %+v", vs)
	}
}

func TestSaveSettingsRefusesBadValues(t *testing.T) {
	a, path := sampleConfig(t)
	before, _ := os.ReadFile(path)
	tests := []struct {
		values map[string]string
		want   []string
	}{
		{map[string]string{"circular.deadline_days": "999"}, []string{"circular.deadline_days", "0 到 365", path, "第 "}},
		{map[string]string{"circular.deadline_days": "八天"}, []string{"circular.deadline_days", "整数", "八天"}},
		{map[string]string{"circular.rates": "截尾"}, []string{"circular.rates", "截尾"}},
		{map[string]string{"circular.rate_decimals": "3"}, []string{"circular.rate_decimals", "1 或 2"}},
		{map[string]string{"issuer.code": "  "}, []string{"issuer.code", "不能为空"}},
		{map[string]string{"issuer.format": "便函"}, []string{"issuer.format", "便函"}},
	}
	for _, tt := range tests {
		_, err := a.SaveSettings(t.Context(), tt.values, "")
		if err == nil {
			t.Errorf("%v saved", tt.values)
			continue
		}
		msg := circular.ErrorMessage(err)
		var problems strings.Builder
		if ce, ok := err.(*circular.Error); ok {
			for _, p := range ce.Problems {
				problems.WriteString(p.File + ":" + p.Text + "\n")
				if p.Line == 0 {
					t.Errorf("%v: problem without a line: %+v", tt.values, p)
				}
			}
		}
		all := msg + "\n" + problems.String()
		if strings.Contains(all, ".tongbao-settings") {
			t.Errorf("message names the temporary file: %s", all)
		}
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%v: error lacks %q:\n%s", tt.values, w, all)
			}
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatalf("%v: the file changed", tt.values)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tongbao") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
	if vs, _ := a.SettingsHistory(); len(vs) != 0 {
		t.Errorf("a refused save made history: %+v", vs)
	}
}

func TestSaveSettingsConflictAndMissingKey(t *testing.T) {
	a, path := sampleConfig(t)
	_, base, err := a.Settings()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	// Someone else drops rate_decimals and rates from the file meanwhile.
	var kept []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "rate_decimals") && !strings.HasPrefix(l, "rates") && !strings.HasPrefix(l, "                                      # 或") {
			kept = append(kept, l)
		}
	}
	os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o644)
	_, err = a.SaveSettings(t.Context(), map[string]string{"circular.rate_decimals": "2"}, base)
	if circular.ErrorCode(err) != circular.EConflict {
		t.Fatalf("stale save: %v", err)
	}
	if _, err := a.SaveSettings(t.Context(), map[string]string{"circular.rate_decimals": "2", "circular.rates": "四舍五入"}, ""); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if !strings.Contains(string(after), "\nrates = \"四舍五入\"\nrate_decimals = 2\n\n[contact]") {
		t.Errorf("missing keys not added at the end of [circular]:\n%s", after)
	}
	cfg, err := LoadConfig(path)
	if err != nil || cfg.Rates().Decimals != 2 || cfg.Rates().Rule != circular.RuleRound {
		t.Errorf("config %+v, %v", cfg, err)
	}
}

func TestSetTOMLValue(t *testing.T) {
	text := "[a]\nx = [\n  \"1\", # one\n  \"2\",\n]   # list\ny = 'lit'  # c\nz = \"\"\"\nmulti\"\"\"\n"
	got, err := setTOMLValue(text, "a.x", `["3"]`)
	if err != nil || got != "[a]\nx = [\"3\"]   # list\ny = 'lit'  # c\nz = \"\"\"\nmulti\"\"\"\n" {
		t.Errorf("array: %q %v", got, err)
	}
	got, err = setTOMLValue(text, "a.y", `"a \"b\""`)
	if err != nil || !strings.Contains(got, "y = \"a \\\"b\\\"\" # c\n") {
		t.Errorf("string: %q %v", got, err)
	}
	if _, err := setTOMLValue(text, "a.z", `"x"`); err == nil {
		t.Error("multi-line string edited")
	}
	if got, _ := setTOMLValue(text, "b.w", "1"); !strings.HasSuffix(got, "multi\"\"\"\n\n[b]\nw = 1\n") {
		t.Errorf("new table: %q", got)
	}
}
