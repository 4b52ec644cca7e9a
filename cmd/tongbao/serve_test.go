//go:build unix

package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeHelp(t *testing.T) {
	e := newEnv(t)
	_, errOut, code := e.run("serve", "-h")
	if code != 0 || !strings.Contains(errOut, "127.0.0.1:8080") || !strings.Contains(errOut, "示例") || !strings.Contains(errOut, "-max-upload") {
		t.Errorf("serve -h: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := e.run("serve", "extra"); code != 2 || !strings.Contains(errOut, "不需要参数") {
		t.Errorf("serve extra: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := e.run("serve", "-max-upload", "0"); code != 2 {
		t.Errorf("serve -max-upload 0: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := e.run("serve", "-addr", "256.0.0.1:99999"); code != 1 || !strings.Contains(errOut, "无法在 256.0.0.1:99999 上启动工作台") {
		t.Errorf("serve on a bad address: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := e.run("serve", "-addr", "8080"); code != 2 || !strings.Contains(errOut, "写法不对") {
		t.Errorf("serve -addr without a port: exit %d\n%s", code, errOut)
	}
	// a port in use: the message says so and how to go on
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, errOut, code := e.run("serve", "-addr", ln.Addr().String()); code != 1 || !strings.Contains(errOut, "端口已被占用") {
		t.Errorf("serve on a port in use: exit %d\n%s", code, errOut)
	}
}

// TestServe starts the workbench on a free loopback port, reads a page while
// the command line imports into the same database, refuses a foreign Host,
// and stops on an interrupt.
func TestServe(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-c", e.cfg, "serve", "-addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, br)
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("serve said %q", line)
	}
	url := strings.TrimSpace(line[i:])

	// The command line writes to the database while the server reads it.
	e.must("import", "-replace", "../../samples/2019Q1.xlsx")
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "2019年第一季度") {
		t.Errorf("home: %d\n%s", resp.StatusCode, body)
	}

	req, _ := http.NewRequest(http.MethodGet, url+"/", nil)
	req.Host = "tongbao.example.com"
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign host: %d", resp.StatusCode)
	}

	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop on an interrupt")
	}
}
