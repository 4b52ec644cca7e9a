package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/templates"
)

func init() {
	register(&command{name: "templates", rank: 40, summary: "写出默认的通报模板，供编辑修改", run: runTemplates})
}

const templatesHelp = `
用法：tongbao templates [-force] 文件夹

把程序内置的默认通报模板写到指定文件夹，供编辑修改。已有的文件不会被覆盖，除非加 -force。
写好后在 config.toml 中设置 templates = "文件夹"。

示例：
  tongbao templates templates          # 在当前目录的 templates 文件夹中写出默认模板
  tongbao templates -force 我的模板    # 覆盖已修改的模板，恢复默认`

func runTemplates(a *cli, args []string) error {
	fs := newFlagSet(a, "templates", templatesHelp)
	force := fs.Bool("force", false, "覆盖已有的同名文件")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("请给出一个文件夹")
	}
	dir := fs.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法创建文件夹 %s：%s", dir, app.IOReason(err)))
	}
	files, err := templatesFiles()
	if err != nil {
		return err
	}
	var written, kept int
	for _, name := range files {
		dst := filepath.Join(dir, name)
		if _, err := os.Stat(dst); err == nil && !*force {
			kept++
			continue
		}
		b, _ := templates.FS.ReadFile(name)
		if err := app.WriteFileAtomic(dst, b); err != nil {
			return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法写入 %s：%s", dst, app.IOReason(err)))
		}
		written++
	}
	fmt.Fprintf(a.stdout, "已在 %s 写出 %d 个模板文件", dir, written)
	if kept > 0 {
		fmt.Fprintf(a.stdout, "，保留了 %d 个已有文件（加 -force 覆盖）", kept)
	}
	fmt.Fprintln(a.stdout, "。")
	if written == 0 {
		return nil
	}
	// Logged when there is a config, hence a database, to log in; the
	// command also serves before any config exists.
	if x, err := a.load(); err == nil {
		if err := x.Log(a.ctx(), app.ActTemplatesWrite, filepath.Clean(dir), fmt.Sprintf("%d 个文件", written)); err != nil {
			fmt.Fprintf(a.stderr, "提示：模板已写出，但没有记入操作记录：%s\n", circular.ErrorMessage(err))
		}
	}
	return nil
}

func templatesFiles() ([]string, error) {
	var names []string
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	return names, err
}
