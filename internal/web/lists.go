package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
)

// pageRows is how many rows a list shows at a time.
const pageRows = 100

// option is a choice of a filter's select.
type option struct {
	Value, Label string
}

// hidden is a query parameter a filter form carries unchanged, so filtering
// one list keeps the other list's filter and the preview's date.
type hidden struct {
	Name, Value string
}

// Paging is the part of a list view that pages: which rows, and the links.
type Paging struct {
	Page, Pages   int
	From, To      int // 1-based rows shown
	Matched       int
	Total         int
	Prev, Next    string
	First, Last   string
	Filtered      bool
	ClearFilters  string
	HiddenFields  []hidden
	PageParamName string
	PerPage       int
}

// listView is one filtered, sorted and paged list of a round's sites or
// accounts, as the round page shows it; everything comes from the query, so
// the lists work without a script and every view has its address.
type listView struct {
	Paging
	// Prefix starts each of the list's query parameters: s for sites, a for accounts.
	Prefix string
	Sites  bool
	Items  []compose.Item
	// The filter as asked.
	Q, Region, Cat, Verdict, Problem, Sort string
	// CatName is the category filter's parameter (kind for sites, platform
	// for accounts) and CatLabel its label.
	CatName, CatLabel string
	// Options of the selects.
	Regions, Cats, Problems []string
	Verdicts, Sorts         []option
}

var verdictOptions = []option{{"不合格", "不合格"}, {"合格", "合格"}, {"全部", "全部（合格和不合格）"}}

// listFilter reads a list's filter from the query under prefix.
func listFilter(q url.Values, prefix, cat string) (search, region, category, verdict, problem, sortBy string, page int) {
	get := func(k string) string { return strings.TrimSpace(q.Get(prefix + k)) }
	verdict = get("verdict")
	if verdict != "合格" && verdict != "全部" {
		verdict = "不合格"
	}
	page, _ = strconv.Atoi(get("page"))
	return get("q"), get("region"), get(cat), verdict, get("problem"), get("sort"), page
}

// newListView filters, sorts and pages f's items by the query parameters
// under prefix (s or a); path is the page the links point to.
func newListView(q url.Values, path, prefix string, sites bool, f compose.Figures) *listView {
	v := &listView{Prefix: prefix, Sites: sites, CatName: "platform", CatLabel: "平台", Verdicts: verdictOptions}
	if sites {
		v.CatName, v.CatLabel = "kind", "网站类别"
	}
	var page int
	v.Q, v.Region, v.Cat, v.Verdict, v.Problem, v.Sort, page = listFilter(q, prefix, v.CatName)
	v.Sorts = []option{{"", "按序号"}, {"name", "按名称"}, {"unit", "按主办单位"}, {"region", "按地区"}, {"problem", "按问题"}}
	if !sites {
		v.Sorts = append(v.Sorts, option{"platform", "按平台"})
	}
	src := f.Failing
	if v.Verdict != "不合格" {
		src = f.Checked
	}
	cat := func(it compose.Item) string {
		if sites {
			return it.Category
		}
		return it.Platform
	}
	for _, it := range src {
		v.Regions = appendUnique(v.Regions, it.Region)
		v.Cats = appendUnique(v.Cats, cat(it))
		for _, p := range it.Vetoes {
			v.Problems = appendUnique(v.Problems, p)
		}
	}
	needle := asciiLower(v.Q)
	var rows []*compose.Item // pointers: an Item is large to move while sorting
	for i := range src {
		it := &src[i]
		switch {
		case v.Verdict == "合格" && it.Verdict != "合格",
			v.Region != "" && it.Region != v.Region,
			v.Cat != "" && cat(*it) != v.Cat,
			v.Problem != "" && !slices.Contains(it.Vetoes, v.Problem),
			needle != "" && !slices.ContainsFunc([]string{it.Name, it.Code, it.Unit, it.Region, it.Platform, it.Problem},
				func(f string) bool { return strings.Contains(asciiLower(f), needle) }):
			continue
		}
		rows = append(rows, it)
	}
	key := map[string]func(*compose.Item) string{
		"name": func(it *compose.Item) string { return it.Name }, "unit": func(it *compose.Item) string { return it.Unit },
		"region": func(it *compose.Item) string { return it.Region }, "problem": func(it *compose.Item) string { return it.Problem },
		"platform": func(it *compose.Item) string { return it.Platform },
	}[v.Sort]
	if key != nil {
		slices.SortFunc(rows, func(a, b *compose.Item) int { return cmp.Or(strings.Compare(key(a), key(b)), cmp.Compare(a.No, b.No)) })
	} else {
		v.Sort = ""
	}
	filtered := v.Q != "" || v.Region != "" || v.Cat != "" || v.Problem != ""
	names := []string{"q", "region", v.CatName, "verdict", "problem", "sort", "page"}
	var lo, hi int
	v.Paging, lo, hi = newPaging(q, path, "#"+listAnchor(sites), prefix, names, len(rows), len(src), page, filtered)
	for _, it := range rows[lo:hi] {
		v.Items = append(v.Items, *it)
	}
	return v
}

// roundLists are the site and account lists of round key's page.
func roundLists(r *http.Request, key string, data *compose.Data) (*listView, *listView) {
	q, path := r.URL.Query(), "/rounds/"+url.PathEscape(key)
	return newListView(q, path, "s", true, data.Sites), newListView(q, path, "a", false, data.Accounts)
}

// listAnchor is the section of the round page a list lives in.
func listAnchor(sites bool) string {
	if sites {
		return "sites"
	}
	return "accounts"
}

// transient are query parameters of a one-time message (after an import,
// a deletion), which the links of a list do not carry on.
var transient = map[string]bool{"msg": true, "imported": true, "note": true, "deleted": true, "voided": true}

// newPaging pages n matching rows of total: the page asked for (1 when out of
// range), the links to the pages beside it and the query parameters other
// lists own, which a filter form carries. It returns the rows' bounds.
func newPaging(q url.Values, path, anchor, prefix string, names []string, n, total, page int, filtered bool) (Paging, int, int) {
	p := Paging{PerPage: pageRows, Matched: n, Total: total, Filtered: filtered, PageParamName: prefix + "page"}
	p.Pages = max(1, (n+pageRows-1)/pageRows)
	if page < 1 || page > p.Pages {
		page = 1
	}
	p.Page = page
	lo, hi := (page-1)*pageRows, min(n, page*pageRows)
	p.From, p.To = lo+1, hi
	if n == 0 {
		p.From = 0
	}
	own := map[string]bool{}
	for _, k := range names {
		own[prefix+k] = true
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !own[k] && !transient[k] {
			for _, val := range q[k] {
				p.HiddenFields = append(p.HiddenFields, hidden{k, val})
			}
		}
	}
	link := func(pg int) string {
		q2 := url.Values{}
		for k, vs := range q {
			q2[k] = vs
		}
		for k := range transient {
			q2.Del(k)
		}
		if pg <= 1 {
			q2.Del(prefix + "page")
		} else {
			q2.Set(prefix+"page", strconv.Itoa(pg))
		}
		if s := q2.Encode(); s != "" {
			return path + "?" + s + anchor
		}
		return path + anchor
	}
	if page > 1 {
		p.Prev, p.First = link(page-1), link(1)
	}
	if page < p.Pages {
		p.Next, p.Last = link(page+1), link(p.Pages)
	}
	clear := url.Values{}
	for _, f := range p.HiddenFields {
		clear.Add(f.Name, f.Value)
	}
	p.ClearFilters = path + anchor
	if s := clear.Encode(); s != "" {
		p.ClearFilters = path + "?" + s + anchor
	}
	return p, lo, hi
}

// asciiLower lowers the ASCII letters of s (标识码 and platform names like
// APP); Chinese has no case. It returns s itself when there is none.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// registerView is the register (/circulars) filtered, sorted and paged.
type registerView struct {
	Paging
	Q, Status, Year, Sort string
	Years                 []string
	Statuses, Sorts       []option
}

// filterRegister filters the register's entries by the query: q searches the
// number, title, round and reason; status is issued, void or external; year
// the number's year; sort by number (newest first, as listed) or date.
func filterRegister(q url.Values, list []circular.Issued) (*registerView, []circular.Issued) {
	v := &registerView{Q: strings.TrimSpace(q.Get("q")), Status: q.Get("status"), Year: q.Get("year"), Sort: q.Get("sort"),
		Statuses: []option{{"", "全部"}, {circular.StatusIssued, "已印发"}, {circular.StatusVoid, "已作废"}, {circular.StatusExternal, "已在别处使用"}},
		Sorts:    []option{{"", "按文号（新的在前）"}, {"date", "按成文日期（新的在前）"}, {"round", "按轮次"}}}
	page, _ := strconv.Atoi(q.Get("page"))
	needle := asciiLower(v.Q)
	var rows []circular.Issued
	for _, c := range list {
		y := strconv.Itoa(c.Year)
		if !slices.Contains(v.Years, y) {
			v.Years = append(v.Years, y)
		}
		switch {
		case v.Status != "" && c.Status != v.Status,
			v.Year != "" && y != v.Year,
			needle != "" && !strings.Contains(asciiLower(strings.Join([]string{c.Number, c.Title, c.Round, roundName(c.Round), c.VoidReason}, "\x00")), needle):
			continue
		}
		rows = append(rows, c)
	}
	switch v.Sort {
	case "date":
		slices.SortStableFunc(rows, func(a, b circular.Issued) int { return b.Date.Compare(a.Date) })
	case "round":
		slices.SortStableFunc(rows, func(a, b circular.Issued) int { return cmp.Compare(a.Round, b.Round) })
	default:
		v.Sort = ""
	}
	filtered := v.Q != "" || v.Status != "" || v.Year != ""
	var lo, hi int
	v.Paging, lo, hi = newPaging(q, "/circulars", "", "", []string{"q", "status", "year", "sort", "page"}, len(rows), len(list), page, filtered)
	return v, rows[lo:hi]
}
