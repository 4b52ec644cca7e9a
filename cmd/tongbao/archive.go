package main

import (
	"context"
	"fmt"

	"tongbao/internal/circular"
	"tongbao/internal/records"
)

func init() {
	register(&command{name: "archive", rank: 34, summary: "输出归档包：PDF、元数据和校验值", run: runArchive})
	register(&command{name: "verify", rank: 35, summary: "核对归档包中每个文件的校验值和页数", run: runVerify})
}

const archiveHelp = `
用法：tongbao archive -dir 文件夹 文号

把已印发的通报输出为归档包：PDF 原件、按 DA/T 46 著录的元数据（元数据.xml：题名、文件编号、责任者、日期、
文种、密级、保管期限、页数、格式、计算机文件名和大小、主送、抄送），以及每个文件的 SHA-256 和 SM3 校验值
（SHA256SUMS、SM3SUMS）。文件名在 Windows 下也可用，保留六角括号〔〕。保管期限在 config.toml 的
[archive] retention 中设置。

示例：
  tongbao archive -dir 归档/2019-23 揭政数局函〔2019〕23号
  tongbao verify 归档/2019-23`

func runArchive(a *cli, args []string) error {
	fs := newFlagSet(a, "archive", archiveHelp)
	dir := fs.String("dir", "", "归档包所在文件夹（必填）")
	overwrite := fs.Bool("overwrite", false, "文件夹中已有其他归档包时覆盖")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文号")
	}
	if *dir == "" {
		return usagef("请用 -dir 指定归档包文件夹")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	files, err := x.Archive(context.Background(), fs.Arg(0), *dir, *overwrite)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已写出归档包到 %s：\n", *dir)
	for _, f := range files {
		fmt.Fprintf(a.stdout, "  %s\n", f)
	}
	return nil
}

const verifyHelp = `
用法：tongbao verify 文件夹

逐个核对归档包中文件的 SHA-256 和 SM3 校验值、大小和 PDF 页数，报告任何不一致。全部一致时退出码为 0，
否则为 1。

示例：
  tongbao verify 归档/2019-23`

// errVerifyFailed makes verify exit 1 after it has printed its report.
var errVerifyFailed = circular.Errorf(circular.EInvalid, "归档包核对未通过，见上面的报告。")

func runVerify(a *cli, args []string) error {
	fs := newFlagSet(a, "verify", verifyHelp)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出归档包所在的文件夹")
	}
	rep, err := records.Verify(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprint(a.stdout, rep.String())
	if !rep.OK() {
		return errVerifyFailed
	}
	fmt.Fprintln(a.stdout, "全部文件核对一致。")
	return nil
}
