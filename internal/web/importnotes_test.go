package web

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

// TestImportNotesAndClerkText: a workbook whose 政府网站 sheet is called Sheet1
// and has hidden rows imports; the round page says which sheet was read as
// what and which hidden rows were read, and prints the names and problems
// with the full-width punctuation the clerk typed.
func TestImportNotesAndClerkText(t *testing.T) {
	e := newEnv(t)
	rr := samplegen.Jieyang2019Q1()
	var site *circular.SiteResult
	for i := range rr.Sites {
		if rr.Sites[i].Failing() {
			site = &rr.Sites[i]
			break
		}
	}
	site.Name = "揭阳大南海石化工业区（管委会）网站"
	site.Unit = "揭阳大南海石化工业区管理委员会（管委会）"
	site.Problem = "未提供有效互动功能；监测时间点2周内未更新，内容不全：图片缺失！"
	var buf bytes.Buffer
	if err := excel.WriteRound(&buf, rr); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName("政府网站", "Sheet1"); err != nil {
		t.Fatal(err)
	}
	for r := 12; r <= 14; r++ {
		if err := f.SetRowVisible("Sheet1", r, false); err != nil {
			t.Fatal(err)
		}
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	w := e.upload(map[string][]byte{"2019Q1.xlsx": buf.Bytes()}, e.withCSRF(nil))
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/rounds/2019Q1?") {
		t.Fatalf("upload: %d %s\n%s", w.Code, loc, text(w.Body.String()))
	}
	body := expect(t, e.get(loc), http.StatusOK, "已导入 2019年第一季度的检查结果",
		"工作表「Sheet1」按表头读作「政府网站」（", "工作表「Sheet1」第 12–14 行是隐藏行，已一并导入",
		"揭阳大南海石化工业区（管委会）网站", "未提供有效互动功能；监测时间点2周内未更新，内容不全：图片缺失！")
	if strings.Contains(body, "(管委会)") {
		t.Error("the round page folds the clerk's full-width brackets")
	}
}
