// Command tongbao turns quarterly inspection results of government websites and
// new-media accounts into the official circular (通报) that reports them.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/term"

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
	stdin      io.Reader
	terminal   bool // stdin is a terminal a person can answer on
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

// ctx is the context every command works with: it names the person at the
// command line (「命令行：<system user>」) as the one who does what the
// command does, in the register, the histories and the activity log.
func (a *cli) ctx() context.Context { return app.CommandLine(context.Background()) }

func main() {
	os.Exit(runIO(os.Args[1:], os.Stdin, isTerminal(os.Stdin), os.Stdout, os.Stderr))
}

// isTerminal reports whether f is a terminal, not a pipe, a file or /dev/null.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// confirm asks question on the terminal and reports a yes. Without a
// terminal it returns errNoTerminal unless yes (-yes) was given.
func (a *cli) confirm(question string, yes bool) (bool, error) {
	if yes {
		return true, nil
	}
	if !a.terminal || a.stdin == nil {
		return false, errNoTerminal
	}
	fmt.Fprint(a.stdout, question+" (y/N) ")
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "是", "确认":
		return true, nil
	}
	return false, nil
}

// errNoTerminal: a confirmation was needed but nobody can answer it.
var errNoTerminal = errors.New("no terminal to confirm on")

// exitRoundIssued is the exit code of an issue refused because the round
// already has its number.
const exitRoundIssued = 3

// run executes the command line and returns the exit code: 0 success, 1 a
// failure the message explains, 2 a usage error, 3 an issue refused because
// the round has been issued already. Its standard input is not a terminal:
// what needs a confirmation needs -yes.
func run(args []string, stdout, stderr io.Writer) int {
	return runIO(args, nil, false, stdout, stderr)
}

// runIO is run with a standard input, and whether it is a terminal on which
// a person can confirm.
func runIO(args []string, stdin io.Reader, terminal bool, stdout, stderr io.Writer) int {
	a := &cli{stdout: stdout, stderr: stderr, stdin: stdin, terminal: terminal}
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
		names := make([]string, 0, len(commands))
		for n := range commands {
			names = append(names, n)
		}
		sort.Strings(names)
		hint := ""
		if near := nearest(name, names); near != "" {
			hint = fmt.Sprintf("是不是 %s？", near)
		}
		fmt.Fprintf(stderr, "tongbao：未知的命令「%s」。%s运行 tongbao help 查看可用命令。\n", name, hint)
		return 2
	}
	if err := c.run(a, fs.Args()[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if isFlagError(err) || errors.As(err, new(unknownOption)) {
			return 2 // flag has printed it, in Chinese (flagOutput), with the usage
		}
		if errors.Is(err, app.ErrRoundIssued) {
			fmt.Fprintf(stderr, "tongbao %s：%s\n", name, circular.ErrorMessage(err))
			return exitRoundIssued
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

// flagSet is a subcommand's flag set whose Parse accepts options after the
// arguments (tongbao draft 2019Q1 -date 2019-04-12) and answers a mistyped
// option with the nearest one.
type flagSet struct{ *flag.FlagSet }

// Parse parses args, options and arguments in any order; after "--" all
// are arguments. An unknown option is reported with the nearest known one.
func (fs flagSet) Parse(args []string) error {
	var opts, rest []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			rest = append(rest, arg)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "h" || name == "help" {
			opts = append(opts, arg)
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			msg := fmt.Sprintf("没有选项 -%s。", name)
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			if near := nearest(name, names); near != "" {
				msg += fmt.Sprintf("是不是 -%s？", near)
			}
			fmt.Fprintln(fs.Output(), msg)
			fs.Usage()
			return unknownOption{name}
		}
		opts = append(opts, arg)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			opts = append(opts, args[i])
		}
	}
	return fs.FlagSet.Parse(append(append(opts, "--"), rest...))
}

// unknownOption is an option no command has; already reported.
type unknownOption struct{ name string }

func (e unknownOption) Error() string { return "unknown option -" + e.name }

// nearest returns the candidate closest to s (an edit distance of at most
// one per three characters, at least 1, or a prefix), or "".
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		if strings.HasPrefix(c, s) && len(s) >= 2 {
			d = min(d, 1)
		}
		if d <= max(1, len([]rune(c))/3) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, with a swap of
// two neighbours counting as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// newFlagSet returns a flag set for a subcommand whose -h prints the given
// Chinese usage text (arguments, options and examples) followed by the options.
func newFlagSet(a *cli, name, text string) flagSet {
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
	return flagSet{fs}
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
