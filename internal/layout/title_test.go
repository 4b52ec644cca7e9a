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
	cuts := titleBreaks(gs, areaW)
	var parts []string
	prev := 0
	rs := []rune(s)
	for _, c := range append(cuts, len(rs)) {
		parts = append(parts, string(rs[prev:c]))
		prev = c
	}
	return strings.Join(parts, "|")
}

func TestTitleBreaks(t *testing.T) {
	for _, s := range []string{
		"关于2019年第一季度全市政府网站检查情况的通报",
		"韶关市人民政府办公室关于2020年第一季度政府网站检查情况的通报",
		"关于2017年第二季度全市政府网站抽查情况的通报",
		"关于2024年第三季度全市政府网站和政务新媒体检查情况的通报",
		"揭阳市政务服务数据管理局关于2024年第三季度全市政府网站和政务新媒体检查情况的通报",
		"关于开展网站检查的通知",
	} {
		t.Log(titleLines(t, s))
	}
}
