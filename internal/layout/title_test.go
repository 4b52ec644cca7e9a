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
