package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFileName(t *testing.T) {
	long := strings.Repeat("全市政府网站", 40) // 240 characters
	cases := []struct {
		name, number, title, want string
	}{
		{"sample", "揭政数局函〔2019〕23号", "关于2019年第一季度全市政府网站检查情况的通报",
			"揭政数局函〔2019〕23号 关于2019年第一季度全市政府网站检查情况的通报"},
		{"illegal characters", "揭政数局函〔2019〕23号", `关于"清朗"行动<第1/2阶段>：a\b|c?d*e`,
			"揭政数局函〔2019〕23号 关于＂清朗＂行动＜第1／2阶段＞：a＼b｜c？d＊e"},
		{"ascii colon", "X", "a:b", "X a：b"},
		{"control characters and spaces", "揭政数局函〔2019〕23号", "关于\t检查\n情况\x00的\u200b通报  ",
			"揭政数局函〔2019〕23号 关于 检查 情况 的通报"},
		{"trailing dots and spaces", "揭政数局函〔2019〕23号", "通报. . .", "揭政数局函〔2019〕23号 通报"},
		{"leading dot", "", "...hidden", "hidden"},
		{"bidi override", "A", "ab\u202ecd", "A abcd"},
		{"reserved CON", "", "CON", "CON_"},
		{"reserved nul lowercase", "", "nul", "nul_"},
		{"reserved with extension", "", "com1.txt", "com1_.txt"},
		{"reserved LPT9", "LPT9", "", "LPT9_"},
		{"not reserved", "", "CONSOLE", "CONSOLE"},
		{"number only", "揭政数局函〔2019〕23号", "", "揭政数局函〔2019〕23号"},
		{"title only", "", "关于检查情况的通报", "关于检查情况的通报"},
		{"nothing", "", " . ", "未命名"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FileName(c.number, c.title); got != c.want {
				t.Errorf("FileName(%q, %q) = %q, want %q", c.number, c.title, got, c.want)
			}
		})
	}

	t.Run("long title", func(t *testing.T) {
		number := "揭政数局函〔2019〕23号"
		got := FileName(number, "关于"+long+"的通报")
		if !strings.HasPrefix(got, number+" 关于全市政府网站") {
			t.Errorf("number or start of title lost: %q", got)
		}
		if !strings.HasSuffix(got, "…") {
			t.Errorf("cut not marked: %q", got)
		}
		if len(got) > maxNameBytes || utf8.RuneCountInString(got) > maxNameRunes {
			t.Errorf("%q: %d bytes, %d characters", got, len(got), utf8.RuneCountInString(got))
		}
		// The name plus .pdf can be created.
		if err := os.WriteFile(filepath.Join(t.TempDir(), got+".pdf"), nil, 0o644); err != nil {
			t.Error(err)
		}
	})

	t.Run("long ascii title", func(t *testing.T) {
		got := FileName("N〔2019〕1号", strings.Repeat("a", 300))
		if utf8.RuneCountInString(got) != maxNameRunes || !strings.HasPrefix(got, "N〔2019〕1号 a") {
			t.Errorf("%q: %d characters", got, utf8.RuneCountInString(got))
		}
	})

	t.Run("overlong number", func(t *testing.T) {
		got := FileName(long, "通报")
		if !strings.HasPrefix(got, "全市政府网站") || len(got) > maxNameBytes {
			t.Errorf("%q: %d bytes", got, len(got))
		}
	})

	t.Run("safe everywhere", func(t *testing.T) {
		for _, c := range cases {
			got := FileName(c.number, c.title)
			if strings.ContainsAny(got, `<>:"/\|?*`) || strings.HasSuffix(got, ".") || strings.HasSuffix(got, " ") {
				t.Errorf("%q is not safe", got)
			}
			for _, r := range got {
				if r < 0x20 || r == 0x7f {
					t.Errorf("%q has a control character", got)
				}
			}
		}
	})
}
