package main

import (
	"context"
	"fmt"
	"strings"
)

func init() {
	register(&command{name: "void", rank: 32, summary: "作废一个发文字号（保留登记，不再使用）", run: runVoid})
}

const voidHelp = `
用法：tongbao void -reason 原因 文号

把一个发文字号登记为作废：它仍留在登记簿中，今后不会再被使用。没有用 tongbao 印发过的编号
（例如在别处已经用掉的编号）也可以作废登记，以免重复。

示例：
  tongbao void -reason "内容有误，重新发文" 揭政数局函〔2019〕23号
  tongbao void -reason "已手工发文" 2019-24`

func runVoid(a *cli, args []string) error {
	fs := newFlagSet(a, "void", voidHelp)
	reason := fs.String("reason", "", "作废原因（必填）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文号")
	}
	if strings.TrimSpace(*reason) == "" {
		return usagef("请用 -reason 写明作废原因")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	number, err := x.Void(context.Background(), fs.Arg(0), *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已作废 %s：%s\n", number, strings.TrimSpace(*reason))
	return nil
}
