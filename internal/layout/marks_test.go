package layout_test

import (
	"math"
	"strings"
	"testing"

	"tongbao/internal/layout/layouttest"
)

// TestDraftMark: a draft carries 「草稿」 and the time it was made in the top
// margin of every page, outside the type area; the same document issued
// carries no mark.
func TestDraftMark(t *testing.T) {
	dir := t.TempDir()
	d := layouttest.Specimen()
	d.Draft = "2024年10月18日 09:30"
	path, r := writeCorpus(t, dir, "draft", d)
	pages := layouttest.ReadBack(t, path)
	for i, p := range pages {
		top := layouttest.AreaTop
		if r.Pages[i].Landscape {
			top = 28 * layouttest.MM
		}
		// the words above the type area, in reading order
		var margin strings.Builder
		for _, l := range p.Lines() {
			if l.Y1 < top {
				margin.WriteString(l.Text)
			}
		}
		for _, w := range p.Words {
			if strings.Contains(w.Text, "草稿") && (w.Y1 > top-2 || w.Y0 < 2) {
				t.Errorf("page %d: mark spans %.1f–%.1f, not in the top margin (above %.1f)", i+1, w.Y0, w.Y1, top)
			}
		}
		if m := margin.String(); !strings.Contains(m, "草稿") || !strings.Contains(m, "2024年10月18日09:30生成") {
			t.Errorf("page %d: top margin reads 「%s」, want 草稿 and the time made", i+1, m)
		}
	}
	d.Draft = ""
	path, _ = writeCorpus(t, dir, "issued", d)
	for i, p := range layouttest.ReadBack(t, path) {
		for _, w := range p.Words {
			if strings.Contains(w.Text, "草稿") {
				t.Errorf("issued page %d carries 「%s」", i+1, w.Text)
			}
		}
	}
}

// TestDisclosure: 「公开方式：主动公开」 stands on its own line right above the
// 版记 (the grid line above the 抄送), or on the last grid line of the last
// page when there is no 版记; it is not part of the 附注.
func TestDisclosure(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		record bool
	}{{"with-record", true}, {"no-record", false}} {
		t.Run(c.name, func(t *testing.T) {
			d := layouttest.Specimen()
			d.Disclosure = "主动公开"
			if !c.record {
				d.Record = nil
			}
			path, _ := writeCorpus(t, dir, c.name, d)
			pages := layouttest.ReadBack(t, path)
			var disc, cc *layouttest.Line
			for _, l := range pages[len(pages)-1].Lines() {
				l := l
				switch {
				case l.Text == "公开方式：主动公开":
					disc = &l
				case strings.HasPrefix(l.Text, "抄送："):
					cc = &l
				}
			}
			if disc == nil {
				t.Fatal("no 公开方式 line on the last page")
			}
			if !near(disc.X0, layouttest.AreaLeft+2*layouttest.Cell, 0.5) {
				t.Errorf("公开方式 starts at %.2f, want two characters in (%.2f)", disc.X0, layouttest.AreaLeft+2*layouttest.Cell)
			}
			k := gridLine(*disc)
			switch {
			case c.record && cc == nil:
				t.Fatal("no 抄送 line")
			case c.record:
				if ccMid, mid := (cc.Y0+cc.Y1)/2, (disc.Y0+disc.Y1)/2; math.Abs(ccMid-mid-layouttest.Pitch) > 3 {
					t.Errorf("公开方式 at %.1f, 抄送 at %.1f: want it the grid line right above", mid, ccMid)
				}
			case k != 21:
				t.Errorf("公开方式 on grid line %d, want the last (22)", k+1)
			}
			for _, p := range pages {
				for _, l := range p.Lines() {
					if strings.Contains(l.Text, "公开方式") && strings.Contains(l.Text, "此件") {
						t.Errorf("公开方式 joined the 附注: 「%s」", l.Text)
					}
				}
			}
		})
	}
}
