package records

import (
	"regexp"
	"sort"
)

// pdfHazardRes are the PDF names whose presence makes a file unsafe to keep
// in the records system: encryption, scripts, actions that launch programs,
// open or submit to outside addresses, embedded files and rich media.
var pdfHazardRes = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`/Encrypt\b`), "已加密"},
	{regexp.MustCompile(`/(JavaScript|JS)\b`), "含脚本（JavaScript）"},
	{regexp.MustCompile(`/Launch\b`), "含启动程序的动作"},
	{regexp.MustCompile(`/(URI|GoToR|GoToE|SubmitForm|ImportData)\b`), "含外部链接或提交动作"},
	{regexp.MustCompile(`/(EmbeddedFiles?|FileAttachment)\b`), "含嵌入文件"},
	{regexp.MustCompile(`/(RichMedia|Movie|Sound)\b`), "含多媒体"},
}

// trailerRe finds the classic trailers, where /Encrypt sits.
var trailerRe = regexp.MustCompile(`trailer\s*<<`)

// pdfHazards lists what in the PDF b makes it unsafe to keep; an empty list
// means none was found. It looks at every object's dictionary, including the
// objects inside compressed object streams, and at the trailers; page content
// streams hold only drawing operators and are not searched.
func pdfHazards(b []byte) []string {
	dicts := [][]byte{}
	for _, o := range pdfObjects(b) {
		dicts = append(dicts, o.dict)
	}
	for _, loc := range trailerRe.FindAllIndex(b, -1) {
		end := loc[1] + 4096
		if end > len(b) {
			end = len(b)
		}
		dicts = append(dicts, b[loc[0]:end])
	}
	seen := map[string]bool{}
	var found []string
	for _, d := range dicts {
		for _, h := range pdfHazardRes {
			if !seen[h.what] && h.re.Match(d) {
				seen[h.what] = true
				found = append(found, h.what)
			}
		}
	}
	sort.Strings(found)
	return found
}
