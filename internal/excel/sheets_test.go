package excel

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSheetsByHeader: sheets whose names are not known are read by their
// header row (or, for 检查轮次, its items), and the result says so.
func TestSheetsByHeader(t *testing.T) {
	site := siteRow("4452000001", "是")
	account := []any{"微信", "揭阳发布", "揭阳市人民政府新闻办公室"}
	for _, c := range []struct {
		name   string
		sheets []sheet
		want   []string // rr.Sheets as strings
	}{
		{"Sheet1 and Sheet2", []sheet{roundSheet(), {"Sheet1", sitesSheet(site).rows}, {"Sheet2", accountsSheet(account).rows}},
			[]string{"工作表「检查轮次」读作「检查轮次」", "工作表「Sheet1」按表头读作「政府网站」（1 行）", "工作表「Sheet2」按表头读作「政务新媒体」（1 行）"}},
		{"门户网站", []sheet{roundSheet(), {"门户网站", sitesSheet(site).rows}, accountsSheet()},
			[]string{"工作表「检查轮次」读作「检查轮次」", "工作表「门户网站」按表头读作「政府网站」（1 行）", "工作表「政务新媒体」读作「政务新媒体」（没有数据行，本轮未检查）"}},
		{"政府网站检查 with a title row", []sheet{roundSheet(), {"政府网站检查", append([][]any{{"2019年第一季度政府网站检查结果"}}, sitesSheet(site).rows...)}, accountsSheet(account)},
			[]string{"工作表「检查轮次」读作「检查轮次」", "工作表「政府网站检查」按表头读作「政府网站」（1 行）", "工作表「政务新媒体」读作「政务新媒体」（1 行）"}},
		{"traditional names", []sheet{{"基本資料", roundSheet().rows}, {"網站", sitesSheet(site).rows}, {"新媒體", accountsSheet(account).rows}},
			[]string{"工作表「基本資料」按表头读作「检查轮次」", "工作表「網站」读作「政府网站」（1 行）", "工作表「新媒體」读作「政务新媒体」（1 行）"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rr := mustRead(t, buildRaw(t, c.sheets, nil))
			var got []string
			for _, s := range rr.Sheets {
				got = append(got, s.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("sheets\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if len(rr.Sites) != 1 || rr.Round.Year != 2019 {
				t.Errorf("sites %d, round %+v", len(rr.Sites), rr.Round)
			}
			for _, s := range rr.Sheets {
				if s.ByHeader && !strings.Contains(strings.Join(rr.Notes, "\n"), s.String()) {
					t.Errorf("notes %v lack %s", rr.Notes, s)
				}
			}
		})
	}
}

// TestSheetsNotFound: a kind no sheet can be read as is refused, naming
// every sheet and what it lacked; so is a kind two sheets could be.
func TestSheetsNotFound(t *testing.T) {
	site := siteRow("4452000001", "是")
	for _, c := range []struct {
		name   string
		sheets []sheet
		want   []string
	}{
		{"a sites sheet with a wrong header", []sheet{roundSheet(), {"Sheet1", [][]any{{"标识", "名称", "主办单位"}, {"4452000001", "网站", "单位"}}}, accountsSheet()},
			[]string{"找不到「政府网站」工作表（工作簿中的工作表：「检查轮次」已读作「检查轮次」；「Sheet1」的前 5 行中没有「政府网站」表的表头（缺少「网站标识码」列）；「政务新媒体」已读作「政务新媒体」）"}},
		{"no round sheet", []sheet{{"Sheet3", [][]any{{"说明"}}}, sitesSheet(site), accountsSheet()},
			[]string{"找不到「检查轮次」工作表（工作簿中的工作表：「Sheet3」没有「年度」「季度」（或「轮次名称」）等项目；"}},
		{"two candidates", []sheet{roundSheet(), {"Sheet1", sitesSheet(site).rows}, {"Sheet2", sitesSheet(site).rows}, accountsSheet()},
			[]string{"工作表「Sheet1」「Sheet2」的内容都像「政府网站」表"}},
		{"an empty unknown sheet", []sheet{roundSheet(), {"Sheet1", nil}, accountsSheet([]any{"微信", "揭阳发布", "新闻办"})},
			[]string{"找不到「政府网站」工作表", "「Sheet1」是空的"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := readErr(t, buildRaw(t, c.sheets, nil))
			for _, w := range c.want {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("error lacks %q:\n%s", w, e)
				}
			}
		})
	}
}

// TestHiddenRowsAndColumns: hidden rows and columns are read, and the result
// names them.
func TestHiddenRowsAndColumns(t *testing.T) {
	var rows [][]any
	for i := 1; i <= 15; i++ {
		rows = append(rows, siteRow("44520000"+twoDigits(i), "是"))
	}
	path := build(t, []sheet{roundSheet(), sitesSheet(rows...)}, func(f *excelize.File) {
		for _, r := range []int{12, 13, 14, 16} {
			if err := f.SetRowVisible(SheetSites, r, false); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetColVisible(SheetSites, "C:D", false); err != nil {
			t.Fatal(err)
		}
	})
	rr := mustRead(t, path)
	if len(rr.Sites) != 15 {
		t.Errorf("%d sites, want 15", len(rr.Sites))
	}
	notes := strings.Join(rr.Notes, "\n")
	for _, w := range []string{"工作表「政府网站」第 12–14、16 行是隐藏行，已一并导入", "工作表「政府网站」的 C 列（主办单位）、D 列（地区）是隐藏列，已一并导入"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

func twoDigits(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
