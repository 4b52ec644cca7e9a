package main

import (
	"bytes"
	"fmt"
	"path/filepath"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/internal/excel"
	"tongbao/internal/samplegen"
)

func init() {
	register(&command{name: "generate", rank: 90, summary: "生成用于测试和性能评估的模拟检查结果工作簿", run: runGenerate})
}

const generateHelp = `
用法：tongbao generate -scale city|province|nation [-seed 数字] [-rounds 轮数] [-full] -o 文件夹

生成模拟的检查结果工作簿（格式与 tongbao workbook 的空白工作簿相同，可直接用 tongbao import 导入），
用于测试和评估性能。网站、账号和单位名称是虚构的，同一个 -seed 总是生成同样的内容。

规模：
  city      一个市：政府网站 50 个，政务新媒体 300 个（全覆盖检查）
  province  一个省：政府网站 550 个，政务新媒体 3,600 个（抽查 35%）
  nation    全国：政府网站 14,000 个，政务新媒体 140,000 个（抽查 25%）

约 2%～8% 的网站和 3%～10% 的账号不合格，部分名称长达 40 字以上。-rounds 生成连续几个季度（同一批
网站和账号，上一季度的问题部分整改、部分仍未整改），每个季度一个文件，名为「2020Q2.xlsx」等。
-full 让省和全国也全覆盖检查。已存在的同名文件会被覆盖。

示例：
  tongbao generate -scale city -o 模拟
  tongbao generate -scale province -seed 7 -rounds 2 -o 模拟
  tongbao generate -scale nation -full -o 模拟 && tongbao import 模拟/*.xlsx`

func runGenerate(a *cli, args []string) error {
	fs := newFlagSet(a, "generate", generateHelp)
	scaleFlag := fs.String("scale", "", "规模：city、province 或 nation")
	seed := fs.Int64("seed", 1, "随机种子：同一个种子生成同样的内容")
	rounds := fs.Int("rounds", 1, "生成连续几个季度")
	full := fs.Bool("full", false, "省和全国也全覆盖检查（默认抽查）")
	out := fs.String("o", "", "输出文件夹（不存在时自动创建）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("多余的参数「%s」：输出文件夹请用 -o 给出", fs.Arg(0))
	}
	scale, ok := samplegen.ParseScale(*scaleFlag)
	if !ok {
		return usagef("请用 -scale 给出规模：city、province 或 nation（给出的是「%s」）", *scaleFlag)
	}
	if *rounds < 1 || *rounds > 40 {
		return usagef("-rounds 应为 1 到 40（给出的是 %d）", *rounds)
	}
	if *out == "" {
		return usagef("请用 -o 给出输出文件夹")
	}
	if err := app.EnsureDir(*out); err != nil {
		return err
	}
	for _, rr := range samplegen.GenerateRounds(samplegen.Options{Scale: scale, Seed: *seed, Rounds: *rounds, Full: *full}) {
		var buf bytes.Buffer
		if err := excel.WriteRound(&buf, rr); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		path := filepath.Join(*out, rr.Round.Key()+".xlsx")
		if err := app.WriteFileAtomic(path, buf.Bytes()); err != nil {
			return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s：%s", path, app.IOReason(err)))
		}
		fmt.Fprintf(a.stdout, "已生成 %s：%s\n", path, samplegen.Describe(rr))
	}
	return nil
}
