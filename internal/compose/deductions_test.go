package compose

import (
	"os"
	"strings"
	"testing"
	"text/template"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
	"tongbao/templates"
)

// deductionData is a round with one failing site, one passing site with
// 扣分问题 and one passing account with one.
func deductionData() *Data {
	r := &circular.Round{Year: 2019, Quarter: 1}
	fail := circular.SiteResult{Site: circular.Site{Code: "4452000024", Name: "某工业区管理委员会网站", Unit: "某工业区管理委员会", Category: "门户网站"},
		Result: circular.NewResult()}
	fail.Verdict, fail.Vetoes = circular.VerdictFail, []string{circular.VetoColumns}
	fail.Problem = "7个栏目更新不及时"
	deducted := circular.SiteResult{Site: circular.Site{Code: "4452000001", Name: "揭阳市审计局网站", Unit: "揭阳市审计局", Category: "集约化子站"},
		Result: circular.NewResult()}
	deducted.Verdict, deducted.Deductions = circular.VerdictPass, "个别栏目更新不及时；部分链接无法打开。"
	unchecked := circular.SiteResult{Site: circular.Site{Code: "4452000002", Name: "未检查的网站", Unit: "某局"}, Result: circular.Result{}}
	account := circular.AccountResult{Account: circular.Account{Platform: "微信", Name: "揭阳发布", Unit: "揭阳市人民政府新闻办公室"}, Result: circular.NewResult()}
	account.Verdict, account.Deductions = circular.VerdictPass, "留言区存在商业广告"
	return NewData(r, nil, []circular.SiteResult{fail, deducted, unchecked}, []circular.AccountResult{account}, nil, nil)
}

// TestDeductionFields: 扣分问题 reach the templates apart from the problems,
// and the examples templates/README.md gives produce what it says.
func TestDeductionFields(t *testing.T) {
	d := deductionData()
	if len(d.Sites.Deducted) != 1 || d.Sites.Deducted[0].Verdict != "合格" || len(d.Sites.Failing) != 1 || len(d.Sites.Failing[0].Deductions) != 0 {
		t.Fatalf("sites: deducted %+v failing %+v", d.Sites.Deducted, d.Sites.Failing)
	}
	if got := d.Sites.Deducted[0].Deductions; strings.Join(got, "|") != "个别栏目更新不及时|部分链接无法打开" {
		t.Errorf("deductions %q", got)
	}
	readme, err := os.ReadFile("../../templates/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range []Example{
		{"{{range .Sites.Deducted}}{{.Name}}：{{join .Deductions}}{{end}}", "揭阳市审计局网站：个别栏目更新不及时、部分链接无法打开"},
		{"{{len .Sites.Deducted}}", "1"},
	} {
		tmpl, err := template.New("x").Funcs(Funcs()).Option("missingkey=error").Parse(ex.Template)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tmpl.Execute(&b, d); err != nil {
			t.Fatal(err)
		}
		if b.String() != ex.Want {
			t.Errorf("%s = %q, want %q", ex.Template, b.String(), ex.Want)
		}
		if !strings.Contains(string(readme), "`"+ex.Template+"` 得到“"+ex.Want+"”") {
			t.Errorf("templates/README.md does not document %s → %s", ex.Template, ex.Want)
		}
	}
	// The default 主要问题 mentions them in a paragraph of their own.
	s, err := LoadSet(templates.FS, "templates")
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	out, err := s.Compose(d, Letterhead{Mark: []string{"揭阳市政务服务数据管理局"}})
	if err != nil {
		t.Fatal(circular.ErrorMessage(err))
	}
	var body strings.Builder
	for _, b := range out.Body {
		body.WriteString(b.(*doc.Paragraph).Text() + "\n")
	}
	text := body.String()
	for _, want := range []string{"此外，揭阳市审计局网站个别栏目更新不及时、部分链接无法打开，被扣分", "此外，微信“揭阳发布”留言区存在商业广告，被扣分"} {
		if !strings.Contains(text, want) {
			t.Errorf("circular lacks %q:\n%s", want, text)
		}
	}
}
