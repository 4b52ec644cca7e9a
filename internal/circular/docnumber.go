package circular

import "fmt"

// DocNumber is a 发文字号: 机关代字, year and serial.
type DocNumber struct {
	Code   string
	Year   int
	Serial int
}

// String writes the number as GB/T 9704 wants it: full year in 六角括号, no
// leading zeros, no 第: 揭政数局函〔2019〕23号. A zero serial leaves the serial
// blank for a draft: 揭政数局函〔2019〕　　号.
func (n DocNumber) String() string {
	if n.Serial <= 0 {
		return fmt.Sprintf("%s〔%d〕　　号", n.Code, n.Year)
	}
	return fmt.Sprintf("%s〔%d〕%d号", n.Code, n.Year, n.Serial)
}
