package layout

import (
	"math"
	"strings"
)

// Titles (标题) are centred and, when long, broken into balanced lines that
// form an upright trapezoid or a diamond, at natural boundaries: never inside a digit
// or Latin run, preferably after 关于…的 or a time phrase (…季度) and before
// 关于 or 情况, and not inside a common word.

// titleWords are words a title line should not split.
var titleWords = []string{
	"政府", "网站", "政务", "媒体", "新媒体", "情况", "通报", "通知", "检查", "抽查", "季度", "年度",
	"全市", "全省", "全区", "全县", "全国", "工作", "管理", "服务", "数据", "人民", "办公", "办公室",
	"部门", "单位", "整改", "监测", "意见", "报告", "落实", "建设", "发展", "信息", "公开", "系统",
	"平台", "安全", "问题", "关于", "开展", "加强", "进一步", "专项", "结果", "考评", "集约化",
	"第一", "第二", "第三", "第四", "上半年", "下半年", "委员会", "管委会", "办事处",
	"一季度", "二季度", "三季度", "四季度", "第一季度", "第二季度", "第三季度", "第四季度", "政府网站", "政务新媒体", "人民政府", "检查情况", "抽查情况", "监测情况",
}

// titleBreaks returns the glyph indices at which to break a title segment,
// splitting it into the fewest lines no wider than W with the least cost;
// with trapezoid, the lines grow from the top (a 标题), else they are even
// (a table's header cell). A 标题 is never broken inside one of titleWords
// (in simplified or traditional characters) while any other way fits, even
// at the cost of a line more.
func titleBreaks(gs []glyph, W float64, trapezoid bool) []int {
	if trapezoid {
		text := make([]rune, len(gs))
		for i, g := range gs {
			text[i] = g.r
		}
		if cuts, ok := balancedBreaks(gs, W, trapezoid, wordInteriors(text)); ok {
			return cuts
		}
	}
	cuts, _ := balancedBreaks(gs, W, trapezoid, nil)
	return cuts
}

// balancedBreaks is titleBreaks with the breaks before the runes marked in
// forbid ruled out; ok is false when no breaking fits.
func balancedBreaks(gs []glyph, W float64, trapezoid bool, forbid []bool) (cuts []int, ok bool) {
	n := len(gs)
	total := 0.0
	for _, g := range gs {
		total += g.w
	}
	if total <= W+eps || n < 2 {
		return nil, true
	}
	text := make([]rune, n)
	for i, g := range gs {
		text[i] = g.r
	}
	pen := boundaryPenalties(text)
	allowed := func(i int) bool { return canBreak(gs, i) && (forbid == nil || !forbid[i]) }
	// prefix widths
	pre := make([]float64, n+1)
	for i, g := range gs {
		pre[i+1] = pre[i] + g.w
	}
	width := func(a, b int) float64 {
		for b > a && isSpace(gs[b-1].r) {
			b--
		}
		return pre[b] - pre[a]
	}
	size := gs[0].size
	for k := int(math.Ceil(total / W)); k <= n; k++ {
		avg := total / float64(k)
		// best[j][i]: least cost of breaking gs[:i] into j lines; from[j][i] the last break.
		inf := math.Inf(1)
		best := make([][]float64, k+1)
		from := make([][]int, k+1)
		for j := range best {
			best[j] = make([]float64, n+1)
			from[j] = make([]int, n+1)
			for i := range best[j] {
				best[j][i] = inf
			}
		}
		best[0][0] = 0
		for j := 1; j <= k; j++ {
			for i := 1; i <= n; i++ {
				if i < n && !allowed(i) {
					continue
				}
				for s := 0; s < i; s++ {
					if best[j-1][s] == inf || s > 0 && !allowed(s) {
						continue
					}
					w := width(s, i)
					if w > W+eps {
						continue
					}
					d := (w - avg) / size
					if trapezoid {
						d = (w - target(j, k, avg, size)) / size
					}
					c := best[j-1][s] + d*d/4
					if i < n {
						c += pen[i]
					}
					if c < best[j][i] {
						best[j][i], from[j][i] = c, s
					}
				}
			}
		}
		if best[k][n] == inf {
			continue
		}
		for j, i := k, n; j > 1; j-- {
			i = from[j][i]
			cuts = append([]int{i}, cuts...)
		}
		return cuts, true
	}
	return nil, false
}

// wordInteriors marks the runes of a title that begin inside one of
// titleWords: a break before them would split the word.
func wordInteriors(text []rune) []bool {
	in := make([]bool, len(text)+1)
	eachWordInterior(string(foldTraditional(text)), func(b int) { in[b] = true })
	return in
}

// eachWordInterior calls f with the rune index of every rune of s that
// stands inside one of titleWords (not at its start), once per occurrence.
func eachWordInterior(s string, f func(b int)) {
	for _, w := range titleWords {
		k := len([]rune(w))
		for off := 0; ; {
			j := strings.Index(s[off:], w)
			if j < 0 {
				break
			}
			ri := len([]rune(s[:off+j]))
			for b := ri + 1; b < ri+k; b++ {
				f(b)
			}
			off += j + len(w)
		}
	}
}

// traditional maps the traditional characters of titleWords and of the
// phrases boundaryPenalties looks for to their simplified forms, so that a
// title in traditional characters (網站檢查情況) breaks as its simplified
// form would.
var traditional = map[rune]rune{
	'網': '网', '務': '务', '體': '体', '況': '况', '報': '报', '檢': '检', '區': '区', '縣': '县', '國': '国',
	'數': '数', '據': '据', '辦': '办', '門': '门', '單': '单', '監': '监', '測': '测', '見': '见', '實': '实',
	'設': '设', '發': '发', '開': '开', '統': '统', '問': '问', '題': '题', '關': '关', '於': '于', '強': '强',
	'進': '进', '專': '专', '項': '项', '結': '结', '評': '评', '約': '约', '員': '员', '會': '会', '處': '处',
	'場': '场', '與': '与', '條': '条', '號': '号', '眾': '众', '資': '资', '訊': '讯', '這': '这', '決': '决',
}

// foldTraditional returns text with the characters of traditional replaced
// by their simplified forms, rune for rune (indices stay the same).
func foldTraditional(text []rune) []rune {
	out := make([]rune, len(text))
	for i, r := range text {
		if s, ok := traditional[r]; ok {
			r = s
		}
		out[i] = r
	}
	return out
}

// target is the width wanted for line j (1-based) of k: the average, less
// one character for the first line and more for the last, so that two lines
// make an upright trapezoid (the shorter on top, as GB/T 9704's 梯形 is
// read) and three a trapezoid or, with the breaks' preferences, a diamond.
func target(j, k int, avg, size float64) float64 {
	if k < 2 {
		return avg
	}
	return avg + size*(2*float64(j-1)/float64(k-1)-1)
}

// boundaryPenalties scores breaking before each rune of a title: negative
// is a natural boundary, positive splits a word.
func boundaryPenalties(text []rune) []float64 {
	text = foldTraditional(text)
	n := len(text)
	pen := make([]float64, n+1)
	s := string(text)
	at := func(i int, w string) bool { // w starts at rune index i
		return i >= 0 && strings.HasPrefix(string(text[i:]), w)
	}
	ends := func(i int, w string) bool { // w ends just before rune index i
		k := len([]rune(w))
		return i-k >= 0 && string(text[i-k:i]) == w
	}
	for i := 1; i < n; i++ {
		switch {
		case at(i, "关于"):
			pen[i] -= 4
		case ends(i, "季度") || ends(i, "年度") || ends(i, "半年"):
			pen[i] -= 3
		case ends(i, "的"):
			pen[i] -= 2
		case at(i, "情况") || at(i, "有关"):
			pen[i] -= 1.5
		case ends(i, "年") && i >= 2 && text[i-2] >= '0' && text[i-2] <= '9':
			pen[i] -= 1
		}
		if i >= 1 && text[i-1] >= '0' && text[i-1] <= '9' {
			pen[i] += 12 // 2019|年
		}
		if ends(i, "年") && i >= 2 && text[i-2] >= '0' && text[i-2] <= '9' && (at(i, "第") || text[i] >= '0' && text[i] <= '9') {
			pen[i] += 12 // 2019年|第一季度, 2019年|4月
		}
		if ends(i, "关于") {
			pen[i] += 12
		}
		if at(i, "的") {
			pen[i] += 3
		}
	}
	eachWordInterior(s, func(b int) { pen[b] += 6 })
	return pen
}
