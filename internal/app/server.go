package app

import (
	"fmt"
	"net"
	"os"
	"strings"
)

// ServerConfig is the [server] table: how the workbench is reached on the
// office network.
type ServerConfig struct {
	// Hosts are the host names and addresses people type to reach the
	// workbench in network mode ("tongbao.jyzsj.local", "10.1.2.3"); a
	// request naming another host is refused. Empty means this machine's
	// own addresses and name. Loopback names are always accepted.
	Hosts []string `toml:"hosts"`
}

// checkServer validates [server]: each host is a bare name or address,
// optionally with a port, without a scheme or a path.
func (c *Config) checkServer(bad func(key, msg string)) {
	for _, h := range c.Server.Hosts {
		switch {
		case strings.TrimSpace(h) == "":
			bad("server.hosts", "中有空的项：请删除它，或写上主机名或地址")
		case strings.Contains(h, "://") || strings.ContainsAny(h, "/ \t?#@"):
			bad("server.hosts", fmt.Sprintf("中的「%s」应只写主机名或地址（可带端口），如 \"tongbao.jyzsj.local\" 或 \"10.1.2.3\"，不写 http:// 和路径", h))
		}
	}
}

// AllowedHosts returns the host names and addresses the workbench answers
// to in network mode: those in [server] hosts, or when none are given this
// machine's name and the addresses of its interfaces; loopback names are
// always among them. Names are lower case; an entry without a port allows
// any port.
func (c *Config) AllowedHosts() []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if len(c.Server.Hosts) > 0 {
		for _, h := range c.Server.Hosts {
			h = strings.ToLower(strings.TrimSpace(h))
			if _, _, err := net.SplitHostPort(h); err != nil {
				h = strings.Trim(h, "[]") // a bare IPv6 address
			}
			hosts = append(hosts, h)
		}
		return hosts
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		name = strings.ToLower(name)
		hosts = append(hosts, name)
		if short, _, ok := strings.Cut(name, "."); ok {
			hosts = append(hosts, short)
		} else {
			hosts = append(hosts, name+".local")
		}
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && !ipn.IP.IsLinkLocalUnicast() {
				hosts = append(hosts, ipn.IP.String())
			}
		}
	}
	return hosts
}
