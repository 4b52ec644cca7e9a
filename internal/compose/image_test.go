package compose

import (
	"bytes"
	"image"
	"image/png"
	"reflect"
	"testing"
	"testing/fstest"

	"tongbao/internal/doc"
	"tongbao/templates"
)

// TestImageInTemplate: a picture a section template includes lands in the
// body with its bytes, caption and width, splitting the paragraph it
// stands in.
func TestImageInTemplate(t *testing.T) {
	var pic bytes.Buffer
	png.Encode(&pic, image.NewGray(image.Rect(0, 0, 40, 30)))
	m := fstest.MapFS{}
	entries, _ := templates.FS.ReadDir(".")
	for _, e := range entries {
		b, _ := templates.FS.ReadFile(e.Name())
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	m["图1.png"] = &fstest.MapFile{Data: pic.Bytes()}
	m["工作要求.tmpl"] = &fstest.MapFile{Data: []byte("三、工作要求\n\n请按下图操作：{{image \"图1.png\" \"图 1 操作界面\" 80}}完成后提交。")}
	s, err := LoadSet(m, "templates")
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Compose(sampleData(), Letterhead{})
	if err != nil {
		t.Fatal(err)
	}
	var got []doc.Block
	for i, b := range d.Body {
		if _, ok := b.(*doc.Image); ok {
			got = d.Body[i-1 : i+2]
		}
	}
	want := []doc.Block{
		&doc.Paragraph{Runs: []doc.Run{{Text: "请按下图操作："}}},
		&doc.Image{Data: pic.Bytes(), Name: "图1.png", Width: 80, Caption: "图 1 操作界面"},
		&doc.Paragraph{Runs: []doc.Run{{Text: "完成后提交。"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body around the picture: %#v, want %#v", got, want)
	}
}
