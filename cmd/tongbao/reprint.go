package main

import (
	"fmt"
	"path/filepath"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "reprint", rank: 33, summary: "按登记时的模板和数据重新输出已印发的通报", run: runReprint})
}

const reprintHelp = `
用法：tongbao reprint [-o 文件] [-original] 文号

按登记时保存的模板、配置和数据重新生成已印发的通报，并与登记的 SHA-256 核对：一致时才输出，
与第一次生成的 PDF 逐字节相同（印发时另存了 OFD 的，同名的 .ofd 也一起输出，同样逐字节相同），即使之后修改了模板、配置或数据也是如此（会提示哪些已经修改）。
不一致时不输出，并说明与印发时相比哪些输入有变化（模板、配置、数据、程序版本）；这时可加 -original
输出登记时保存的原件（先核对它的 SHA-256）。已作废的通报也可以重新输出，并提示已作废。

示例：
  tongbao reprint 揭政数局函〔2019〕23号
  tongbao reprint -o 副本.pdf 2019-23
  tongbao reprint -original 2019-23      # 输出登记时保存的原件`

func runReprint(a *cli, args []string) error {
	fs := newFlagSet(a, "reprint", reprintHelp)
	outFlag := fs.String("o", "", "输出文件（默认写到输出文件夹）")
	original := fs.Bool("original", false, "输出登记时保存的原件，而不是重新排版")
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
	ctx := a.ctx()
	var c *circular.Issued
	var pdfBytes, ofdBytes []byte
	how := "重新排版，与登记的 SHA-256 一致"
	if *original {
		c, err = x.Circular(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		if !app.StoredIntact(c) {
			return circular.Errorf(circular.EIO, "登记时保存的 %s 原件已损坏：它的 SHA-256 与登记的不一致，没有输出。请从归档或备份中取原件", c.Number)
		}
		pdfBytes, ofdBytes, how = c.PDF, c.OFD, "登记时保存的原件，SHA-256 与登记一致"
	} else {
		rp, err := x.Reprint(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		c = rp.Circular
		if !rp.Same {
			changed := rp.ChangedText()
			if changed == "" {
				changed = "没有发现登记的输入有变化，可能是字体或运行环境不同"
			}
			msg := fmt.Sprintf("！！！重新排版的结果与登记的不一致，没有输出！%s 登记的 SHA-256 是 %s，重新排版得到 %s。",
				c.Number, c.PDFSHA256, app.SHA256Hex(rp.PDF))
			if c.OFDSHA256 != "" {
				msg = fmt.Sprintf("%s登记的 OFD 的 SHA-256 是 %s，重新排版得到 %s。", msg, c.OFDSHA256, app.SHA256Hex(rp.OFD))
			}
			msg += "与印发时相比有变化的输入：" + changed + "。"
			if rp.StoredIntact {
				msg += fmt.Sprintf("登记时保存的原件完好，可用 tongbao reprint -original %s 输出原件", c.Number)
			} else {
				msg += "登记时保存的原件也与登记的 SHA-256 不一致，数据库可能被改动过，请从归档或备份中取原件"
			}
			return circular.Errorf(circular.EConflict, "%s", msg)
		}
		if len(rp.Changed) > 0 {
			fmt.Fprintf(a.stderr, "提示：%s 印发后这些输入有变化：%s。重印使用登记时保存的模板、配置和数据，结果与原件相同。\n", c.Number, rp.ChangedText())
		}
		pdfBytes, ofdBytes = rp.PDF, rp.OFD
	}
	if c.Status == circular.StatusVoid {
		fmt.Fprintf(a.stderr, "注意：%s 已作废（原因：%s）。输出的是作废前的原件，不再有效。\n", c.Number, c.VoidReason)
	}
	out, err := x.WriteReprint(ctx, c, *outFlag, pdfBytes, ofdBytes)
	if out != "" {
		fmt.Fprintf(a.stdout, "已重新输出 %s 到 %s（%s：%s）\n", c.Number, filepath.Clean(out), how, c.PDFSHA256)
		if ofdBytes != nil && err == nil {
			fmt.Fprintf(a.stdout, "已重新输出 %s 的 OFD 到 %s（SHA-256 %s）\n", c.Number, filepath.Clean(app.OFDPath(out)), c.OFDSHA256)
		}
	}
	return err
}
