package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{name: "export", rank: 36, summary: "把通报的附件表格导出为 Excel 工作簿", run: runExport})
}

const exportHelp = `
用法：tongbao export [-o 文件.xlsx] 轮次

把某一轮次通报中的附件表格导出为 Excel 工作簿：每个附件一个工作表，带标题行、与 PDF 相同的合并表头、
按中文宽度设置的列宽、边框，以及 A4 打印设置（每页重复表头）。表格内容与通报 PDF 中的附件一致。

示例：
  tongbao export 2019Q1                       # 写到输出文件夹中的「2019Q1 附件.xlsx」
  tongbao export -o 附件表格.xlsx 2019Q1`

func runExport(a *cli, args []string) error {
	fs := newFlagSet(a, "export", exportHelp)
	outFlag := fs.String("o", "", "输出的工作簿")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个轮次，例如 2019Q1")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	out, n, err := x.Export(context.Background(), fs.Arg(0), *outFlag)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已导出 %d 个附件表格到 %s\n", n, out)
	return nil
}
