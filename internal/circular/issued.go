package circular

import "time"

// Circular statuses in the number registry.
const (
	StatusIssued = "issued" // 已印发
	StatusVoid   = "void"   // 已作废
	// StatusExternal is a number used by a document made outside tongbao
	// (a hand-made one): recorded so it is never given, but not void.
	StatusExternal = "external" // 已在别处使用
)

// StatusText is a status as the register shows it: 已印发, 已作废, 已在别处使用.
func StatusText(status string) string {
	switch status {
	case StatusIssued:
		return "已印发"
	case StatusVoid:
		return "已作废"
	case StatusExternal:
		return "已在别处使用"
	}
	return status
}

// Issued is a circular recorded in the number registry: its number, what it
// was made from and the PDF it became. A void number stays recorded and is
// never given again.
type Issued struct {
	Code   string // 机关代字
	Year   int
	Serial int
	// Number is the formatted 发文字号, e.g. 揭政数局函〔2019〕23号.
	Number string
	Status string
	// Round is the round's key (2019Q1); Title the circular's title; Date its 成文日期.
	Round string
	Title string
	Date  time.Time
	// Deadline is the rectification deadline the circular was issued with
	// (zero for a number recorded before deadlines were).
	Deadline time.Time
	// Hashes of what it was made from (SHA-256, hex): templates, config and data.
	TemplatesSHA256 string
	ConfigSHA256    string
	DataSHA256      string
	// PDFSHA256 is the SHA-256 of the PDF, Pages its page count.
	PDFSHA256 string
	Pages     int
	// Snapshot holds what is needed to render the circular again (templates,
	// letterhead and data); PDF the bytes issued.
	Snapshot []byte
	PDF      []byte
	// OFDSHA256 and OFD are the SHA-256 and the bytes of the OFD issued
	// beside the PDF; empty and nil when only the PDF was.
	OFDSHA256 string
	OFD       []byte
	// VoidReason and VoidedAt are set for a void number.
	VoidReason string
	VoidedAt   time.Time
	CreatedAt  time.Time
	// IssuedBy and VoidedBy name who issued and who voided it ("" when
	// not recorded).
	IssuedBy, VoidedBy string
	// ProgramVersion is the tongbao build that typeset the PDF.
	ProgramVersion string
	// Notices are what issuing told the clerk about the PDF (characters set
	// from a face of another style); not recorded.
	Notices []string
}
