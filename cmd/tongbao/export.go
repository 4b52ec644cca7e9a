package main

import (
	"fmt"
	"path/filepath"
)

func init() {
	register(&command{name: "export", rank: 36, summary: "把通报的附件表格导出为 Excel 工作簿", run: runExport})
}

const exportHelp = `
用法：tongbao export [-o 文件.xlsx] 轮次或文号

把通报中的附件表格导出为 Excel 工作簿：每个附件一个工作表，带标题行、与 PDF 相同的合并表头、
按中文宽度设置的列宽、边框，以及 A4 打印设置（每页重复表头）。
给出轮次时按现在的模板和数据导出（与草稿一致）；给出已印发的文号时按登记时保存的模板和数据导出，
与正式 PDF 中的附件完全一致，即使之后修改了模板或数据。

示例：
  tongbao export 2019Q1                       # 写到输出文件夹中的「2019Q1 附件.xlsx」
  tongbao export -o 附件表格.xlsx 2019Q1
  tongbao export 揭政数局函〔2019〕23号        # 已印发通报的附件表格`

func runExport(a *cli, args []string) error {
	fs := newFlagSet(a, "export", exportHelp)
	outFlag := fs.String("o", "", "输出的工作簿")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个轮次（例如 2019Q1）或已印发的文号")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	ctx := a.ctx()
	var out string
	var n int
	if num, perr := x.ParseNumber(fs.Arg(0)); perr == nil {
		out = *outFlag
		if out == "" {
			out = filepath.Join(x.Config.OutputDir(), num.String()+" 附件.xlsx")
		}
		n, err = x.ExportIssued(ctx, num.String(), out)
	} else {
		out, n, err = x.Export(ctx, fs.Arg(0), *outFlag)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已导出 %d 个附件表格到 %s\n", n, out)
	return nil
}
