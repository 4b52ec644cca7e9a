package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestServerHosts: [server] hosts are checked and listed with the loopback
// names; without them the machine's own name is offered.
func TestServerHosts(t *testing.T) {
	b, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(extra string) string {
		dir := t.TempDir()
		p := filepath.Join(dir, "config.toml")
		text := strings.Replace(string(b), `# hosts = ["tongbao.jyzsj.local", "10.1.2.3"]`, extra, 1)
		if text == string(b) && extra != "" {
			t.Fatal("config.toml no longer has the commented hosts example")
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg, err := LoadConfig(write(`hosts = ["Tongbao.JYZSJ.local", "10.1.2.3:8080", "[fd00::2]", "[fd00::3]:8443"]`))
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.AllowedHosts()
	for _, want := range []string{"localhost", "127.0.0.1", "tongbao.jyzsj.local", "10.1.2.3:8080", "fd00::2", "[fd00::3]:8443"} {
		if !slices.Contains(got, want) {
			t.Errorf("hosts %q lack %q", got, want)
		}
	}
	if _, err := LoadConfig(write(`hosts = ["http://10.1.2.3/"]`)); err == nil || !strings.Contains(err.Error(), "server.hosts") {
		t.Errorf("a URL in hosts: %v", err)
	}
	cfg, err = LoadConfig(write(""))
	if err != nil {
		t.Fatal(err)
	}
	name, _ := os.Hostname()
	if got := cfg.AllowedHosts(); name != "" && !slices.Contains(got, strings.ToLower(name)) {
		t.Errorf("default hosts %q lack the machine's name %q", got, name)
	}
}
