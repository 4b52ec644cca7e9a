package main

import (
	"fmt"

	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "list", rank: 31, summary: "列出已登记的通报和作废的编号", run: runList})
}

const listHelp = `
用法：tongbao list

列出编号登记簿中的全部通报（最新的在前）：发文字号、状态、轮次、成文日期、整改期限、页数和标题；作废的编号同时显示作废原因。

示例：
  tongbao list`

func runList(a *cli, args []string) error {
	fs := newFlagSet(a, "list", listHelp)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("list 不需要参数")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	list, err := x.Circulars(a.ctx())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(a.stdout, "还没有登记过通报。用 tongbao issue 轮次 编号并生成正式通报。")
		return nil
	}
	rows := [][]string{{"发文字号", "状态", "轮次", "成文日期", "整改期限", "页数", "经办", "标题（作废的注明原因）"}}
	for _, c := range list {
		status, date, deadline, pages, title := "已印发", "", "", "", c.Title
		if !c.Date.IsZero() {
			date = fmt.Sprintf("%d年%d月%d日", c.Date.Year(), c.Date.Month(), c.Date.Day())
		}
		if !c.Deadline.IsZero() {
			deadline = fmt.Sprintf("%d年%d月%d日", c.Deadline.Year(), c.Deadline.Month(), c.Deadline.Day())
		}
		if c.Pages > 0 {
			pages = fmt.Sprint(c.Pages)
		}
		if c.Status != circular.StatusIssued {
			// a voided circular keeps what it was in the register
			status = circular.StatusText(c.Status)
			if title != "" {
				title += "；"
			}
			label := "作废原因："
			if c.Status == circular.StatusExternal {
				label = "说明："
			}
			title += label + c.VoidReason
		}
		by := c.IssuedBy
		if c.VoidedBy != "" && c.IssuedBy != "" {
			by = c.IssuedBy + " 印发，" + c.VoidedBy + " 登记作废"
		} else if c.VoidedBy != "" {
			by = c.VoidedBy
		}
		rows = append(rows, []string{c.Number, status, c.Round, date, deadline, pages, by, title})
	}
	fmt.Fprint(a.stdout, formatTable(rows))
	return nil
}
