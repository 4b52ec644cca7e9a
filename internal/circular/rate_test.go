package circular

import "testing"

func TestRates(t *testing.T) {
	tests := []struct {
		fail, checked, dec int
		failRate, passRate string
	}{
		{1, 54, 1, "1.8%", "98.2%"}, // the Jieyang circular
		{1, 14, 1, "7.1%", "92.9%"},
		{0, 40, 1, "0", "100%"},
		{2, 25, 1, "8%", "92%"}, // the Shantou circular: 92%
		{1, 51, 2, "1.96%", "98.04%"},
		{1, 14000, 1, "0.1%", "99.9%"}, // a failure never reads as 0 or 100%
		{13999, 14000, 1, "99.9%", "0.1%"},
		{14000, 14000, 1, "100%", "0%"},
		{0, 0, 1, "—", "—"},
		{3, 3, 0, "100%", "0%"},
	}
	for _, tt := range tests {
		f, err := FailRate(tt.fail, tt.checked, tt.dec)
		if err != nil || f != tt.failRate {
			t.Errorf("FailRate(%d, %d, %d) = %q, %v; want %q", tt.fail, tt.checked, tt.dec, f, err, tt.failRate)
		}
		p, err := PassRate(tt.fail, tt.checked, tt.dec)
		if err != nil || p != tt.passRate {
			t.Errorf("PassRate(%d, %d, %d) = %q, %v; want %q", tt.fail, tt.checked, tt.dec, p, err, tt.passRate)
		}
	}
	for _, bad := range [][3]int{{5, 4, 1}, {-1, 4, 1}, {1, 4, 9}} {
		if _, err := FailRate(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("FailRate%v: no error", bad)
		}
	}
	if p, _ := Percent(2, 3, 1); p != "66.7%" {
		t.Errorf("Percent(2, 3, 1) = %q", p)
	}
}
