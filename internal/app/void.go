package app

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"tongbao/internal/circular"
	"tongbao/internal/sqlite"
)

// VoidRequest registers numbers as void, or as used elsewhere.
type VoidRequest struct {
	// Number is the number as the clerk writes it: 揭政数局函〔2019〕23号 or 2019-23.
	Number string
	// Through is the last number of a range starting at Number ("" for one
	// number): the only way to register numbers past the next free one.
	Through string
	// Code is another office's 机关代字 (a joint document's), named
	// explicitly; "" allows only the configured one.
	Code string
	// External registers the numbers as 已在别处使用 (used by a document made
	// outside tongbao) rather than 已作废.
	External bool
	Reason   string
}

// Void registers req's numbers in the register and returns them. Only the
// configured 机关代字 is taken unless req.Code names another; a number past
// the next free one leaves no gap: it needs a range from the next free one.
func (a *App) Void(ctx context.Context, req VoidRequest) ([]string, error) {
	n, err := a.voidNumber(req.Number, req.Code)
	if err != nil {
		return nil, err
	}
	through := 0
	if strings.TrimSpace(req.Through) != "" {
		t, err := a.voidNumber(req.Through, req.Code)
		if err != nil {
			return nil, err
		}
		if t.Code != n.Code || t.Year != n.Year {
			return nil, circular.Errorf(circular.EInvalid, "范围的两端 %s 和 %s 应是同一代字、同一年度的编号", n, t)
		}
		through = t.Serial
		if through < n.Serial {
			return nil, circular.Errorf(circular.EInvalid, "范围 %s 至 %s 不对：结束的编号不能小于开始的编号", n, t)
		}
	}
	reason := strings.TrimSpace(req.Reason)
	if reason == "" && req.External {
		return nil, circular.Errorf(circular.EInvalid, "请写明原因，例如这个编号用在了哪份公文上")
	}
	if reason == "" {
		return nil, circular.Errorf(circular.EInvalid, "请写明作废原因")
	}
	m := sqlite.Mark{Code: n.Code, Year: n.Year, From: n.Serial, Through: through, Status: circular.StatusVoid, Reason: reason,
		Own: n.Code == a.Config.Issuer.Code, First: a.Config.Issuer.FirstNumber[strconv.Itoa(n.Year)]}
	if req.External {
		m.Status = circular.StatusExternal
	}
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.MarkNumbers(acting(ctx), m)
}

// Unvoid takes back a mistaken void (or used-elsewhere) registration of
// number, recorded with reason in the register's history: a voided circular
// is issued again; a number never issued becomes free, while no later number
// is recorded. It returns the number and its status afterwards ("" free).
func (a *App) Unvoid(ctx context.Context, number, code, reason string) (string, string, error) {
	n, err := a.voidNumber(number, code)
	if err != nil {
		return "", "", err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", "", circular.Errorf(circular.EInvalid, "请写明撤销作废的原因")
	}
	db, err := a.Open()
	if err != nil {
		return "", "", err
	}
	defer db.Close()
	status, err := db.Unvoid(acting(ctx), n.Code, n.Year, n.Serial, reason)
	return n.String(), status, err
}

// voidNumber reads a number for void and unvoid: with the configured
// 机关代字, or with code when the clerk names another office's explicitly.
func (a *App) voidNumber(s, code string) (circular.DocNumber, error) {
	n, typed, err := a.parseNumber(s)
	if err != nil {
		return n, err
	}
	code = strings.TrimSpace(code)
	own := a.Config.Issuer.Code
	switch {
	case code == "" && n.Code != own:
		return n, circular.Errorf(circular.EInvalid, "文号「%s」的代字「%s」不是本机关的代字「%s」。联合发文使用其他机关的代字时，请用 -code 写明该代字", s, n.Code, own)
	case code != "" && typed && n.Code != code:
		return n, circular.Errorf(circular.EInvalid, "文号「%s」的代字「%s」与 -code 写明的「%s」不一致", s, n.Code, code)
	case code != "":
		n.Code = code
	}
	if strings.IndexFunc(n.Code, unicode.IsDigit) >= 0 {
		return n, circular.Errorf(circular.EInvalid, "代字「%s」含有数字，不像机关代字。请检查文号「%s」", n.Code, s)
	}
	return n, nil
}
