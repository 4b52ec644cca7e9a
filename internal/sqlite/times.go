package sqlite

import "time"

// timeLayout is how every moment is stored: RFC 3339 in UTC, to the second
// (2019-04-12T01:30:00Z). Its fixed width lets SQL compare moments as
// strings. Dates alone (成文日期, deadlines, periods) are time.DateOnly.
const timeLayout = time.RFC3339

// timeText writes t as stored; "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// nowText is the present moment as stored.
func nowText() string { return timeText(time.Now()) }

// parseTime reads a stored moment; zero for "" (or anything unreadable).
func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}
