package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "draft", rank: 20, summary: "生成某一轮次的通报草稿（PDF，文号留空）", run: runDraft})
}

const draftHelp = `
用法：tongbao draft [-format pdf|ofd|docx] [-date 成文日期] [-deadline 整改期限] [-o 文件] [-watch] [轮次]

把数据库中某一轮次的检查结果按 templates/ 中的模板生成通报草稿 PDF。草稿的发文字号只有机关代字和年份，
序号留空（正式编号用 tongbao issue）。轮次写作 2019Q1（或 2019年第一季度）、2023M09（或 2023年9月）、
2023H1（或 2023年上半年），其他检查写轮次名称；不写轮次时用所查期间最近的轮次。
文件先写到临时文件再改名，生成失败时不会破坏已有的草稿。

-deadline：直接给出本通报的整改期限（如 2019-04-20，周末也照写），不按 config.toml 的 deadline_days 计算。

-format：输出格式，默认 pdf。ofd 输出同一份草稿的 OFD 版式文件（GB/T 33190-2016）；
docx 生成可编辑的 Word 文档「轮次 通报草稿.docx」，用于在 OA 系统中核稿（WPS、Word 都能打开）：
版面同 PDF（每页 22 行、每行 28 字、页码、版记），标题、主送、各级标题、附件说明、署名等都是命名的样式，
修改后格式不乱。config.toml 中 [circular] docx_embed_fonts = true 时把程序自带的字体嵌入文档。

-watch：一直运行，模板、配置或数据有改动时在一秒内重新生成；出错时显示错误并继续等待（按 Ctrl-C 结束）。

示例：
  tongbao draft 2019Q1
  tongbao draft -date 2019-04-12 2019Q1
  tongbao draft -date 2019-04-12 -deadline 2019-04-20 2019Q1
  tongbao draft -watch 2019Q1        # 编辑模板时实时预览
  tongbao draft -format docx 2019Q1  # 生成 Word 文档，送 OA 核稿
  tongbao draft -format ofd 2019Q1   # 看一看 OFD 版式文件（「2019Q1 通报草稿.ofd」）`

func runDraft(a *cli, args []string) error {
	fs := newFlagSet(a, "draft", draftHelp)
	dateFlag := fs.String("date", "", "成文日期，格式 2019-04-12（默认今天）")
	deadlineFlag := fs.String("deadline", "", "整改期限，格式 2019-04-20（默认按配置的天数计算）")
	formatFlag := fs.String("format", "pdf", "输出格式：pdf、ofd（版式文件），或 docx（可编辑的 Word 文档，用于核稿）")
	outFlag := fs.String("o", "", "输出文件（默认为输出文件夹中的「轮次 通报草稿.pdf」，或 .ofd、.docx）")
	watchFlag := fs.Bool("watch", false, "模板、配置或数据改动后自动重新生成")
	if err := fs.Parse(args); err != nil {
		return err
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("只能给出一个轮次")
	}
	date, err := parseDateFlag(*dateFlag)
	if err != nil {
		return err
	}
	deadline, err := parseDeadlineFlag(*deadlineFlag)
	if err != nil {
		return err
	}
	key := fs.Arg(0)
	var notices []string
	render := func() (string, int, error) {
		x, err := a.load()
		if err != nil {
			return "", 0, err
		}
		out, r, err := x.WriteDraftAs(a.ctx(), key, date, deadline, *outFlag, format)
		if err != nil {
			return "", 0, err
		}
		notices = r.FontNotices()
		return out, r.Pages(), nil
	}
	if !*watchFlag {
		out, pages, err := render()
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已生成草稿 %s（%d 页）\n", out, pages)
		printNotices(a, notices)
		return nil
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	cfg := x.Config
	paths := []string{a.configPath, cfg.TemplatesDir(), cfg.DatabasePath(), cfg.DatabasePath() + "-wal"}
	fmt.Fprintln(a.stdout, "正在监视模板、配置和数据的改动，按 Ctrl-C 结束。")
	watch(paths, nil, func() {
		a.app = nil // reload config.toml on every change
		start := time.Now()
		out, pages, err := render()
		stamp := time.Now().Format("15:04:05")
		if err != nil {
			fmt.Fprintf(a.stderr, "[%s] 未能生成草稿，保留上一次的结果：\n%s\n", stamp, circular.ErrorMessage(err))
			return
		}
		fmt.Fprintf(a.stdout, "[%s] 已更新 %s（%d 页，%d 毫秒）\n", stamp, out, pages, time.Since(start).Milliseconds())
		printNotices(a, notices)
	})
	return nil
}

// printNotices prints what rendering told the clerk (characters set from a
// face of another style), the lines after the first indented.
func printNotices(a *cli, notices []string) {
	for i, n := range notices {
		if i > 0 {
			n = "  " + n
		}
		fmt.Fprintln(a.stdout, n)
	}
}

// parseDateFlag reads a -date value; empty means today (Beijing time).
func parseDateFlag(s string) (time.Time, error) {
	if s == "" {
		now := circular.BeijingTime(time.Now())
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	s = circular.Normalize(s)
	for _, layout := range []string{"2006-01-02", "2006/1/2", "2006年1月2日", "2006-1-2", "2006.1.2", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("日期「%s」格式不对，应写成 2019-04-12 或 2019年4月12日", s)
}

// parseDeadlineFlag reads a -deadline value; empty (the zero time) means the
// config's rule.
func parseDeadlineFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseDateFlag(s)
}

// parseFormat reads draft's -format: one of app.DraftFormats, case aside.
func parseFormat(s string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(app.DraftFormats, f) {
		return f, nil
	}
	return "", usagef("-format 只能是 %s，现在是「%s」", strings.Join(app.DraftFormats, "、"), s)
}
