package excel

import (
	"strings"
	"testing"
	"time"

	"tongbao/internal/circular"
)

func TestParseDate(t *testing.T) {
	want := time.Date(2019, 2, 21, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2019-02-21", "2019-2-21", "2019/2/21", "2019.2.21", "2019年2月21日", "2019 年 2 月 21 日",
		"２０１９年２月２１日", "20190221", "43517", "43517.75", "2019-02-21T00:00:00Z", "2019-02-21 00:00:00"} {
		if got, msg := parseDate(s); msg != "" || !got.Equal(want) {
			t.Errorf("%q: %v %s", s, got, msg)
		}
	}
	for s, frag := range map[string]string{"2019-02-30": "不是有效的日期", "明天": "不是日期", "1900-01-05": "年份 1900 不合理", "5": "不合理"} {
		if _, msg := parseDate(s); !strings.Contains(msg, frag) {
			t.Errorf("%q: %q lacks %q", s, msg, frag)
		}
	}
	if got, msg := parseDate(" "); !got.IsZero() || msg != "" {
		t.Errorf("empty: %v %s", got, msg)
	}
}

func TestParseValues(t *testing.T) {
	for s, want := range map[string]int{"5": 5, "５": 5, " 12 ": 12, "7个": 7, "3.0": 3, "": circular.NA, "-": circular.NA, "无": 0, "1,200": 1200} {
		if got, msg := parseCount(s); got != want || msg != "" {
			t.Errorf("count %q = %d %s, want %d", s, got, msg, want)
		}
	}
	for _, s := range []string{"-1", "2.5", "五", "1e9"} {
		if _, msg := parseCount(s); msg == "" {
			t.Errorf("count %q accepted", s)
		}
	}
	for s, want := range map[string]float64{"20": 20, "20%": 20, "0.2": 20, "２０％": 20, "33.5": 33.5} {
		if got, msg := parseShare(s); got != want || msg != "" {
			t.Errorf("share %q = %v %s", s, got, msg)
		}
	}
	for s, want := range map[string]int{"1": 1, "第一季度": 1, "二季度": 2, "Q3": 3, "4季度": 4, "2019年第四季度": 4, "": 0} {
		if got, msg := parseQuarter(s); got != want || msg != "" {
			t.Errorf("quarter %q = %d %s", s, got, msg)
		}
	}
	for s, want := range map[string]string{"4452000024": "4452000024", "４４５２００００２４": "4452000024", "4.452000024E+9": "4452000024",
		"BM55000001": "bm55000001", "'4452000024": "4452000024", " 4452 000024 ": "4452000024"} {
		if got := normalizeCode(s); got != want {
			t.Errorf("code %q = %q", s, got)
		}
	}
	for s, want := range map[string]string{"网站标识码（10位）": "网站标识码", "*网站名称": "网站名称", "网站 名称(必填)": "网站名称", "扣分【0-100】": "扣分"} {
		if got := matchKey(s); got != want {
			t.Errorf("matchKey %q = %q", s, got)
		}
	}
}

// FuzzParseRow feeds arbitrary cell texts to the row and value parsers:
// whatever a clerk types, they report problems and never panic.
//
//	go test -fuzz=FuzzParseRow -fuzzminimizetime=5s ./internal/excel
//
// (the default minimisation time of 60 s shows as pauses at 0 execs/sec).
func FuzzParseRow(f *testing.F) {
	f.Add("4452000024", "网站", "合格", "栏目不更新、互动回应差", "5", "12.5", "2019年2月21日", "是")
	f.Add("bm55000001", "", "不合格", "页面太丑", "-3", "101", "2019-02-30", "否")
	f.Add("４４５２", "揭阳 发布\n", "", "", "１５天", "", "43517", "")
	f.Add("'4.4E+9", "\u200b", "存在突出问题", ",,;;、", "1e400", "NaN", "9999999999", "关停")
	f.Fuzz(func(t *testing.T, code, name, verdict, vetoes, count, score, date, flag string) {
		cells := map[field]string{fCode: code, fName: name, fUnit: name, fCategory: name, fPlatform: name, fStatus: flag,
			fChecked: flag, fVerdict: verdict, fVetoes: vetoes, fBlank: count, fStale: count, fLinks: score, fDays: count,
			fDeduction: score, fProblem: name, fNote: date}
		get := func(fl field) string { return cells[fl] }
		s, iss := parseSiteRow(get)
		a, iss2 := parseAccountRow(get, circular.DefaultPlatforms())
		for _, is := range append(iss, iss2...) {
			if is.text == "" || is.field < 0 || is.field >= numFields {
				t.Fatalf("bad issue %+v", is)
			}
		}
		if len(iss) == 0 && (s.Code == "" || s.Name == "" || circular.ValidSiteCode(s.Code) != "") {
			t.Fatalf("accepted site %+v", s)
		}
		if len(iss2) == 0 && (a.Platform == "" || a.Name == "") {
			t.Fatalf("accepted account %+v", a)
		}
		for _, r := range []circular.Result{s.Result, a.Result} {
			if len(iss)+len(iss2) == 0 && r.Checked && r.Verdict == circular.VerdictNone {
				t.Fatalf("a checked result without a verdict: %+v", r)
			}
		}
		parseDate(date)
		parseShare(score)
		parseYear(count)
		parseQuarter(code)
		parseScore(score)
		matchKey(name)
	})
}
