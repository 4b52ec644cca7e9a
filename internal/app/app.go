// Package app is what the clerk, the editor and the records clerk do with
// tongbao — import a quarter's workbook, draft the circular, issue it with a
// number, reprint, archive and export it — wired from the store, the workbook
// reader, the templates, the typesetter and the PDF writer. The command line
// (cmd/tongbao) and the web workbench (internal/web) both call it.
package app

import (
	"tongbao/internal/circular"
	"tongbao/internal/sqlite"
)

// App is tongbao working with one config file.
type App struct {
	// Config is the loaded config.toml.
	Config *Config
}

// Load reads the config file at path and returns the App for it.
func Load(path string) (*App, error) {
	cfg, err := LoadConfig(path)
	if err != nil {
		return nil, err
	}
	circular.SetOfficeRates(cfg.Rates()) // the workbench pages show rates by it
	return &App{Config: cfg}, nil
}

// Open opens the database named in the config. The caller closes it.
func (a *App) Open() (*sqlite.DB, error) {
	return sqlite.Open(a.Config.DatabasePath())
}
