package main

import (
	"context"
	"fmt"

	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "issue", rank: 30, summary: "给通报编发文字号，登记并生成正式 PDF", run: runIssue})
}

const issueHelp = `
用法：tongbao issue [-date 成文日期] [-deadline 整改期限] [-number 序号] 轮次

给某一轮次的通报取下一个可用的发文字号（如 揭政数局函〔2019〕23号），登记到数据库，并生成正式 PDF。
取号、登记和生成在一个事务中完成：中途出错或中断时，既不会留下登记，也不会占用编号。
同一机关代字和年度的编号连续、不重复；作废的编号不再使用。某年度的起始编号可在 config.toml 的
[issuer.first_number] 中设置。
整改期限默认为成文日期后 deadline_days 天（config.toml），-deadline 直接给出本通报的期限；用到的期限与编号一起登记。

一个轮次已经印发过时，再次编号会被拒绝，以免同一份通报占用两个编号：需要原件时用 tongbao reprint；
原件有误需要重新发文时，先用 tongbao void 作废原编号，或加 -again 再编一个号。

示例：
  tongbao issue -date 2019-04-12 2019Q1
  tongbao issue -date 2019-04-12 -deadline 2019-04-20 2019Q1    # 整改期限定在 4 月 20 日（星期六）
  tongbao issue -date 2019-04-12 -number 23 2019Q1    # 使用预留的 23 号（已用或作废的编号会被拒绝）
  tongbao issue -again -date 2019-04-20 2019Q1        # 该轮次已印发过，仍再发一份`

func runIssue(a *cli, args []string) error {
	fs := newFlagSet(a, "issue", issueHelp)
	dateFlag := fs.String("date", "", "成文日期，格式 2019-04-12（默认今天）")
	deadlineFlag := fs.String("deadline", "", "整改期限，格式 2019-04-20（默认按配置的天数计算）")
	number := fs.Int("number", 0, "指定序号（默认取下一个可用编号）")
	again := fs.Bool("again", false, "该轮次已经印发过时仍再编一个号")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个轮次，例如 2019Q1")
	}
	if *number < 0 {
		return usagef("序号应为正整数")
	}
	date, err := parseDateFlag(*dateFlag)
	if err != nil {
		return err
	}
	deadline, err := parseDeadlineFlag(*deadlineFlag)
	if err != nil {
		return err
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if !*again {
		_, prev, err := x.IssuedFor(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		if len(prev) > 0 {
			p := prev[0]
			return circular.Errorf(circular.EConflict, "%s 已经印发为 %s（%s）。需要原件请用 tongbao reprint %s；原件有误需要重新发文的，先用 tongbao void 作废原编号，或加 -again 再编一个号",
				p.Round, p.Number, fmt.Sprintf("%d年%d月%d日", p.Date.Year(), int(p.Date.Month()), p.Date.Day()), p.Number)
		}
	}
	c, out, err := x.Issue(ctx, fs.Arg(0), date, deadline, *number)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已编号并登记：%s\n已生成 %s（%d 页，SHA-256 %s）\n", c.Number, out, c.Pages, c.PDFSHA256)
	printNotices(a, c.Notices)
	return nil
}
