package layout

import (
	"strings"
	"testing"
)

func titleLines(t *testing.T, s string) string {
	var ss session
	gs, err := ss.shape(nil, s, style{role: roleSong, size: sizeTitle}, "标题")
	if err != nil {
		t.Fatal(err)
	}
	cuts := titleBreaks(gs, areaW, true)
	var parts []string
	prev := 0
	rs := []rune(s)
	for _, c := range append(cuts, len(rs)) {
		parts = append(parts, string(rs[prev:c]))
		prev = c
	}
	return strings.Join(parts, "|")
}

// TestTitleBreaks: long titles break into balanced lines at natural
// boundaries (after 关于…季度, before 关于 or 和…), never inside a word or a
// number.
func TestTitleBreaks(t *testing.T) {
	for _, want := range []string{
		"关于2019年第一季度|全市政府网站检查情况的通报",
		"韶关市人民政府办公室关于2020年第一季度|政府网站检查情况的通报",
		"关于2017年第二季度|全市政府网站抽查情况的通报",
		"关于2024年第三季度全市|政府网站和政务新媒体检查情况的通报",
		"揭阳市政务服务数据管理局|关于2024年第三季度全市政府网站|和政务新媒体检查情况的通报",
		"关于开展网站检查的通知",
	} {
		if got := titleLines(t, strings.ReplaceAll(want, "|", "")); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

// TestTitleWordsTraditional: titles in traditional characters break as
// their simplified forms do, and no title is broken inside a word while
// another breaking fits, even at the cost of a line more.
func TestTitleWordsTraditional(t *testing.T) {
	for _, title := range []string{
		"關於2021年第二季度全省政府網站和政務新媒體檢查情況的通報",
		"2021年第二季度全省政府網站和政務新媒體檢查情況（2021年第二季度）",
		"廣東省政務服務數據管理局關於2021年第二季度全省政府網站和政務新媒體檢查情況的通報",
		"关于2024年第三季度全市政府网站和政务新媒体检查情况的通报",
		"全省政府網站檢查情況全省政府網站檢查情況全省政府網站檢查情況",
	} {
		got := titleLines(t, title)
		rs := []rune(title)
		in := wordInteriors(rs)
		pos := 0
		for i, part := range strings.Split(got, "|") {
			if i > 0 && in[pos] {
				t.Errorf("%s: broken inside a word at %d", got, pos)
			}
			pos += len([]rune(part))
		}
	}
	if got, want := titleLines(t, "關於2021年第二季度全省政府網站和政務新媒體檢查情況的通報"), "關於2021年第二季度全省|政府網站和政務新媒體檢查情況的通報"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
