package samplegen

import (
	"time"

	"tongbao/internal/circular"
)

// The Jieyang samples: 揭阳市 (division 445200) as its 2019 Q1 circular
// describes it — 14 independently running sites (11 portals of the city,
// counties and management zones, 1 business system, 2 sites of public
// institutions) and 40 department subsites on the intensive platform — and
// some 40 new-media accounts of its units. Names of units are real
// institutions of the city; account names are invented in their style.

// Regions of Jieyang.
const (
	regionCity      = "市直"
	regionRongcheng = "榕城区"
	regionJiedong   = "揭东区"
	regionJiexi     = "揭西县"
	regionHuilai    = "惠来县"
	regionPuning    = "普宁市"
	regionDananhai  = "大南海石化工业区"
	regionDanashan  = "大南山华侨管理区"
	regionAirport   = "空港经济区"
	regionPark      = "揭阳产业转移工业园"
	regionHiTech    = "揭阳高新区"
)

// siteSpec is a Jieyang site and its indicator counts in a round.
type siteSpec struct {
	code, name, unit, region, category string
}

// jieyangSites are the 54 running sites, the same in both quarters.
var jieyangSites = func() []siteSpec {
	s := []siteSpec{
		{"4452000001", "揭阳市人民政府门户网站", "揭阳市人民政府办公室", regionCity, "门户网站"},
		{"4452020001", "揭阳市榕城区人民政府门户网站", "揭阳市榕城区人民政府办公室", regionRongcheng, "门户网站"},
		{"4452030001", "揭阳市揭东区人民政府门户网站", "揭阳市揭东区人民政府办公室", regionJiedong, "门户网站"},
		{"4452220001", "揭西县人民政府门户网站", "揭西县人民政府办公室", regionJiexi, "门户网站"},
		{"4452240001", "惠来县人民政府门户网站", "惠来县人民政府办公室", regionHuilai, "门户网站"},
		{"4452810001", "普宁市人民政府门户网站", "普宁市人民政府办公室", regionPuning, "门户网站"},
		{"4452000024", "广东省揭阳大南海石化工业区管理委员会官方网站", "揭阳大南海石化工业区管理委员会", regionDananhai, "门户网站"},
		{"4452000025", "揭阳市大南山华侨管理区网站", "揭阳市大南山华侨管理区管理委员会", regionDanashan, "门户网站"},
		{"4452000026", "揭阳空港经济区门户网站", "揭阳空港经济区管理委员会", regionAirport, "门户网站"},
		{"4452000027", "揭阳产业转移工业园门户网站", "揭阳产业转移工业园管理委员会", regionPark, "门户网站"},
		{"4452000028", "揭阳高新技术产业开发区门户网站", "揭阳高新技术产业开发区管理委员会", regionHiTech, "门户网站"},
		{"4452000029", "揭阳市网上办事大厅", "揭阳市政务服务数据管理局", regionCity, "业务系统"},
		{"4452000030", "揭阳市公共资源交易中心网站", "揭阳市公共资源交易中心", regionCity, "事业单位网站"},
		{"4452000031", "揭阳市安全生产宣传教育中心网站", "揭阳市安全生产宣传教育中心", regionCity, "事业单位网站"},
	}
	// Department subsites on the city's intensive platform: codes 02–23 and 32–49.
	departments := []string{
		"发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
		"人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
		"农业农村局", "商务局", "文化广电旅游体育局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
		"市场监督管理局", "统计局", "医疗保障局", "城市管理和综合执法局", "林业局", "信访局", "政务服务数据管理局",
		"人民政府外事侨务局", "人民政府国有资产监督管理委员会", "金融工作局", "地方志办公室", "民族宗教事务局",
		"供销合作联社", "残疾人联合会", "住房公积金管理中心", "气象局", "机关事务管理局", "人民防空办公室",
		"扶贫开发办公室",
	}
	serial := 2
	for _, d := range departments {
		if serial == 24 {
			serial = 32
		}
		unit := "揭阳市" + d
		s = append(s, siteSpec{code: "44520000" + twoDigits(serial), name: unit + "网站", unit: unit, region: regionCity, category: circular.CategoryIntensive})
		serial++
	}
	return s
}()

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// accountSpec is a Jieyang new-media account.
type accountSpec struct {
	platform, name, unit, region string
}

var jieyangAccounts = []accountSpec{
	{"微信", "揭阳发布", "揭阳市人民政府新闻办公室", regionCity},
	{"微博", "揭阳发布", "揭阳市人民政府新闻办公室", regionCity},
	{"头条号", "揭阳发布", "揭阳市人民政府新闻办公室", regionCity},
	{"抖音", "揭阳发布", "揭阳市人民政府新闻办公室", regionCity},
	{"微信", "揭阳公安", "揭阳市公安局", regionCity},
	{"微博", "揭阳公安", "揭阳市公安局", regionCity},
	{"抖音", "揭阳公安", "揭阳市公安局", regionCity},
	{"微信", "揭阳交警", "揭阳市公安局交通警察支队", regionCity},
	{"微博", "揭阳交警", "揭阳市公安局交通警察支队", regionCity},
	{"微信", "揭阳教育", "揭阳市教育局", regionCity},
	{"微信", "揭阳人社", "揭阳市人力资源和社会保障局", regionCity},
	{"微信", "健康揭阳", "揭阳市卫生健康局", regionCity},
	{"微信", "揭阳市场监管", "揭阳市市场监督管理局", regionCity},
	{"微信", "揭阳生态环境", "揭阳市生态环境局", regionCity},
	{"微信", "揭阳住建", "揭阳市住房和城乡建设局", regionCity},
	{"微信", "揭阳交通", "揭阳市交通运输局", regionCity},
	{"微信", "揭阳应急管理", "揭阳市应急管理局", regionCity},
	{"微信", "揭阳政务服务", "揭阳市政务服务数据管理局", regionCity},
	{"头条号", "揭阳政务服务", "揭阳市政务服务数据管理局", regionCity},
	{"微信", "揭阳文旅", "揭阳市文化广电旅游体育局", regionCity},
	{"抖音", "揭阳文旅", "揭阳市文化广电旅游体育局", regionCity},
	{"微信", "揭阳医保", "揭阳市医疗保障局", regionCity},
	{"微信", "揭阳民政", "揭阳市民政局", regionCity},
	{"微信", "揭阳司法", "揭阳市司法局", regionCity},
	{"微信", "揭阳城管", "揭阳市城市管理和综合执法局", regionCity},
	{"微信", "揭阳退役军人", "揭阳市退役军人事务局", regionCity},
	{"微信", "揭阳自然资源", "揭阳市自然资源局", regionCity},
	{"微信", "榕城发布", "揭阳市榕城区人民政府办公室", regionRongcheng},
	{"微信", "揭东发布", "揭阳市揭东区人民政府办公室", regionJiedong},
	{"微博", "揭东发布", "揭阳市揭东区人民政府办公室", regionJiedong},
	{"微信", "揭西发布", "揭西县人民政府办公室", regionJiexi},
	{"抖音", "揭西发布", "揭西县人民政府办公室", regionJiexi},
	{"微信", "揭西公安", "揭西县公安局", regionJiexi},
	{"微信", "惠来发布", "惠来县人民政府办公室", regionHuilai},
	{"微信", "惠来公安", "惠来县公安局", regionHuilai},
	{"微信", "普宁发布", "普宁市人民政府办公室", regionPuning},
	{"微博", "普宁发布", "普宁市人民政府办公室", regionPuning},
	{"微信", "普宁公安", "普宁市公安局", regionPuning},
	{"微信", "大南海发布", "揭阳大南海石化工业区管理委员会", regionDananhai},
	{"头条号", "揭阳空港发布", "揭阳空港经济区管理委员会", regionAirport},
}

// counts are a site's indicator counts in a round.
type counts struct {
	blank, stale, links, days int
	deduction                 float64
}

// siteCounts gives every site plausible passing counts that vary by site and
// round; failing sites are set explicitly by the callers.
func siteCounts(i, round int) counts {
	h := (i*7 + round*13) % 11
	return counts{
		blank:     h % 3,
		stale:     (h + i) % 4,
		links:     (h * 3) % 5 / 2,
		days:      1 + (h+2*i)%6,
		deduction: float64(4+(h*5+i)%19) + float64((i+round)%2)*0.5,
	}
}

func jieyangRound(year, quarter int, start, end time.Time, reports, onTime int, failing map[string]counts, failingAccounts map[string]circular.Result) *circular.RoundResults {
	rr := &circular.RoundResults{Round: circular.Round{Year: year, Quarter: quarter, Scope: circular.ScopeFull,
		SampleStart: start, SampleEnd: end, Reports: reports, ReportsOnTime: onTime}}
	for i, s := range jieyangSites {
		c, ok := failing[s.code]
		if !ok {
			c = siteCounts(i, quarter)
		}
		r := circular.NewResult()
		r.BlankColumns, r.StaleColumns, r.BrokenLinks, r.StaleDays, r.Deduction = c.blank, c.stale, c.links, c.days, c.deduction
		r.Evaluate(false)
		rr.Sites = append(rr.Sites, circular.SiteResult{
			Site:   circular.Site{Code: s.code, Name: s.name, Unit: s.unit, Region: s.region, Category: s.category},
			Result: r})
	}
	for i, a := range jieyangAccounts {
		r, ok := failingAccounts[a.platform+a.name]
		if !ok {
			r = circular.NewResult()
			r.StaleDays = (i*5 + quarter*3) % 9
		}
		r.Evaluate(true)
		rr.Accounts = append(rr.Accounts, circular.AccountResult{
			Account: circular.Account{Platform: a.platform, Name: a.name, Unit: a.unit, Region: a.region},
			Result:  r})
	}
	return rr
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func staleAccount(days int) circular.Result {
	r := circular.NewResult()
	r.StaleDays = days
	return r
}

func silentAccount(days int) circular.Result {
	r := circular.NewResult()
	r.StaleDays = days
	r.Vetoes = []string{circular.VetoInteraction}
	return r
}

// Jieyang2019Q1 is the 2019 Q1 round of the Jieyang sample: all 54 running
// sites checked, one failing — 4452000024 with 7 columns not updated and 5
// blank — sampled 2019-02-21 to 2019-03-04; three accounts failing, 惠来公安
// again without working interaction.
func Jieyang2019Q1() *circular.RoundResults {
	return jieyangRound(2019, 1, date(2019, 2, 21), date(2019, 3, 4), 26, 23,
		map[string]counts{"4452000024": {blank: 5, stale: 7, links: 0, days: 6, deduction: 18}},
		map[string]circular.Result{
			"微信惠来公安":   silentAccount(4),
			"微信揭阳退役军人": staleAccount(23),
			"微信大南海发布":  silentAccount(9),
		})
}

// Jieyang2018Q4 is the 2018 Q4 round of the Jieyang sample, with the same
// sites: two failing — 大南山华侨管理区 (blank columns; fixed by 2019 Q1) and
// 4452000024 (failing again in 2019 Q1) — and three accounts failing.
func Jieyang2018Q4() *circular.RoundResults {
	return jieyangRound(2018, 4, date(2018, 11, 19), date(2018, 11, 30), 31, 29,
		map[string]counts{
			"4452000024": {blank: 6, stale: 9, links: 2, days: 8, deduction: 26},
			"4452000025": {blank: 8, stale: 3, links: 0, days: 5, deduction: 21.5},
		},
		map[string]circular.Result{
			"微信惠来公安": silentAccount(2),
			"微信揭阳城管": staleAccount(35),
			"微博揭东发布": staleAccount(21),
		})
}
