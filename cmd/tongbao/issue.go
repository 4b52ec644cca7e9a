package main

import (
	"fmt"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "issue", rank: 30, summary: "给通报编发文字号，登记并生成正式 PDF", run: runIssue})
}

const issueHelp = `
用法：tongbao issue [-date 成文日期] [-deadline 整改期限] [-number 序号] [-yes] [-dry-run] 轮次

给某一轮次的通报取下一个可用的发文字号（如 揭政数局函〔2019〕23号），登记到数据库，并生成正式 PDF
（PDF/A-2b，适合长期保存）。config.toml 中 [archive] formats = ["pdf", "ofd"] 时，同名的 OFD 版式文件
（GB/T 33190-2016）也一起生成，它的 SHA-256 与 PDF 的一起登记。
先按将要取得的文号排版，列出文号、成文日期、标题和页数请您确认：在终端上回答「确认印发？(y/N)」，
在脚本中（标准输入不是终端）须加 -yes。加 -dry-run 只列出这些内容，不编号、不登记。
登记在一个很短的事务中完成：中途出错或中断时，既不会留下登记，也不会占用编号。
同一机关代字和年度的编号连续、不重复；作废的编号不再使用。某年度的起始编号可在 config.toml 的
[issuer.first_number] 中设置。
整改期限默认为成文日期后 deadline_days 天（config.toml），-deadline 直接给出本通报的期限；用到的期限与编号一起登记。

一个轮次已经印发过时，再次编号会被拒绝（退出码 3），以免同一份通报占用两个编号，同时运行的几个
issue 也只有一个能成功：需要原件时用 tongbao reprint；原件有误需要重新发文时，先用 tongbao void
作废原编号，或加 -again 再编一个号。

成文日期早于本年度前一个编号的成文日期，或比今天晚 30 天以上时，会提示核对：在终端上确认即可，
加 -yes 时还须加 -force。

退出码：0 已印发（或 -dry-run 完成），1 出错或未确认，2 用法有误，3 该轮次已经印发过。

示例：
  tongbao issue -date 2019-04-12 2019Q1
  tongbao issue 2019Q1 -date 2019-04-12 -dry-run         # 只看将要取得的文号、标题和页数
  tongbao issue -yes -date 2019-04-12 2019Q1             # 在脚本中运行
  tongbao issue -date 2019-04-12 -deadline 2019-04-20 2019Q1   # 整改期限定在 4 月 20 日（星期六）
  tongbao issue -date 2019-04-12 -number 23 2019Q1       # 使用预留的 23 号（已用或作废的编号会被拒绝）
  tongbao issue -again -date 2019-04-20 2019Q1           # 该轮次已印发过，仍再发一份`

func runIssue(a *cli, args []string) error {
	fs := newFlagSet(a, "issue", issueHelp)
	dateFlag := fs.String("date", "", "成文日期，格式 2019-04-12（默认今天）")
	deadlineFlag := fs.String("deadline", "", "整改期限，格式 2019-04-20（默认按配置的天数计算）")
	number := fs.Int("number", 0, "指定序号（默认取下一个可用编号）")
	again := fs.Bool("again", false, "该轮次已经印发过时仍再编一个号")
	yes := fs.Bool("yes", false, "不询问，直接确认印发（在脚本中使用）")
	dryRun := fs.Bool("dry-run", false, "只列出将要取得的文号、成文日期、标题和页数，不编号、不登记")
	force := fs.Bool("force", false, "成文日期有提示时仍然印发（与 -yes 一起使用）")
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
	ctx := a.ctx()
	plan, err := x.PlanIssue(ctx, app.IssueRequest{Round: fs.Arg(0), Date: date, Deadline: deadline, Serial: *number, Again: *again, Force: *force})
	if err != nil {
		return err
	}
	dateNote := ""
	if *dateFlag == "" {
		dateNote = "（今天；未用 -date 指定）"
	}
	fmt.Fprintf(a.stdout, "轮次：　　%s（%s）\n发文字号：%s\n成文日期：%s%s\n标题：　　%s\n页数：　　%d 页\n",
		plan.Round.Key(), plan.Round.Name(), plan.Number, cnDate(date), dateNote, plan.Title, plan.Pages)
	if !plan.Deadline.IsZero() {
		fmt.Fprintf(a.stdout, "整改期限：%s\n", cnDate(plan.Deadline))
	}
	for _, w := range plan.Warnings {
		fmt.Fprintf(a.stdout, "请注意：%s。\n", w)
	}
	if *dryRun {
		fmt.Fprintln(a.stdout, "（-dry-run：没有编号，也没有登记）")
		return nil
	}
	ok, err := a.confirm("确认印发？", *yes)
	if err == errNoTerminal {
		return usagef("标准输入不是终端，无法询问确认。请核对上面的文号、成文日期、标题和页数，确认无误后加 -yes 重新运行")
	}
	if !ok {
		return circular.Errorf(circular.EInvalid, "没有确认，已取消：没有编号，也没有登记")
	}
	if !*yes {
		plan.Request.Force = true // the clerk saw the warnings and confirmed
	}
	c, out, err := x.IssuePlanned(ctx, plan)
	if err != nil {
		return err
	}
	if c.Number != plan.Number.String() {
		fmt.Fprintf(a.stdout, "请注意：%s 在确认期间已被其他人取得，本通报改用下一个可用编号 %s，并已按新文号重新排版。\n", plan.Number, c.Number)
	}
	fmt.Fprintf(a.stdout, "已编号并登记：%s\n已生成 %s（%d 页，SHA-256 %s）\n", c.Number, out, c.Pages, c.PDFSHA256)
	if c.OFD != nil {
		fmt.Fprintf(a.stdout, "已生成 %s（OFD，SHA-256 %s）\n", app.OFDPath(out), c.OFDSHA256)
	}
	if x.Config.Circular.DOCX {
		fmt.Fprintf(a.stdout, "已生成 %s（供核稿和存档的可编辑文本）\n", app.DOCXPath(out))
	}
	printNotices(a, c.Notices)
	return nil
}

// cnDate writes a date as 2019年4月12日.
func cnDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
