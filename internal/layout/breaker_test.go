package layout

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// body shapes s in 3号仿宋 on the grid, as body text is set.
func body(t testing.TB, s string) []glyph {
	t.Helper()
	var ss session
	gs, err := ss.shape(nil, s, style{role: roleFang, size: sizeBody}, "测试")
	if err != nil {
		t.Fatal(err)
	}
	gridFit(gs, sizeBody, portrait().cell)
	return gs
}

func breakString(t testing.TB, s string, chars int) []string {
	gs := body(t, s)
	cell := portrait().cell
	lines := breakLines(gs, func(int) float64 { return float64(chars) * cell })
	var out []string
	for _, ln := range lines {
		out = append(out, lineText(gs, ln))
	}
	return out
}

func TestBreakRules(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		chars int
		want  string // lines joined by |
	}{
		{"plain", "一二三四五六七八九十", 4, "一二三四|五六七八|九十"},
		{"comma pulls previous down", "一二三四，五六七八", 4, "一二三|四，五六|七八"},
		{"full stop pulls previous down", "一二三四。", 4, "一二三|四。"},
		{"closing bracket", "一二三（四五）。六", 6, "一二三（四|五）。六"},
		{"opening bracket not at end", "一二三（四五六", 4, "一二三|（四五六"},
		{"book title mark", "一二三《四》", 4, "一二三|《四》"},
		{"year not split", "一二三四五2019年", 7, "一二三四五|2019年"},
		{"percentage not split", "合格率为98.2%，较上季度", 7, "合格率为|98.2%，较上季|度"},
		{"short email not split", "邮箱：jy@163.com。", 10, "邮箱：jy@163.com。"},
		{"email split after @", "请发至邮箱：linjiang_gov2024@163.com，长期有效。", 16, "请发至邮箱：linjiang_gov2024@163.|com，长期有效。"},
		{"url split after /", "详见https://www.linjiang.gov.cn/zwgk/index.html页面", 18, "详见https://www.linjiang.gov.cn/zwgk/|index.html页面"},
		{"phone not split", "一二三四五六七八九十一二三四五六七八电话：0663-8230000。", 22, "一二三四五六七八九十一二三四五六七八电话：|0663-8230000。"},
		{"dash whole", "一二三——四五", 4, "一二三|——四五"},
		{"ellipsis whole and not at start", "一二三四……", 5, "一二三|四……"},
		{"run pulled down is squeezed instead", "一二，三四五2019。", 9, "一二，三四五2019。"},
		{"one character pulled down", "一二，三四五2019年。", 9, "一二，三四五2019|年。"},
		{"telephone whole, the line a little spread", "局（联系人：林晓东，电话：0663-8230000，传真：0663-8230001，电子邮箱", 28, "局（联系人：林晓东，电话：0663-8230000，传真：|0663-8230001，电子邮箱"},
		{"squeeze bounded to two characters", "一二三四五六七八九十一二三四五六七八，九十：0663-8230001，", 22, "一二三四五六七八九十一二三四五六七八，九十：|0663-8230001，"},
		{"document number whole", "按照（国办秘函〔2019〕19号）", 14, "按照（国办秘函〔2019〕19号）"},
		{"document number split after 〕 rather than a loose line", "按照（国办秘函〔2019〕19号）", 12, "按照（国办秘函〔2019〕|19号）"},
		{"no runt at the end", strings.Repeat("甲", 26) + "附件4。", 28, strings.Repeat("甲", 26) + "附|件4。"},
		{"runt rule keeps narrow measures", "一二三四五六七八九十一二三四五六七八九十一二。", 11, "一二三四五六七八九十一|二三四五六七八九十一|二。"},
		{"forced split of a long run", "https://www.example.gov.cn/abcdefghijklmnopqrstuvwxyz/index.html", 10, ""},
		{"newline forces a break", "一二\n三四", 8, "一二\n|三四"},
		{"space hangs", "ab cd ef", 2, "ab |cd |ef"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := breakString(t, tc.in, tc.chars)
			if strings.Join(got, "") != tc.in {
				t.Fatalf("lines %q lose or reorder characters of %q", got, tc.in)
			}
			if tc.want != "" && strings.Join(got, "|") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, "|"), tc.want)
			}
			for _, l := range got[1:] {
				r, _ := utf8.DecodeRuneInString(l)
				if noStartSet[r] {
					t.Errorf("line %q starts with %q", l, r)
				}
			}
		})
	}
}
