package compose

import (
	"slices"
	"sort"
	"strings"

	"tongbao/internal/circular"
)

// Entry is one site's or account's result in a round, as the figures need it.
type Entry struct {
	// Key identifies the site or account across rounds (网站标识码, or platform + name).
	Key      string
	Code     string
	Name     string
	Unit     string
	Region   string
	Category string // 网站类别, or the platform for accounts
	Platform string
	// Intensive is true for a site merged into the intensive platform (集约化子站).
	Intensive bool
	Running   bool
	Checked   bool
	Failing   bool
	// Vetoes are the single-veto indicators hit; Problems the problems as printed.
	Vetoes   []string
	Problems []string
	// Deductions are the 扣分问题 of a checked item, as printed.
	Deductions []string
}

// Site kinds of Figures.ByKind.
const (
	KindStandalone = "独立运行的政府网站"
	KindIntensive  = "已集约化的政府网站"
)

// NewFigures counts entries overall, by kind (sites only), category and
// region, and lists and groups the failing ones. Order follows first
// appearance in entries, which the store returns in a stable order.
func NewFigures(entries []Entry, sites bool) Figures {
	f := Figures{Total: Tally{Name: "合计"}}
	byCat := newTallies()
	byRegion := newTallies()
	byKind := newTallies()
	if sites {
		byKind.get(KindStandalone)
		byKind.get(KindIntensive)
	}
	for _, e := range entries {
		if !e.Running && !e.Checked {
			continue
		}
		ts := []*Tally{&f.Total, byCat.get(e.Category), byRegion.get(e.Region)}
		if sites {
			kind := KindStandalone
			if e.Intensive {
				kind = KindIntensive
			}
			ts = append(ts, byKind.get(kind))
		}
		for _, t := range ts {
			if e.Running {
				t.Running++
			}
			if e.Checked {
				t.Checked++
				if e.Failing {
					t.Failing++
				} else {
					t.Passing++
				}
			}
		}
		if e.Checked {
			f.Checked = append(f.Checked, item(e, len(f.Checked)+1))
		}
		if e.Checked && e.Failing {
			f.Failing = append(f.Failing, item(e, len(f.Failing)+1))
		}
		if e.Checked && len(e.Deductions) > 0 {
			f.Deducted = append(f.Deducted, item(e, len(f.Deducted)+1))
		}
	}
	f.ByCategory = byCat.list()
	f.ByRegion = byRegion.list()
	if sites {
		f.ByKind = byKind.list()
	}
	f.FullCategories = full(f.ByCategory)
	f.FullRegions = full(f.ByRegion)
	f.ByProblem = groupProblems(f.Failing)
	return f
}

func item(e Entry, no int) Item {
	return Item{No: no, Code: e.Code, Name: e.Name, Unit: e.Unit, Region: e.Region, Category: e.Category, Platform: e.Platform,
		Problems: e.Problems, Problem: strings.Join(e.Problems, "、"), Vetoes: e.Vetoes, Verdict: verdict(e.Failing),
		Deductions: e.Deductions}
}

func verdict(failing bool) string {
	if failing {
		return "不合格"
	}
	return "合格"
}

// tallies keeps Tally rows in order of first appearance.
type tallies struct {
	rows  []*Tally
	index map[string]*Tally
}

func newTallies() *tallies { return &tallies{index: map[string]*Tally{}} }

func (ts *tallies) get(name string) *Tally {
	if name == "" {
		name = "其他"
	}
	t, ok := ts.index[name]
	if !ok {
		t = &Tally{No: len(ts.rows) + 1, Name: name}
		ts.rows = append(ts.rows, t)
		ts.index[name] = t
	}
	return t
}

func (ts *tallies) list() []Tally {
	out := make([]Tally, len(ts.rows))
	for i, t := range ts.rows {
		out[i] = *t
	}
	return out
}

// full lists the names of rows with items checked and none failing.
func full(ts []Tally) []string {
	var out []string
	for _, t := range ts {
		// 其他网站 and the like are no category a text can name
		if t.Checked > 0 && t.Failing == 0 && !strings.HasPrefix(t.Name, "其他") && !strings.HasPrefix(t.Name, "其它") {
			out = append(out, t.Name)
		}
	}
	return out
}

// groupProblems groups failing items by their veto indicators (or 其他问题),
// the most serious problem first (安全问题, then an unreachable site, a stale
// home page, …), items in their order within a group. An item with several
// indicators is in the group of each, so that no heading introduces an item
// lacking its problem, and every problem an item has is under a heading.
func groupProblems(items []Item) []ProblemGroup {
	var groups []ProblemGroup
	index := map[string]int{}
	rank := map[string]int{}
	for _, it := range items {
		type head struct {
			p string
			r int
		}
		var heads []head
		for _, v := range it.Vetoes {
			h := head{problemTitle(v), vetoRank(v)}
			if !slices.Contains(heads, h) {
				heads = append(heads, h)
			}
		}
		if len(heads) == 0 {
			heads = []head{{"存在其他突出问题", len(vetoOrder) + 1}}
		}
		for _, h := range heads {
			i, ok := index[h.p]
			if !ok {
				i = len(groups)
				index[h.p] = i
				rank[h.p] = h.r
				groups = append(groups, ProblemGroup{Problem: h.p})
			}
			g := &groups[i]
			g.Items = append(g.Items, it)
			g.Names = appendNew(g.Names, it.Name)
			g.Units = appendNew(g.Units, it.Unit)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return rank[groups[i].Problem] < rank[groups[j].Problem] })
	return groups
}

// vetoOrder is the single-veto indicators from the most serious.
var vetoOrder = []string{circular.VetoSecurity, circular.VetoUnreachable, circular.VetoHomeStale, circular.VetoColumns,
	circular.VetoContent, circular.VetoInteraction, circular.VetoService}

func vetoRank(v string) int {
	for i, o := range vetoOrder {
		if o == v {
			return i
		}
	}
	return len(vetoOrder) // other indicators after the known ones, before 其他问题
}

// problemTitle phrases a veto indicator as the heading of its problem group.
func problemTitle(veto string) string {
	switch veto {
	case "安全问题":
		return "存在安全问题"
	case "栏目不更新":
		return "栏目更新不及时、存在空白栏目"
	case "首页不更新":
		return "首页长期不更新"
	case "站点无法访问":
		return "站点无法正常访问"
	case "互动回应差":
		return "互动回应不到位"
	case "服务不实用":
		return "办事服务不实用"
	case "内容不更新":
		return "内容更新不及时"
	}
	return veto
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// NewRecheck compares the previous round's failing entries with this round's
// results: rectified, still failing, or not checked now.
func NewRecheck(prevName string, prev, cur []Entry) Recheck {
	r := Recheck{Round: prevName}
	now := map[string]Entry{}
	for _, e := range cur {
		now[e.Key] = e
	}
	for _, p := range prev {
		if !p.Checked || !p.Failing {
			continue
		}
		c, ok := now[p.Key]
		switch {
		case !ok || !c.Checked:
			r.Unchecked = append(r.Unchecked, item(p, len(r.Unchecked)+1))
		case c.Failing:
			r.Still = append(r.Still, item(c, len(r.Still)+1))
		default:
			r.Fixed = append(r.Fixed, item(p, len(r.Fixed)+1))
		}
	}
	return r
}
