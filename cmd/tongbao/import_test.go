package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportRounds is the foundation's acceptance: importing the samples and
// listing the rounds shows 2019 Q1 with 54 checked, 1 failing, 98.2%.
func TestImportRounds(t *testing.T) {
	e := newEnv(t)
	out := e.must("import", "-replace", "../../samples/2018Q4.xlsx", "../../samples/2019Q1.xlsx")
	if !strings.Contains(out, "已导入 2019Q1") || !strings.Contains(out, "检查 54 个、不合格 1 个") {
		t.Errorf("import said:\n%s", out)
	}
	out = e.must("rounds")
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "2019Q1") {
			line = l
		}
	}
	f := strings.Fields(line)
	if len(f) < 8 || f[1] != "2019年第一季度" || f[4] != "54" || f[5] != "54" || f[6] != "1" || f[7] != "98.2%" {
		t.Errorf("rounds line for 2019Q1: %q\n%s", line, out)
	}
	if !strings.Contains(out, "2018Q4") {
		t.Errorf("rounds lacks 2018Q4:\n%s", out)
	}
	// Importing a round again is refused without -replace, and says how.
	_, errOut, code := e.run("import", "../../samples/2019Q1.xlsx")
	if code != 1 || !strings.Contains(errOut, "已经导入过") || !strings.Contains(errOut, "-replace") {
		t.Errorf("second import: exit %d\n%s", code, errOut)
	}
}

// TestImportBadRowChangesNothing: a workbook with one bad row is refused with
// the file, sheet, row and column named, and the database file stays
// byte-for-byte the same.
func TestImportBadRowChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.must("import", "../../samples/2018Q4.xlsx", "../../samples/2019Q1.xlsx")
	dbPath := filepath.Join(e.dir, "tongbao.db")
	before, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenFile("../../samples/2019Q1.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sheet, col, row := findCell(t, f, "政府网站", "网站标识码")
	cell, _ := excelize.CoordinatesToCellName(col, row+5)
	f.SetCellValue(sheet, cell, "44520X0001")
	bad := filepath.Join(e.dir, "坏的2019Q1.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	f.Close()

	_, errOut, code := e.run("import", "-replace", bad)
	if code != 1 {
		t.Fatalf("bad workbook imported (exit %d)", code)
	}
	for _, want := range []string{"坏的2019Q1.xlsx", "工作表「" + sheet + "」", "「网站标识码」列", "44520X0001", "未导入任何数据"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}
	after, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the database file changed after a refused import")
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		if b, _ := os.ReadFile(dbPath + "-wal"); len(b) > 0 {
			t.Error("a refused import left data in the WAL")
		}
	}

	// Two workbooks at once: one bad, so neither lands.
	e2 := newEnv(t)
	if _, _, code := e2.run("import", "../../samples/2018Q4.xlsx", bad); code != 1 {
		t.Fatal("a batch with a bad workbook was imported")
	}
	if out := e2.must("rounds"); strings.Contains(out, "2018Q4") {
		t.Errorf("the good workbook of a refused batch landed:\n%s", out)
	}
}

// findCell finds the header cell named header in the sheet whose name
// contains sheetPart, returning the sheet, the column number and the header row.
func findCell(t *testing.T, f *excelize.File, sheetPart, header string) (string, int, int) {
	t.Helper()
	for _, s := range f.GetSheetList() {
		if !strings.Contains(s, sheetPart) {
			continue
		}
		rows, _ := f.GetRows(s)
		for r, row := range rows {
			for c, v := range row {
				if strings.Contains(v, header) {
					return s, c + 1, r + 1
				}
			}
		}
	}
	t.Fatalf("no header %q in a sheet named like %q", header, sheetPart)
	return "", 0, 0
}

func TestWorkbookCommand(t *testing.T) {
	e := newEnv(t)
	path := filepath.Join(e.dir, "空白.xlsx")
	e.must("workbook", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), " "); !strings.Contains(got, "政府网站") || !strings.Contains(got, "填表说明") {
		t.Errorf("sheets: %s", got)
	}
	if _, errOut, code := e.run("workbook", path); code != 1 || !strings.Contains(errOut, "已经存在") {
		t.Errorf("overwrite without -force: exit %d %s", code, errOut)
	}
}

func TestHelpIsChinese(t *testing.T) {
	e := newEnv(t)
	_, errOut, code := e.run()
	if code != 2 || !strings.Contains(errOut, "用法") || !strings.Contains(errOut, "import") {
		t.Errorf("no command: exit %d\n%s", code, errOut)
	}
	for name := range commands {
		_, errOut, code := e.run(name, "-h")
		if code != 0 || !strings.Contains(errOut, "用法：tongbao "+name) || !strings.Contains(errOut, "示例") {
			t.Errorf("%s -h: exit %d\n%s", name, code, errOut)
		}
	}
	if _, errOut, code := e.run("frobnicate"); code != 2 || !strings.Contains(errOut, "未知的命令") {
		t.Errorf("unknown command: %d %s", code, errOut)
	}
	if _, errOut, code := e.run("draft", "-date", "明天", "2019Q1"); code != 2 || !strings.Contains(errOut, "格式不对") {
		t.Errorf("bad date: %d %s", code, errOut)
	}
	// the flag package's own messages, and every -h, have no English
	for _, args := range [][]string{{"draft", "-zzz"}, {"issue", "-number", "abc", "2019Q1"}, {"draft", "-date"}, {"-x"}, {"draft", "-watch=maybe"}} {
		_, errOut, code := e.run(args...)
		if code != 2 || regexp.MustCompile(`flag|provided|invalid|needs|default`).MatchString(errOut) {
			t.Errorf("%v: exit %d, English left:\n%s", args, code, errOut)
		}
	}
	for name := range commands {
		if _, errOut, _ := e.run(name, "-h"); regexp.MustCompile(`\(default|flag`).MatchString(errOut) {
			t.Errorf("%s -h has English:\n%s", name, errOut)
		}
	}
}
