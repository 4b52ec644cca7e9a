package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

func init() {
	register(&command{name: "users", rank: 55, summary: "管理工作台的账号（在办公室网络中使用时登录用）", run: runUsers})
}

const usersHelp = `
用法：tongbao users add 姓名 -role 文秘|编辑|查看 [-password-stdin]
      tongbao users passwd 姓名 [-password-stdin]
      tongbao users role 姓名 -role 文秘|编辑|查看
      tongbao users list
      tongbao users disable 姓名
      tongbao users enable 姓名

管理网页工作台的账号。工作台在办公室网络中使用时（tongbao serve -addr 0.0.0.0:8080 等），
每个人用自己的账号登录，登记簿和模板历史记下是谁印发、作废、删除或修改的。只在本机使用时不需要账号。

角色：
  查看  浏览全部页面，下载 PDF 和归档包
  编辑  另可修改模板
  文秘  另可导入、印发、作废、删除轮次，可做全部操作

密码在终端上输入两次（不显示）；脚本中可加 -password-stdin，从标准输入读第一行作为密码。
密码至少 8 个字符。连续输错 5 次密码，账号锁定 15 分钟；passwd 或 enable 可立即解除锁定。
disable 停用账号并让它立即退出登录，账号和它的记录仍保留。

示例：
  tongbao users add 张三 -role 文秘
  echo "一个长密码abc" | tongbao users add 李四 -role 查看 -password-stdin
  tongbao users passwd 张三
  tongbao users list
  tongbao users disable 李四`

func runUsers(a *cli, args []string) error {
	fs := newFlagSet(a, "users", usersHelp)
	role := fs.String("role", "", "角色：文秘、编辑或查看")
	fromStdin := fs.Bool("password-stdin", false, "从标准输入读密码（第一行），不在终端上询问")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("请写明要做什么：add、passwd、role、list、disable 或 enable")
	}
	verb, rest := fs.Arg(0), fs.Args()[1:]
	if verb == "list" {
		if len(rest) != 0 {
			return usagef("users list 不需要其他参数")
		}
	} else if len(rest) != 1 {
		return usagef("请给出一个账号名称，如 tongbao users %s 张三", verb)
	}
	if *role != "" && verb != "add" && verb != "role" {
		return usagef("-role 只用于 users add 和 users role")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	ctx := a.ctx()
	switch verb {
	case "add":
		if *role == "" {
			return usagef("请用 -role 写明角色：文秘、编辑或查看")
		}
		pw, err := a.password(*fromStdin)
		if err != nil {
			return err
		}
		if err := x.AddUser(ctx, rest[0], *role, pw); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已添加账号「%s」（%s）。\n", rest[0], *role)
	case "passwd":
		pw, err := a.password(*fromStdin)
		if err != nil {
			return err
		}
		if err := x.SetPassword(ctx, rest[0], pw); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已为「%s」设置新密码，它在各处的登录都已退出。\n", rest[0])
	case "role":
		if *role == "" {
			return usagef("请用 -role 写明新的角色：文秘、编辑或查看")
		}
		if err := x.SetUserRole(ctx, rest[0], *role); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "「%s」的角色已改为%s。\n", rest[0], *role)
	case "disable", "enable":
		if err := x.SetUserDisabled(ctx, rest[0], verb == "disable"); err != nil {
			return err
		}
		if verb == "disable" {
			fmt.Fprintf(a.stdout, "已停用账号「%s」，它的登录都已退出。\n", rest[0])
		} else {
			fmt.Fprintf(a.stdout, "已启用账号「%s」。\n", rest[0])
		}
	case "list":
		return listUsers(a, x)
	default:
		return usagef("没有 users %s：请用 add、passwd、role、list、disable 或 enable", verb)
	}
	return nil
}

// listUsers prints the accounts.
func listUsers(a *cli, x *app.App) error {
	list, err := x.Users(a.ctx())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(a.stdout, "还没有账号。用 tongbao users add 姓名 -role 文秘 添加。")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "账号\t角色\t状态\t添加于")
	for _, u := range list {
		state := "正常"
		switch {
		case u.Disabled:
			state = "已停用"
		case !u.LockedUntil.IsZero():
			state = "锁定到 " + circular.BeijingTime(u.LockedUntil).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, state, circular.BeijingTime(u.Created).Format("2006-01-02"))
	}
	return tw.Flush()
}

// password reads a new password: the first line of standard input with
// -password-stdin, else twice on the terminal without echo.
func (a *cli) password(fromStdin bool) (string, error) {
	if fromStdin {
		if a.stdin == nil {
			return "", usagef("-password-stdin：标准输入是空的")
		}
		line, err := bufio.NewReader(a.stdin).ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" && err != nil {
			return "", usagef("-password-stdin：没有从标准输入读到密码")
		}
		return line, nil
	}
	f, ok := a.stdin.(*os.File)
	if !a.terminal || !ok {
		return "", usagef("需要在终端上输入密码；在脚本中请加 -password-stdin，从标准输入传入密码")
	}
	fmt.Fprint(a.stdout, "密码（至少 8 个字符，输入时不显示）：")
	first, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(a.stdout)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	fmt.Fprint(a.stdout, "再输入一次：")
	second, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(a.stdout)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	if string(first) != string(second) {
		return "", usagef("两次输入的密码不一样，请重新运行")
	}
	return string(first), nil
}
