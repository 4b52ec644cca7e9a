package layout

import (
	"math"
	"strings"
	"testing"

	"tongbao/internal/layout/layouttest"
)

// find returns the first text run on pg that starts with prefix.
func find(t *testing.T, pg Page, prefix string) Text {
	t.Helper()
	for _, tx := range pg.Texts {
		if strings.HasPrefix(tx.Text, prefix) {
			return tx
		}
	}
	t.Fatalf("no text %q on the page", prefix)
	return Text{}
}

// emTop and emBottom are the top and bottom of a run's em box.
func emTop(tx Text) float64    { return tx.Y - emAscent*tx.Size }
func emBottom(tx Text) float64 { return tx.Y + emDescent*tx.Size }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestFileHeader checks the 文件式 版头: 份号 and 紧急程度 on lines 1 and 2,
// the mark's top 35 mm below the 版心's, the number two lines below the mark,
// the red rule 4 mm below the number across the 版心, the title two lines
// below the rule.
func TestFileHeader(t *testing.T) {
	r, err := Typeset(layouttest.Specimen())
	if err != nil {
		t.Fatal(err)
	}
	pg := r.Pages[0]
	a := portrait()
	mid := func(k int) float64 { return a.lineTop(k) + a.pitch/2 }
	if tx := find(t, pg, "000128"); !near(tx.Y-(emAscent-0.5)*tx.Size, mid(0), 0.01) || tx.X != a.x {
		t.Errorf("份号 at (%.2f, %.2f), want line 1 flush left", tx.X, tx.Y)
	}
	if tx := find(t, pg, "加急"); !near(tx.Y-(emAscent-0.5)*tx.Size, mid(1), 0.01) || tx.Font != "NotoSansSC-Regular" {
		t.Errorf("紧急程度 at y %.2f in %s, want line 2 in 黑体", tx.Y, tx.Font)
	}
	mark := find(t, pg, "临江市")
	if !near(emTop(mark), a.y+35*mm, 0.01) || mark.Color != Red {
		t.Errorf("mark's top at %.2f, want %.2f (35 mm below the 版心), red", emTop(mark), a.y+35*mm)
	}
	num := find(t, pg, "临政数")
	// two empty lines between the mark and the number
	if k := lineOf(a, emBottom(mark)); !near(num.Y-(emAscent-0.5)*num.Size, mid(k+3), 0.01) {
		t.Errorf("number on the line at %.2f, want two lines below the mark (line %d)", num.Y, k+4)
	}
	var red []Rule
	for _, rl := range pg.Rules {
		if rl.Color == Red {
			red = append(red, rl)
		}
	}
	if len(red) != 1 {
		t.Fatalf("%d red rules, want 1", len(red))
	}
	if rl := red[0]; !near(rl.Y1, emBottom(num)+4*mm, 0.01) ||
		!near(rl.X1, a.x, 0.01) || !near(rl.X2, a.x+a.w, 0.01) {
		t.Errorf("red rule %.2f–%.2f at %.2f, want the 版心's width 4 mm below the number's em box (%.2f)", rl.X1, rl.X2, rl.Y1, emBottom(num)+4*mm)
	}
	title := find(t, pg, "关于")
	if k := lineOf(a, red[0].Y1); !near(title.Y-(emAscent-0.5)*title.Size, mid(k+3), 0.01) {
		t.Errorf("title on the line at %.2f, want two lines below the rule (line %d)", title.Y, k+4)
	}
}

// TestLetterHeader checks the 信函式 版头: mark 30 mm from the top of the
// paper, the red double rules 170 mm long and centred, thick over thin 4 mm
// below the mark and thin over thick 20 mm above the paper's bottom, the 份号
// and the number 7/8 of a 3号 character under the first, the number flush
// right, no page number on page 1.
func TestLetterHeader(t *testing.T) {
	r, err := Typeset(layouttest.Letter())
	if err != nil {
		t.Fatal(err)
	}
	pg := r.Pages[0]
	a := portrait()
	if pg.Number != 0 {
		t.Errorf("page 1 numbered %d", pg.Number)
	}
	for _, tx := range pg.Texts {
		if tx.Y > a.y+a.h {
			t.Errorf("page 1 has %q below the 版心", tx.Text)
		}
	}
	mark := find(t, pg, "临江市")
	if !near(emTop(mark), 30*mm, 0.01) {
		t.Errorf("mark's top %.2f, want %.2f", emTop(mark), 30*mm)
	}
	if len(pg.Rules) != 4 {
		t.Fatalf("%d rules, want two double rules", len(pg.Rules))
	}
	for _, rl := range pg.Rules {
		if rl.Color != Red || !near(rl.X2-rl.X1, 170*mm, 0.01) || !near(rl.X1+rl.X2, pageW, 0.01) {
			t.Errorf("rule %+v: want red, 170 mm, centred", rl)
		}
	}
	top, bottom := pg.Rules[:2], pg.Rules[2:]
	if !near(top[0].Y1-top[0].Width/2, emBottom(mark)+4*mm, 0.01) || top[0].Width <= top[1].Width {
		t.Errorf("upper double rule %+v, want thick over thin from 4 mm below the mark", top)
	}
	if !near(bottom[1].Y1+bottom[1].Width/2, pageH-20*mm, 0.01) || bottom[1].Width <= bottom[0].Width {
		t.Errorf("lower double rule %+v, want thin over thick ending 20 mm above the bottom", bottom)
	}
	under := top[1].Y1 + top[1].Width/2
	copyNo, num := find(t, pg, "000031"), find(t, pg, "临政数函")
	for _, tx := range []Text{copyNo, num} {
		if !near(emTop(tx), under+sizeBody*7/8, 0.01) {
			t.Errorf("%q's top %.2f, want 7/8 of a 3号 character (%.2f) under the rule", tx.Text, emTop(tx), under+14)
		}
	}
	if copyNo.X != a.x {
		t.Errorf("份号 at x %.2f, want flush left %.2f", copyNo.X, a.x)
	}
	right := 0.0
	for _, tx := range pg.Texts {
		if tx.Y == num.Y && tx.X >= num.X {
			right = math.Max(right, tx.X+tx.Width)
		}
	}
	// the last glyph's box ends on the right edge (its 16 pt advance in a 15.79 pt cell)
	if !near(right, a.x+a.w+sizeBody-a.cell, 0.01) {
		t.Errorf("number ends at %.2f, want flush right %.2f", right, a.x+a.w)
	}
	// 密级 and 紧急程度 stacked under the 份号
	if s, u := find(t, pg, "秘密"), find(t, pg, "特急"); !near(s.Y-copyNo.Y, a.pitch, 0.01) || !near(u.Y-s.Y, a.pitch, 0.01) {
		t.Errorf("份号, 密级, 紧急程度 at %.2f, %.2f, %.2f: want one line apart", copyNo.Y, s.Y, u.Y)
	}
	// two empty lines before the title
	urgent, title := find(t, pg, "特急"), find(t, pg, "关于")
	if gap := (emTop(title) - emBottom(urgent)) / a.pitch; gap < 1.9 || gap > 2.6 {
		t.Errorf("%.2f lines between the last element and the title, want two", gap)
	}
	// the 版记 of a letter has 抄送 only, no rules, on the last page
	last := r.Pages[len(r.Pages)-1]
	cc := find(t, last, "抄送")
	if !near(cc.Y-(emAscent-0.5)*cc.Size, a.lineTop(a.lines-1)+a.pitch/2, 0.01) {
		t.Errorf("抄送 at %.2f, want the last grid line", cc.Y)
	}
	for _, rl := range last.Rules {
		if rl.Width != tableRule {
			t.Errorf("letter 版记 with a rule %+v", rl)
		}
	}
}

// TestJointHeader: a joint 上行文 stacks the issuers in the mark with 文件 to
// their right, puts the number one character in from the left on the line
// of the last 签发人, and 签发人 in 仿宋 with the names in 楷体 ending one
// character from the right.
func TestJointHeader(t *testing.T) {
	d := layouttest.Joint()
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	pg := r.Pages[0]
	a := portrait()
	lead, second := find(t, pg, "临"), find(t, pg, "中共")
	if !(second.Y > lead.Y) || !near(lead.X, second.X, 0.5) {
		t.Errorf("issuers at (%.2f, %.2f) and (%.2f, %.2f): want stacked, lead first", lead.X, lead.Y, second.X, second.Y)
	}
	num, label := find(t, pg, "临政数报"), find(t, pg, "签发人")
	if !near(num.X, a.x+a.cell, 0.01) || num.Y != label.Y {
		t.Errorf("number at (%.2f, %.2f), 签发人 at y %.2f: want one character in, on one line", num.X, num.Y, label.Y)
	}
	names := find(t, pg, "林国栋")
	if names.Font != "LXGWWenKai-Regular" || label.Font != "FandolFang-Regular" {
		t.Errorf("签发人 in %s and names in %s, want 仿宋 and 楷体", label.Font, names.Font)
	}
	end := 0.0
	for _, tx := range pg.Texts {
		if tx.Y == names.Y && tx.X >= names.X {
			end = math.Max(end, tx.X+tx.Width)
		}
	}
	if !near(end, a.x+a.w-a.cell+sizeBody-a.cell, 0.01) {
		t.Errorf("签发人 names end at %.2f, want one character from the right (%.2f)", end, a.x+a.w-a.cell)
	}
}

// TestTelegramHeaderFits: in the 明电 form, a long 发电单位 and a draft's
// number with its blank serial are set smaller rather than running over the
// cell rules; every run stays between the rules of its cell.
func TestTelegramHeaderFits(t *testing.T) {
	for _, c := range []struct{ unit, number, serial string }{
		{"临江市人民政府办公室", "临府办传〔2024〕41号", "临机发　号"},
		{"揭阳市政务服务数据管理局", "揭政数局函〔2019〕   号", "揭机发    号"},
		{"临江市人民政府办公室政务公开与网站管理科", "临府办传〔2024〕1041号", "临机发　号"},
	} {
		d := layouttest.Telegram()
		d.Header.Number = c.number
		d.Header.Telegram.Unit = c.unit
		d.Header.Telegram.Serial = c.serial
		r, err := Typeset(d)
		if err != nil {
			t.Fatal(err)
		}
		pg := r.Pages[0]
		a := portrait()
		for k := 3; k <= 4; k++ {
			top, bottom := a.lineTop(k), a.lineTop(k+1)
			// the vertical rules of the row, with the 版心's edges
			xs := []float64{a.x, a.x + a.w}
			for _, ru := range pg.Rules {
				if ru.X1 == ru.X2 && near(ru.Y1, top, 0.01) && near(ru.Y2, bottom, 0.01) {
					xs = append(xs, ru.X1)
				}
			}
			for _, tx := range pg.Texts {
				if tx.Y < top || tx.Y > bottom {
					continue
				}
				inside := false
				for _, l := range xs {
					for _, r := range xs {
						if l < r && tx.X >= l-0.01 && tx.X+tx.Width <= r+0.01 {
							ok := true
							for _, m := range xs {
								if m > l+0.01 && m < r-0.01 {
									ok = false
								}
							}
							inside = inside || ok
						}
					}
				}
				if !inside {
					t.Errorf("%s: %q (%.1f–%.1f) crosses a rule of row %d %v", c.unit, tx.Text, tx.X, tx.X+tx.Width, k, xs)
				}
			}
		}
	}
}
