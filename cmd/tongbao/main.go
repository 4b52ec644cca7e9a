// Command tongbao turns quarterly inspection results of government websites and
// new-media accounts into the official circular (通报) that reports them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

// command is one subcommand; each lives in its own file and registers itself.
type command struct {
	name    string
	rank    int    // position in the help listing
	summary string // one line, Chinese
	run     func(a *cli, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// cli carries what every subcommand shares: the global flags and the streams.
type cli struct {
	configPath string
	stdout     io.Writer
	stderr     io.Writer
	app        *app.App
}

// load loads the configuration named by -c once.
func (a *cli) load() (*app.App, error) {
	if a.app != nil {
		return a.app, nil
	}
	x, err := app.Load(a.configPath)
	if err != nil {
		return nil, err
	}
	a.app = x
	return x, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code: 0 success, 1 a
// failure the message explains, 2 a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	a := &cli{stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("tongbao", flag.ContinueOnError)
	fs.SetOutput(flagOutput{stderr})
	fs.StringVar(&a.configPath, "c", "config.toml", "配置文件路径")
	fs.Usage = func() { usage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		usage(stderr)
		return 2
	}
	name := fs.Arg(0)
	if name == "help" {
		if fs.NArg() > 1 {
			if c, ok := commands[fs.Arg(1)]; ok {
				_ = c.run(a, []string{"-h"})
				return 0
			}
		}
		usage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "tongbao：未知的命令「%s」。运行 tongbao help 查看可用命令。\n", name)
		return 2
	}
	if err := c.run(a, fs.Args()[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if isFlagError(err) {
			return 2 // flag has printed it, in Chinese (flagOutput), with the usage
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "tongbao %s：%s\n运行 tongbao %s -h 查看用法。\n", name, ue.msg, name)
			return 2
		}
		fmt.Fprintf(stderr, "tongbao %s：%s\n", name, circular.ErrorMessage(err))
		return 1
	}
	return 0
}

// usageError is a command-line mistake: exit code 2 and a pointer to -h.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func usage(w io.Writer) {
	list := make([]*command, 0, len(commands))
	for _, c := range commands {
		list = append(list, c)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].rank < list[j].rank })
	var b strings.Builder
	b.WriteString("tongbao：把政府网站和政务新媒体的季度检查结果生成规范的检查情况通报（PDF）。\n\n")
	b.WriteString("用法：\n  tongbao [-c 配置文件] <命令> [参数]\n\n命令：\n")
	for _, c := range list {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	b.WriteString("\n全局选项：\n  -c 文件   配置文件路径（默认为当前目录下的 config.toml）\n")
	b.WriteString("\n运行 tongbao <命令> -h 查看该命令的参数和示例。\n")
	io.WriteString(w, b.String())
}

// newFlagSet returns a flag set for a subcommand whose -h prints the given
// Chinese usage text (arguments, options and examples) followed by the options.
func newFlagSet(a *cli, name, text string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(flagOutput{a.stderr})
	fs.Usage = func() {
		fmt.Fprintln(a.stderr, strings.TrimSpace(text))
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(a.stderr, "\n选项：")
			printOptions(a.stderr, fs)
		}
	}
	return fs
}

// printOptions lists a command's options as flag.PrintDefaults does, but in
// Chinese: 「-addr 文本」 and 「（默认 127.0.0.1:8080）」.
func printOptions(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		kind := map[string]string{"string": "文本", "int": "整数", "uint": "整数", "float": "数字", "duration": "时长", "value": "值"}[name]
		line := "  -" + f.Name
		if kind != "" {
			line += " " + kind
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			line += "（默认 " + d + "）"
		}
		fmt.Fprintln(w, line)
	})
}

// flagOutput writes the flag package's own messages in Chinese.
type flagOutput struct{ w io.Writer }

var flagMessages = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^flag provided but not defined: (-\S+)`), "没有选项 $1。"},
	{regexp.MustCompile(`^flag needs an argument: (-\S+)`), "选项 $1 后面要写一个值。"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for (-\S+): .*`), "选项 $2 的值「$1」不对：只能是 true 或 false。"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag (-\S+): .*`), "选项 $2 的值「$1」不对。"},
	{regexp.MustCompile(`^bad flag syntax: (.*)`), "选项「$1」的写法不对。"},
}

// isFlagError reports an error of a flag set's Parse, already printed.
func isFlagError(err error) bool {
	for _, m := range flagMessages {
		if m.re.MatchString(err.Error()) {
			return true
		}
	}
	return false
}

func (o flagOutput) Write(p []byte) (int, error) {
	text := string(p)
	for _, m := range flagMessages {
		if m.re.MatchString(text) {
			text = m.re.ReplaceAllString(strings.TrimRight(text, "\n"), m.zh) + "\n"
			break
		}
	}
	if _, err := io.WriteString(o.w, text); err != nil {
		return 0, err
	}
	return len(p), nil
}
