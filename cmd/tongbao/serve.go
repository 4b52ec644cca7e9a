package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/web"
)

func init() {
	register(&command{name: "serve", rank: 50, summary: "启动本机网页工作台：导入、查看草稿、编辑模板、印发", run: runServe})
}

const serveHelp = `
用法：tongbao serve [-addr 地址:端口] [-max-upload MB]

启动网页工作台，在浏览器中完成一个季度的全部工作：导入检查结果工作簿（有问题时逐行列出）、
下载空白工作簿、查看各轮次的数字和问题名单、预览通报草稿、在页面中修改模板并立即看到新草稿
（模板有错不会保存，保存过的版本可以撤销和恢复）、编号印发，下载正式 PDF、归档包和附件工作簿，
以及作废编号。

默认只接受本机访问（127.0.0.1:8080）。命令行和工作台可以同时使用同一个数据库。
修改 config.toml 和模板后，下一次打开页面即生效，不需要重新启动；配置写错时沿用上一次的配置，并在这里显示错误。
按 Ctrl+C 停止。

示例：
  tongbao serve                          # 然后在浏览器中打开 http://127.0.0.1:8080
  tongbao serve -addr 127.0.0.1:9000     # 换一个端口
  tongbao serve -addr 0.0.0.0:8080       # 让办公室其他电脑也能访问（请只在内网使用）`

func runServe(a *cli, args []string) error {
	fs := newFlagSet(a, "serve", serveHelp)
	addr := fs.String("addr", "127.0.0.1:8080", "监听的地址和端口")
	maxMB := fs.Int("max-upload", web.DefaultMaxUpload>>20, "每次上传的大小上限（MB）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("serve 不需要参数")
	}
	if *maxMB < 1 {
		return usagef("-max-upload 应为正整数（MB）")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("地址「%s」的写法不对，应写成 地址:端口，如 127.0.0.1:8080", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法在 %s 上启动工作台：端口已被占用（可能已经有一个工作台在运行，直接在浏览器中打开它即可），或用 -addr 换一个端口", *addr))
	case errors.Is(err, syscall.EACCES):
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法在 %s 上启动工作台：没有权限使用这个端口，请用 1024 以上的端口，如 -addr 127.0.0.1:8080", *addr))
	case err != nil:
		return circular.Wrap(err, circular.EIO, fmt.Sprintf("无法在 %s 上启动工作台：%v。请检查 -addr 中的地址是否属于本机", *addr, err))
	}
	local := isLoopback(ln.Addr())
	h, err := web.New(x, web.Options{MaxUpload: int64(*maxMB) << 20, LocalOnly: local, Log: log.New(a.stderr, "", log.LstdFlags)})
	if err != nil {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(a.stdout, "通报工作台已启动：%s\n在浏览器中打开上面的地址；按 Ctrl+C 停止。\n", url)
	if !local {
		fmt.Fprintln(a.stdout, "注意：工作台没有登录功能，同一网络中的其他电脑都能访问。请只在内网使用。")
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	fmt.Fprintln(a.stdout, "正在停止工作台……")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// isLoopback reports whether the listener's address is a loopback address.
func isLoopback(addr net.Addr) bool {
	if ta, ok := addr.(*net.TCPAddr); ok {
		return ta.IP.IsLoopback()
	}
	return false
}
