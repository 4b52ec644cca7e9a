package circular

import (
	"strings"
	"testing"
)

func TestCleanTextKeepsWhatWasTyped(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"未提供有效互动功能；监测时间点2周内未更新", "未提供有效互动功能；监测时间点2周内未更新"},
		{"扣分大于40分（多处链接无法打开）", "扣分大于40分（多处链接无法打开）"},
		{"内容不全，图片缺失！是否更新？", "内容不全，图片缺失！是否更新？"},
		{"揭阳大南海石化工业区（管委会）", "揭阳大南海石化工业区（管委会）"},
		{"时间：２０１９年", "时间：２０１９年"},
		{"揭阳市 审计局\n网站 Web App", "揭阳市审计局网站Web App"},
		{"  揭阳市\u3000审计局（ 市直 ）\u00a0", "揭阳市审计局（市直）"},
		{"Web\t\tApp", "Web App"},
		{"", ""},
	} {
		if got := CleanText(c.in); got != c.want {
			t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAccountKeyFoldsWidth(t *testing.T) {
	a := Account{Platform: "微信", Name: "揭阳发布（政务）"}
	b := Account{Platform: "微信", Name: "揭阳发布(政务)"}
	if a.Key() != b.Key() {
		t.Errorf("Key %q != %q", a.Key(), b.Key())
	}
	if (Account{Platform: "微博", Name: a.Name}).Key() == a.Key() {
		t.Error("platform ignored by Key")
	}
}

func TestClosedListsAcceptTraditionalAndAliases(t *testing.T) {
	parsers := map[string]func(string) (string, bool){
		"platform": ParsePlatform,
		"category": ParseCategory,
		"verdict": func(s string) (string, bool) {
			v, ok := ParseVerdict(s)
			return v.String(), ok
		},
		"scope": func(s string) (string, bool) {
			v, ok := ParseScope(s)
			return v.String(), ok
		},
		"vetoes": func(s string) (string, bool) {
			v, unknown := ParseVetoes(s, false)
			return strings.Join(v, "、"), len(unknown) == 0
		},
	}
	for _, c := range []struct{ kind, in, want string }{
		{"platform", "網易號", "网易号"},
		{"platform", "頭條號", "头条号"},
		{"platform", "微信公眾號", "微信"},
		{"platform", "微信公众号", "微信"},
		{"platform", "公众号", "微信"},
		{"platform", "今日头条", "头条号"},
		{"platform", "今日頭條", "头条号"},
		{"platform", "头条", "头条号"},
		{"platform", "新浪微博", "微博"},
		{"platform", "ＡＰＰ", "APP"},
		{"platform", "移動客戶端", "APP"},
		{"platform", "微信視頻號", "视频号"},
		{"platform", "百家號", "百家号"},
		{"platform", "騰訊企鵝號", "企鹅号"},
		{"platform", "抖音", "抖音"},
		{"category", "門戶網站", "门户网站"},
		{"category", "部門網站", "部门网站"},
		{"category", "集約化子站", "集约化子站"},
		{"category", "其它", "其他网站"},
		{"verdict", "不合格", "不合格"},
		{"verdict", "合格", "合格"},
		{"verdict", "存在突出問題", "不合格"},
		{"verdict", "未達標", "不合格"},
		{"scope", "抽查", "抽查"},
		{"scope", "全覆蓋", "全覆盖"},
		{"scope", " 抽 檢 ", "抽查"},
		{"vetoes", "欄目不更新、互動回應差", "栏目不更新、互动回应差"},
		{"vetoes", "站點無法訪問", "站点无法访问"},
	} {
		got, ok := parsers[c.kind](c.in)
		if !ok || got != c.want {
			t.Errorf("%s %q = %q, %v; want %q", c.kind, c.in, got, ok, c.want)
		}
	}
	if _, ok := ParsePlatform("小红书"); ok {
		t.Error("小红书 is not a national platform")
	}
}

func TestPlatformList(t *testing.T) {
	pl, problems := NewPlatformList([]string{"小红书", "哔哩哔哩", "微信小程序", "快手"}, map[string]string{"B站": "哔哩哔哩", "红书": "小红书"})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	names := pl.Names()
	if names[len(names)-1] != PlatformOther || !contains(names, "小红书") || !contains(names, "微信小程序") || strings.Count(strings.Join(names, ","), "快手") != 1 {
		t.Errorf("names %v", names)
	}
	for _, c := range []struct{ in, want string }{
		{"小红书", "小红书"},
		{"小紅書", "小红书"},
		{"红书", "小红书"},
		{"b站", "哔哩哔哩"},
		{"微信小程序", "微信小程序"},
		{"小程序", "小程序"},
		{"微信公眾號", "微信"},
		{"其他", "其他"},
		{"其他（知乎）", "知乎"},
		{"其它:知乎号", "知乎号"},
		{"其他（B站）", "哔哩哔哩"},
		{"其他-微博", "微博"},
	} {
		if got, ok := pl.Parse(c.in); !ok || got != c.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"知乎", "其他（）", ""} {
		if got, ok := pl.Parse(in); ok {
			t.Errorf("Parse(%q) = %q, accepted", in, got)
		}
	}
	if _, ok := DefaultPlatforms().Parse("小红书"); ok {
		t.Error("小红书 is not national")
	}
	_, problems = NewPlatformList([]string{""}, map[string]string{"知乎号": "知乎"})
	if len(problems) != 2 || !strings.Contains(problems[1], "别名「知乎号」指向的「知乎」不是新媒体类型") {
		t.Errorf("problems %q", problems)
	}
}
