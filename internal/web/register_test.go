package web

import (
	"net/http"
	"net/url"
	"testing"
)

// TestDeleteRound: the round page's 删除 needs its checkbox, deletes a round
// without a circular and refuses one with a circular.
func TestDeleteRound(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	expect(t, e.get("/rounds/2018Q4"), http.StatusOK, `action="/rounds/2018Q4/delete"`, "确认删除这一轮次的全部检查结果")
	expect(t, e.post("/rounds/2018Q4/delete", url.Values{}), http.StatusUnprocessableEntity, "请先勾选")
	w := e.post("/rounds/2018Q4/delete", url.Values{"confirm": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get(w.Header().Get("Location")), http.StatusOK, "已删除轮次 2018Q4")
	expect(t, e.get("/rounds/2018Q4"), http.StatusNotFound, "没有轮次")
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get("/rounds/2019Q1"), http.StatusOK, "已经印发过通报，不能删除")
	expect(t, e.post("/rounds/2019Q1/delete", url.Values{"confirm": {"1"}}), http.StatusConflict, "已经印发为 "+number23+"，不能删除")
}

// TestReplaceIssued: replacing the data of an issued round names its
// number and needs the second checkbox.
func TestReplaceIssued(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", w.Code, text(w.Body.String()))
	}
	files := map[string][]byte{"2019Q1.xlsx": sample(t, "2019Q1.xlsx")}
	expect(t, e.upload(files, e.withCSRF(url.Values{"replace": {"1"}})), http.StatusConflict, "轮次 2019Q1 已经印发为 "+number23, "确认替换已印发轮次的数据")
	w := e.upload(files, e.withCSRF(url.Values{"replace": {"1"}, "replace_issued": {"1"}}))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("replace issued, confirmed: %d %s", w.Code, text(w.Body.String()))
	}
}

// TestIssueDateWarning: a 成文日期 earlier than the previous number's is
// shown on the issue page and needs the 成文日期无误 box.
func TestIssueDateWarning(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	if w := e.post("/issue/2019Q1", issueForm("23")); w.Code != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", w.Code, text(w.Body.String()))
	}
	expect(t, e.get("/issue/2018Q4?date=2019-04-01"), http.StatusOK, "早于前一个编号 "+number23, `name="force"`)
	f := issueForm("24")
	f.Set("date", "2019-04-01")
	f.Set("previewed", "2019-04-01")
	expect(t, e.post("/issue/2018Q4", f), http.StatusConflict, "早于前一个编号", `name="serial" value="24"`)
	f.Set("force", "1")
	if w := e.post("/issue/2018Q4", f); w.Code != http.StatusSeeOther {
		t.Fatalf("issue with force: %d %s", w.Code, text(w.Body.String()))
	}
}
