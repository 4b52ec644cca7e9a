package circular

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Platforms are the national new-media platforms (新媒体类型) every
// workbook may use; an office adds its own in config.toml (PlatformList).
var Platforms = []string{
	"微信",
	"微博",
	"头条号",
	"抖音",
	"快手",
	"百家号",
	"网易号",
	"企鹅号",
	"视频号",
	"小程序",
	"APP",
	"其他",
}

// platformAliases maps the names clerks and circulars use to Platforms,
// compared as CompactKey (so traditional forms such as 微信公眾號 match too).
var platformAliases = map[string]string{
	"微信公众号":  "微信",
	"公众号":    "微信",
	"微信号":    "微信",
	"微信公众平台": "微信",
	"公众平台":   "微信",
	"微信服务号":  "微信",
	"微信订阅号":  "微信",
	"服务号":    "微信",
	"订阅号":    "微信",
	"新浪微博":   "微博",
	"微博号":    "微博",
	"政务微博":   "微博",
	"腾讯微博":   "微博",
	"今日头条":   "头条号",
	"今日头条号":  "头条号",
	"头条":     "头条号",
	"抖音号":    "抖音",
	"抖音短视频":  "抖音",
	"快手号":    "快手",
	"快手短视频":  "快手",
	"app":    "APP",
	"移动客户端":  "APP",
	"客户端":    "APP",
	"手机客户端":  "APP",
	"移动应用":   "APP",
	"微信视频号":  "视频号",
	"微信小程序":  "小程序",
	"其他平台":   "其他",
	"其它":     "其他",
	"其它平台":   "其他",
	"腾讯企鹅号":  "企鹅号",
	"企鹅":     "企鹅号",
	"百度百家号":  "百家号",
	"百家":     "百家号",
	"网易新闻号":  "网易号",
	"网易新闻":   "网易号",
	"网易":     "网易号",
}

// ParsePlatform reads a 新媒体类型 of the national list (Platforms), accepting
// the common variants; see PlatformList.Parse.
func ParsePlatform(s string) (string, bool) { return DefaultPlatforms().Parse(s) }

// PlatformOther is the catch-all platform; 「其他（哔哩哔哩）」 keeps the name
// typed in the brackets.
const PlatformOther = "其他"

// PlatformList is the closed list of platforms an office's workbooks use:
// the national Platforms plus the office's own (config.toml's [platforms]),
// with aliases.
type PlatformList struct {
	names   []string
	aliases map[string]string // CompactKey → name
}

// DefaultPlatforms is the national list with its common aliases.
func DefaultPlatforms() *PlatformList {
	pl, _ := NewPlatformList(nil, nil)
	return pl
}

// NewPlatformList adds the office's platforms (extra, as they are to print)
// and aliases (alias → platform) to the national list; extra ones come before
// 其他, and one that was a national alias (微信小程序) becomes a platform of its
// own. It returns the list and what is wrong with extra and aliases, in
// Chinese (an empty name, an alias of an unknown platform).
func NewPlatformList(extra []string, aliases map[string]string) (*PlatformList, []string) {
	pl := &PlatformList{aliases: map[string]string{}}
	var problems []string
	seen := map[string]bool{}
	add := func(n string) {
		if k := CompactKey(n); !seen[k] {
			seen[k] = true
			pl.names = append(pl.names, n)
		}
	}
	for _, p := range Platforms {
		if p != PlatformOther {
			add(p)
		}
	}
	for _, p := range extra {
		p = CleanText(p)
		switch {
		case p == "":
			problems = append(problems, "平台名称不能为空")
		case strings.HasPrefix(CompactKey(p), CompactKey(PlatformOther)):
			problems = append(problems, fmt.Sprintf("「%s」不用加入：写成“其他（平台名称）”即可保留平台名称", p))
		default:
			add(p) // an office may list a national alias (微信小程序) to print it as its own platform
		}
	}
	add(PlatformOther)
	for k, v := range platformAliases {
		if !seen[k] {
			pl.aliases[k] = v
		}
	}
	keys := make([]string, 0, len(aliases))
	for a := range aliases {
		keys = append(keys, a)
	}
	sort.Strings(keys)
	for _, a := range keys {
		target, ok := pl.find(aliases[a])
		switch {
		case CompactKey(a) == "":
			problems = append(problems, "别名不能为空")
		case !ok:
			problems = append(problems, fmt.Sprintf("别名「%s」指向的「%s」不是新媒体类型：应为 %s 之一（自己的平台请先加入 extra）", a, aliases[a], strings.Join(pl.names, "、")))
		default:
			pl.aliases[CompactKey(a)] = target
		}
	}
	return pl, problems
}

// Names returns the platforms in order, 其他 last: the blank workbook's drop-down.
func (pl *PlatformList) Names() []string { return append([]string(nil), pl.names...) }

// find matches s against the names alone.
func (pl *PlatformList) find(s string) (string, bool) {
	k := CompactKey(s)
	for _, p := range pl.names {
		if k == CompactKey(p) {
			return p, true
		}
	}
	return "", false
}

var otherNamed = regexp.MustCompile(`^(?:其他|其它)(?:平台)?\s*[（(【\[:：\-－—]\s*([^（）()【】\[\]]+?)\s*[）)】\]]?$`)

// Parse reads a 新媒体类型: a name of the list, an alias, a traditional form of
// either, or 其他（平台名称）, which keeps the name typed (哔哩哔哩).
func (pl *PlatformList) Parse(s string) (string, bool) {
	if p, ok := pl.find(s); ok {
		return p, true
	}
	if p, ok := pl.aliases[CompactKey(s)]; ok {
		return p, true
	}
	if m := otherNamed.FindStringSubmatch(CleanText(s)); m != nil {
		if n := CleanText(m[1]); n != "" {
			if p, ok := pl.Parse(n); ok && p != PlatformOther {
				return p, true
			}
			return n, true
		}
	}
	return "", false
}

// Account is a government new-media account. It is the same account in every
// round it appears in, identified by its platform and name.
type Account struct {
	// ID is the store's identifier; 0 before the account is stored.
	ID int64
	// Platform is one of the office's PlatformList, or the name typed after
	// 其他; Name the account's name.
	Platform string
	Name     string
	// Unit is the operating unit (主办单位); Region the 地区.
	Unit   string
	Region string
	// Closed is true for an account no longer running (关停、注销).
	Closed bool
}

// Key identifies the account across rounds: its platform and its name
// compared as CompactKey, so 「揭阳发布（政务）」 and 「揭阳发布(政务)」 are one account
// although each round prints the name as it was typed.
func (a Account) Key() string { return a.Platform + "\x00" + CompactKey(a.Name) }
