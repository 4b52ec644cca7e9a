package web

import (
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tongbao/internal/app"
	"tongbao/internal/circular"
)

// TestOfficeRates: the workbench's pages show rates by the rule and
// decimals of config.toml, as the circular prints them.
func TestOfficeRates(t *testing.T) {
	e := newEnv(t)
	e.importSamples()
	cfg := filepath.Join(e.dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), `rates = "合格率取100减不合格率"`, `rates = "四舍五入"`, 1)
	text = strings.Replace(text, "rate_decimals = 1", "rate_decimals = 2", 1)
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := app.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer circular.SetOfficeRates(circular.Rates{Rule: circular.RuleComplement, Decimals: 1}) // as the other tests' config
	if e.h, err = New(a, Options{MaxUpload: 2 << 20, Log: log.New(&e.log, "", 0),
		Now: func() time.Time { return time.Date(2019, 4, 12, 9, 0, 0, 0, time.UTC) }}); err != nil {
		t.Fatal(err)
	}
	e.app = a
	// 53 of 54 sites pass: 98.15% rounded half up (98.2% under the sample's rule)
	for _, page := range []string{"/", "/rounds/2019Q1?date=2019-04-12"} {
		body := expect(t, e.get(page), http.StatusOK, "98.15%")
		if strings.Contains(body, "98.2%") {
			t.Errorf("%s shows 98.2%%, the sample's rule", page)
		}
	}
}
