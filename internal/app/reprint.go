package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"tongbao/internal/circular"
	"tongbao/internal/compose"
)

// Reprinted is a circular rendered again from what was registered with it.
type Reprinted struct {
	Circular *circular.Issued
	// PDF is the re-render; Same is true when its SHA-256 is the registered
	// one, and when an OFD was issued, the re-rendered OFD's is too.
	PDF  []byte
	Same bool
	// OFD is the re-rendered OFD, nil when the circular was issued without one.
	OFD []byte
	// StoredIntact is true when the PDF (and the OFD) kept in the register
	// still have the registered SHA-256.
	StoredIntact bool
	// Changed names, in Chinese, the inputs that differ from when the
	// circular was issued: the templates, the config, the round's data
	// (now, in the database) and the program version; and a snapshot that no
	// longer matches its registered checksums. The reprint renders from the
	// snapshot, so changes now do not change it, but they explain a
	// difference.
	Changed []string
}

// Reprint renders the circular with the given number (issued, or since
// voided) again from its snapshot — the templates, letterhead and data
// registered with it — and compares the result with the registered SHA-256.
// It never substitutes the stored PDF: the caller decides what a difference
// means (cmd/tongbao refuses and names the changed inputs).
func (a *App) Reprint(ctx context.Context, number string) (*Reprinted, error) {
	c, err := a.Circular(ctx, number)
	if err != nil {
		return nil, err
	}
	snap, err := compose.DecodeSnapshot(c.Snapshot)
	if err != nil {
		return nil, err
	}
	set, err := compose.LoadSet(compose.FilesFS(snap.Files), "（登记时的模板）")
	if err != nil {
		return nil, err
	}
	r, err := RenderSnapshot(set, snap)
	if err != nil {
		return nil, err
	}
	out := &Reprinted{Circular: c, PDF: r.PDF, Same: sha256Hex(r.PDF) == c.PDFSHA256, StoredIntact: StoredIntact(c)}
	if c.OFDSHA256 != "" {
		if out.OFD, err = r.OFD(); err != nil {
			return nil, err
		}
		out.Same = out.Same && sha256Hex(out.OFD) == c.OFDSHA256
	}
	out.Changed = a.changedInputs(ctx, c, snap)
	return out, nil
}

// StoredIntact reports whether the files kept in the register with c (the
// PDF, and the OFD when one was issued) still have their registered SHA-256.
func StoredIntact(c *circular.Issued) bool {
	return sha256Hex(c.PDF) == c.PDFSHA256 && (c.OFDSHA256 == "" || sha256Hex(c.OFD) == c.OFDSHA256)
}

// changedInputs compares what c was made from with the snapshot and with
// the templates, config, data and program as they are now.
func (a *App) changedInputs(ctx context.Context, c *circular.Issued, snap *compose.Snapshot) []string {
	var out []string
	if compose.FilesSHA256(snap.Files) != c.TemplatesSHA256 {
		out = append(out, "模板（登记时保存的模板快照与登记的校验值不符）")
	}
	if compose.DataSHA256(&snap.Data) != c.DataSHA256 {
		out = append(out, "数据（登记时保存的数据快照与登记的校验值不符）")
	}
	if v := ProgramVersion(); c.ProgramVersion != "" && v != c.ProgramVersion {
		out = append(out, "程序版本（印发时 "+c.ProgramVersion+"，现在 "+v+"）")
	}
	if files, err := a.templateFiles(); err == nil && compose.FilesSHA256(files) != c.TemplatesSHA256 {
		out = append(out, "模板（模板文件夹在印发后修改过）")
	}
	if b, err := os.ReadFile(a.Config.Path()); err == nil && sha256Hex(b) != c.ConfigSHA256 {
		out = append(out, "配置（config.toml 在印发后修改过）")
	}
	if db, err := a.Open(); err == nil {
		defer db.Close()
		p, err := a.Prepare(ctx, db, c.Round, c.Date, c.Number)
		switch {
		case err != nil && circular.ErrorCode(err) == circular.ENotFound:
			out = append(out, "数据（轮次 "+c.Round+" 已不在数据库中）")
		case err == nil && compose.DataSHA256(&p.Snapshot.Data) != c.DataSHA256:
			out = append(out, "数据（轮次 "+c.Round+" 的检查结果在印发后修改过）")
		}
	}
	return out
}

// ChangedText joins Changed for a message: 模板（…）、配置（…）.
func (r *Reprinted) ChangedText() string { return strings.Join(r.Changed, "、") }

// SHA256Hex is the SHA-256 of b in hex, as the register records it.
func SHA256Hex(b []byte) string { return sha256Hex(b) }

// WriteReprint writes a reprint of c, its PDF and, when it has one, its
// OFD beside it, to out (by default where issue wrote it) and records the
// reprint in the activity log. It returns the PDF's path.
func (a *App) WriteReprint(ctx context.Context, c *circular.Issued, out string, pdf, ofd []byte) (string, error) {
	if out == "" {
		out = a.IssuedPath(c)
	}
	if err := writeOutput(out, pdf); err != nil {
		return "", err
	}
	if ofd != nil {
		if err := writeOutput(OFDPath(out), ofd); err != nil {
			return out, err
		}
	}
	return out, a.Log(ctx, ActReprint, c.Number, filepath.Clean(out))
}
