package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tongbao/internal/app"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

// importProvince stores a generated province round (about 3,600 accounts,
// full coverage) and returns its key.
func (e *env) importProvince() string {
	e.t.Helper()
	rs := samplegen.GenerateRounds(samplegen.Options{Scale: samplegen.Province, Seed: 7, Rounds: 1, Full: true})
	var buf bytes.Buffer
	if err := excel.WriteRound(&buf, rs[0]); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.app.Import(context.Background(), []app.Workbook{{Name: "省.xlsx", Data: buf.Bytes()}}, false, false); err != nil {
		e.t.Fatal(err)
	}
	return rs[0].Round.Key()
}

// rows counts the data rows of the tables in a body section.
func rows(t *testing.T, body, section string) int {
	t.Helper()
	i := strings.Index(body, `<section id="`+section+`">`)
	if i < 0 {
		t.Fatalf("no section %s", section)
	}
	s := body[i:]
	if j := strings.Index(s, "</section>"); j >= 0 {
		s = s[:j]
	}
	return strings.Count(s, "<tr><td class=\"num\">")
}

func TestSettingsPage(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	cfg := filepath.Join(e.dir, "config.toml")
	before, _ := os.ReadFile(cfg)
	body := expect(t, e.get("/settings"), http.StatusOK, "设置", "揭政数局函", `name="issuer.code"`, "circular.rates", "还没有在工作台保存过设置")
	base := regexp.MustCompile(`name="base" value="([0-9a-f]{64})"`).FindStringSubmatch(body)
	if base == nil {
		t.Fatal("no base in the form")
	}

	// A bad value: 422, the key and line named, the form as typed, the file untouched.
	w := e.post("/settings", url.Values{"base": {base[1]}, "issuer.code": {"揭数函"}, "circular.deadline_days": {"400"}})
	expect(t, w, http.StatusUnprocessableEntity, "没有保存", "circular.deadline_days", "0 到 365", `value="400"`, `value="揭数函"`)
	if after, _ := os.ReadFile(cfg); !bytes.Equal(after, before) {
		t.Fatal("a refused save changed config.toml")
	}

	// A good save: in place, comments kept; the draft follows.
	w = e.post("/settings", url.Values{"base": {base[1]}, "issuer.code": {"揭数函"}, "contact.phone": {"0663-1111111"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", w.Code, text(w.Body.String()))
	}
	after, _ := os.ReadFile(cfg)
	if !strings.Contains(string(after), `code = "揭数函"                       # 机关代字：文号形如 揭政数局函〔2019〕23号`) ||
		!strings.Contains(string(after), "# tongbao 配置文件。相对路径以本文件所在文件夹为准。") {
		t.Errorf("config after save:\n%s", after)
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已保存：机关代字、联系电话", "撤销上一次保存", "正在使用")
	if got := e.h.cur().Config.Issuer.Code; got != "揭数函" {
		t.Errorf("workbench still uses code %q", got)
	}
	w = e.get("/rounds/2019Q1/draft.pdf?date=2019-04-12")
	if w.Code != http.StatusOK {
		t.Fatalf("draft: %d", w.Code)
	}
	pdf := filepath.Join(e.dir, "draft.pdf")
	os.WriteFile(pdf, w.Body.Bytes(), 0o644)
	if txt := pdfFileText(t, pdf); !strings.Contains(txt, "揭数函〔2019〕") || !strings.Contains(txt, "0663-1111111") {
		t.Errorf("the draft does not show the new settings:\n%s", txt)
	}

	// A stale form (the file changed since it was loaded) is refused.
	expect(t, e.post("/settings", url.Values{"base": {base[1]}, "issuer.code": {"揭政数局函"}}), http.StatusConflict, "被修改过")

	// Undo brings the first text back, byte for byte.
	vs, err := e.h.cur().SettingsHistory()
	if err != nil || len(vs) != 2 {
		t.Fatalf("history %v %v", vs, err)
	}
	expect(t, e.get("/settings/versions/"+vs[1].ID), http.StatusOK, `code = &#34;揭政数局函&#34;`, "恢复此版本")
	w = e.post("/settings/restore", url.Values{"version": {vs[1].ID}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d\n%s", w.Code, text(w.Body.String()))
	}
	if restored, _ := os.ReadFile(cfg); !bytes.Equal(restored, before) {
		t.Error("undo did not restore config.toml")
	}
	if got := e.h.cur().Config.Issuer.Code; got != "揭政数局函" {
		t.Errorf("after undo the workbench uses code %q", got)
	}
	expect(t, e.post("/settings/restore", url.Values{"version": {"../../etc"}}), http.StatusUnprocessableEntity, "格式不对")

	// A config broken outside the workbench: the page says so and offers
	// the history, and a good version restores.
	os.WriteFile(cfg, append(append([]byte{}, before...), "\n[circular]\nrates = 1\n"...), 0o644)
	body = expect(t, e.get("/settings"), http.StatusOK, "无法读取", "恢复此版本")
	if strings.Contains(body, `id="settings-form"`) {
		t.Error("a form for a broken config")
	}
	expect(t, e.post("/settings/restore", url.Values{"version": {vs[1].ID}}), http.StatusSeeOther)
	if restored, _ := os.ReadFile(cfg); !bytes.Equal(restored, before) {
		t.Error("restore of a broken config failed")
	}
	expect(t, e.get("/settings/restore"), http.StatusMethodNotAllowed)
}

func TestRoundListsFilterSortPage(t *testing.T) {
	e := newEnv(t)
	key := e.importProvince()
	_, data, err := e.app.RoundFigures(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	nFail := len(data.Accounts.Failing)
	nChecked := len(data.Accounts.Checked)
	if nChecked < 3000 || nFail <= pageRows {
		t.Fatalf("province round: %d accounts checked, %d failing", nChecked, nFail)
	}
	base := "/rounds/" + url.PathEscape(key)
	body := expect(t, e.get(base), http.StatusOK, "第 1–100 条，共 "+strconv.Itoa(nFail)+" 条", "下一页")
	if n := rows(t, body, "accounts"); n != pageRows {
		t.Errorf("first page shows %d accounts", n)
	}
	// All checked accounts, last page.
	pages := (nChecked + pageRows - 1) / pageRows
	body = expect(t, e.get(base+"?averdict=全部&apage="+strconv.Itoa(pages)), http.StatusOK,
		"第 "+strconv.Itoa(pages)+" / "+strconv.Itoa(pages)+" 页", "上一页")
	if n := rows(t, body, "accounts"); n != nChecked-(pages-1)*pageRows {
		t.Errorf("last page shows %d accounts", n)
	}
	// Region and platform filters, and the site list keeps its own filter.
	it := data.Accounts.Failing[0]
	want := 0
	for _, x := range data.Accounts.Failing {
		if x.Region == it.Region && x.Platform == it.Platform {
			want++
		}
	}
	q := url.Values{"aregion": {it.Region}, "aplatform": {it.Platform}, "sq": {"不存在的名称"}}
	body = expect(t, e.get(base+"?"+q.Encode()), http.StatusOK, "符合条件的 "+strconv.Itoa(want)+" 条", "没有符合条件的网站",
		`<input type="hidden" name="sq" value="不存在的名称">`)
	if n := rows(t, body, "accounts"); n != min(want, pageRows) {
		t.Errorf("filtered list shows %d, want %d", n, want)
	}
	// Search by name finds the account.
	body = expect(t, e.get(base+"?aq="+url.QueryEscape(it.Name)), http.StatusOK, it.Name)
	if n := rows(t, body, "accounts"); n < 1 {
		t.Error("search found nothing")
	}
	// Problem filter: every row shown has that problem.
	if len(it.Vetoes) > 0 {
		body = expect(t, e.get(base+"?aproblem="+url.QueryEscape(it.Vetoes[0])), http.StatusOK)
		if n := rows(t, body, "accounts"); n < 1 {
			t.Error("problem filter found nothing")
		}
	}
	// Sorted by name: the first row is the smallest name.
	smallest := data.Accounts.Failing[0].Name
	for _, x := range data.Accounts.Failing {
		smallest = min(smallest, x.Name)
	}
	body = expect(t, e.get(base+"?asort=name"), http.StatusOK)
	sec := body[strings.Index(body, `<section id="accounts">`):]
	if first := regexp.MustCompile(`<tr><td class="num">\d+</td><td>([^<]*)</td>`).FindStringSubmatch(sec); first == nil || first[1] != htmlEscaped(smallest) {
		t.Errorf("sorted by name, first row %v, want %s", first, smallest)
	}
	// The print view: figures only.
	body = expect(t, e.get(base+"/print"), http.StatusOK, "检查数字", "政务新媒体", "合格率")
	if strings.Contains(body, "<section id=\"accounts\">") {
		t.Error("the print view lists accounts")
	}
}

// htmlEscaped is how html/template writes s in a cell.
func htmlEscaped(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

func TestRegisterFilters(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	for _, n := range []string{"2019-23", "2019-24", "2019-25"} {
		expect(t, e.post("/circulars/void", url.Values{"number": {n}, "reason": {"测试作废" + n}}), http.StatusSeeOther)
	}
	expect(t, e.post("/circulars/void", url.Values{"number": {"2019-26"}, "reason": {"手工发文"}, "external": {"1"}}), http.StatusSeeOther)
	body := expect(t, e.get("/circulars"), http.StatusOK, "共 4 条", `name="q"`)
	if strings.Count(body, `<tr class="void">`) != 4 {
		t.Errorf("register lists %d", strings.Count(body, `<tr class="void">`))
	}
	body = expect(t, e.get("/circulars?status=external"), http.StatusOK, "符合条件的 1 条（共 4 条）", "手工发文")
	if strings.Contains(body, "测试作废") {
		t.Error("status filter kept void numbers")
	}
	body = expect(t, e.get("/circulars?q=2019-24"), http.StatusOK)
	if !strings.Contains(body, "测试作废2019-24") || strings.Contains(body, "测试作废2019-23") {
		t.Errorf("search by reason: %s", text(body))
	}
	expect(t, e.get("/circulars?year=2018"), http.StatusOK, "没有符合条件的登记")
}

func TestTrendsPage(t *testing.T) {
	e := newEnv(t)
	expect(t, e.get("/trends"), http.StatusOK, "还没有导入检查结果")
	e.importSamples()
	body := expect(t, e.get("/trends"), http.StatusOK, "<svg", "政府网站合格率", "2018年第四季度", "2019年第一季度", "98.2%",
		"2019年第一季度各地区合格率", "榕城区", `role="img"`)
	// Every point and bar carries its value as text.
	if n := strings.Count(body, `class="value"`); n < 6 {
		t.Errorf("%d values written in the charts", n)
	}
	// By region for another round.
	expect(t, e.get("/trends?round=2018Q4"), http.StatusOK, "2018年第四季度各地区合格率")
	// Ordered by period.
	if strings.Index(body, ">2018年第四季度<") > strings.Index(body, ">2019年第一季度<") {
		t.Error("rounds not in period order")
	}
}

func TestHelpPageAndNav(t *testing.T) {
	e := newEnv(t)
	body := expect(t, e.get("/help"), http.StatusOK, "使用说明", "上传工作簿", "编号印发", "印发登记", "正在印发，请稍候")
	for _, href := range []string{`href="/help"`, `href="/settings"`, `href="/trends"`} {
		if !strings.Contains(body, href) {
			t.Errorf("nav lacks %s", href)
		}
	}
	e.importSamples()
	body = expect(t, e.get("/issue/2019Q1?date=2019-04-12"), http.StatusOK, "正在印发，请稍候…", "data-busy", "/static/editor.js")
	_ = body
	expect(t, e.get("/templates/总体情况.tmpl"), http.StatusOK, "data-guard")
	js := expect(t, e.get("/static/editor.js"), http.StatusOK, "beforeunload", "is-busy")
	_ = js
}

func TestDeleteRoundRefusedWhenIssued(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/rounds/2018Q4"), http.StatusOK, "删除 2018Q4", `name="confirm"`)
	// Without the confirmation: refused, nothing deleted.
	expect(t, e.post("/rounds/2018Q4/delete", nil), http.StatusUnprocessableEntity, "确认删除")
	expect(t, e.get("/rounds/2018Q4"), http.StatusOK)
	w := e.post("/issue/2019Q1", url.Values{"date": {"2019-04-12"}, "previewed": {"2019-04-12"}, "serial": {"23"}, "confirm": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d\n%s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get("/rounds/2019Q1"), http.StatusOK, "已经印发过通报，不能删除")
	expect(t, e.post("/rounds/2019Q1/delete", url.Values{"confirm": {"1"}}), http.StatusConflict, "已经印发为", "不能删除")
	w = e.post("/rounds/2018Q4/delete", url.Values{"confirm": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d\n%s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get("/rounds/2018Q4"), http.StatusNotFound)
}
