package main

import (
	"fmt"
	"strings"
	"unicode"

	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "rounds", rank: 15, summary: "列出已导入的轮次及其检查数、不合格数和合格率", run: runRounds})
}

const roundsHelp = `
用法：tongbao rounds [-delete 轮次]

列出数据库中的全部轮次（按所查期间的先后）：检查方式、采样时间，政府网站和政务新媒体的运行数、检查数、
不合格数和合格率。数字都由导入的检查结果计算得出；合格率按 config.toml 的 rates 和 rate_decimals 取值，
与通报和附件一致。

导入错了的轮次可以用 -delete 删除：它的全部检查结果在一个事务中一次删除。已经印发过通报的轮次
不能删除（数据有误时用 tongbao import -replace -replace-issued 替换）。

示例：
  tongbao rounds
  tongbao rounds -delete 2020Q2`

func runRounds(a *cli, args []string) error {
	fs := newFlagSet(a, "rounds", roundsHelp)
	del := fs.String("delete", "", "删除这一轮次及其全部检查结果（已印发过的轮次不能删除）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("rounds 不需要参数；删除轮次请写 tongbao rounds -delete 2020Q2")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	if *del != "" {
		r, err := x.DeleteRound(a.ctx(), *del)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已删除轮次 %s（%s）及其全部检查结果。\n", r.Key(), r.Name())
		return nil
	}
	rates := x.Config.Rates()
	list, err := x.Rounds(a.ctx())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(a.stdout, "数据库中还没有任何轮次。请用 tongbao import 导入检查结果工作簿。")
		return nil
	}
	rows := [][]string{{"轮次", "名称", "检查方式", "采样时间", "网站：运行", "检查", "不合格", "合格率", "新媒体：运行", "检查", "不合格", "合格率"}}
	for _, s := range list {
		r := s.Round
		scope := r.Scope.String()
		if r.Scope == circular.ScopeSample && r.Share > 0 {
			scope += fmt.Sprintf("%g%%", r.Share)
		}
		window := "—"
		if !r.SampleStart.IsZero() {
			window = r.SampleStart.Format("2006-01-02") + "至" + r.SampleEnd.Format("2006-01-02")
		}
		row := []string{r.Key(), r.Name(), scope, window}
		row = append(row, countCells(s.Sites, rates)...)
		row = append(row, countCells(s.Accounts, rates)...)
		rows = append(rows, row)
	}
	fmt.Fprint(a.stdout, formatTable(rows))
	return nil
}

func countCells(c circular.Count, rates circular.Rates) []string {
	rate, _ := rates.Pass(c.Failing, c.Checked)
	return []string{fmt.Sprint(c.Running), fmt.Sprint(c.Checked), fmt.Sprint(c.Failing), rate}
}

// formatTable lines up columns for a terminal, counting a Chinese character
// as two columns (text/tabwriter counts it as one).
func formatTable(rows [][]string) string {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// displayWidth is the width of s in a terminal: 2 for East Asian wide characters.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF01 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
