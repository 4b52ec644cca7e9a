package main

import (
	"context"
	"fmt"
	"path/filepath"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "reprint", rank: 33, summary: "按登记时的模板和数据重新输出已印发的通报", run: runReprint})
}

const reprintHelp = `
用法：tongbao reprint [-o 文件] 文号

按登记时保存的模板、配置和数据重新生成已印发的通报，与第一次生成的 PDF 逐字节相同，
即使之后修改了模板或数据也是如此。重新生成的结果会与登记的 SHA-256 核对。

示例：
  tongbao reprint 揭政数局函〔2019〕23号
  tongbao reprint -o 副本.pdf 2019-23`

func runReprint(a *cli, args []string) error {
	fs := newFlagSet(a, "reprint", reprintHelp)
	outFlag := fs.String("o", "", "输出文件（默认写到输出文件夹）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文号")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	c, pdfBytes, same, err := x.Reprint(context.Background(), fs.Arg(0))
	if err != nil {
		return err
	}
	if !same {
		fmt.Fprintln(a.stderr, "注意：当前版本重新排版的结果与登记时不同（程序已更新），改为输出登记时保存的原件。")
	}
	out := *outFlag
	if out == "" {
		out = x.IssuedPath(c)
	}
	if err := app.EnsureDir(filepath.Dir(out)); err != nil {
		return err
	}
	if err := app.WriteFileAtomic(out, pdfBytes); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s：%s", out, app.IOReason(err)))
	}
	fmt.Fprintf(a.stdout, "已重新输出 %s 到 %s（SHA-256 %s，与登记一致）\n", c.Number, filepath.Clean(out), c.PDFSHA256)
	return nil
}
