package main

import (
	"bytes"
	"strings"
	"testing"
)

// users runs tongbao users with stdin and returns stdout, stderr and the
// exit code.
func (e *env) users(stdin string, args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	code := runIO(append([]string{"-c", e.cfg, "users"}, args...), strings.NewReader(stdin), false, &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestUsers adds, lists, disables and enables accounts and changes a
// password and a role, with the password given on standard input.
func TestUsers(t *testing.T) {
	e := newEnv(t)
	if out, errOut, code := e.users("", "list"); code != 0 || !strings.Contains(out, "还没有账号") {
		t.Fatalf("list, empty: %d %s%s", code, out, errOut)
	}
	if out, errOut, code := e.users("长一点的密码很好1\n", "add", "张三", "-role", "文秘", "-password-stdin"); code != 0 || !strings.Contains(out, "已添加账号「张三」（文秘）") {
		t.Fatalf("add: %d %s%s", code, out, errOut)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"长一点的密码很好1\n", []string{"add", "张三", "-role", "查看", "-password-stdin"}, 1, "账号「张三」已经存在"},
		{"长一点的密码很好1\n", []string{"add", "李四", "-role", "老板", "-password-stdin"}, 1, "角色「老板」不对"},
		{"short\n", []string{"add", "李四", "-role", "查看", "-password-stdin"}, 1, "密码太短"},
		{"", []string{"add", "李四", "-role", "查看"}, 2, "需要在终端上输入密码"},
		{"", []string{"add", "李四"}, 2, "请用 -role 写明角色"},
		{"", []string{"add", "李 四", "-role", "查看", "-password-stdin"}, 2, "没有从标准输入读到密码"},
		{"长一点的密码很好1\n", []string{"add", "李 四", "-role", "查看", "-password-stdin"}, 1, "不能含空格"},
		{"", []string{"disable", "王五"}, 1, "没有账号「王五」"},
		{"", []string{"remove", "张三"}, 2, "没有 users remove"},
		{"", []string{}, 2, "请写明要做什么"},
		{"", []string{"list", "x"}, 2, "不需要其他参数"},
	} {
		out, errOut, code := e.users(c.stdin, c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("users %s: exit %d, want %d with %q\n%s%s", strings.Join(c.args, " "), code, c.code, c.want, out, errOut)
		}
	}
	e.users("又一个长的密码好2\n", "add", "李四", "-role", "查看", "-password-stdin")
	if out, errOut, code := e.users("", "role", "李四", "-role", "编辑"); code != 0 || !strings.Contains(out, "角色已改为编辑") {
		t.Errorf("role: %d %s%s", code, out, errOut)
	}
	if out, errOut, code := e.users("新的长的密码好3\n", "passwd", "李四", "-password-stdin"); code != 0 || !strings.Contains(out, "已为「李四」设置新密码") {
		t.Errorf("passwd: %d %s%s", code, out, errOut)
	}
	if out, errOut, code := e.users("", "disable", "李四"); code != 0 || !strings.Contains(out, "已停用") {
		t.Errorf("disable: %d %s%s", code, out, errOut)
	}
	out, _, _ := e.users("", "list")
	if !strings.Contains(out, "张三") || !strings.Contains(out, "文秘") || !strings.Contains(out, "已停用") || !strings.Contains(out, "编辑") {
		t.Errorf("list:\n%s", out)
	}
	if out, errOut, code := e.users("", "enable", "李四"); code != 0 || !strings.Contains(out, "已启用") {
		t.Errorf("enable: %d %s%s", code, out, errOut)
	}
	if out, _, _ := e.users("", "list"); strings.Contains(out, "已停用") {
		t.Errorf("list after enable:\n%s", out)
	}
}
