// Package samplegen makes inspection rounds for samples, tests and
// benchmarks: the Jieyang sample rounds (Jieyang2019Q1, Jieyang2018Q4) and
// synthetic rounds of a city, a province or the whole country (Generate),
// deterministic for a seed. It imports only the domain package.
package samplegen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"tongbao/internal/circular"
)

// Scale is the size of a generated round.
type Scale int

const (
	// City is a city's round: 50 sites and 300 accounts.
	City Scale = iota
	// Province is a province's round: 550 sites and 3,600 accounts.
	Province
	// Nation is the national round: 14,000 sites and 140,000 accounts.
	Nation
)

// String returns the scale's name: city, province or nation.
func (s Scale) String() string {
	switch s {
	case Province:
		return "province"
	case Nation:
		return "nation"
	}
	return "city"
}

// Size returns how many sites and accounts a round of the scale has.
func (s Scale) Size() (sites, accounts int) {
	switch s {
	case Province:
		return 550, 3600
	case Nation:
		return 14000, 140000
	}
	return 50, 300
}

// gov is a government whose units run sites and accounts.
type gov struct {
	code   string // 6-digit division code, or bm and 2 digits for a ministry
	full   string // 广东省安平市永和县
	short  string // 永和
	region string // the 地区 its items are counted under at this scale
	level  int    // 0 province or ministry, 1 city, 2 county
	serial int    // last site serial used
	weight float64
}

type province struct{ code, name, short string }

var provinces = []province{
	{"11", "北京市", "北京"}, {"12", "天津市", "天津"}, {"13", "河北省", "河北"}, {"14", "山西省", "山西"},
	{"15", "内蒙古自治区", "内蒙古"}, {"21", "辽宁省", "辽宁"}, {"22", "吉林省", "吉林"}, {"23", "黑龙江省", "黑龙江"},
	{"31", "上海市", "上海"}, {"32", "江苏省", "江苏"}, {"33", "浙江省", "浙江"}, {"34", "安徽省", "安徽"},
	{"35", "福建省", "福建"}, {"36", "江西省", "江西"}, {"37", "山东省", "山东"}, {"41", "河南省", "河南"},
	{"42", "湖北省", "湖北"}, {"43", "湖南省", "湖南"}, {"44", "广东省", "广东"}, {"45", "广西壮族自治区", "广西"},
	{"46", "海南省", "海南"}, {"50", "重庆市", "重庆"}, {"51", "四川省", "四川"}, {"52", "贵州省", "贵州"},
	{"53", "云南省", "云南"}, {"54", "西藏自治区", "西藏"}, {"61", "陕西省", "陕西"}, {"62", "甘肃省", "甘肃"},
	{"63", "青海省", "青海"}, {"64", "宁夏回族自治区", "宁夏"}, {"65", "新疆维吾尔自治区", "新疆"},
}

var ministries = []string{
	"外交部", "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "国家民族事务委员会", "公安部", "民政部",
	"司法部", "财政部", "人力资源和社会保障部", "自然资源部", "生态环境部", "住房和城乡建设部", "交通运输部", "水利部",
	"农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会", "退役军人事务部", "应急管理部", "审计署",
	"国家市场监督管理总局", "国家统计局", "国家医疗保障局", "国家林业和草原局", "国家税务总局",
}

// Syllables of invented place names.
var (
	syl1 = []rune("安宁平江山阳清河东西南北永兴新华长丰龙泉临海云德庆昌宜武福嘉泰金玉石桂瑞凤鹤湘汉洛青白黄红高广大小上中下文乐康吉祥开")
	syl2 = []rune("州阳安江山宁城川平源兴和德丰昌林水溪泽岭田陵门浦丘沙湖桥塘坪口关台原谷峰渡")
)

// dept is a department: its name and the short form accounts use.
type dept struct{ name, short string }

var depts = []dept{
	{"发展和改革局", "发改"}, {"教育局", "教育"}, {"科学技术局", "科技"}, {"工业和信息化局", "工信"}, {"公安局", "公安"},
	{"民政局", "民政"}, {"司法局", "司法"}, {"财政局", "财政"}, {"人力资源和社会保障局", "人社"}, {"自然资源局", "自然资源"},
	{"生态环境局", "生态环境"}, {"住房和城乡建设局", "住建"}, {"交通运输局", "交通"}, {"水利局", "水利"}, {"农业农村局", "农业农村"},
	{"商务局", "商务"}, {"文化广电旅游体育局", "文旅"}, {"卫生健康局", "卫健"}, {"退役军人事务局", "退役军人"}, {"应急管理局", "应急管理"},
	{"审计局", "审计"}, {"市场监督管理局", "市场监管"}, {"统计局", "统计"}, {"医疗保障局", "医保"}, {"城市管理和综合执法局", "城管"},
	{"林业局", "林业"}, {"信访局", "信访"}, {"政务服务数据管理局", "政务服务"}, {"人民政府国有资产监督管理委员会", "国资"},
	{"地方志办公室", "地方志"}, {"供销合作联社", "供销"}, {"残疾人联合会", "残联"}, {"住房公积金管理中心", "公积金"},
	{"机关事务管理局", "机关事务"}, {"人民防空办公室", "人防"}, {"乡村振兴局", "乡村振兴"}, {"气象局", "气象"},
}

var subUnits = []string{"劳动保障监察综合行政执法大队", "政务服务中心综合窗口管理办公室", "城乡居民社会养老保险事业管理中心",
	"重点建设项目代建管理中心", "食品药品检验检测和技术服务中心"}

var (
	businessSystems = []string{"网上办事大厅", "政府信息公开平台", "公共资源交易平台", "12345政务服务便民热线平台", "不动产登记信息查询系统"}
	institutions    = []string{"公共资源交易中心网站", "住房公积金管理中心网站", "图书馆网站", "博物馆网站", "档案馆网站", "疾病预防控制中心网站"}
	deptSuffixes    = []string{"网站", "门户网站", "政务网", "信息网"}
	accountSuffixes = []string{"", "发布", "在线", "服务", "之声"}
	govAccountNames = []string{"%s发布", "%s政务", "今日%s", "%s微政务", "%s政府网"}
)

// platformWeights are the platforms' shares of accounts, in percent.
var platformWeights = []struct {
	name string
	w    int
}{{"微信", 45}, {"微博", 15}, {"头条号", 10}, {"抖音", 12}, {"快手", 4}, {"百家号", 4}, {"网易号", 2}, {"企鹅号", 2},
	{"视频号", 3}, {"小程序", 1}, {"APP", 1}, {"其他", 1}}

// generator holds the state of one Generate call.
type generator struct {
	rng      *rand.Rand
	scale    Scale
	govs     []*gov
	cum      []float64
	names    map[string]bool
	accounts map[string]bool
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// place invents a place name not used before: two syllables.
func (g *generator) place() string {
	for try := 0; ; try++ {
		n := string([]rune{syl1[g.rng.IntN(len(syl1))], syl2[g.rng.IntN(len(syl2))]})
		if try > 100 {
			n += string(syl2[g.rng.IntN(len(syl2))])
		}
		if !g.names[n] {
			g.names[n] = true
			return n
		}
	}
}

// addProvince adds a province's government, its cities and their counties.
// At province scale the 地区 is the city; at nation scale the province.
func (g *generator) addProvince(p province, cities, counties int) {
	g.names = map[string]bool{} // place names are unique within a province
	pg := &gov{code: p.code + "0000", full: p.name, short: p.short, level: 0, weight: 6}
	pg.region = map[Scale]string{Province: "省直", Nation: p.name}[g.scale]
	g.govs = append(g.govs, pg)
	for c := 1; c <= cities; c++ {
		name := g.place()
		cg := &gov{code: fmt.Sprintf("%s%02d00", p.code, c), full: p.name + name + "市", short: name, level: 1, weight: 3}
		cg.region = map[Scale]string{Province: name + "市", Nation: p.name}[g.scale]
		g.govs = append(g.govs, cg)
		g.addCounties(cg, counties, p.name+name+"市", cg.region)
	}
}

func (g *generator) addCounties(city *gov, n int, prefix, region string) {
	for k := 1; k <= n; k++ {
		name := g.place()
		kind := "县"
		if k <= 2 {
			kind = "区"
		}
		r := region
		if r == "" {
			r = name + kind
		}
		g.govs = append(g.govs, &gov{code: fmt.Sprintf("%s%02d", city.code[:4], k+1), full: prefix + name + kind,
			short: name, region: r, level: 2, weight: 1})
	}
}

func (g *generator) build(seed int64) {
	switch g.scale {
	case City:
		p := provinces[int(uint64(seed)%uint64(len(provinces)))]
		name := g.place()
		city := &gov{code: fmt.Sprintf("%s%02d00", p.code, 1+g.rng.IntN(20)), full: p.name + name + "市", short: name, region: "市直", level: 1, weight: 12}
		g.govs = append(g.govs, city)
		g.addCounties(city, 7, name+"市", "")
	case Province:
		p := provinces[int(uint64(seed)%uint64(len(provinces)))]
		g.addProvince(p, 20, 7)
	case Nation:
		for i, m := range ministries {
			g.govs = append(g.govs, &gov{code: fmt.Sprintf("bm%02d", 10+i), full: m, short: m, region: "国务院部门", level: 0, weight: 0.6})
		}
		for _, p := range provinces {
			g.addProvince(p, 10+g.rng.IntN(6), 7+g.rng.IntN(3))
		}
	}
	total := 0.0
	for _, gv := range g.govs {
		total += gv.weight
		g.cum = append(g.cum, total)
	}
}

// weighted picks a government by weight.
func (g *generator) weighted() *gov {
	x := g.rng.Float64() * g.cum[len(g.cum)-1]
	return g.govs[sort.SearchFloat64s(g.cum, x)]
}

func (g *generator) code(gv *gov) string {
	gv.serial++
	if strings.HasPrefix(gv.code, "bm") {
		return fmt.Sprintf("%s00%04d", gv.code, gv.serial)
	}
	return fmt.Sprintf("%s%04d", gv.code, gv.serial)
}

// site makes the i-th site: each government's portal first, then
// departments, business systems and institutions of governments by weight.
func (g *generator) site(i int) circular.Site {
	if i < len(g.govs) {
		gv := g.govs[i]
		s := circular.Site{Code: g.code(gv), Region: gv.region, Category: "门户网站"}
		switch {
		case strings.HasPrefix(gv.code, "bm"):
			s.Name, s.Unit = gv.full+"门户网站", gv.full+"办公厅"
		case gv.level == 0:
			s.Name, s.Unit = gv.full+"人民政府门户网站", gv.full+"人民政府办公厅"
		default:
			s.Name, s.Unit = gv.full+"人民政府门户网站", gv.full+"人民政府办公室"
		}
		return s
	}
	gv := g.weighted()
	s := circular.Site{Code: g.code(gv), Region: gv.region}
	d := depts[g.rng.IntN(len(depts))]
	x := g.rng.IntN(100)
	if i == len(g.govs) {
		// At least one long name at every scale (40 characters and more).
		x, d = 12, dept{name: "人力资源和社会保障局"}
	}
	unit := gv.full + d.name
	if strings.HasPrefix(gv.code, "bm") {
		unit = gv.full + g.pick([]string{"信息中心", "新闻办公室", "政策研究室"})
	}
	switch {
	case x < 4:
		s.Category, s.Name, s.Unit = "业务系统", gv.full+g.pick(businessSystems), gv.full+"政务服务数据管理局"
	case x < 10:
		inst := g.pick(institutions)
		s.Category, s.Name, s.Unit = "事业单位网站", gv.full+inst, gv.full+strings.TrimSuffix(inst, "网站")
	case x < 12:
		s.Category, s.Name, s.Unit = "政务服务网", gv.full+"政务服务网", gv.full+"政务服务数据管理局"
	case x < 15:
		sub := g.pick(subUnits)
		if i == len(g.govs) {
			sub = subUnits[2]
		}
		s.Category, s.Name, s.Unit = "其他网站", unit+sub+"政务公开专题网站", unit+sub
	case x < 55 && gv.level > 0:
		s.Category, s.Name, s.Unit = circular.CategoryIntensive, unit+"网站", unit
	default:
		s.Category, s.Name, s.Unit = "部门网站", unit+g.pick(deptSuffixes), unit
	}
	return s
}

// account makes an account with a name not used before on its platform.
func (g *generator) account() circular.Account {
	r := g.rng.IntN(100)
	platform := "其他"
	for _, p := range platformWeights {
		if r < p.w {
			platform = p.name
			break
		}
		r -= p.w
	}
	for try := 0; ; try++ {
		gv := g.weighted()
		a := circular.Account{Platform: platform, Region: gv.region}
		if g.rng.IntN(5) == 0 {
			a.Unit = gv.full + "人民政府办公室"
			a.Name = fmt.Sprintf(g.pick(govAccountNames), gv.short)
		} else {
			d := depts[g.rng.IntN(len(depts))]
			a.Unit = gv.full + d.name
			a.Name = gv.short + d.short + g.pick(accountSuffixes)
		}
		if try > 8 {
			a.Name += fmt.Sprintf("%d", try)
		}
		if k := a.Key(); !g.accounts[k] {
			g.accounts[k] = true
			return a
		}
	}
}

// Generate makes a synthetic round of the given scale, the same for the
// same seed: sites with real province codes and invented cities and
// counties (some names over 40 characters), all categories and platforms,
// 2–8% of checked sites and 3–10% of checked accounts failing in the ways
// circulars report, a few closed items, and under 抽查 (province and nation)
// the items left out as not checked. A national round takes well under a
// second.
func Generate(scale Scale, seed int64) *circular.RoundResults { return generate(scale, seed, false) }

// generate makes the round; full checks every running item (全覆盖) at
// every scale instead of sampling the province and the nation.
func generate(scale Scale, seed int64, full bool) *circular.RoundResults {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)), scale: scale,
		names: map[string]bool{}, accounts: map[string]bool{}}
	g.build(seed)
	nSites, nAccounts := scale.Size()
	q := 1 + int(uint64(seed)%4)
	start := time.Date(2020, time.Month(3*q-1), 10+g.rng.IntN(10), 0, 0, 0, 0, time.UTC)
	rr := &circular.RoundResults{Round: circular.Round{Year: 2020, Quarter: q, Scope: circular.ScopeFull,
		SampleStart: start, SampleEnd: start.AddDate(0, 0, 9+g.rng.IntN(5))}}
	share := 1.0
	switch {
	case full:
	case scale == Province:
		rr.Round.Scope, rr.Round.Share, share = circular.ScopeSample, 35, 0.35
	case scale == Nation:
		rr.Round.Scope, rr.Round.Share, share = circular.ScopeSample, 25, 0.25
	}
	reports := nSites/2 + g.rng.IntN(nSites/2+1)
	rr.Round.Reports, rr.Round.ReportsOnTime = reports, reports-g.rng.IntN(reports/10+2)
	siteFail := 0.02 + 0.06*g.rng.Float64()
	accountFail := 0.03 + 0.07*g.rng.Float64()
	rr.Sites = make([]circular.SiteResult, 0, nSites)
	var checked []int
	for i := 0; i < nSites; i++ {
		s := circular.SiteResult{Site: g.site(i), Result: circular.NewResult()}
		s.Closed = i >= len(g.govs) && g.rng.IntN(100) == 0
		s.Checked = !s.Closed && g.rng.Float64() < share
		if s.Checked {
			checked = append(checked, i)
		}
		rr.Sites = append(rr.Sites, s)
	}
	failing := g.choose(checked, siteFail)
	for _, i := range checked {
		g.siteResult(&rr.Sites[i].Result, failing[i])
	}
	rr.Accounts = make([]circular.AccountResult, 0, nAccounts)
	checked = checked[:0]
	for i := 0; i < nAccounts; i++ {
		a := circular.AccountResult{Account: g.account(), Result: circular.NewResult()}
		a.Closed = g.rng.IntN(70) == 0
		a.Checked = !a.Closed && g.rng.Float64() < share
		if a.Checked {
			checked = append(checked, i)
		}
		rr.Accounts = append(rr.Accounts, a)
	}
	failing = g.choose(checked, accountFail)
	for _, i := range checked {
		g.accountResult(&rr.Accounts[i].Result, failing[i])
	}
	return rr
}

// choose picks the share p of the items (at least one), as a set.
func (g *generator) choose(items []int, p float64) map[int]bool {
	k := max(1, int(math.Round(p*float64(len(items)))))
	out := make(map[int]bool, k)
	for _, j := range g.rng.Perm(len(items))[:min(k, len(items))] {
		out[items[j]] = true
	}
	return out
}

// siteResult fills a checked site's indicators, failing ones in the ways
// circulars report.
func (g *generator) siteResult(r *circular.Result, fail bool) {
	r.BlankColumns, r.StaleColumns, r.BrokenLinks = g.rng.IntN(3), g.rng.IntN(5), g.rng.IntN(4)
	r.StaleDays = g.rng.IntN(8)
	r.Deduction = float64(g.rng.IntN(60)) / 2
	if g.rng.IntN(20) == 0 {
		r.BrokenLinks, r.Deduction = circular.NA, circular.NA
	}
	if fail {
		switch x := g.rng.IntN(100); {
		case x < 30:
			r.BlankColumns = circular.BlankColumnsLimit + g.rng.IntN(8)
		case x < 50:
			r.StaleColumns = circular.StaleColumnsLimit + g.rng.IntN(15)
		case x < 60:
			r.StaleDays = circular.StaleDaysLimit + g.rng.IntN(60)
		case x < 70:
			r.Vetoes = []string{circular.VetoSecurity}
			r.Problem = g.pick([]string{"存在严重表述错误", "发布的信息存在严重错别字", "转载内容存在政治性表述错误"})
		case x < 78:
			r.Vetoes = []string{circular.VetoUnreachable}
		case x < 88:
			r.Vetoes = []string{circular.VetoInteraction}
		case x < 93:
			r.Vetoes = []string{circular.VetoService}
		default:
			r.Deduction = float64(circular.DeductionLimit + 1 + g.rng.IntN(30))
		}
	}
	if g.rng.IntN(50) == 0 {
		r.Note = "已电话通知主办单位"
	}
	r.Evaluate(false)
}

// accountResult fills a checked account's indicators.
func (g *generator) accountResult(r *circular.Result, fail bool) {
	r.StaleDays = g.rng.IntN(10)
	if g.rng.IntN(10) == 0 {
		r.StaleDays = circular.NA
	}
	if fail {
		switch x := g.rng.IntN(100); {
		case x < 50:
			r.StaleDays = circular.StaleDaysLimit + g.rng.IntN(80)
		case x < 88:
			r.Vetoes = []string{circular.VetoInteraction}
		case x < 95:
			r.Vetoes = []string{circular.VetoSecurity}
			r.Problem = "发布内容存在严重表述错误"
		default: // lost points without a veto: it passes, with 扣分问题
			r.Deductions = g.pick([]string{"留言区存在商业广告", "菜单栏子栏目无法访问", "未报备"})
		}
	}
	r.Evaluate(true)
}
