package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tongbao/internal/circular"
	"tongbao/internal/samplegen"
)

// TestOfficePlatforms: a platform the office adds in config.toml's
// [platforms] is offered by the blank workbook's drop-down, accepted by the
// import (with its alias and traditional form), counted by platform and
// printed in the annexes; 其他（平台名称） keeps the name typed.
func TestOfficePlatforms(t *testing.T) {
	e := newEnv(t)
	b, err := os.ReadFile(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "extra = []", `extra = ["小红书"]`, 1)
	text = strings.Replace(text, "[platforms.aliases]", "[platforms.aliases]\n\"红书\" = \"小红书\"\n#", 1)
	if err := os.WriteFile(e.cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	blank := filepath.Join(e.dir, "空白.xlsx")
	e.must("workbook", blank)
	f, err := excelize.OpenFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations("政务新媒体")
	if err != nil {
		t.Fatal(err)
	}
	offered := false
	for _, dv := range dvs {
		if strings.Contains(dv.Formula1, "小红书") && strings.Contains(dv.Formula1, "微信") {
			offered = true
		}
	}
	f.Close()
	if !offered {
		t.Error("the blank workbook's drop-down lacks 小红书")
	}

	rr := samplegen.Jieyang2019Q1()
	base := rr.Accounts[0]
	add := func(platform, name string, fail bool) {
		a := base
		a.Platform, a.Name, a.Result = platform, name, circular.NewResult()
		a.Verdict = circular.VerdictPass
		if fail {
			a.Verdict, a.Vetoes, a.Problem = circular.VerdictFail, []string{circular.VetoContent}, "连续30天未更新"
		}
		rr.Accounts = append(rr.Accounts, a)
	}
	add("小红书", "揭阳文旅", true)
	add("小紅書", "揭阳美食", false)
	add("红书", "揭阳非遗", false)
	add("其他（知乎）", "揭阳发布知乎号", false)
	e.must("import", "../../samples/2018Q4.xlsx", e.writeWorkbook("2019Q1.xlsx", rr))

	pdfPath := filepath.Join(e.dir, "draft.pdf")
	e.must("draft", "-date", "2019-04-12", "-o", pdfPath, "2019Q1")
	pdf := pdfText(t, pdfPath)
	// The annex by platform: 小红书 runs 3, checked 3, 1 failing; 知乎 1.
	if !lineHasInOrder(pdf, []string{"小红书", "3", "3", "1"}) {
		t.Errorf("the annex has no 小红书 row with 3, 3, 1:\n%s", pdf)
	}
	if !lineHasInOrder(pdf, []string{"知乎", "1", "1", "0"}) {
		t.Errorf("the annex has no 知乎 row:\n%s", pdf)
	}
	flat := strings.Join(strings.Fields(pdf), "")
	if !strings.Contains(flat, "小红书“揭阳文旅”") {
		t.Error("the failing 小红书 account is not named in the text")
	}

	// Without the config's platform, the same workbook is refused.
	bare := strings.Replace(text, `extra = ["小红书"]`, "extra = []", 1)
	bare = strings.Replace(bare, "\"红书\" = \"小红书\"\n", "", 1)
	if err := os.WriteFile(e.cfg, []byte(bare), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := e.run("import", "-replace", filepath.Join(e.dir, "2019Q1.xlsx"))
	if code != 1 || !strings.Contains(errOut, "「小红书」不是新媒体类型") || !strings.Contains(errOut, "[platforms]") {
		t.Errorf("import without the platform: exit %d\n%s", code, errOut)
	}
	// An alias of a platform that is not in the list is a config error naming the key.
	wrong := strings.Replace(text, "\"红书\" = \"小红书\"", "\"B站\" = \"哔哩哔哩\"", 1)
	if err := os.WriteFile(e.cfg, []byte(wrong), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = e.run("rounds")
	if code == 0 || !strings.Contains(errOut, "platforms.aliases") || !strings.Contains(errOut, "别名「B站」指向的「哔哩哔哩」不是新媒体类型") {
		t.Errorf("bad alias: exit %d\n%s", code, errOut)
	}
}
