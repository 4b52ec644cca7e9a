//go:build unix

package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tongbao test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "tongbao.crt"), filepath.Join(dir, "tongbao.key")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return cert, key
}

// lockedBuffer is a buffer written by the server's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeNetwork starts the workbench in network mode over HTTPS: it
// lists the addresses to open, asks for sign-in, refuses a foreign Host
// with 421, and warns when there is no account yet; without -cert it warns
// that nothing is encrypted.
func TestServeNetwork(t *testing.T) {
	e := newEnv(t)
	cert, key := selfSigned(t, e.dir)
	if _, errOut, code := e.run("serve", "-cert", cert); code != 2 || !strings.Contains(errOut, "要一起给出") {
		t.Errorf("serve -cert without -key: %d %s", code, errOut)
	}
	if _, errOut, code := e.run("serve", "-cert", key, "-key", key); code != 1 || !strings.Contains(errOut, "无法读取 HTTPS 证书") {
		t.Errorf("serve with a bad certificate: %d %s", code, errOut)
	}

	pr, pw := io.Pipe()
	var errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-c", e.cfg, "serve", "-addr", "0.0.0.0:0", "-cert", cert, "-key", key}, pw, &errOut)
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	var out strings.Builder
	for !strings.Contains(out.String(), "[server] hosts") {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("serve said %q, %s", out.String(), errOut.String())
		}
		out.WriteString(line)
	}
	go io.Copy(io.Discard, br)
	m := regexp.MustCompile(`https://\S+:(\d+)`).FindStringSubmatch(out.String())
	if m == nil || !strings.Contains(out.String(), "网络模式") {
		t.Fatalf("serve said:\n%s", out.String())
	}
	base := "https://127.0.0.1:" + m[1]
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get(base + "/circulars")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("not signed in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/login", nil)
	req.Host = "tongbao.example.com"
	resp, err = client.Do(req)
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
	if s := errOut.String(); !strings.Contains(s, "还没有任何账号") || strings.Contains(s, "没有使用 HTTPS") {
		t.Errorf("stderr:\n%s", s)
	}
}
