package main

import (
	"bytes"
	"fmt"
	"os"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/internal/excel"
)

func init() {
	register(&command{name: "workbook", rank: 5, summary: "生成空白的检查结果工作簿（含填表说明）", run: runWorkbook})
}

const workbookHelp = `
用法：tongbao workbook [-force] 文件.xlsx

生成一份空白的检查结果工作簿：「检查轮次」「政府网站」「政务新媒体」三张表的表头、下拉选项，
以及逐列说明填写要求的「填表说明」。填好后用 tongbao import 导入。

示例：
  tongbao workbook 2019Q2.xlsx`

func runWorkbook(a *cli, args []string) error {
	fs := newFlagSet(a, "workbook", workbookHelp)
	force := fs.Bool("force", false, "文件已存在时覆盖")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出要生成的工作簿文件名，例如 空白.xlsx")
	}
	path := fs.Arg(0)
	if _, err := os.Stat(path); err == nil && !*force {
		return circular.Errorf(circular.EConflict, "文件 %s 已经存在。如要覆盖，请加 -force", path)
	}
	// the 填表说明 states the office's rate rule when there is a config to
	// read it from; without one, the default rule
	_, _ = a.load()
	var buf bytes.Buffer
	if err := excel.WriteBlank(&buf); err != nil {
		return fmt.Errorf("blank workbook: %w", err)
	}
	if err := app.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s：%s", path, app.IOReason(err)))
	}
	fmt.Fprintf(a.stdout, "已生成空白工作簿 %s。填写说明见其中的「填表说明」工作表。\n", path)
	return nil
}
