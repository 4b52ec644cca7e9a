package compose

import (
	"reflect"
	"testing"

	"tongbao/internal/doc"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []doc.Block
	}{
		{"body", "现将检查情况\n通报如下：", []doc.Block{&doc.Paragraph{Runs: []doc.Run{{Text: "现将检查情况通报如下："}}}}},
		{"two paragraphs", "甲。\n\n\n乙。", []doc.Block{
			&doc.Paragraph{Runs: []doc.Run{{Text: "甲。"}}},
			&doc.Paragraph{Runs: []doc.Run{{Text: "乙。"}}},
		}},
		{"level 1", "一、总体情况", []doc.Block{&doc.Paragraph{Heading: 1, Runs: []doc.Run{{Text: "一、总体情况"}}}}},
		{"level 2 alone", "（二）主要问题", []doc.Block{&doc.Paragraph{Heading: 2, Runs: []doc.Run{{Text: "（二）主要问题"}}}}},
		{"level 2 run-in", "（一）加强内容保障。各单位要落实责任。", []doc.Block{&doc.Paragraph{Runs: []doc.Run{
			{Text: "（一）加强内容保障。", Face: doc.FaceKai}, {Text: "各单位要落实责任。"}}}}},
		{"half-width brackets", "(三)严格审核。先审后发。", []doc.Block{&doc.Paragraph{Runs: []doc.Run{
			{Text: "（三）严格审核。", Face: doc.FaceKai}, {Text: "先审后发。"}}}}},
		{"level 3 run-in", "1.空白栏目。5个栏目空白。", []doc.Block{&doc.Paragraph{Runs: []doc.Run{
			{Text: "1.空白栏目。"}, {Text: "5个栏目空白。"}}}}},
		{"level 4 alone", "（1）不更新", []doc.Block{&doc.Paragraph{Heading: 4, Runs: []doc.Run{{Text: "（1）不更新"}}}}},
		{"number is not a heading", "1.8%的网站不合格。", []doc.Block{&doc.Paragraph{Runs: []doc.Run{{Text: "1.8%的网站不合格。"}}}}},
		{"ideographic spaces trimmed", "\u3000\u3000正文。  ", []doc.Block{&doc.Paragraph{Runs: []doc.Run{{Text: "正文。"}}}}},
		{"empty", "\n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Paragraphs(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs(%q):\n got %#v\nwant %#v", tt.in, dump(got), dump(tt.want))
			}
		})
	}
}

func dump(bs []doc.Block) []doc.Paragraph {
	var out []doc.Paragraph
	for _, b := range bs {
		out = append(out, *b.(*doc.Paragraph))
	}
	return out
}
