// Package doc is the document model of a 公文 (official document): what the
// document says, with no positions. Templates fill it (package compose) and the
// typesetter reads it (package layout). It imports nothing but the standard
// library and knows nothing of inspections, SQLite, templates or PDF.
package doc

import (
	"fmt"
	"time"
)

// Document is one official document: header (版头), body (主体), annexes and
// record block (版记). Faces and sizes follow GB/T 9704 and are chosen by the
// typesetter from each element's role; a Run may override the face.
type Document struct {
	// Info is the PDF document information.
	Info Info
	// Header is the 版头.
	Header Header
	// Title is the 标题, typeset centred in 2号小标宋 and broken into balanced
	// lines when long. A "\n" forces a break at that point.
	Title string
	// Recipients is the 主送机关 without the trailing colon, which the typesetter adds.
	Recipients string
	// Body is the 正文: paragraphs and, rarely, tables and images.
	Body []Block
	// Attachments are the annex names listed in the 附件说明, in order. With one
	// name it reads 附件：名称; with several, 附件：1. 名称 with hanging indents.
	Attachments []string
	// Signature is the 署名 and 成文日期.
	Signature Signature
	// Note is the 附注, such as （此件公开发布）; brackets included.
	Note string
	// Disclosure is the 公开方式 many offices print (主动公开, 依申请公开 or
	// 不予公开): 「公开方式：主动公开」 on its own line right above the 版记,
	// apart from the 附注; empty for none.
	Disclosure string
	// Draft marks a draft with when it was made, as printed (2026年12月2日
	// 18:43): every page then carries 「草稿」 and this time in its top
	// margin, outside the type area. An issued document leaves it empty.
	Draft string
	// Annexes are the 附件 pages, each starting on a new page.
	Annexes []Annex
	// Record is the 版记 at the bottom of the last page; nil for none.
	Record *Record
}

// Info is the document information a writer records (the PDF's
// information dictionary and XMP, the OFD's DocInfo).
type Info struct {
	Title    string
	Author   string
	Subject  string
	Keywords string
	Creator  string
	// Date is the creation date in RFC 3339 (e.g. 2019-04-12T00:00:00+08:00);
	// it is fixed so that identical input gives identical bytes. Empty means the
	// Unix epoch, never the current time.
	Date string
}

// CreatorOr is Creator, or def when it is empty.
func (i Info) CreatorOr(def string) string {
	if i.Creator == "" {
		return def
	}
	return i.Creator
}

// Created parses Date: RFC 3339, or a bare date (2019-04-12) read as
// midnight UTC; empty is the Unix epoch, never now.
func (i Info) Created() (time.Time, error) {
	if i.Date == "" {
		return time.Unix(0, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, i.Date)
	if err != nil {
		t, err = time.Parse(time.DateOnly, i.Date)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("creation date %q: want RFC 3339 (2019-04-12T00:00:00+08:00)", i.Date)
	}
	return t, nil
}

// HeaderFormat selects one of the 版头 layouts.
type HeaderFormat int

const (
	// FormatFile is the 文件式 header: red 发文机关标志, 发文字号 centred, red separator line.
	FormatFile HeaderFormat = iota
	// FormatLetter is the 信函式 header: mark 30 mm from the top, red double lines
	// top and bottom, number flush right, no page number on page 1.
	FormatLetter
	// FormatTelegram is the 明电 header: 发电单位, 签批盖章, 等级 and number.
	FormatTelegram
)

// Header is the 版头 of a document.
type Header struct {
	Format HeaderFormat
	// CopyNumber is the 份号 (6 digits), empty for none.
	CopyNumber string
	// Secrecy is the 密级和保密期限, e.g. 秘密★1年; empty for none.
	Secrecy string
	// Urgency is the 紧急程度 (特急, 加急); empty for none.
	Urgency string
	// Issuers are the issuing organs' names as shown in the 发文机关标志, the lead
	// issuer first; more than one makes a joint document.
	Issuers []string
	// MarkSuffix follows the issuer names in the mark, usually 文件; empty for a
	// mark that is the name alone (common for 函 and letter format).
	MarkSuffix string
	// Number is the 发文字号, e.g. 揭政数局函〔2019〕23号. A draft may leave the
	// serial blank: 揭政数局函〔2019〕  号.
	Number string
	// Signers are the 签发人 of an upward document (上行文); non-empty moves the
	// number left and puts 签发人：names on its line.
	Signers []string
	// Telegram holds the fields of a 明电 header; used with FormatTelegram.
	Telegram Telegram
	// Mark, set only by layout.Explicit, is how the typesetter sets the
	// 发文机关标志, for a writer that leaves the setting to another program.
	Mark Mark
}

// Mark is how the 发文机关标志 is set, in points: the names' size, where
// they start from the 版心's left edge and the width of the widest (with
// one issuer, the name and its suffix); beside joint issuers' names, half
// an em of their size away, the suffix's size and its width at that size.
// Joint names are stacked MarkLead ems apart, each justified to the names'
// width. Zero when not set.
type Mark struct {
	Size, Left, NamesWidth  float64
	SuffixSize, SuffixWidth float64
}

// MarkLead is the line pitch of joint issuers' stacked names, in ems of
// their size.
const MarkLead = 1.25

// Telegram holds the fields of a 明电 (telegram) header.
type Telegram struct {
	// Title is the line at the top, e.g. 汕头市发电 (defaults to 明电).
	Title string
	// Unit is the 发电单位.
	Unit string
	// Approver is the 签批盖章 name.
	Approver string
	// Grade is the 等级, e.g. 特急 · 明电.
	Grade string
	// Serial is the telegraph office serial shown after the number (e.g. 汕机发 号); optional.
	Serial string
	// Form, set only by layout.Explicit, is the form as the typesetter sets
	// it: row by row (发电单位, 签批盖章; 等级, number, serial), each cell's
	// text, width and size, so that a writer that leaves the setting to
	// another program fits every value in its cell.
	Form [2][]FormCell
}

// FormCell is a cell of the 明电 form: its text, a label (黑体) or a
// value (仿宋), and its width and its text's size in points.
type FormCell struct {
	Text        string
	Label       bool
	Width, Size float64
}

// Block is a paragraph, a table or an image.
type Block interface{ isBlock() }

// Face names a typeface role. The typesetter maps roles to bundled fonts.
type Face int

const (
	// FaceDefault means the face the paragraph's role implies.
	FaceDefault Face = iota
	// FaceFang is 仿宋, the body face.
	FaceFang
	// FaceHei is 黑体.
	FaceHei
	// FaceKai is 楷体.
	FaceKai
	// FaceSong is 小标宋 (titles, the mark).
	FaceSong
)

// Run is a piece of text in one face.
type Run struct {
	Text string
	Face Face
}

// Align is a paragraph's alignment.
type Align int

const (
	// AlignJustify is the body default: first line indented two characters,
	// lines justified on the grid, the last line flush left.
	AlignJustify Align = iota
	// AlignLeft is flush left with no indent.
	AlignLeft
	// AlignCenter centres each line.
	AlignCenter
	// AlignRight sets each line flush right.
	AlignRight
)

// Paragraph is a paragraph of styled runs.
//
// Heading is 0 for body text and 1–4 for a heading line of level 一、（一）1.（1）.
// A heading's default face is 黑体 for level 1, 楷体 for level 2 and 仿宋 for
// levels 3 and 4; a heading is never left as the last line of a page. A run-in
// heading (「（一）加强内容保障。」 followed by body text) is a body paragraph
// (Heading 0) whose first run is the numbered heading sentence, with Face
// FaceKai for level 2; the paragraph may split across pages after its second
// line, never leaving the heading alone at a page foot.
type Paragraph struct {
	Heading int
	Runs    []Run
	Align   Align
	// NoIndent suppresses the two-character first-line indent of AlignJustify.
	NoIndent bool
	// Lines, set only by layout.Explicit, are the lines the typesetter
	// broke the paragraph into; nil when not set. A writer that leaves line
	// breaking to another program (the DOCX) checks them against that
	// program's measure and closes up or spreads a line that would break
	// elsewhere.
	Lines []Line
}

func (*Paragraph) isBlock() {}

// Line is a line of a paragraph as the typesetter broke it.
type Line struct {
	// Runes is how many characters of the paragraph's Text() the line
	// holds, trailing spaces and any dropped invisible characters included.
	Runes int
	// Advance is the natural width in points of the line's characters, the
	// sum of their advances before the grid, squeezing or justification,
	// trailing spaces excluded; Chars is how many characters it counts.
	Advance float64
	Chars   int
	// Measure is the width in points the line is set in, less its indent.
	Measure float64
	// Full tells a justified line that is not the paragraph's last: it
	// spreads to the whole measure.
	Full bool
	// Next is the natural width in points of what starts the next line, up
	// to the first place a word processor may break it (the typesetter's
	// break points, and after a hyphen or slash inside a Latin run), and
	// NextChars how many characters that is; both 0 on the last line.
	Next      float64
	NextChars int
}

// Text returns the paragraph's text, all runs joined.
func (p *Paragraph) Text() string {
	n := 0
	for _, r := range p.Runs {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range p.Runs {
		b = append(b, r.Text...)
	}
	return string(b)
}

// Table is a ruled table, typically on an annex page.
type Table struct {
	// Head holds the header rows, repeated at the top of every page the table
	// spans. Cells may span columns and rows (merged header cells).
	Head [][]Cell
	// Rows holds the body rows; a row is never split across pages when it fits on one.
	Rows []Row
	// Widths gives the column widths in points; nil or a zero entry means
	// computed from content. The typesetter reads them relative to each
	// other, sharing out the width of the 版心 by them (so a template may
	// give them in characters); layout.Explicit sets every column's in
	// points as typeset, which the DOCX writer uses as they are.
	Widths []float64
	// Aligns gives each column's alignment for body rows; nil or
	// AlignJustify means automatic (centred when the column's cells are
	// short, else justified).
	Aligns []Align
	// Note is printed under the table, e.g. 注：检查采样时间为2019年2月21日至3月4日。
	Note string
	// Landscape puts the table, and the whole annex holding it, on
	// landscape pages (see Annex.Landscape).
	Landscape bool
}

func (*Table) isBlock() {}

// Row is a table body row.
type Row struct {
	Cells []Cell
	// Total marks the 合计 row.
	Total bool
}

// Cell is a table cell. ColSpan and RowSpan of 0 mean 1.
type Cell struct {
	Text    string
	ColSpan int
	RowSpan int
	// Lines, set only by layout.Explicit for a body cell, are the lines
	// the typesetter broke its text into (see Paragraph.Lines).
	Lines []Line
}

// Annex is one 附件: its label (附件1, or 附件 when there is one), centred title
// and content, starting on a new page.
type Annex struct {
	Label string
	// Title is set like the circular's 标题; "\n" forces a line break.
	Title string
	// Subtitle is an optional line under the title, such as （2021年第二季度）,
	// set centred in 3号楷体; it is not part of the annex's name.
	Subtitle string
	Blocks   []Block
}

// Landscape tells whether the annex is set on landscape pages: it is when
// one of its tables is.
func (a *Annex) Landscape() bool {
	for _, b := range a.Blocks {
		if t, ok := b.(*Table); ok && t.Landscape {
			return true
		}
	}
	return false
}

// Signature is the 署名 and 成文日期, with an optional seal.
type Signature struct {
	// Names are the signing organs, one per line (joint documents list several).
	Names []string
	// Date is the 成文日期 as printed, e.g. 2019年4月12日.
	Date string
	// Seal is a PNG image of the red seal; nil places the signature by the
	// no-seal rule.
	Seal []byte
}

// RecordPlace is where the 版记 goes (GB/T 9704 7.5), as the typesetter
// placed it: a writer that paginates by itself (a word processor) is told
// which case the pages met.
type RecordPlace int

const (
	// RecordFoot is the 版记 at the foot of the last page of the content
	// (an even one); also the place when there is no 版记.
	RecordFoot RecordPlace = iota
	// RecordNextPage is the 版记 on a page of its own after the content (the
	// content ending on an odd page, or with no room left).
	RecordNextPage
	// RecordAfterBlank is the 版记 on a page of its own after a blank page,
	// neither numbered (the content ending on a full even page).
	RecordAfterBlank
)

// Record is the 版记.
type Record struct {
	// CC are the 抄送 organs; printed as 抄送：a，b。
	CC []string
	// Printer is the 印发机关.
	Printer string
	// PrintDate is the 印发日期 as printed, e.g. 2019年4月12日 (印发 is appended).
	PrintDate string
}
