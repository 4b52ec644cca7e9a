package web

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	src := "# 标题\n\n段落一行，\n接着一行 `{{.Round.Name}}` 和 **粗体**。\n\n" +
		"| 字段 | 含义 |\n|---|---|\n| `a \\| b` | <script>alert(1)</script> |\n\n" +
		"1. 第一条\n   接着第一条\n2. 第二条\n\n- 甲\n- 乙\n\n```toml\ntitle = \"<b>\"\n```\n"
	got := string(markdown(src))
	for _, want := range []string{
		"<h2>标题</h2>",
		"<p>段落一行，接着一行 <code>{{.Round.Name}}</code> 和 <strong>粗体</strong>。</p>",
		"<tr><th>字段</th><th>含义</th></tr>",
		"<td><code>a | b</code></td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"<ol>\n<li>第一条接着第一条</li>\n<li>第二条</li>\n</ol>",
		"<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>",
		"<pre><code>title = &#34;&lt;b&gt;&#34;</code></pre>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>") || strings.Contains(got, "---") {
		t.Errorf("unsafe or raw output:\n%s", got)
	}
}
