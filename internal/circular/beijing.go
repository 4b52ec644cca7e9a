package circular

import "time"

// beijing is China Standard Time, in which an office reads every date and
// time: 成文日期, a draft's making, a lock-out's end, the register's times.
var beijing = time.FixedZone("CST", 8*3600)

// BeijingTime is t in China Standard Time.
func BeijingTime(t time.Time) time.Time { return t.In(beijing) }
