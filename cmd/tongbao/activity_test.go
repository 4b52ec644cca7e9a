package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/app"
	"tongbao/internal/web"
)

// TestCommandLineInActivityLog runs the state-changing commands and reads
// the workbench's 操作记录 page: each command is there, newest first, done by
// 「命令行：<system user>」.
func TestCommandLineInActivityLog(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	e.must("import", "-replace", "../../samples/2018Q4.xlsx")
	e.must("issue", "-yes", "-date", "2019-04-12", "2019Q1")
	e.must("void", "-reason", "测试作废", "2019-23")
	e.must("unvoid", "-reason", "误作废", "2019-23")
	e.must("void", "-external", "-reason", "手工发文", "2019-24")
	e.must("reprint", "-o", filepath.Join(e.dir, "重印.pdf"), "2019-23")
	e.must("archive", "-dir", filepath.Join(e.dir, "归档"), "2019-23")
	e.must("rounds", "-delete", "2018Q4")
	e.must("templates", filepath.Join(e.dir, "新模板"))
	if _, errOut, code := e.users("长一点的密码很好1\n", "add", "张三", "-role", "文秘", "-password-stdin"); code != 0 {
		t.Fatalf("users add: %s", errOut)
	}
	e.users("", "role", "张三", "-role", "编辑")
	e.users("", "disable", "张三")

	x, err := app.Load(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, err := web.New(x, web.Options{LocalOnly: true, Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/activity", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("activity page: %d\n%s", w.Code, body)
	}
	who := "命令行：" + app.LocalActor()
	want := []string{"停用账号", "调整角色", "添加账号", "写出默认模板", "删除轮次", "输出归档包", "重新输出通报",
		"登记在别处使用的编号", "撤销作废", "作废编号", "编号印发", "替换轮次数据", "导入轮次", "导入轮次"}
	rows := strings.Split(body, "<tr>")[2:] // after the head's
	if len(rows) != len(want) {
		t.Fatalf("%d entries, want %d:\n%s", len(rows), len(want), body)
	}
	for i, name := range want {
		if !strings.Contains(rows[i], "<td>"+name+"</td>") || !strings.Contains(rows[i], "<td>"+who+"</td>") {
			t.Errorf("entry %d is not %s by %s:\n%s", i+1, name, who, rows[i])
		}
	}
	for _, s := range []string{"测试作废", "手工发文", "揭政数局函〔2019〕23号", "张三", "2019年第一季度", "重印.pdf"} {
		if !strings.Contains(body, s) {
			t.Errorf("the log does not show %q", s)
		}
	}
	// The register names the command line the same way.
	if list := e.must("list"); !strings.Contains(list, who) {
		t.Errorf("list does not name %s:\n%s", who, list)
	}
}
