package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/app"
)

// TestWhoDidIt: in network mode the register and the template history name
// the signed-in account that issued, voided, deleted a round or saved a
// template; in loopback mode, the person at this machine.
func TestWhoDidIt(t *testing.T) {
	n := newNetEnv(t, false)
	n.importSamples()
	clerk, editor := n.signIn("张三"), n.signIn("李四")

	if w := n.req(http.MethodPost, "/issue/2019Q1", issueForm("23"), clerk); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", w.Code, text(w.Body.String()))
	}
	page := "/circulars/" + url.PathEscape(number23)
	expect(t, n.req(http.MethodGet, page, nil, clerk), http.StatusOK, "（张三 印发）")
	if w := n.req(http.MethodPost, "/circulars/void", url.Values{"number": {number23}, "reason": {"内容有误"}}, clerk); w.Code != http.StatusSeeOther {
		t.Fatalf("void: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, n.req(http.MethodGet, page, nil, clerk), http.StatusOK, "经办：张三")
	if w := n.req(http.MethodPost, "/rounds/2018Q4/delete", url.Values{"confirm": {"1"}}, clerk); w.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d", w.Code)
	}
	db, err := n.app.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := db.RoundEvents(context.Background(), "2018Q4")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Action != "import" || evs[1].Action != "delete" || evs[1].Actor != "张三" || evs[0].Actor != app.LocalActor() {
		t.Errorf("round history: %+v", evs)
	}
	reg, err := db.Events(context.Background(), n.app.Config.Issuer.Code, 2019)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg) != 1 || reg[0].Actor != "张三" {
		t.Errorf("register history: %+v", reg)
	}

	name := "标题.tmpl"
	b, err := os.ReadFile(filepath.Join(n.dir, "templates", name))
	if err != nil {
		t.Fatal(err)
	}
	f := url.Values{"text": {string(b) + "\n"}, "round": {"2019Q1"}, "date": {"2019-04-12"}}
	if w := n.req(http.MethodPost, "/templates/"+url.PathEscape(name), f, editor); w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, text(w.Body.String()))
	}
	body := expect(t, n.req(http.MethodGet, "/templates/"+url.PathEscape(name), nil, editor), http.StatusOK, " · 李四")
	if strings.Count(body, " · 李四") != 1 {
		t.Errorf("the version kept from before names someone:\n%s", text(body))
	}

	// The activity log lists all of it, newest first, with the accounts'
	// names; the import the test did through the app names this machine's user.
	log := strings.Join(strings.Fields(text(expect(t, n.req(http.MethodGet, "/activity", nil, editor), http.StatusOK, "操作记录"))), " ")
	order := []string{"保存模板 标题.tmpl", "删除轮次 2018Q4", "作废编号 " + number23 + " 内容有误", "编号印发 " + number23}
	at := 0
	for _, s := range order {
		i := strings.Index(log[at:], s)
		if i < 0 {
			t.Fatalf("activity log lacks %q after the previous entry:\n%s", s, log)
		}
		at += i
	}
	for _, who := range []string{"李四 保存模板", "张三 删除轮次", "张三 作废编号", "张三 编号印发", app.LocalActor() + " 导入轮次"} {
		if !strings.Contains(log, who) {
			t.Errorf("activity log lacks %q:\n%s", who, log)
		}
	}

	// Loopback mode: the person at this machine.
	e := newEnv(t)
	e.importSamples()
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d", w.Code)
	}
	expect(t, e.get(page), http.StatusOK, "（"+app.LocalActor()+" 印发）")
}
