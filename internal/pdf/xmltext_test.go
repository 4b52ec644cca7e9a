package pdf

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestXMLText checks what goes into the XMP parses back as the text given,
// and that a character XML does not allow (a control character pasted
// with a title) leaves it well formed.
func TestXMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"关于2019年第一季度的通报", "关于2019年第一季度的通报"},
		{"A&B <测试> \"引号\"", "A&B <测试> \"引号\""},
		{"标题\x0b带控制字符", "标题\uFFFD带控制字符"},
	}
	for _, tc := range tests {
		var v struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<t>"+xmlText(tc.in)+"</t>"), &v); err != nil {
			t.Errorf("xmlText(%q) is not well formed: %v", tc.in, err)
			continue
		}
		if v.Text != tc.want {
			t.Errorf("xmlText(%q) reads back %q, want %q", tc.in, v.Text, tc.want)
		}
	}
	if strings.Contains(xmlText("a\x0bb"), "\x0b") {
		t.Error("a control character passed through")
	}
}
