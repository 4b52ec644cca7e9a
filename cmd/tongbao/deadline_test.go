package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tongbao/internal/sqlite"
)

// TestDeadlineSaturday: 2019-04-12 plus 8 days is Saturday 20 April. The
// default rule moves it to Monday 22 April, 不顺延 keeps the Saturday, and
// -deadline gives a date outright on draft and issue; the deadline issued
// with is recorded with the number and listed.
func TestDeadlineSaturday(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	cfg, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	setWeekend := func(value string) {
		t.Helper()
		text := replaceLine(string(cfg), "deadline_weekend = ", value)
		if err := os.WriteFile(e.cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	draft := func(args ...string) string {
		t.Helper()
		out := filepath.Join(e.dir, "draft.pdf")
		e.must(append(append([]string{"draft", "-date", "2019-04-12", "-o", out}, args...), "2019Q1")...)
		return strings.Join(strings.Fields(pdfText(t, out)), "")
	}
	for _, c := range []struct {
		name, weekend string
		args          []string
		want          string
	}{
		{"default", "# deadline_weekend not given", nil, "于2019年4月22日前"},
		{"move", `deadline_weekend = "顺延到周一"`, nil, "于2019年4月22日前"},
		{"keep", `deadline_weekend = "不顺延"`, nil, "于2019年4月20日前"},
		{"given, move", `deadline_weekend = "顺延到周一"`, []string{"-deadline", "2019-04-20"}, "于2019年4月20日前"},
		{"given, later", `deadline_weekend = "不顺延"`, []string{"-deadline", "2019年4月30日"}, "于2019年4月30日前"},
	} {
		setWeekend(c.weekend)
		if text := draft(c.args...); !strings.Contains(text, c.want) {
			t.Errorf("%s: draft lacks %q", c.name, c.want)
		}
	}
	setWeekend(`deadline_weekend = "顺延到周一"`)
	if _, errOut, code := e.run("draft", "-date", "2019-04-12", "-deadline", "2019-04-11", "2019Q1"); code == 0 || !strings.Contains(errOut, "早于成文日期") {
		t.Errorf("a deadline before the date: exit %d, %s", code, errOut)
	}
	if _, errOut, code := e.run("draft", "-deadline", "4月20日", "2019Q1"); code == 0 || !strings.Contains(errOut, "格式不对") {
		t.Errorf("a bad -deadline: exit %d, %s", code, errOut)
	}

	e.must("issue", "-yes", "-again", "-date", "2019-04-12", "-deadline", "2019-04-20", "2019Q1")
	e.must("issue", "-yes", "-again", "-date", "2019-04-12", "2019Q1")
	db, err := sqlite.Open(filepath.Join(e.dir, "tongbao.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for serial, want := range map[int]string{23: "2019-04-20", 24: "2019-04-22"} {
		c, err := db.Circular(context.Background(), "揭政数局函", 2019, serial)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Deadline.Format("2006-01-02"); got != want {
			t.Errorf("%s recorded deadline %s, want %s", c.Number, got, want)
		}
		path := filepath.Join(e.dir, "out", c.Number+" "+c.Title+".pdf")
		if text := strings.Join(strings.Fields(pdfText(t, path)), ""); !strings.Contains(text, "于"+strings.Replace(strings.Replace(want, "2019-04-", "2019年4月", 1), "-", "", 1)+"日前") {
			t.Errorf("%s: PDF lacks the deadline %s", c.Number, want)
		}
	}
	if list := e.must("list"); !strings.Contains(list, "2019年4月20日") || !strings.Contains(list, "2019年4月22日") {
		t.Errorf("list lacks the deadlines:\n%s", list)
	}
}
