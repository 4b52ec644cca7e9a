package circular

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
)

// Rates in circulars are computed from counts, never typed, and every figure
// — the text, the annexes, the exported workbook, tongbao rounds and the
// workbench — follows the one rule the office chooses in config.toml
// ([circular] rates and rate_decimals), applied here and nowhere else:
//
//   - 四舍五入 (the default): each rate is rounded half up on its own, as
//     Excel's ROUND does: 25 of 29 passing is 86.2%, 1 of 29 failing 3.4%.
//   - 合格率取100减不合格率: the failing share is truncated (1 of 54 → 1.8%, as
//     the Jieyang circular prints it), at least the smallest step when
//     anything failed, and the pass rate is 100% minus it (98.2%), so the two
//     always add up to 100% and a pass rate never reads 100% while something
//     failed.
//
// Rates print with the office's decimals (1 or 2), trailing zeros trimmed
// (92%, 98.04%); "—" when nothing was checked.

// RateRule is how an office rounds rates.
type RateRule string

// The rate rules an office can choose.
const (
	// RuleRound rounds each rate half up: [circular] rates = "四舍五入".
	RuleRound RateRule = "四舍五入"
	// RuleComplement truncates the failing share and takes the pass rate as
	// 100% minus it: [circular] rates = "合格率取100减不合格率".
	RuleComplement RateRule = "合格率取100减不合格率"
)

// Rates is an office's rate rule and number of decimals.
type Rates struct {
	Rule     RateRule
	Decimals int
}

// DefaultRates is the rule when config.toml chooses none: 四舍五入, one decimal.
func DefaultRates() Rates { return Rates{Rule: RuleRound, Decimals: 1} }

// Check reports an unknown rule or decimals other than 0 to 4 (config.toml
// allows 1 or 2; templates may ask for others).
func (r Rates) Check() error {
	if r.Rule != RuleRound && r.Rule != RuleComplement {
		return fmt.Errorf("比例的取值规则只能是「%s」或「%s」，得到「%s」", RuleRound, RuleComplement, r.Rule)
	}
	if r.Decimals < 0 || r.Decimals > 4 {
		return fmt.Errorf("小数位数应为 0 到 4，得到 %d", r.Decimals)
	}
	return nil
}

// String describes the rule for people: 四舍五入，保留1位小数.
func (r Rates) String() string {
	return fmt.Sprintf("%s，保留%d位小数", r.Rule, r.Decimals)
}

// WithDecimals returns r with dec decimals.
func (r Rates) WithDecimals(dec int) Rates { r.Decimals = dec; return r }

var officeRates atomic.Pointer[Rates]

// SetOfficeRates makes r the rule OfficeRates returns: the program's
// configured rule, set when config.toml is loaded.
func SetOfficeRates(r Rates) { officeRates.Store(&r) }

// OfficeRates is the rule of the loaded config.toml (DefaultRates before
// one is loaded), for displays with no config at hand: the workbench pages.
func OfficeRates() Rates {
	if r := officeRates.Load(); r != nil {
		return *r
	}
	return DefaultRates()
}

// checkRate rejects impossible arguments.
func checkRate(num, den int, r Rates) error {
	if err := r.Check(); err != nil {
		return err
	}
	if num < 0 || den < 0 || num > den {
		return fmt.Errorf("比例的分子 %d 和分母 %d 不合理", num, den)
	}
	return nil
}

// scaled returns num/den × 100 × 10^dec truncated, its remainder and 10^dec.
func scaled(num, den, dec int) (q, rem, unit int64) {
	unit = 1
	for i := 0; i < dec; i++ {
		unit *= 10
	}
	p := int64(num) * 100 * unit
	return p / int64(den), p % int64(den), unit
}

// halfUp is num/den in steps of 10^-dec percent rounded half up.
func halfUp(num, den, dec int) (int64, int64) {
	q, rem, unit := scaled(num, den, dec)
	if 2*rem >= int64(den) {
		q++
	}
	return q, unit
}

// steps returns the failing and passing shares in steps of 10^-dec percent
// under the rule, and 10^dec; den must not be 0.
func (r Rates) steps(fail, checked int) (failQ, passQ, unit int64) {
	if r.Rule == RuleComplement {
		q, _, unit := scaled(fail, checked, r.Decimals)
		if fail > 0 && q == 0 {
			q = 1
		}
		return q, 100*unit - q, unit
	}
	failQ, unit = halfUp(fail, checked, r.Decimals)
	passQ, _ = halfUp(checked-fail, checked, r.Decimals)
	return failQ, passQ, unit
}

// formatScaled prints v/unit percent with up to dec decimals, trailing zeros trimmed.
func formatScaled(v, unit int64, dec int) string {
	return formatPoints(v, unit, dec) + "%"
}

// formatPoints prints v/unit with up to dec decimals, trailing zeros trimmed.
func formatPoints(v, unit int64, dec int) string {
	s := strconv.FormatInt(v/unit, 10)
	if dec > 0 {
		frac := strings.TrimRight(fmt.Sprintf("%0*d", dec, v%unit), "0")
		if frac != "" {
			s += "." + frac
		}
	}
	return s
}

// Pass is the pass rate of checked items of which fail failed: 86.2% for 4
// failing of 29 under 四舍五入 (86.3% under 合格率取100减不合格率); "—" when
// nothing was checked.
func (r Rates) Pass(fail, checked int) (string, error) {
	if err := checkRate(fail, checked, r); err != nil {
		return "", err
	}
	if checked == 0 {
		return "—", nil
	}
	_, q, unit := r.steps(fail, checked)
	return formatScaled(q, unit, r.Decimals), nil
}

// Fail is the failing share of checked items: 1.9% for 1 of 54 under
// 四舍五入 (1.8% under 合格率取100减不合格率); 0% when none failed; "—" when
// nothing was checked.
func (r Rates) Fail(fail, checked int) (string, error) {
	if err := checkRate(fail, checked, r); err != nil {
		return "", err
	}
	if checked == 0 {
		return "—", nil
	}
	q, _, unit := r.steps(fail, checked)
	return formatScaled(q, unit, r.Decimals), nil
}

// Share is num/den as a percentage rounded half up (whatever the rule, which
// concerns pass and failure rates): 2 of 3 → 66.7%; "—" when den is 0.
func (r Rates) Share(num, den int) (string, error) {
	if err := checkRate(num, den, r); err != nil {
		return "", err
	}
	if den == 0 {
		return "—", nil
	}
	q, unit := halfUp(num, den, r.Decimals)
	return formatScaled(q, unit, r.Decimals), nil
}

// PointChange is how much the pass rate (pass true) or the failure rate
// moved from the previous round to this one, in percentage points, computed
// from the rates as printed so that text and figures agree: the change
// without sign (1.2) and the sign (1 up, -1 down, 0 unchanged). Either
// round with nothing checked gives "", 0.
func (r Rates) PointChange(fail, checked, prevFail, prevChecked int, pass bool) (string, int, error) {
	if err := checkRate(fail, checked, r); err != nil {
		return "", 0, err
	}
	if err := checkRate(prevFail, prevChecked, r); err != nil {
		return "", 0, err
	}
	if checked == 0 || prevChecked == 0 {
		return "", 0, nil
	}
	f, p, unit := r.steps(fail, checked)
	pf, pp, _ := r.steps(prevFail, prevChecked)
	d := f - pf
	if pass {
		d = p - pp
	}
	sign := 0
	switch {
	case d > 0:
		sign = 1
	case d < 0:
		sign, d = -1, -d
	}
	return formatPoints(d, unit, r.Decimals), sign, nil
}
