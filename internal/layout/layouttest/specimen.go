package layouttest

import (
	"fmt"

	"tongbao/internal/doc"
)

// Issuer is the specimen's issuing organ (fictional).
const Issuer = "临江市政务服务数据管理局"

func para(text string) *doc.Paragraph { return &doc.Paragraph{Runs: []doc.Run{{Text: text}}} }

func heading(level int, text string) *doc.Paragraph {
	return &doc.Paragraph{Heading: level, Runs: []doc.Run{{Text: text}}}
}

// runIn is a body paragraph led by a run-in heading: 「（一）…。」 in 楷体
// (level 2) or 仿宋 (level 3) followed by body text.
func runIn(head string, face doc.Face, rest string) *doc.Paragraph {
	return &doc.Paragraph{Runs: []doc.Run{{Text: head, Face: face}, {Text: rest}}}
}

func pct(n, d int) string {
	if d == 0 || n == 0 {
		return "0"
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(d))
}

// category is a line of the statistics table.
type category struct {
	name                string
	total, checked, bad int
}

var categories = []category{
	{"政府门户网站", 9, 9, 0},
	{"部门网站", 53, 53, 2},
	{"微信公众号", 96, 96, 2},
	{"微博", 31, 31, 1},
	{"抖音号等其他平台", 21, 21, 1},
}

// rates returns the websites' and new media's pass rates and problem counts.
func rates() (siteRate, mediaRate string, sites, media int) {
	var st, sb, mt, mb int
	for i, c := range categories {
		if i < 2 {
			st, sb = st+c.checked, sb+c.bad
		} else {
			mt, mb = mt+c.checked, mb+c.bad
		}
	}
	return pct(st-sb, st), pct(mt-mb, mt), sb, mb
}

// Body returns the specimen circular's 正文.
func Body() []doc.Block {
	siteRate, mediaRate, sites, media := rates()
	var nSites, nMedia int
	for i, c := range categories {
		if i < 2 {
			nSites += c.total
		} else {
			nMedia += c.total
		}
	}
	return []doc.Block{
		para("为深入贯彻国务院办公厅《政府网站与政务新媒体检查指标》和省政府办公厅关于加强政府网站常态化监管的工作部署，进一步提升全市政府网站和政务新媒体的规范化水平，我局于2024年9月对全市在运行的政府网站和政务新媒体开展了第三季度检查。现将有关情况通报如下："),
		heading(1, "一、总体情况"),
		para(fmt.Sprintf("截至2024年9月30日，全市在运行的政府网站共%d家，其中市、县两级政府门户网站%d家，部门网站%d家；政务新媒体账号共%d个，分布在微信、微博、抖音等平台。本次检查采取人工抽查与技术监测相结合的方式，覆盖全部在运行的政府网站和政务新媒体，重点检查内容更新、互动回应、办事服务和安全防护等情况。",
			nSites, categories[0].total, categories[1].total, nMedia)),
		para(fmt.Sprintf("检查结果显示，全市政府网站总体合格率为%s，较上季度提高1.6个百分点；政务新媒体总体合格率为%s。多数单位能够按照“谁主管谁负责、谁运营谁负责”的原则落实主体责任，信息发布审核、值班读网等制度执行较好，运维保障水平稳步提升。但仍有%d家网站和%d个政务新媒体账号存在突出问题（名单见附件2）。",
			siteRate, mediaRate, sites, media)),
		heading(1, "二、存在的主要问题"),
		runIn("（一）部分网站栏目更新不及时。", doc.FaceKai, "市文化广电旅游体育局网站“通知公告”栏目超过90天未更新，江岸区教育局网站“政策解读”栏目长期空白；个别网站首页要闻的更新周期超过两周，达不到检查指标的要求。"),
		runIn("（二）政务新媒体互动回应不到位。", doc.FaceKai, "少数账号未开通留言或私信回复功能，部分账号对网民留言超过5个工作日未予答复；有的账号发布内容以转载为主，原创信息占比不足10%，关注度和影响力不高。"),
		runIn("（三）安全防护存在薄弱环节。", doc.FaceKai, "技术监测发现，3家网站仍在使用已停止维护的内容管理系统版本，1家网站页面中有指向已失效域名的外部链接，存在被劫持利用的风险；个别单位未按要求开展季度安全自查。"),
		heading(2, "（四）其他需要关注的问题"),
		heading(3, "1.办事指南要素不完整"),
		para("部分部门网站的办事指南缺少办理时限、收费标准、咨询电话等要素，个别事项的申请材料清单与政务服务网公布的内容不一致，群众按图索骥时容易多跑腿。"),
		heading(4, "（1）错别字和无效链接"),
		para("个别网站存在错别字、图片无法显示、附件无法下载等问题。例如，某单位网站“联系我们”页面公布的邮箱linjiang_gov2024@163.com长期无人处理，页面https://www.linjiang.gov.cn/zwgk/index.html中的部分链接已经失效……这些问题虽小，却直接影响政府网站的形象——必须及时纠正。"),
		heading(1, "三、工作要求"),
		runIn("（一）压实主体责任。", doc.FaceKai, "各地、各部门要把政府网站和政务新媒体工作摆上重要议事日程，明确分管领导和具体承办人员，严格落实信息发布“先审后发”和“三审三校”制度，对发布的每一条信息都要认真核校，坚决防止出现错误表述和敏感信息。"),
		runIn("（二）抓好问题整改。", doc.FaceKai, "对本次通报存在突出问题的网站和政务新媒体，主管单位要立即组织整改，逐项建立问题清单和整改台账，并于2024年11月15日前将整改报告（PDF版，加盖单位公章）报送我局。逾期未整改或整改不到位的，我局将在下一季度通报中予以点名。"),
		runIn("（三）健全长效机制。", doc.FaceKai, "各地、各部门要坚持日常监测与定期检查相结合，每周至少开展一次全面自查，每季度开展一次安全评估；对无力运维、长期不更新的网站和账号，要按程序及时关停整合，切实做到“有平台、有运营、有监管、有服务”。"),
		para("联系人：陈晓岚，电话：0663-8235169，邮箱：ljszsj@163.com。"),
	}
}

// statsTable is annex 1: the statistics with merged header cells and a 合计 row.
func statsTable() *doc.Table {
	t := &doc.Table{
		Head: [][]doc.Cell{
			{{Text: "序号", RowSpan: 2}, {Text: "类别", RowSpan: 2}, {Text: "运行总数", RowSpan: 2}, {Text: "检查数", RowSpan: 2},
				{Text: "发现存在突出问题的数量", ColSpan: 2}, {Text: "合格率", RowSpan: 2}},
			{{Text: "个数"}, {Text: "比例"}},
		},
		Note: "注：检查时间为2024年9月2日至9月20日；比例为存在突出问题的数量占检查数的百分比。",
	}
	var tt, tc, tb int
	for i, c := range categories {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: fmt.Sprint(i + 1)}, {Text: c.name}, {Text: fmt.Sprint(c.total)}, {Text: fmt.Sprint(c.checked)},
			{Text: fmt.Sprint(c.bad)}, {Text: pct(c.bad, c.checked)}, {Text: pct(c.checked-c.bad, c.checked)},
		}})
		tt, tc, tb = tt+c.total, tc+c.checked, tb+c.bad
	}
	t.Rows = append(t.Rows, doc.Row{Total: true, Cells: []doc.Cell{
		{Text: "合计", ColSpan: 2}, {Text: fmt.Sprint(tt)}, {Text: fmt.Sprint(tc)}, {Text: fmt.Sprint(tb)},
		{Text: pct(tb, tc)}, {Text: pct(tc-tb, tc)},
	}})
	return t
}

// problemTable is annex 2: the list of sites and accounts with serious
// problems, on a landscape page.
func problemTable() *doc.Table {
	rows := [][]string{
		{"网站", "临江市文化广电旅游体育局网站", "临江市文化广电旅游体育局", "4418000031", "“通知公告”栏目超过90天未更新；2个栏目空白"},
		{"网站", "江岸区教育局网站", "江岸区教育局", "4418020007", "“政策解读”栏目空白；办事指南缺少办理时限要素"},
		{"微信公众号", "云溪发布", "云溪县人民政府办公室", "gh_3c9f0e2a71b4", "超过2周未更新"},
		{"微信公众号", "石门人社", "石门县人力资源和社会保障局", "gh_8d1a27c5e0f6", "留言功能不可用"},
		{"微博", "临海区市场监管", "临海区市场监督管理局", "7702985531", "网民留言超过5个工作日未答复"},
		{"抖音号", "白沙文旅", "白沙县文化广电旅游体育局", "baisha_wenlv", "原创内容占比不足10%，互动回应不及时"},
	}
	t := &doc.Table{
		Head:      [][]doc.Cell{{{Text: "序号"}, {Text: "类型"}, {Text: "名称"}, {Text: "主办（运营）单位"}, {Text: "网站标识码或账号"}, {Text: "存在的突出问题"}}},
		Note:      "注：名单按网站、政务新媒体的顺序排列；账号以检查时平台显示的为准。",
		Landscape: true,
	}
	for i, r := range rows {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: fmt.Sprint(i + 1)}, {Text: r[0]}, {Text: r[1]}, {Text: r[2]}, {Text: r[3]}, {Text: r[4]}}})
	}
	return t
}

func portraitProblems() *doc.Table {
	t := problemTable()
	t.Landscape = false
	return t
}

var (
	counties = []string{"江岸区", "临海区", "青山区", "白沙县", "石门县", "云溪县", "东坪市", "南渡县"}
	depts    = []string{"发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
		"人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局",
		"文化广电旅游体育局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
		"医疗保障局", "林业局", "信访局", "政务服务数据管理局", "机关事务管理局", "地方金融监督管理局", "城市管理和综合执法局"}
	countyDepts = []string{"教育局", "卫生健康局", "财政局", "自然资源局", "住房和城乡建设局", "农业农村局"}
)

// Site is one inspected website of the specimen's detail table.
type Site struct{ Name, Owner, Code, Score, Result string }

// Sites returns n inspected websites with deterministic names and scores.
func Sites(n int) []Site {
	var out []Site
	seed := uint32(20240930)
	next := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed >> 16)
	}
	for i := 0; len(out) < n; i++ {
		var name, owner string
		switch {
		case i == 0:
			owner, name = "临江市人民政府办公室", "临江市人民政府门户网站"
		case i <= len(counties):
			c := counties[i-1]
			owner, name = c+"人民政府办公室", c+"人民政府门户网站"
		case i <= len(counties)+len(depts):
			d := depts[i-1-len(counties)]
			owner, name = "临江市"+d, "临江市"+d+"网站"
		default:
			j := i - 1 - len(counties) - len(depts)
			c, d := counties[j%len(counties)], countyDepts[(j/len(counties))%len(countyDepts)]
			if k := j / (len(counties) * len(countyDepts)); k > 0 {
				d = fmt.Sprintf("%s（第%d批）", d, k+1)
			}
			owner, name = c+d, c+d+"网站"
		}
		score := 80 + next()%19
		result := "合格"
		if i == 17 || i == 40 || (i > 62 && next()%37 == 0) {
			score, result = 55+next()%5, "不合格"
		}
		out = append(out, Site{Name: name, Owner: owner, Code: fmt.Sprintf("4418%06d", 11+i*7), Score: fmt.Sprint(score), Result: result})
	}
	return out
}

// SiteTable is a detail table of n websites, repeated headers across pages.
func SiteTable(n int) *doc.Table {
	t := &doc.Table{
		Head: [][]doc.Cell{{{Text: "序号"}, {Text: "网站名称"}, {Text: "主办单位"}, {Text: "网站标识码"}, {Text: "得分"}, {Text: "检查结果"}}},
		Note: "注：得分为百分制，存在单项否决问题的网站直接判定为不合格。",
	}
	for i, s := range Sites(n) {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: fmt.Sprint(i + 1)}, {Text: s.Name}, {Text: s.Owner}, {Text: s.Code}, {Text: s.Score}, {Text: s.Result}}})
	}
	return t
}

func procedure() []doc.Block {
	return []doc.Block{
		para("为规范市级部门集约化子站的信息发布，消除暗链、外链和外部图片失效等安全隐患，各单位发布信息时应按以下流程办理。"),
		runIn("1.拟稿。", doc.FaceDefault, "信息员在平台后台“内容管理”中新建稿件，标题、正文、发布时间和来源逐项填写完整；转载外部网站的文章，应先将文字粘贴到纯文本编辑器中过滤格式，再粘贴到平台编辑框。"),
		runIn("2.处理图片。", doc.FaceDefault, "文章中的图片应下载到本地后重新上传，不得直接引用外部网站的图片地址；图片应添加说明文字，尺寸不超过2MB。"),
		runIn("3.审核。", doc.FaceDefault, "稿件提交后，由科室负责人初审、办公室主任复审、分管领导终审，涉及政策解读和重大事项的，还应经单位主要负责同志审定。"),
		runIn("4.发布与巡查。", doc.FaceDefault, "审核通过的稿件由信息员发布，发布后30分钟内在前台页面核对一遍；值班人员每日读网，发现问题立即撤稿更正并登记。"),
	}
}

// Specimen is the 文件式 specimen: 份号, 紧急程度, a two-line title, every
// heading level and run-in headings, several annexes (one landscape, one
// spanning pages), the seal, a 附注 and the 版记.
func Specimen() *doc.Document {
	return &doc.Document{
		Info: doc.Info{Title: "关于2024年第三季度全市政府网站和政务新媒体检查情况的通报", Author: Issuer,
			Subject: "政府网站和政务新媒体检查情况通报", Keywords: "临政数〔2024〕37号；政府网站；政务新媒体", Date: "2024-10-18T00:00:00+08:00"},
		Header: doc.Header{
			Format:     doc.FormatFile,
			CopyNumber: "000128",
			Urgency:    "加急",
			Issuers:    []string{Issuer},
			MarkSuffix: "文件",
			Number:     "临政数〔2024〕37号",
		},
		Title:      "关于2024年第三季度全市政府网站和政务新媒体检查情况的通报",
		Recipients: "各县（市、区）人民政府，市政府各部门、各直属机构",
		Body:       Body(),
		Attachments: []string{
			"2024年第三季度全市政府网站和政务新媒体检查情况统计表",
			"存在突出问题的政府网站和政务新媒体名单",
			"全市政府网站检查结果明细",
			"市级部门集约化子站信息发布审核流程及常见问题处理指引（2024年修订）",
		},
		Signature: doc.Signature{Names: []string{Issuer}, Date: "2024年10月18日", Seal: Seal(360)},
		Note:      "（此件公开发布）",
		Annexes: []doc.Annex{
			{Label: "附件1", Title: "2024年第三季度全市政府网站和政务新媒体检查情况统计表", Blocks: []doc.Block{statsTable()}},
			{Label: "附件2", Title: "存在突出问题的政府网站和政务新媒体名单", Blocks: []doc.Block{problemTable()}},
			{Label: "附件3", Title: "全市政府网站检查结果明细", Blocks: []doc.Block{SiteTable(70)}},
			{Label: "附件4", Title: "市级部门集约化子站信息发布审核流程", Blocks: procedure()},
		},
		Record: &doc.Record{
			CC:        []string{"市委办公室", "市人大常委会办公室", "市政协办公室", "市委网信办", "市政府办公室", "市政府各副秘书长", "省政务服务数据管理局"},
			Printer:   Issuer,
			PrintDate: "2024年10月18日",
		},
	}
}

// Letter is the 信函式 specimen: a 函 with 份号, 密级, 紧急程度, one annex,
// the signature without a seal and a 版记 of 抄送 only.
func Letter() *doc.Document {
	body := Body()
	return &doc.Document{
		Info: doc.Info{Title: "关于报送政府网站问题整改情况的函", Author: Issuer, Subject: "整改情况报送", Date: "2024-10-21T09:30:00+08:00"},
		Header: doc.Header{
			Format:     doc.FormatLetter,
			CopyNumber: "000031",
			Secrecy:    "秘密★1年",
			Urgency:    "特急",
			Issuers:    []string{Issuer},
			Number:     "临政数函〔2024〕52号",
		},
		Title:      "关于报送政府网站问题整改情况的函",
		Recipients: "市文化广电旅游体育局，江岸区人民政府办公室",
		Body: append([]doc.Block{
			para("根据《关于2024年第三季度全市政府网站和政务新媒体检查情况的通报》（临政数〔2024〕37号），你单位主办的网站在第三季度检查中存在突出问题。现将有关事项函告如下："),
		}, append(body[5:8], para("请于2024年11月15日前将整改情况书面报送我局，逾期未报送的，将在下一季度通报中说明。"))...),
		Attachments: []string{"存在突出问题的政府网站和政务新媒体名单"},
		Signature:   doc.Signature{Names: []string{Issuer}, Date: "2024年10月21日"},
		Annexes:     []doc.Annex{{Label: "附件", Title: "存在突出问题的政府网站和政务新媒体名单", Blocks: []doc.Block{portraitProblems()}}},
		Record:      &doc.Record{CC: []string{"市政府办公室", "市委网信办"}},
	}
}

// Telegram is the 明电 specimen.
func Telegram() *doc.Document {
	body := Body()
	return &doc.Document{
		Info: doc.Info{Title: "关于2024年第三季度全市政府网站抽查情况的通报", Author: "临江市人民政府办公室", Date: "2024-10-12T00:00:00+08:00"},
		Header: doc.Header{
			Format: doc.FormatTelegram,
			Number: "临府办传〔2024〕41号",
			Telegram: doc.Telegram{
				Title:    "临江市发电",
				Unit:     "临江市人民政府办公室",
				Approver: "周明远",
				Grade:    "特急 · 明电",
				Serial:   "临机发　号",
			},
		},
		Title:       "关于2024年第三季度全市政府网站抽查情况的通报",
		Recipients:  "各县（市、区）人民政府，市政府各部门、各直属机构",
		Body:        body[:11],
		Attachments: []string{"抽查发现存在突出问题的政府网站名单"},
		Signature:   doc.Signature{Names: []string{"临江市人民政府办公室"}, Date: "2024年10月12日"},
		Annexes:     []doc.Annex{{Label: "附件", Title: "抽查发现存在突出问题的政府网站名单", Blocks: []doc.Block{problemTable()}}},
		Record: &doc.Record{
			CC:        []string{"市委办公室", "市人大常委会办公室", "市政协办公室"},
			Printer:   "临江市人民政府办公室",
			PrintDate: "2024年10月12日",
		},
	}
}

// Joint is a 上行文 of two organs: joint mark, 签发人, the signature of both
// without a seal.
func Joint() *doc.Document {
	body := Body()
	return &doc.Document{
		Info: doc.Info{Title: "关于2024年第三季度政府网站和政务新媒体检查工作情况的报告", Author: Issuer + "，临江市委网信办", Date: "2024-10-25T00:00:00+08:00"},
		Header: doc.Header{
			Format:     doc.FormatFile,
			Issuers:    []string{Issuer, "中共临江市委网络安全和信息化委员会办公室"},
			MarkSuffix: "文件",
			Number:     "临政数报〔2024〕9号",
			Signers:    []string{"林国栋", "许文清"},
		},
		Title:      "关于2024年第三季度政府网站和政务新媒体检查工作情况的报告",
		Recipients: "市人民政府",
		Body:       append(body[:4:4], para("特此报告。")),
		Signature:  doc.Signature{Names: []string{Issuer, "中共临江市委网络安全和信息化委员会办公室"}, Date: "2024年10月25日"},
		Note:       "（联系人：陈晓岚，电话：0663-8235169）",
		Record:     &doc.Record{Printer: Issuer, PrintDate: "2024年10月25日"},
	}
}

// Circular is the benchmark's circular: four pages of body (the specimen's
// with two more paragraphs) and a two-page annex table of 30 websites, the
// 版记 at the foot of page 6.
func Circular() *doc.Document {
	d := Specimen()
	d.Body = append(d.Body, Body()[1:3]...)
	d.Attachments = d.Attachments[2:3]
	d.Annexes = []doc.Annex{{Label: "附件", Title: "全市政府网站检查结果明细", Blocks: []doc.Block{SiteTable(30)}}}
	return d
}

// BigTable is a circular whose annex is a table of n rows.
func BigTable(n int) *doc.Document {
	d := Specimen()
	d.Attachments = []string{"全市政府网站检查结果明细"}
	d.Annexes = []doc.Annex{{Label: "附件", Title: "全市政府网站检查结果明细", Blocks: []doc.Block{SiteTable(n)}}}
	return d
}
