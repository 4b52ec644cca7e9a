package main

import (
	"errors"
	"fmt"
	"tongbao/internal/circular"

	"tongbao/internal/app"
)

func init() {
	register(&command{name: "import", rank: 10, summary: "导入检查结果工作簿（.xlsx）", run: runImport})
}

const importHelp = `
用法：tongbao import [-replace [-replace-issued]] 工作簿.xlsx [更多工作簿.xlsx …]

把检查结果工作簿导入数据库。每个工作簿是一个轮次（一个季度、月份、半年，或有起止日期的专项检查，
在「检查轮次」表中填写），格式见 tongbao workbook 生成的空白工作簿中的「填表说明」。

导入前先检查全部内容：有问题时一次列出所有问题（文件、工作表、行、列和原因），不写入任何数据。
几个工作簿一起导入时，要么全部导入，要么一个也不导入。已经导入过的轮次需加 -replace 才会替换，
替换也是一次完成的。已经印发过通报的轮次，替换时还须加 -replace-issued 确认：已印发的通报不变，
但下一季度通报的复查会按新数据计算。

示例：
  tongbao import 2019Q1.xlsx
  tongbao import -replace 2018Q4.xlsx 2019Q1.xlsx`

func runImport(a *cli, args []string) error {
	fs := newFlagSet(a, "import", importHelp)
	replace := fs.Bool("replace", false, "替换已经导入过的轮次")
	replaceIssued := fs.Bool("replace-issued", false, "确认替换已经印发过通报的轮次（与 -replace 一起使用）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("请给出要导入的工作簿文件")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	var wbs []app.Workbook
	for _, path := range fs.Args() {
		wb, err := app.ReadWorkbookFile(path)
		if err != nil {
			return err
		}
		wbs = append(wbs, wb)
	}
	if *replaceIssued && !*replace {
		return usagef("-replace-issued 要与 -replace 一起使用")
	}
	done, err := x.Import(a.ctx(), wbs, *replace, *replaceIssued)
	var ce *circular.Error
	if errors.As(err, &ce) && ce.Code == circular.EConflict && !*replace {
		hint := *ce
		hint.Message += "如要用新的工作簿替换它，请加 -replace。"
		return &hint
	}
	if err != nil {
		return err
	}
	for _, im := range done {
		line := fmt.Sprintf("已导入 %s（%s，来自 %s）：政府网站运行 %d 个、检查 %d 个、不合格 %d 个", im.Round.Key(), im.Round.Name(),
			im.Source, im.Sites.Running, im.Sites.Checked, im.Sites.Failing)
		if im.Accounts.Running+im.Accounts.Checked > 0 {
			line += fmt.Sprintf("；政务新媒体运行 %d 个、检查 %d 个、不合格 %d 个", im.Accounts.Running, im.Accounts.Checked, im.Accounts.Failing)
		}
		fmt.Fprintln(a.stdout, line+"。")
		for _, n := range im.Notes {
			fmt.Fprintln(a.stdout, "  "+n+"。")
		}
	}
	return nil
}
