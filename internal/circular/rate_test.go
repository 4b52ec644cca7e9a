package circular

import "testing"

// rateCases are the figures of real circulars under both rules and both
// precisions: passing of checked, and the pass and failure rates printed.
var rateCases = []struct {
	passing, checked, dec          int
	roundPass, roundFail           string // 四舍五入
	complementPass, complementFail string // 合格率取100减不合格率
}{
	{53, 54, 1, "98.1%", "1.9%", "98.2%", "1.8%"}, // the Jieyang circular prints 98.2% (合格率取100减不合格率)
	{53, 54, 2, "98.15%", "1.85%", "98.15%", "1.85%"},
	{1, 54, 1, "1.9%", "98.1%", "1.9%", "98.1%"},
	{1, 54, 2, "1.85%", "98.15%", "1.86%", "98.14%"},
	{25, 29, 1, "86.2%", "13.8%", "86.3%", "13.7%"}, // Excel and a calculator: 86.2%
	{25, 29, 2, "86.21%", "13.79%", "86.21%", "13.79%"},
	{5, 6, 1, "83.3%", "16.7%", "83.4%", "16.6%"},
	{5, 6, 2, "83.33%", "16.67%", "83.34%", "16.66%"},
	{558, 564, 1, "98.9%", "1.1%", "99%", "1%"}, // the province printed 98.9%
	{558, 564, 2, "98.94%", "1.06%", "98.94%", "1.06%"},
	{291, 323, 1, "90.1%", "9.9%", "90.1%", "9.9%"},
	{291, 323, 2, "90.09%", "9.91%", "90.1%", "9.9%"}, // the city printed 90.09%
	{32, 323, 1, "9.9%", "90.1%", "10%", "90%"},
	{32, 323, 2, "9.91%", "90.09%", "9.91%", "90.09%"},
	{50, 51, 1, "98%", "2%", "98.1%", "1.9%"},
	{50, 51, 2, "98.04%", "1.96%", "98.04%", "1.96%"},
}

func TestRates(t *testing.T) {
	for _, tt := range rateCases {
		fail := tt.checked - tt.passing
		for _, rule := range []struct {
			r          RateRule
			pass, fail string
		}{{RuleRound, tt.roundPass, tt.roundFail}, {RuleComplement, tt.complementPass, tt.complementFail}} {
			r := Rates{Rule: rule.r, Decimals: tt.dec}
			p, err := r.Pass(fail, tt.checked)
			if err != nil || p != rule.pass {
				t.Errorf("%s: Pass(%d, %d) = %q, %v; want %q", r, fail, tt.checked, p, err, rule.pass)
			}
			f, err := r.Fail(fail, tt.checked)
			if err != nil || f != rule.fail {
				t.Errorf("%s: Fail(%d, %d) = %q, %v; want %q", r, fail, tt.checked, f, err, rule.fail)
			}
		}
	}
}

func TestRateEdges(t *testing.T) {
	tests := []struct {
		rule               RateRule
		fail, checked, dec int
		failRate, passRate string
	}{
		{RuleComplement, 1, 14000, 1, "0.1%", "99.9%"}, // a failure never reads as 0 or 100%
		{RuleRound, 1, 14000, 1, "0%", "100%"},         // as Excel's ROUND
		{RuleComplement, 13999, 14000, 1, "99.9%", "0.1%"},
		{RuleRound, 0, 40, 1, "0%", "100%"},
		{RuleComplement, 0, 40, 1, "0%", "100%"},
		{RuleRound, 14000, 14000, 1, "100%", "0%"},
		{RuleRound, 0, 0, 1, "—", "—"},
		{RuleComplement, 3, 3, 0, "100%", "0%"},
		{RuleRound, 2, 25, 1, "8%", "92%"}, // the Shantou circular: 92%
	}
	for _, tt := range tests {
		r := Rates{Rule: tt.rule, Decimals: tt.dec}
		if f, err := r.Fail(tt.fail, tt.checked); err != nil || f != tt.failRate {
			t.Errorf("%s: Fail(%d, %d) = %q, %v; want %q", r, tt.fail, tt.checked, f, err, tt.failRate)
		}
		if p, err := r.Pass(tt.fail, tt.checked); err != nil || p != tt.passRate {
			t.Errorf("%s: Pass(%d, %d) = %q, %v; want %q", r, tt.fail, tt.checked, p, err, tt.passRate)
		}
	}
	for _, bad := range []struct {
		r        Rates
		num, den int
	}{{DefaultRates(), 5, 4}, {DefaultRates(), -1, 4}, {Rates{RuleRound, 9}, 1, 4}, {Rates{"截尾", 1}, 1, 4}} {
		if _, err := bad.r.Fail(bad.num, bad.den); err == nil {
			t.Errorf("%v Fail(%d, %d): no error", bad.r, bad.num, bad.den)
		}
	}
	if p, _ := DefaultRates().Share(2, 3); p != "66.7%" {
		t.Errorf("Share(2, 3) = %q", p)
	}
}

func TestPointChange(t *testing.T) {
	tests := []struct {
		rule                                 RateRule
		fail, checked, prevFail, prevChecked int
		pass                                 bool
		want                                 string
		sign                                 int
	}{
		{RuleRound, 1, 54, 2, 54, true, "1.8", 1},      // 98.1% from 96.3%
		{RuleComplement, 1, 54, 2, 54, true, "1.9", 1}, // 98.2% from 96.3%
		{RuleRound, 1, 54, 2, 54, false, "1.8", -1},    // 1.9% from 3.7%
		{RuleRound, 1, 54, 1, 54, true, "0", 0},
		{RuleRound, 1, 54, 0, 0, true, "", 0},
	}
	for _, tt := range tests {
		r := Rates{Rule: tt.rule, Decimals: 1}
		got, sign, err := r.PointChange(tt.fail, tt.checked, tt.prevFail, tt.prevChecked, tt.pass)
		if err != nil || got != tt.want || sign != tt.sign {
			t.Errorf("%s PointChange(%d/%d from %d/%d, pass %v) = %q %d %v; want %q %d", r, tt.fail, tt.checked, tt.prevFail, tt.prevChecked, tt.pass, got, sign, err, tt.want, tt.sign)
		}
	}
}
