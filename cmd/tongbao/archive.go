package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/records"
)

func init() {
	register(&command{name: "archive", rank: 34, summary: "输出归档包：PDF、元数据和校验值", run: runArchive})
	register(&command{name: "verify", rank: 35, summary: "归档包四性检测：真实性、完整性、可用性、安全性", run: runVerify})
}

const archiveHelp = `
用法：tongbao archive -dir 文件夹 文号

把已印发的通报输出为归档包：版式文件（PDF/A，印发时按 [archive] formats 另存了 OFD 的还有同名的 OFD）、元数据（元数据.xml）和每个文件的
SHA-256 和 SM3 校验值（SHA256SUMS、SM3SUMS）。元数据按 DA/T 46-2009 的实体结构著录：文件实体（聚合层次、
立档单位名称、电子文件号、档号、内容描述、形式特征、每个文件的电子属性）和业务实体（印发、归档），内容描述中
含 GB/T 33480-2016 的公文元数据（发文字号、标题、主送机关、附件说明、署名、成文日期、抄送机关、印发机关等）。
文件名在 Windows 下也可用，保留六角括号〔〕。保管期限、立档单位、全宗号、机构或问题、发布层次在 config.toml 的
[archive] 中设置。

示例：
  tongbao archive -dir 归档/2019-23 揭政数局函〔2019〕23号
  tongbao archive -dir 归档/2019-23 -item 15 -date 2019-04-20 揭政数局函〔2019〕23号
  tongbao verify 归档/2019-23`

func runArchive(a *cli, args []string) error {
	fs := newFlagSet(a, "archive", archiveHelp)
	dir := fs.String("dir", "", "归档包所在文件夹（必填）")
	overwrite := fs.Bool("overwrite", false, "文件夹中已有其他归档包时覆盖")
	date := fs.String("date", "", "归档日期，写入元数据的“归档”业务行为，如 2019-04-20（默认今天）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	archived := time.Now()
	if *date != "" {
		t, err := time.ParseInLocation("2006-01-02", *date, time.Local)
		if err != nil {
			return usagef("归档日期「%s」格式不对，应写成 2019-04-20", *date)
		}
		archived = t
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
	files, err := x.Archive(a.ctx(), fs.Arg(0), *dir, *overwrite, archived)
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

对归档包做四性检测（DA/T 70 所说的真实性、完整性、可用性、安全性），逐项报告，并把报告写入归档包文件夹中的
检测报告.txt：
  真实性  每个文件的 SHA-256 和 SM3 与校验值文件、元数据中的数字摘要一致；在有 config.toml 和数据库的文件夹中
          运行时，还与登记簿中该文号登记的 SHA-256 核对（能发现被替换后重新计算了校验值的文件）
  完整性  元数据列出的文件都在、校验值文件列出的正是这些文件、没有多余的文件，大小与元数据一致，元数据的必填项齐全
  可用性  PDF 和 OFD 能够解析，页数彼此一致并与元数据一致
  安全性  没有加密、脚本、外部链接或启动程序的动作、嵌入文件或可执行文件
全部通过时退出码为 0，否则为 1。

示例：
  tongbao verify 归档/2019-23`

// errVerifyFailed makes verify exit 1 after it has printed its report.
var errVerifyFailed = circular.Errorf(circular.EInvalid, "归档包四性检测未通过，见上面的报告。")

func runVerify(a *cli, args []string) error {
	fs := newFlagSet(a, "verify", verifyHelp)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出归档包所在的文件夹")
	}
	dir := fs.Arg(0)
	var rep *records.Report
	x, err := a.load()
	if err == nil {
		rep, err = x.Verify(a.ctx(), dir)
	} else {
		why := circular.ErrorMessage(err)
		rep, err = records.Verify(dir, nil)
		if rep != nil {
			rep.Register = "未核对（" + why + "）"
		}
	}
	if err != nil {
		return err
	}
	text := rep.String()
	fmt.Fprint(a.stdout, text)
	if err := os.WriteFile(filepath.Join(dir, records.ReportFile), []byte(text), 0o644); err != nil {
		fmt.Fprintf(a.stderr, "无法写入 %s：%v\n", filepath.Join(dir, records.ReportFile), err)
	} else {
		fmt.Fprintf(a.stdout, "报告已写入 %s\n", filepath.Join(dir, records.ReportFile))
	}
	if !rep.OK() {
		return errVerifyFailed
	}
	return nil
}
