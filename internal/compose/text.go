package compose

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"tongbao/internal/doc"
)

// Heading numbering the editor writes; the level follows from the form:
// 一、 (level 1, 黑体), （一） (level 2, 楷体), 1. or 1． (level 3), （1） (level 4).
var headingPatterns = []*regexp.Regexp{
	1: regexp.MustCompile(`^[一二三四五六七八九十百]+、`),
	2: regexp.MustCompile(`^（[一二三四五六七八九十百]+）`),
	3: regexp.MustCompile(`^[0-9]+[.．]`),
	4: regexp.MustCompile(`^（[0-9]+）`),
}

// halfParen matches a heading number typed with half-width brackets, (一) or (1),
// which Paragraphs normalises to full-width brackets.
var halfParen = regexp.MustCompile(`^\(([一二三四五六七八九十百]+|[0-9]+)\)`)

// Paragraphs turns the plain text a section template writes into body blocks.
//
// The rules, documented for editors in templates/README.md:
//   - paragraphs are separated by blank lines; the lines of one paragraph are
//     joined without spaces (Chinese needs none) after trimming each line;
//   - a paragraph that starts with 一、 is a level-1 heading (黑体) on its own line;
//   - one that starts with （一） is a level-2 heading (楷体); when text follows its
//     first sentence (ending in 。), that sentence is a run-in heading in 楷体 and
//     the rest is body text in 仿宋, in the same paragraph;
//   - 1. and （1） are level-3 and level-4 headings (仿宋), run-in in the same way;
//   - anything else is a body paragraph: indented two characters, justified;
//   - an image mark 【图片：文件名｜图题｜宽度】 (written by the image function)
//     is an image of its own, splitting the paragraph it stands in; its Data
//     is left for Compose to read from the templates folder.
func Paragraphs(text string) []doc.Block {
	var blocks []doc.Block
	for _, para := range splitParagraphs(text) {
		from := 0
		for _, m := range imageMark.FindAllStringSubmatchIndex(para, -1) {
			if s := strings.TrimSpace(para[from:m[0]]); s != "" {
				blocks = append(blocks, paragraph(s))
			}
			im := &doc.Image{Name: para[m[2]:m[3]], Caption: strings.TrimSpace(para[m[4]:m[5]])}
			if m[6] >= 0 {
				im.Width, _ = strconv.ParseFloat(para[m[6]:m[7]], 64)
			}
			blocks = append(blocks, im)
			from = m[1]
		}
		if s := strings.TrimSpace(para[from:]); s != "" {
			blocks = append(blocks, paragraph(s))
		}
	}
	return blocks
}

// imageMark matches the mark the image function writes.
var imageMark = regexp.MustCompile(`【图片：([^｜】]+)｜([^｜】]*)(?:｜([0-9.]+))?】`)

// splitParagraphs splits text at blank lines and joins each paragraph's lines.
func splitParagraphs(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\u3000", " "))
		if line == "" {
			flush()
			continue
		}
		cur.WriteString(line)
	}
	flush()
	return out
}

// paragraph classifies one paragraph by its numbering.
func paragraph(text string) *doc.Paragraph {
	text = halfParen.ReplaceAllString(text, "（$1）")
	level := HeadingLevel(text)
	if level == 0 {
		return &doc.Paragraph{Runs: []doc.Run{{Text: text}}}
	}
	if level == 1 {
		return &doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: text}}}
	}
	face := doc.FaceDefault
	if level == 2 {
		face = doc.FaceKai
	}
	head, rest := runIn(text)
	if rest == "" {
		return &doc.Paragraph{Heading: level, Runs: []doc.Run{{Text: text}}}
	}
	return &doc.Paragraph{Runs: []doc.Run{{Text: head, Face: face}, {Text: rest}}}
}

// HeadingLevel returns 1–4 for text starting with a heading number
// (一、 （一） 1. （1）) and 0 for body text.
func HeadingLevel(text string) int {
	for level := 1; level < len(headingPatterns); level++ {
		if headingPatterns[level].MatchString(text) {
			// "1." followed by a digit is a number such as 1.8%, not a heading.
			if level == 3 {
				loc := headingPatterns[3].FindStringIndex(text)
				if r, _ := utf8.DecodeRuneInString(text[loc[1]:]); r >= '0' && r <= '9' {
					return 0
				}
			}
			return level
		}
	}
	return 0
}

// runIn splits a numbered paragraph after its first sentence (the first 。 or
// ！ or ？), returning the heading sentence and the body text after it. rest is
// empty when nothing follows the first sentence.
func runIn(text string) (head, rest string) {
	i := strings.IndexAny(text, "。！？")
	if i < 0 {
		return text, ""
	}
	_, size := utf8.DecodeRuneInString(text[i:])
	return text[:i+size], text[i+size:]
}
