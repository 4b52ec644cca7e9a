package docx

import (
	"fmt"
	"strings"

	"tongbao/internal/doc"
)

// Page geometry in twips (1/20 pt; 1 mm = 56.69 twips): A4 with the
// GB/T 9704 margins and a type area of 22 lines × 28 characters. The bottom
// margin is 34.9 mm rather than 35 so that Word fits 22 lines of exactly
// 29 pt (the standard allows ±1 mm).
const (
	pageW      = 11906
	pageH      = 16838
	marginTop  = 2098 // 37 mm
	marginBot  = 1980
	marginL    = 1587 // 28 mm
	marginR    = 1474 // 26 mm
	pitch      = 580  // 29 pt: 225 mm / 22 lines
	areaW      = pageW - marginL - marginR
	cell       = 316  // one 3号 character on the grid: 156 mm / 28
	bodySize   = 16   // 3号, points
	titleSize  = 22   // 2号
	smallSize  = 14   // 4号
	tableSize  = 12   // 小四
	footerDist = 1304 // page bottom to the page number's foot: 版心 bottom less 7 mm less the number
	headerDist = 890
	red        = "E60012"
)

// mm converts millimetres to twips.
func mm(v float64) int { return int(v*1440/25.4 + 0.5) }

// landscape page: the portrait type area turned (top margin 28 mm, left
// 35 mm), 15 lines of 590 twips and 40 characters.
const (
	landTop   = 1587
	landPitch = 590
	landLines = 15
	landBot   = pageW - landTop - landLines*landPitch
	landL     = 1984
	landR     = pageH - landL - 12756
	landAreaW = pageH - landL - landR
)

// rPr is run properties setting face f on every script, with extra
// properties (size, colour) appended.
func (w *writer) rPr(style string, f doc.Face, extra string) string {
	var b strings.Builder
	b.WriteString("<w:rPr>")
	if style != "" {
		b.WriteString(`<w:rStyle w:val="` + style + `"/>`)
	}
	b.WriteString(w.fonts(f))
	b.WriteString(extra)
	b.WriteString("</w:rPr>")
	return b.String()
}

// fonts is the w:rFonts (and w:b for a bold bundled face) of role f: the
// same font for East Asian, Latin and digits, no theme fonts.
func (w *writer) fonts(f doc.Face) string {
	fc := w.faceOf(f)
	n := esc(fc.name)
	s := fmt.Sprintf(`<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s" w:cs="%s" w:hint="eastAsia"/>`, n, n, n, n)
	if fc.bold {
		s += `<w:b/><w:bCs/>`
	}
	return s
}

// sz is a size property in points.
func sz(pt float64) string {
	v := int(pt*2 + 0.5)
	return fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, v, v)
}

// exact is a paragraph's exact line spacing in twips, with space before and after.
func exact(line, before, after int) string {
	return fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="exact"/>`, before, after, line)
}

// Text is not snapped to the character grid: LibreOffice sets 3号 text
// snapped to a grid of 15.8 pt cells one or two cells a character, and
// Word and WPS set unsnapped text the same as snapped when every
// character is condensed by 0.25 pt (16 − 0.25 = 15.75 pt, 28 to the
// 442 pt line). No automatic space between Chinese and Latin text either,
// as in the PDF.
const (
	unsnapped = `<w:snapToGrid w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`
	condense  = `<w:spacing w:val="-5"/>`
)

// condenseTwips is condense's spacing, in twips.
const condenseTwips = -5

// styles is word/styles.xml: the named paragraph and character styles an
// editor keeps the format with.
func (w *writer) styles() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + w.fonts(doc.FaceFang) + sz(bodySize) +
		`<w:kern w:val="0"/>` + condense + `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr>` + unsnapped + exact(pitch, 0, 0) + `</w:pPr></w:pPrDefault></w:docDefaults>`)
	noIndent := `<w:ind w:firstLine="0" w:firstLineChars="0"/>`
	para := func(id, name string, def bool, ppr, rpr string) {
		d := ""
		if def {
			d = ` w:default="1"`
		}
		based := `<w:basedOn w:val="Normal"/>`
		if id == "Normal" {
			based = ""
		}
		fmt.Fprintf(&b, `<w:style w:type="paragraph"%s w:styleId="%s"><w:name w:val="%s"/>%s<w:qFormat/><w:pPr>%s</w:pPr><w:rPr>%s</w:rPr></w:style>`,
			d, id, esc(name), based, ppr, rpr)
	}
	para("Normal", "Normal", true, `<w:widowControl w:val="0"/>`+unsnapped+`<w:jc w:val="both"/><w:ind w:firstLineChars="200" w:firstLine="632"/>`+exact(pitch, 0, 0), w.fonts(doc.FaceFang)+condense+sz(bodySize))
	for i, f := range []doc.Face{doc.FaceHei, doc.FaceKai, doc.FaceFang, doc.FaceFang} {
		para(fmt.Sprintf("Heading%d", i+1), fmt.Sprintf("heading %d", i+1), false,
			fmt.Sprintf(`<w:keepNext/><w:outlineLvl w:val="%d"/>`, i), w.fonts(f)+sz(bodySize))
	}
	center := `<w:jc w:val="center"/>` + noIndent
	para("DocMark", "发文机关标志", false, center, w.fonts(doc.FaceSong)+`<w:color w:val="`+red+`"/>`)
	para("DocNumber", "发文字号", false, center, "")
	para("DocTitle", "公文标题", false, center+`<w:keepNext/>`, w.fonts(doc.FaceSong)+sz(titleSize))
	para("Recipients", "主送机关", false, noIndent, "")
	para("AttachmentList", "附件说明", false, `<w:keepNext/>`, "")
	para("Signature", "署名", false, `<w:keepNext/><w:jc w:val="left"/>`+noIndent, "")
	para("SignDate", "成文日期", false, `<w:keepNext/><w:jc w:val="left"/>`+noIndent, "")
	para("Note", "附注", false, "", "")
	para("Disclosure", "公开方式", false, noIndent+`<w:ind w:left="632"/>`, "")
	para("AnnexLabel", "附件标签", false, `<w:jc w:val="left"/>`+noIndent, w.fonts(doc.FaceHei))
	para("AnnexTitle", "附件标题", false, center+`<w:keepNext/>`, w.fonts(doc.FaceSong)+sz(titleSize))
	para("AnnexSubtitle", "附件副标题", false, center+`<w:keepNext/>`, w.fonts(doc.FaceKai))
	tableLine := 324 // 1.35 em of 小四, as the typesetter
	para("TableText", "表格文字", false, center+`<w:snapToGrid w:val="0"/>`+exact(tableLine, 0, 0), sz(tableSize))
	para("TableHead", "表头", false, center+`<w:keepNext/><w:snapToGrid w:val="0"/>`+exact(tableLine, 0, 0), w.fonts(doc.FaceHei)+sz(tableSize))
	para("TableNote", "表注", false, `<w:jc w:val="left"/><w:snapToGrid w:val="0"/>`+noIndent+exact(tableLine, 60, 0), sz(tableSize))
	para("Caption", "图题", false, center, "")
	para("Record", "版记", false, `<w:jc w:val="left"/><w:snapToGrid w:val="0"/>`+noIndent+exact(pitch, 0, 0), sz(smallSize))
	para("PageNumber", "页码", false, noIndent+`<w:snapToGrid w:val="0"/>`+exact(smallSize*20, 0, 0), w.fonts(faceNumber)+sz(smallSize))
	para("DraftMark", "草稿标记", false, `<w:jc w:val="right"/><w:snapToGrid w:val="0"/>`+noIndent+exact(bodySize*20+120, 0, 0), `<w:color w:val="`+red+`"/>`+sz(smallSize))
	for i, f := range []doc.Face{doc.FaceHei, doc.FaceKai} {
		fmt.Fprintf(&b, `<w:style w:type="character" w:styleId="RunInHeading%d"><w:name w:val="段内标题 %d"/><w:qFormat/><w:rPr>%s</w:rPr></w:style>`,
			i+1, i+1, w.fonts(f))
	}
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:styleId="DocTable"><w:name w:val="公文表格"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>` +
		border("top", 4, "000000") + border("left", 4, "000000") + border("bottom", 4, "000000") + border("right", 4, "000000") +
		border("insideH", 4, "000000") + border("insideV", 4, "000000") + `</w:tblBorders></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// border is a single border element of width eighths of a point.
func border(side string, eighths int, color string) string {
	return fmt.Sprintf(`<w:%s w:val="single" w:sz="%d" w:space="0" w:color="%s"/>`, side, eighths, color)
}

// settings is word/settings.xml: odd and even footers (which Word ignores
// without w:evenAndOddHeaders), embedded fonts, no punctuation compression.
func (w *writer) settings() string {
	embed := ""
	if w.opt.EmbedFonts {
		embed = `<w:embedTrueTypeFonts/>`
	}
	return xmlHead + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:zoom w:percent="100"/>` + embed + `<w:defaultTabStop w:val="632"/><w:evenAndOddHeaders/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`
}

// fontTableXML is word/fontTable.xml, with the embedded faces when asked.
func (w *writer) fontTableXML() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	n := 0
	for _, e := range w.fontTable() {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="%s"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>`, esc(e.name), esc(e.alt))
		if w.opt.EmbedFonts {
			if e.regular != "" {
				n++
				fmt.Fprintf(&b, `<w:embedRegular r:id="rIdFont%d" w:fontKey="%s"/>`, n, fontKey(e.regular))
			}
			if e.bold != "" {
				n++
				fmt.Fprintf(&b, `<w:embedBold r:id="rIdFont%d" w:fontKey="%s"/>`, n, fontKey(e.bold))
			}
		}
		b.WriteString(`</w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

const ftrOpen = xmlHead + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

const emptyFooter = ftrOpen + `<w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr></w:p></w:ftr>`

// letterFooter is the first page's footer of a letter-format document: no
// page number, and the red double rule (thin over thick), 170 mm long,
// about 20 mm above the foot of the paper.
var letterFooter = ftrOpen + fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="PageNumber"/><w:pBdr><w:top w:val="thinThickSmallGap" w:sz="24" w:space="1" w:color="%s"/></w:pBdr>`+
	`<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/></w:pPr></w:p></w:ftr>`, red, -mm(7), -mm(7))

const hdrOpen = xmlHead + `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

const emptyHeader = hdrOpen + `<w:p><w:pPr><w:pStyle w:val="DraftMark"/></w:pPr></w:p></w:hdr>`

// footer is the page number 「— N —」 in 4号宋体, one character in from the
// outer side: the right on odd pages, the left on even ones.
func (w *writer) footer(even bool) string {
	ppr := `<w:jc w:val="right"/><w:ind w:right="280"/>`
	if even {
		ppr = `<w:jc w:val="left"/><w:ind w:left="280"/>`
	}
	r := w.rPr("", faceNumber, "")
	run := func(s string) string { return `<w:r>` + r + `<w:t xml:space="preserve">` + s + `</w:t></w:r>` }
	return ftrOpen + `<w:p><w:pPr><w:pStyle w:val="PageNumber"/>` + ppr + `</w:pPr>` + run("— ") +
		`<w:r>` + r + `<w:fldChar w:fldCharType="begin"/></w:r><w:r>` + r + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r>` + r + `<w:fldChar w:fldCharType="separate"/></w:r>` + run("1") + `<w:r>` + r + `<w:fldChar w:fldCharType="end"/></w:r>` +
		run(" —") + `</w:p></w:ftr>`
}

// header is the page header: the red 「草稿」 mark and when the draft was
// made, in the top margin of every page; empty for an issued document.
func (w *writer) header() string {
	if w.d.Draft == "" {
		return emptyHeader
	}
	bdr := `<w:bdr w:val="single" w:sz="6" w:space="0" w:color="` + red + `"/>`
	return hdrOpen + `<w:p><w:pPr><w:pStyle w:val="DraftMark"/></w:pPr>` +
		`<w:r>` + w.rPr("", doc.FaceHei, bdr+`<w:color w:val="`+red+`"/>`+sz(bodySize)) + `<w:t xml:space="preserve">草稿 </w:t></w:r>` +
		`<w:r>` + w.rPr("", doc.FaceFang, bdr+`<w:color w:val="`+red+`"/>`) + `<w:t xml:space="preserve">` + esc(w.d.Draft) + ` 生成，未编号印发前不得使用</w:t></w:r>` +
		`</w:p></w:hdr>`
}
