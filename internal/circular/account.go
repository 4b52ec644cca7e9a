package circular

// Platforms are the new-media platforms (新媒体类型) a workbook may use.
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

// ParsePlatform reads a 新媒体类型, accepting the common variants.
func ParsePlatform(s string) (string, bool) {
	k := CompactKey(s)
	for _, p := range Platforms {
		if k == CompactKey(p) {
			return p, true
		}
	}
	if p, ok := platformAliases[k]; ok {
		return p, true
	}
	return "", false
}

// Account is a government new-media account. It is the same account in every
// round it appears in, identified by its platform and name.
type Account struct {
	// ID is the store's identifier; 0 before the account is stored.
	ID int64
	// Platform is one of Platforms; Name the account's name.
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
