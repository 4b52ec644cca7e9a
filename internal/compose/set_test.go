package compose

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
	"tongbao/templates"
)

// sampleData is a small round: 54 sites, one failing, in the manner of the
// Jieyang 2019 Q1 circular.
func sampleData() *Data {
	fail := Item{No: 1, Code: "4452000024", Name: "某工业区管理委员会网站", Unit: "某工业区管理委员会", Region: "揭阳市",
		Category: "门户网站", Problems: []string{"7个栏目更新不及时", "5个栏目空白"}, Problem: "7个栏目更新不及时、5个栏目空白", Vetoes: []string{"栏目不更新"}}
	return &Data{
		Round: Round{Name: "2019年第一季度", Year: 2019, Quarter: 1, Full: true, Kind: "季度", This: "本季度",
			PeriodStart: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC),
			SampleStart: time.Date(2019, 2, 21, 0, 0, 0, 0, time.UTC), SampleEnd: time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)},
		Issuer:     Issuer{Name: "揭阳市政务服务数据管理局", Code: "揭政数局函"},
		Number:     "揭政数局函〔2019〕23号",
		Date:       time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC),
		Deadline:   time.Date(2019, 4, 20, 0, 0, 0, 0, time.UTC),
		Recipients: "各县（市、区）人民政府（管委会），市府直属各单位",
		Area:       "全市",
		Subject:    "政府网站",
		Contact:    Contact{Person: "林晓东", Phone: "0663-8230000"},
		Sites: Figures{
			Total: Tally{Name: "合计", Running: 54, Checked: 54, Failing: 1, Passing: 53},
			ByKind: []Tally{
				{No: 1, Name: "独立运行的政府网站", Running: 14, Checked: 14, Failing: 1, Passing: 13},
				{No: 2, Name: "已集约化的政府网站", Running: 40, Checked: 40, Failing: 0, Passing: 40},
			},
			FullCategories: []string{"业务系统", "事业单位网站", "集约化子站"},
			Failing:        []Item{fail},
			ByProblem:      []ProblemGroup{{Problem: "栏目不更新", Items: []Item{fail}, Names: []string{fail.Name}, Units: []string{fail.Unit}}},
		},
		Last: &Last{Round: Round{Name: "2018年第四季度", Year: 2018, Quarter: 4, Kind: "季度", This: "本季度"}, Word: "上季度",
			Sites: Figures{Total: Tally{Name: "合计", Running: 54, Checked: 54, Failing: 2, Passing: 52}}, Figures: map[string]Number{"告警提醒次数": 31}},
		Rates:   circular.Rates{Rule: circular.RuleComplement, Decimals: 1}, // as the Jieyang config.toml chooses
		Figures: map[string]Number{"告警提醒次数": 25, "检测报告份数": 13},
	}
}

func TestDefaultTemplates(t *testing.T) {
	s, err := LoadSet(templates.FS, "templates")
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	d, err := s.Compose(sampleData(), Letterhead{Mark: []string{"揭阳市政务服务数据管理局"}})
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	if want := "关于2019年第一季度全市政府网站检查情况的通报"; d.Title != want {
		t.Errorf("title %q, want %q", d.Title, want)
	}
	var body strings.Builder
	for _, b := range d.Body {
		body.WriteString(b.(*doc.Paragraph).Text() + "\n")
	}
	for _, want := range []string{"一、总体情况", "总体合格率为98.2%", "二、主要问题", "三、工作要求", "4452000024", "2019年4月20日前"} {
		if !strings.Contains(body.String(), want) {
			t.Errorf("body lacks %q:\n%s", want, body.String())
		}
	}
	if len(d.Annexes) != 2 || d.Annexes[0].Label != "附件1" || d.Annexes[1].Title != "存在突出问题的政府网站名单" {
		t.Fatalf("annexes: %+v", d.Annexes)
	}
	if len(d.Attachments) != 2 {
		t.Errorf("attachments %q", d.Attachments)
	}
	tab := d.Annexes[0].Blocks[0].(*doc.Table)
	if len(tab.Head) != 2 || tab.Head[0][4].Text != "发现存在突出问题的网站数" || tab.Head[0][4].ColSpan != 2 || tab.Head[0][0].RowSpan != 2 {
		t.Errorf("head: %+v", tab.Head)
	}
	total := tab.Rows[len(tab.Rows)-1]
	if !total.Total || total.Cells[0].Text != "合计" || total.Cells[0].ColSpan != 2 || total.Cells[1].Text != "54" || total.Cells[4].Text != "1.8%" {
		t.Errorf("total row: %+v", total)
	}
	list := d.Annexes[1].Blocks[0].(*doc.Table)
	if list.Rows[0].Cells[2].Text != "4452000024" || !strings.Contains(list.Note, "2019年2月21日至3月4日") {
		t.Errorf("annex 2: %+v note %q", list.Rows, list.Note)
	}
}

// TestTemplateErrors checks that each kind of mistake an editor makes is
// reported with the file, line and what is wrong, in Chinese.
func TestTemplateErrors(t *testing.T) {
	base := func() fstest.MapFS {
		m := fstest.MapFS{}
		entries, _ := templates.FS.ReadDir(".")
		for _, e := range entries {
			b, _ := templates.FS.ReadFile(e.Name())
			m[e.Name()] = &fstest.MapFile{Data: b}
		}
		return m
	}
	tests := []struct {
		name   string
		edit   func(fstest.MapFS)
		exec   bool // the error shows when composing, not loading
		substr []string
	}{
		{"missing field", func(m fstest.MapFS) {
			m["标题.tmpl"] = &fstest.MapFile{Data: []byte("关于\n{{.Round.Nmae}}的通报")}
		}, true, []string{"templates/标题.tmpl", "第 2 行", "Nmae", "数据中没有字段", "是不是「Name」"}},
		{"unknown function", func(m fstest.MapFS) {
			m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n{{cnn 1}}")}
		}, false, []string{"templates/工作要求.tmpl", "第 3 行", "没有名为「cnn」的函数"}},
		{"unclosed", func(m fstest.MapFS) {
			m["主送.tmpl"] = &fstest.MapFile{Data: []byte("{{if .Recipients}}x")}
		}, false, []string{"templates/主送.tmpl", "第 1 行", "{{end}}"}},
		{"missing file", func(m fstest.MapFS) { delete(m, "主要问题.tmpl") }, false, []string{"找不到模板文件 templates/主要问题.tmpl"}},
		{"unknown manifest key", func(m fstest.MapFS) {
			m[ManifestFile] = &fstest.MapFile{Data: append(m[ManifestFile].Data, []byte("\nsectoins = []\n")...)}
		}, false, []string{"templates/通报.toml", "未知的项「sectoins」"}},
		{"bad rows path", func(m fstest.MapFS) {
			f := m["附件-网站检查情况.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), `rows = "Sites.ByKind"`, `rows = "Sites.ByKnd"`, 1))
		}, true, []string{"附件-网站检查情况.toml", "ByKnd"}},
		{"runaway loop", func(m fstest.MapFS) {
			m["开头.tmpl"] = &fstest.MapFile{Data: []byte(`{{range .Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}{{range $.Sites.ByKind}}很长的一段话{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}`)}
		}, true, []string{"开头.tmpl", "输出超过"}},
		{"range over a number", func(m fstest.MapFS) {
			m["开头.tmpl"] = &fstest.MapFile{Data: []byte("第一行\n{{if true}}{{range $i := 100000}}{{range $j := 100000}}{{end}}{{end}}{{end}}")}
		}, true, []string{"开头.tmpl，第 2 行", "range 不能遍历数字"}},
		{"missing picture", func(m fstest.MapFS) {
			m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n如下图：\n\n{{image \"截图.png\" \"图 1\"}}")}
		}, true, []string{"templates/工作要求.tmpl", "第 5 行", "找不到图片 截图.png"}},
		{"not a picture", func(m fstest.MapFS) {
			m["截图.png"] = &fstest.MapFile{Data: []byte("这不是图片")}
			m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n{{image \"截图.png\" \"图 1\"}}")}
		}, true, []string{"templates/工作要求.tmpl", "第 3 行", "图片 截图.png 不是 PNG 或 JPEG 文件"}},
		{"picture in a folder", func(m fstest.MapFS) {
			m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n{{image \"图/截图.png\" \"图 1\"}}")}
		}, true, []string{"templates/工作要求.tmpl", "第 3 行", "不能带文件夹"}},
		{"picture too wide", func(m fstest.MapFS) {
			m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n{{image \"截图.png\" \"图 1\" 200}}")}
		}, true, []string{"templates/工作要求.tmpl", "第 3 行", "0 到 156 毫米"}},
		{"range over len", func(m fstest.MapFS) {
			m["附件-网站检查情况.toml"].Data = []byte(strings.Replace(string(m["附件-网站检查情况.toml"].Data), `title = "`, `title = "{{range len .Sites.Failing}}{{end}}`, 1))
		}, true, []string{"附件-网站检查情况.toml 的 title", "range 不能遍历数字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			tt.edit(m)
			s, err := LoadSet(m, "templates")
			if err == nil && tt.exec {
				_, err = s.Compose(sampleData(), Letterhead{})
			}
			if err == nil {
				t.Fatal("no error")
			}
			if circular.ErrorCode(err) != circular.ETemplate {
				t.Errorf("code %q", circular.ErrorCode(err))
			}
			msg := circular.ErrorMessage(err)
			for _, s := range tt.substr {
				if !strings.Contains(msg, s) {
					t.Errorf("message lacks %q:\n%s", s, msg)
				}
			}
		})
	}
}

func TestAddColumn(t *testing.T) {
	m := fstest.MapFS{}
	entries, _ := templates.FS.ReadDir(".")
	for _, e := range entries {
		b, _ := templates.FS.ReadFile(e.Name())
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	f := m["附件-问题网站名单.toml"]
	f.Data = append(f.Data, []byte("\n[[column]]\nheader = \"网站类别\"\nvalue = \"{{.Category}}\"\n")...)
	s, err := LoadSet(m, "templates")
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	d, err := s.Compose(sampleData(), Letterhead{})
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	tab := d.Annexes[1].Blocks[0].(*doc.Table)
	if n := len(tab.Head[0]); n != 7 || tab.Head[0][6].Text != "网站类别" || tab.Rows[0].Cells[6].Text != "门户网站" {
		t.Errorf("added column missing: head %+v row %+v", tab.Head, tab.Rows[0])
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ name, typ, want string }{
		{"Nmae", "compose.Round", "Name"},
		{"failing", "compose.Figures", "Failing"},
		{"Checkd", "*compose.Tally", "Checked"},
		{"Zzzzzz", "compose.Round", ""},
		{"Name", "time.Time", ""},
	} {
		if got := suggest(c.name, c.typ); got != c.want {
			t.Errorf("suggest(%q, %q) = %q, want %q", c.name, c.typ, got, c.want)
		}
	}
}

// TestRecheckText: the recheck paragraph names rechecked items with their
// platform, counts them by kind, and mentions those not checked this time.
func TestRecheckText(t *testing.T) {
	s, err := LoadSet(templates.FS, "templates")
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	data := sampleData()
	data.Recheck = Recheck{Round: "2018年第四季度",
		Fixed:     []Item{{Name: "某区政府网站", Code: "4452000025"}, {Name: "揭阳城管", Platform: "微信"}},
		Still:     []Item{{Name: "惠来公安", Platform: "微信"}},
		Unchecked: []Item{{Name: "某局网站", Code: "4452000026"}},
	}
	d, err := s.Compose(data, Letterhead{Mark: []string{"揭阳市政务服务数据管理局"}})
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	var body strings.Builder
	for _, b := range d.Body {
		body.WriteString(b.(*doc.Paragraph).Text())
	}
	for _, want := range []string{"存在问题的1个网站和2个政务新媒体，本次一并进行了复查：某区政府网站、微信“揭阳城管”已整改到位；微信“惠来公安”仍未整改到位，本次继续通报。",
		"另有1个未列入本次抽查范围"} {
		if !strings.Contains(body.String(), want) {
			t.Errorf("body lacks %q:\n%s", want, body.String())
		}
	}
}
