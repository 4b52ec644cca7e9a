package compose

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
)

// images reads the pictures among blocks (image marks Paragraphs found) from
// the templates folder, checking each one's header: a missing file, one that
// is not a PNG or JPEG, or one too big is an error naming the template file
// tmpl and the line that includes it.
func (s *Set) images(blocks []doc.Block, tmpl string) ([]doc.Block, error) {
	for _, b := range blocks {
		im, ok := b.(*doc.Image)
		if !ok || im.Data != nil {
			continue
		}
		data, err := fs.ReadFile(s.fsys, im.Name)
		msg := ""
		if err != nil {
			msg = fmt.Sprintf("找不到图片 %s：图片文件应放在模板文件夹 %s 中（不放在子文件夹里）", im.Name, s.dir)
		} else if _, _, _, err := doc.ImageSize(data); err != nil {
			msg = doc.ImageMessage(im.Name, err)
		}
		if msg != "" {
			return nil, &circular.Error{Code: circular.ETemplate, Message: "模板有误：", Problems: []circular.Problem{
				{File: path.Join(s.dir, tmpl), Line: s.lineOf(tmpl, im.Name), Text: msg}}}
		}
		im.Data = data
	}
	return blocks, nil
}

// lineOf returns the 1-based line of template file name that mentions the
// picture file pic, or 0.
func (s *Set) lineOf(name, pic string) int {
	b, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return 0
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, pic) {
			return i + 1
		}
	}
	return 0
}
