package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"tongbao/internal/circular"
	"tongbao/internal/doc"
)

// SaveTemplateImage puts an uploaded picture into the templates folder as
// name, a plain file name ending in .png, .jpg or .jpeg, after reading its
// header: a file that is not a PNG or JPEG, or one too big (doc.ImageSize),
// is refused and nothing is written. A picture of the same name is
// replaced; circulars already issued keep theirs in their snapshots. It
// returns the template snippet that includes the picture.
func (a *App) SaveTemplateImage(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, "/\\:｜】\"") || strings.HasPrefix(name, ".") ||
		ext != ".png" && ext != ".jpg" && ext != ".jpeg" {
		return "", circular.Errorf(circular.EInvalid, "「%s」不能作为模板图片的文件名：应是以 .png、.jpg 或 .jpeg 结尾的文件名，不含「/」「\\」「:」「\"」等符号", name)
	}
	if _, _, _, err := doc.ImageSize(data); err != nil {
		return "", circular.Errorf(circular.EInvalid, "%s", doc.ImageMessage(name, err))
	}
	p := filepath.Join(a.Config.TemplatesDir(), name)
	if err := WriteFileAtomic(p, data); err != nil {
		return "", circular.Wrap(err, circular.EIO, fmt.Sprintf("无法保存图片 %s：%s", p, IOReason(err)))
	}
	return fmt.Sprintf(`{{image "%s" "图题"}}`, name), nil
}
