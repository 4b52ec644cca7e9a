package doc

import (
	"testing"
	"time"
)

func TestInfoCreated(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	for _, tt := range []struct {
		date string
		want time.Time
		bad  bool
	}{
		{"", time.Unix(0, 0).UTC(), false},
		{"2019-04-12T00:00:00+08:00", time.Date(2019, 4, 12, 0, 0, 0, 0, cst), false},
		{"2019-04-12", time.Date(2019, 4, 12, 0, 0, 0, 0, time.UTC), false},
		{"2019年4月12日", time.Time{}, true},
		{"2019-13-01", time.Time{}, true},
	} {
		got, err := Info{Date: tt.date}.Created()
		if (err != nil) != tt.bad {
			t.Errorf("Created(%q): error %v, want error %v", tt.date, err, tt.bad)
			continue
		}
		if !tt.bad && !got.Equal(tt.want) {
			t.Errorf("Created(%q) = %v, want %v", tt.date, got, tt.want)
		}
	}
}
