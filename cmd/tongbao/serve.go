package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
	"tongbao/internal/web"
)

func init() {
	register(&command{name: "serve", rank: 50, summary: "启动本机网页工作台：导入、查看草稿、编辑模板、印发", run: runServe})
}

const serveHelp = `
用法：tongbao serve [-addr 地址:端口] [-max-upload MB] [-cert 证书文件 -key 私钥文件]

启动网页工作台，在浏览器中完成一个季度的全部工作：导入检查结果工作簿（有问题时逐行列出）、
下载空白工作簿、查看各轮次的数字和问题名单、预览通报草稿、在页面中修改模板并立即看到新草稿
（模板有错不会保存，保存过的版本可以撤销和恢复）、编号印发，下载正式 PDF、归档包和附件工作簿，
以及作废编号。

默认只接受本机访问（127.0.0.1:8080），不需要登录。命令行和工作台可以同时使用同一个数据库。

监听其他地址（如 -addr 0.0.0.0:8080）时为网络模式，供办公室的同事使用：每个人用自己的账号登录
（账号用 tongbao users 管理，角色分文秘、编辑、查看），只接受 config.toml 中 [server] hosts 列出的
主机名和地址（不写时为本机的计算机名和地址）。给出 -cert 和 -key 时用 HTTPS 提供服务。
修改 [server] hosts 后立即生效，不需要重新启动工作台。
修改 config.toml 和模板后，下一次打开页面即生效，不需要重新启动；配置写错时沿用上一次的配置，并在这里显示错误。
按 Ctrl+C 停止。

示例：
  tongbao serve                          # 然后在浏览器中打开 http://127.0.0.1:8080
  tongbao serve -addr 127.0.0.1:9000     # 换一个端口
  tongbao serve -addr 0.0.0.0:8080       # 让办公室其他电脑也能访问（需登录，请只在内网使用）
  tongbao serve -addr 0.0.0.0:8443 -cert tongbao.crt -key tongbao.key   # 用 HTTPS`

func runServe(a *cli, args []string) error {
	fs := newFlagSet(a, "serve", serveHelp)
	addr := fs.String("addr", "127.0.0.1:8080", "监听的地址和端口")
	maxMB := fs.Int("max-upload", web.DefaultMaxUpload>>20, "每次上传的大小上限（MB）")
	cert := fs.String("cert", "", "HTTPS 证书文件（PEM）；与 -key 一起使用")
	key := fs.String("key", "", "HTTPS 私钥文件（PEM）；与 -cert 一起使用")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("serve 不需要参数")
	}
	if *maxMB < 1 {
		return usagef("-max-upload 应为正整数（MB）")
	}
	if (*cert == "") != (*key == "") {
		return usagef("-cert 和 -key 要一起给出")
	}
	x, err := a.load()
	if err != nil {
		return err
	}
	tlsConfig, err := loadTLS(*cert, *key)
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
	opt := web.Options{MaxUpload: int64(*maxMB) << 20, LocalOnly: local, Network: !local, TLS: tlsConfig != nil, Log: log.New(a.stderr, "", log.LstdFlags)}
	h, err := web.New(x, opt)
	if err != nil {
		ln.Close()
		return err
	}
	defer h.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, TLSConfig: tlsConfig}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
		ln = tls.NewListener(ln, tlsConfig)
	}
	fmt.Fprintf(a.stdout, "通报工作台已启动：%s://%s\n在浏览器中打开上面的地址；按 Ctrl+C 停止。\n", scheme, ln.Addr())
	if !local {
		if err := networkNotes(a, x, x.Config.AllowedHosts(), scheme, ln.Addr()); err != nil {
			ln.Close()
			return err
		}
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

// loadTLS loads the HTTPS certificate and key; nil without them.
func loadTLS(cert, key string) (*tls.Config, error) {
	if cert == "" {
		return nil, nil
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, circular.Wrap(err, circular.EInvalid, fmt.Sprintf("无法读取 HTTPS 证书 %s 和私钥 %s：%v。请检查两个文件是否为 PEM 格式、是否配套", cert, key, err))
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}

// networkNotes tells, in network mode, the addresses colleagues can open,
// warns without HTTPS, and reminds to add an account when there is none.
func networkNotes(a *cli, x *app.App, hosts []string, scheme string, addr net.Addr) error {
	port := ""
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(ta.Port)
	}
	fmt.Fprintln(a.stdout, "网络模式：同事需要用自己的账号登录。可以打开的地址：")
	for _, h := range hosts {
		if h == "localhost" || h == "127.0.0.1" || h == "::1" {
			continue
		}
		if strings.Contains(h, ":") && !strings.Contains(h, "]") && net.ParseIP(h) != nil {
			h = "[" + h + "]"
		}
		if _, _, err := net.SplitHostPort(h); err != nil && port != "" {
			h = h + ":" + port
		}
		fmt.Fprintf(a.stdout, "  %s://%s\n", scheme, h)
	}
	fmt.Fprintln(a.stdout, "其他地址一律拒绝；要增加，请写在 config.toml 的 [server] hosts 中（保存后立即生效）。")
	if scheme != "https" {
		fmt.Fprintln(a.stderr, "警告：没有使用 HTTPS，密码和页面内容在网络上以明文传输。请只在可信的内网使用，或用 -cert 和 -key 启用 HTTPS。")
	}
	users, err := x.Users(context.Background())
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(a.stderr, "还没有任何账号，谁也无法登录。请先用 tongbao users add 姓名 -role 文秘 添加账号。")
	}
	return nil
}
