package main

import (
	"fmt"
	"strings"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "void", rank: 32, summary: "作废一个发文字号，或登记在别处已用的编号", run: runVoid})
	register(&command{name: "unvoid", rank: 34, summary: "撤销误作废的编号（在它还没有被使用时）", run: runUnvoid})
}

const voidHelp = `
用法：tongbao void -reason 原因 [-external] [-through 文号] [-code 代字] 文号

把一个发文字号登记为作废：它仍留在登记簿中，今后不会再被使用。已印发通报的 PDF 仍可下载和用
tongbao reprint 重新输出，登记簿中标明已作废。

在 tongbao 以外已经用掉的编号（例如手工发文），请加 -external 登记为「已在别处使用」，而不是作废。

编号不能跳：只能登记下一个可用编号或更早的编号。下一个可用编号之后的编号，只能连同它之前的编号
作为一个范围一起登记（-through 写明范围的最后一个编号），并需确认（在终端上回答，或加 -yes）。
只接受本机关的代字（config.toml 中的 issuer.code）；联合发文使用其他机关的代字时，用 -code 写明。
登记错了，可以在编号还没有被使用时用 tongbao unvoid 撤销。

示例：
  tongbao void -reason "内容有误，重新发文" 揭政数局函〔2019〕23号
  tongbao void -external -reason "手工发文《关于……的通知》" 2019-24
  tongbao void -external -through 2019-30 -reason "纸质发文已用" 2019-24
  tongbao void -code 揭府办函 -reason "联合发文，由对方编号" 2019-12`

func runVoid(a *cli, args []string) error {
	fs := newFlagSet(a, "void", voidHelp)
	reason := fs.String("reason", "", "原因（必填）")
	external := fs.Bool("external", false, "登记为已在别处使用（手工发文等），而不是作废")
	through := fs.String("through", "", "范围的最后一个文号：登记从给出的文号到它的全部编号")
	code := fs.String("code", "", "其他机关的代字（联合发文）；默认只接受本机关的代字")
	yes := fs.Bool("yes", false, "登记一个范围时不询问，直接确认")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文号")
	}
	if strings.TrimSpace(*reason) == "" {
		return usagef("请用 -reason 写明原因")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	req := app.VoidRequest{Number: fs.Arg(0), Through: *through, Code: *code, External: *external, Reason: *reason}
	what := "作废"
	if *external {
		what = "登记为已在别处使用"
	}
	if *through != "" {
		from, err := x.ParseNumber(fs.Arg(0))
		if err != nil {
			return err
		}
		to, err := x.ParseNumber(*through)
		if err != nil {
			return err
		}
		if *code != "" {
			from.Code, to.Code = *code, *code
		}
		if to.Serial > from.Serial {
			fmt.Fprintf(a.stdout, "将把 %s 至 %s 共 %d 个编号%s，原因：%s\n", from, to, to.Serial-from.Serial+1, what, strings.TrimSpace(*reason))
			ok, err := a.confirm("确认登记？", *yes)
			if err == errNoTerminal {
				return usagef("标准输入不是终端，无法询问确认。核对范围无误后请加 -yes 重新运行")
			}
			if !ok {
				return circular.Errorf(circular.EInvalid, "没有确认，已取消：没有登记任何编号")
			}
		}
	}
	numbers, err := x.Void(a.ctx(), req)
	if err != nil {
		return err
	}
	label := "已作废"
	if *external {
		label = "已登记为在别处使用"
	}
	fmt.Fprintf(a.stdout, "%s %s：%s\n", label, numberRange(numbers), strings.TrimSpace(*reason))
	return nil
}

// numberRange writes numbers as one, or as the first to the last.
func numberRange(numbers []string) string {
	switch len(numbers) {
	case 0:
		return ""
	case 1:
		return numbers[0]
	}
	return fmt.Sprintf("%s 至 %s（共 %d 个）", numbers[0], numbers[len(numbers)-1], len(numbers))
}

const unvoidHelp = `
用法：tongbao unvoid -reason 原因 [-code 代字] 文号

撤销一次误登记的作废（或「已在别处使用」）。撤销记入登记簿的历史，不会消失：
  · 作废前是 tongbao 印发的通报：恢复为已印发（该轮次已另行印发过时不能恢复）；
  · 从没有印发过的编号：重新成为可用编号，但只能在它之后还没有登记其他编号时撤销，以免留下空号。

示例：
  tongbao unvoid -reason "作废错了编号" 2019-25`

func runUnvoid(a *cli, args []string) error {
	fs := newFlagSet(a, "unvoid", unvoidHelp)
	reason := fs.String("reason", "", "撤销的原因（必填）")
	code := fs.String("code", "", "其他机关的代字（联合发文）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文号")
	}
	if strings.TrimSpace(*reason) == "" {
		return usagef("请用 -reason 写明撤销的原因")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	number, status, err := x.Unvoid(a.ctx(), fs.Arg(0), *code, *reason)
	if err != nil {
		return err
	}
	if status == circular.StatusIssued {
		fmt.Fprintf(a.stdout, "已撤销作废：%s 恢复为已印发。\n", number)
	} else {
		fmt.Fprintf(a.stdout, "已撤销作废：%s 重新成为可用编号。\n", number)
	}
	return nil
}
