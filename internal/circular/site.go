package circular

import (
	"fmt"
	"regexp"
)

// Site categories (网站类别) a workbook may use. Category names are a closed
// list so that the annex's rows by category add up.
var SiteCategories = []string{
	"门户网站",
	"部门网站",
	"集约化子站",
	"业务系统",
	"事业单位网站",
	"政务服务网",
	"其他网站",
}

// CategoryIntensive is the category of sites merged into the intensive
// platform (集约化子站); they count as 已集约化的政府网站.
const CategoryIntensive = "集约化子站"

// categoryAliases maps names seen in circulars to SiteCategories.
var categoryAliases = map[string]string{
	"政府门户网站":  "门户网站",
	"门户":      "门户网站",
	"部门":      "部门网站",
	"政府部门网站":  "部门网站",
	"集约化部门子站": "集约化子站",
	"子站":      "集约化子站",
	"部门频道":    "集约化子站",
	"部门子站":    "集约化子站",
	"事业单位":    "事业单位网站",
	"其他":      "其他网站",
	"其它":      "其他网站",
	"其它网站":    "其他网站",
	"政务服务平台":  "政务服务网",
}

// ParseCategory reads a 网站类别, accepting the common variants.
func ParseCategory(s string) (string, bool) {
	k := CompactKey(s)
	for _, c := range SiteCategories {
		if k == c {
			return c, true
		}
	}
	if c, ok := categoryAliases[k]; ok {
		return c, true
	}
	return "", false
}

// Site is a government website. It is the same site in every round it
// appears in, identified by its Code.
type Site struct {
	// ID is the store's identifier; 0 before the site is stored.
	ID int64
	// Code is the 网站标识码: 10 digits (6-digit division code and 4-digit
	// serial) or bm and 8 digits for a State Council department.
	Code string
	// Name is the 网站名称; Unit the 主办单位; Region the 地区 (county, district or 市直).
	Name   string
	Unit   string
	Region string
	// Category is one of SiteCategories.
	Category string
	// Closed is true for a site that is no longer running (关停).
	Closed bool
}

// Intensive reports whether the site runs on the intensive platform.
func (s Site) Intensive() bool { return s.Category == CategoryIntensive }

var siteCodeRE = regexp.MustCompile(`^(?:\d{10}|bm\d{8})$`)

// ValidSiteCode checks a 网站标识码 and returns what is wrong with it in
// Chinese, or "" when it is valid. The division code must not be 000000.
func ValidSiteCode(code string) string {
	if !siteCodeRE.MatchString(code) {
		return fmt.Sprintf("网站标识码「%s」格式不对：应为 10 位数字（6 位行政区划代码加 4 位序号，如 4452000024），或 bm 加 8 位数字（如 bm55000001）", code)
	}
	if code[0] != 'b' {
		if code[:6] == "000000" || code[0] == '0' {
			return fmt.Sprintf("网站标识码「%s」的前 6 位「%s」不是有效的行政区划代码", code, code[:6])
		}
	}
	return ""
}
