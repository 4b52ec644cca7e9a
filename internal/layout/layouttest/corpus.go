package layouttest

import (
	"fmt"

	"tongbao/internal/doc"
)

// Named is a document of the corpus with its name.
type Named struct {
	Name string
	Doc  *doc.Document
}

// Corpus returns the documents built from the document model that the
// layout's bars are checked on (the samples made from workbooks are added
// by the tests that can compose them): the golden specimens, a contact
// paragraph, document references, run-in headings near every page foot,
// traditional characters, a table whose best widths are not greedy's and a
// 函 of many references.
func Corpus() []Named {
	out := []Named{
		{"specimen", Specimen()},
		{"letter", Letter()},
		{"telegram", Telegram()},
		{"joint", Joint()},
		{"contact", Contact()},
		{"references", References()},
		{"traditional", Traditional()},
		{"widths", Widths()},
		{"images", Procedure()},
	}
	for k := 0; k < 6; k++ {
		out = append(out, Named{fmt.Sprintf("runin-%d", k), RunInAtFoot(k)})
	}
	return out
}

// frame is a 文件式 circular around body.
func frame(title string, body []doc.Block) *doc.Document {
	return &doc.Document{
		Info: doc.Info{Title: title, Author: Issuer, Date: "2024-10-18T00:00:00+08:00"},
		Header: doc.Header{Format: doc.FormatFile, Issuers: []string{Issuer}, MarkSuffix: "文件",
			Number: "临政数〔2024〕38号"},
		Title:      title,
		Recipients: "各县（市、区）人民政府，市政府各部门、各直属机构",
		Body:       body,
		Signature:  doc.Signature{Names: []string{Issuer}, Date: "2024年10月18日"},
		Record:     &doc.Record{CC: []string{"市政府办公室"}, Printer: Issuer, PrintDate: "2024年10月18日"},
	}
}

// Contact is a draft circular whose contact paragraphs hold long e-mail
// addresses, URLs and three telephone numbers each.
func Contact() *doc.Document {
	body := Body()[:4]
	body = append(body,
		para("请各单位于2024年11月15日前将整改报告报送我局（联系人：林晓东，电话：0663-8230000，传真：0663-8230001，手机：13902760123，电子邮箱：linjiang_zhengwu_fuwu2024@gd.gov.cn），逾期未报的将予以通报。"),
		para("整改报告模板可从市政务服务数据管理局网站https://www.linjiang.gov.cn/zwgk/tzgg/content/post_2024101800001.html下载；平台操作问题请咨询平台的技术支持单位（电话：0663-8235169、0663-8235170，邮箱：support.platform@linjiang-data.example.cn）。"),
		para("政务新媒体账号的备案变更，请登录https://zwmt.linjiang.gov.cn/beian/login.do办理，或发送邮件至zhengwumeiti.beian@linjiang.gov.cn，咨询电话0663-8231234、0663-8231235、0663-8231236。"),
	)
	body = append(body, Body()[4:8]...)
	d := frame("关于做好政府网站和政务新媒体问题整改报送工作的通知", body)
	d.Draft = "2024年10月18日 09:30"
	return d
}

// References is a body with many document numbers and dates, 主动公开.
func References() *doc.Document {
	var body []doc.Block
	body = append(body,
		para("根据《国务院办公厅关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知》（国办函〔2019〕19号）和《广东省人民政府办公厅关于进一步加强政府网站和政务新媒体管理的通知》（粤办函〔2019〕15号）要求，结合《揭阳市政务服务数据管理局关于开展2019年第一季度政府网站检查的通知》（揭政数局函〔2019〕15号），现将有关事项通知如下："),
		heading(1, "一、工作依据"),
		para("《政府网站发展指引》（国办发〔2017〕47号）明确了政府网站的功能定位；《关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）对政务新媒体的建设和管理提出了要求；《政府网站与政务新媒体检查指标》（国办函〔2019〕19号）自2019年4月1日起施行，2019年第一季度检查以此为准。"),
		para("2018年12月28日至2019年1月10日，我局依照《揭阳市政府网站管理办法》（揭府办〔2018〕56号）和《揭阳市政务新媒体管理办法（试行）》（揭府办函〔2018〕201号），对全市政府网站开展了专项检查，并于2019年1月18日印发《关于2018年第四季度全市政府网站检查情况的通报》（揭政数局函〔2019〕3号）。"),
		heading(1, "二、工作安排"),
		para("各地、各部门应于2019年4月30日前完成自查，2019年5月15日前报送自查报告；我局将于2019年5月20日至6月10日开展抽查，抽查结果在2019年6月30日前以《关于2019年第二季度全市政府网站检查情况的通报》印发，并抄送市委办公室（揭委办〔2019〕7号文件明确的联系处室）。"),
		para("对照《广东省政府网站集约化平台建设方案》（粤府办〔2018〕50号）、《揭阳市政府网站集约化平台管理细则》（揭政数局〔2019〕8号）和《关于规范政务新媒体账号名称的通知》（揭政数局函〔2019〕11号），各单位于2019年3月31日前已完成迁移的网站，不再单独备案。"),
	)
	d := frame("关于开展2019年第二季度政府网站和政务新媒体自查工作的通知", body)
	d.Header.Number = "揭政数局函〔2019〕23号"
	d.Disclosure = "主动公开"
	return d
}

// RunInAtFoot is a circular whose run-in headings fall k lines further down
// the page than in the specimen, so that across k = 0…5 one meets the page
// foot at every line of its paragraph.
func RunInAtFoot(k int) *doc.Document {
	body := Body()
	pad := para(padText(k))
	body = append(body[:4:4], append([]doc.Block{pad}, body[4:]...)...)
	return frame("关于2024年第三季度全市政府网站和政务新媒体检查情况的通报", body)
}

// padText is k+1 lines of body text.
func padText(k int) string {
	s := "为进一步提升全市政府网站和政务新媒体的规范化水平，落实常态化监管要求，各单位要对照检查指标逐项开展自查，对发现的问题建立台账、限期整改、跟踪问效，确保整改到位。"
	// about 77 characters: three lines; grow by a line's worth per k
	for i := 0; i < k; i++ {
		s += "相关情况纳入年度考核并通报。"
		s += "每月开展一次自查。"
	}
	return s
}

// Traditional is a circular in traditional characters.
func Traditional() *doc.Document {
	body := []doc.Block{
		para("為深入貫徹國務院辦公廳《政府網站與政務新媒體檢查指標》和省政府辦公廳關於加強政府網站常態化監管的工作部署，進一步提升全市政府網站和政務新媒體的規範化水平，我局於2024年9月對全市在運行的政府網站和政務新媒體開展了第三季度檢查。現將有關情況通報如下："),
		heading(1, "一、總體情況"),
		para("截至2024年9月30日，全市在運行的政府網站共62家，其中市、縣兩級政府門戶網站9家，部門網站53家；政務新媒體帳號共148個，分佈在微信、微博、抖音等平台。本次檢查採取人工抽查與技術監測相結合的方式，覆蓋全部在運行的政府網站和政務新媒體，重點檢查內容更新、互動回應、辦事服務和安全防護等情況。"),
		heading(1, "二、存在的主要問題"),
		runIn("（一）部分網站欄目更新不及時。", doc.FaceKai, "市文化廣電旅遊體育局網站「通知公告」欄目超過90天未更新，江岸區教育局網站「政策解讀」欄目長期空白；個別網站首頁要聞的更新週期超過兩週，達不到檢查指標的要求。"),
		runIn("（二）政務新媒體互動回應不到位。", doc.FaceKai, "少數帳號未開通留言或私信回覆功能，部分帳號對網民留言超過5個工作日未予答覆；有的帳號發佈內容以轉載為主，原創信息佔比不足10%，關注度和影響力不高。"),
		heading(1, "三、工作要求"),
		runIn("（一）壓實主體責任。", doc.FaceKai, "各地、各部門要把政府網站和政務新媒體工作擺上重要議事日程，明確分管領導和具體承辦人員，嚴格落實信息發佈「先審後發」和「三審三校」制度，對發佈的每一條信息都要認真核校，堅決防止出現錯誤表述和敏感信息。"),
		runIn("（二）抓好問題整改。", doc.FaceKai, "對本次通報存在突出問題的網站和政務新媒體，主管單位要立即組織整改，逐項建立問題清單和整改台賬，並於2024年11月15日前將整改報告報送我局。逾期未整改或整改不到位的，我局將在下一季度通報中予以點名。"),
	}
	return frame("關於2024年第三季度全市政府網站和政務新媒體檢查情況的通報", body)
}

// Widths is a circular whose annex table's best column widths are not
// those a greedy sharing gives: long names and owners beside a long
// problem column.
func Widths() *doc.Document {
	t := &doc.Table{Head: [][]doc.Cell{{{Text: "序号"}, {Text: "网站名称"}, {Text: "主办单位"}, {Text: "地区"}, {Text: "存在的突出问题"}}}}
	names := []string{"揭阳市人民政府门户网站", "揭阳市发展和改革局网站", "揭阳市教育局网站", "揭阳市公安局网站", "揭阳市民政局网站", "揭阳市司法局网站", "揭阳市财政局网站", "揭阳市人力资源和社会保障局网站"}
	owners := []string{"揭阳市人民政府办公室", "揭阳市发展和改革局", "揭阳市教育局", "揭阳市公安局", "揭阳市民政局", "揭阳市司法局", "揭阳市财政局", "揭阳市人力资源和社会保障局"}
	problems := []string{"首页栏目超过两周未更新", "办事指南要素缺失", "互动栏目留言超期未回复", "存在错别字", "链接失效", "栏目空白", "首页栏目超过两周未更新；办事指南要素缺失", "存在严重表述错误"}
	for i := range names {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: fmt.Sprint(i + 1)}, {Text: names[i]}, {Text: owners[i]}, {Text: "市直"}, {Text: problems[i]}}})
	}
	d := frame("关于2024年第三季度存在突出问题的政府网站的通报", Body()[:4])
	d.Attachments = []string{"存在突出问题的政府网站名单"}
	d.Annexes = []doc.Annex{{Label: "附件", Title: "存在突出问题的政府网站名单", Blocks: []doc.Block{t}}}
	return d
}
