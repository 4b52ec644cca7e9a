package circular

import (
	"fmt"
	"strconv"
	"strings"
)

// Rates in circulars are computed from counts, never typed, and the text and
// the annex agree: the failing share is truncated (1 of 54 → 1.8%, as the
// Jieyang circular prints it) and the pass rate is 100% minus it (98.2%), so
// the two always add up to 100%. A share that truncates to 0 while something
// failed shows the smallest step instead (0.1%), so a failure never reads as
// 0 and a pass rate never reads 100% while something failed.

// checkRate rejects impossible arguments.
func checkRate(num, den, dec int) error {
	if dec < 0 || dec > 4 {
		return fmt.Errorf("小数位数应为 0 到 4，得到 %d", dec)
	}
	if num < 0 || den < 0 || num > den {
		return fmt.Errorf("比例的分子 %d 和分母 %d 不合理", num, den)
	}
	return nil
}

// scaled returns num/den × 100 × 10^dec truncated, its remainder and 10^dec.
func scaled(num, den, dec int) (q, r, unit int64) {
	unit = 1
	for i := 0; i < dec; i++ {
		unit *= 10
	}
	p := int64(num) * 100 * unit
	return p / int64(den), p % int64(den), unit
}

// formatScaled prints v/unit percent with up to dec decimals, trailing zeros trimmed.
func formatScaled(v, unit int64, dec int) string {
	s := strconv.FormatInt(v/unit, 10)
	if dec > 0 {
		frac := strings.TrimRight(fmt.Sprintf("%0*d", dec, v%unit), "0")
		if frac != "" {
			s += "." + frac
		}
	}
	return s + "%"
}

// failScaled is the failing share in steps of 10^-dec percent: truncated,
// and at least one step when anything failed.
func failScaled(fail, checked, dec int) (int64, int64) {
	q, _, unit := scaled(fail, checked, dec)
	if fail > 0 && q == 0 {
		q = 1
	}
	return q, unit
}

// Percent is num/den as a percentage rounded half up to dec decimals, trailing
// zeros trimmed (2 of 3 → 66.7%, 23 of 23 → 100%); "—" when den is 0.
func Percent(num, den, dec int) (string, error) {
	if err := checkRate(num, den, dec); err != nil {
		return "", err
	}
	if den == 0 {
		return "—", nil
	}
	q, r, unit := scaled(num, den, dec)
	if 2*r >= int64(den) {
		q++
	}
	return formatScaled(q, unit, dec), nil
}

// FailRate is the failing share of checked items with dec decimals: 1.8% for
// 1 of 54; "0" when none failed (as annex tables print it); "—" when nothing
// was checked.
func FailRate(fail, checked, dec int) (string, error) {
	if err := checkRate(fail, checked, dec); err != nil {
		return "", err
	}
	if checked == 0 {
		return "—", nil
	}
	if fail == 0 {
		return "0", nil
	}
	q, unit := failScaled(fail, checked, dec)
	return formatScaled(q, unit, dec), nil
}

// PassRate is 100% minus FailRate: 98.2% for 1 failing of 54, 100% when none
// failed, "—" when nothing was checked. It reads 100% only when nothing failed.
func PassRate(fail, checked, dec int) (string, error) {
	if err := checkRate(fail, checked, dec); err != nil {
		return "", err
	}
	if checked == 0 {
		return "—", nil
	}
	q, unit := failScaled(fail, checked, dec)
	if fail == 0 {
		q = 0
	}
	return formatScaled(100*unit-q, unit, dec), nil
}
