package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"tongbao/internal/circular"
	"tongbao/internal/excel"
	"tongbao/internal/sqlite"
)

// Workbook is a workbook to import: its name (for messages) and bytes.
type Workbook struct {
	Name string
	Data []byte
}

// ReadWorkbookFile reads a workbook file from disk.
func ReadWorkbookFile(path string) (Workbook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Workbook{}, circular.Wrap(err, circular.ENotFound, fmt.Sprintf("找不到工作簿 %s", path))
		}
		return Workbook{}, circular.Wrap(err, circular.EIO, fmt.Sprintf("无法读取工作簿 %s：%s", path, IOReason(err)))
	}
	return Workbook{Name: path, Data: b}, nil
}

// Imported is a round that was imported, with its counts.
type Imported struct {
	Round    circular.Round
	Source   string
	Sites    circular.Count
	Accounts circular.Count
	// Sheets says which sheet was read as what; Notes what else the clerk
	// should know (sheets recognised by header, hidden rows read).
	Sheets []circular.SheetRead
	Notes  []string
}

// Import reads and checks every workbook, then stores them all in one
// transaction: when any workbook has problems, all of them are reported at
// once and nothing is written. A round already stored is replaced only when
// replace is set, and one with an issued circular only when replaceIssued is
// set too (the next quarter's recheck reads it).
func (a *App) Import(ctx context.Context, wbs []Workbook, replace, replaceIssued bool) ([]Imported, error) {
	var imports []sqlite.Import
	var errs []error
	for _, wb := range wbs {
		rr, err := excel.ReadRoundWith(bytes.NewReader(wb.Data), wb.Name, a.ExcelOptions())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sum := sha256.Sum256(wb.Data)
		imports = append(imports, sqlite.Import{Results: rr, Source: sqlite.Source{Name: filepath.Base(wb.Name), SHA256: hex.EncodeToString(sum[:])}, ReplaceIssued: replaceIssued})
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs, len(wbs))
	}
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.ImportRounds(acting(ctx), imports, replace); err != nil {
		return nil, err
	}
	out := make([]Imported, len(imports))
	for i, im := range imports {
		out[i] = Imported{Round: im.Results.Round, Source: im.Source.Name, Sheets: im.Results.Sheets, Notes: im.Results.Notes}
		for _, s := range im.Results.Sites {
			tally(&out[i].Sites, s.Closed, s.Result)
		}
		for _, x := range im.Results.Accounts {
			tally(&out[i].Accounts, x.Closed, x.Result)
		}
	}
	return out, nil
}

// ExcelOptions are the office's settings workbooks are read and written
// with: the platform list of config.toml's [platforms].
func (a *App) ExcelOptions() excel.Options {
	return excel.Options{Platforms: a.Config.PlatformList()}
}

func tally(c *circular.Count, closed bool, r circular.Result) {
	if !closed {
		c.Running++
	}
	if r.Checked {
		c.Checked++
	}
	if r.Failing() {
		c.Failing++
	}
}

// joinErrors reports the problems of several workbooks at once, as one
// error whose Problems hold every problem of every workbook.
func joinErrors(errs []error, files int) error {
	if len(errs) == 1 && files == 1 {
		return errs[0]
	}
	all := &circular.Error{Code: circular.EInvalid,
		Message: fmt.Sprintf("%d 个工作簿中有 %d 个有问题，没有导入任何工作簿：", files, len(errs))}
	for _, err := range errs {
		var e *circular.Error
		if errors.As(err, &e) && len(e.Problems) > 0 {
			all.Problems = append(all.Problems, e.Problems...)
			continue
		}
		all.Problems = append(all.Problems, circular.Problem{Text: circular.ErrorMessage(err)})
	}
	return all
}

// Rounds lists the stored rounds with their figures.
func (a *App) Rounds(ctx context.Context) ([]circular.Summary, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Rounds(ctx)
}

// DeleteRound removes a wrongly imported round and all its results in one
// transaction, refused while the round has an issued circular.
func (a *App) DeleteRound(ctx context.Context, key string) (*circular.Round, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.DeleteRound(acting(ctx), key)
}
