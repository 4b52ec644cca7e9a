package doc

import "testing"

func TestAnnexLandscape(t *testing.T) {
	para := &Paragraph{Runs: []Run{{Text: "说明"}}}
	portrait := &Table{}
	wide := &Table{Landscape: true}
	for _, tt := range []struct {
		name   string
		blocks []Block
		want   bool
	}{
		{"empty", nil, false},
		{"text only", []Block{para}, false},
		{"a portrait table", []Block{para, portrait}, false},
		{"a landscape table", []Block{wide}, true},
		{"a landscape table after a portrait one", []Block{portrait, para, wide}, true},
		{"a landscape table before a portrait one", []Block{wide, portrait}, true},
		{"an image", []Block{&Image{}}, false},
	} {
		a := &Annex{Label: "附件1", Blocks: tt.blocks}
		if got := a.Landscape(); got != tt.want {
			t.Errorf("%s: Landscape() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
