package layout

import (
	"strings"
	"testing"

	"tongbao/internal/layout/layouttest"
)

// TestNoSignature: a circular without 落款 ([circular] no_signature) keeps
// its 成文日期, indented two characters from the right one blank line below
// the text, with nothing on the line above it, and the 附注 on the line after.
func TestNoSignature(t *testing.T) {
	d := layouttest.Specimen()
	d.Signature.Names = nil
	d.Signature.Seal = nil
	r, err := Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	a := portrait()
	for _, pg := range r.Pages {
		var note *Text
		for i, tx := range pg.Texts {
			if strings.HasPrefix(tx.Text, "（此件") {
				note = &pg.Texts[i]
			}
		}
		if note == nil {
			continue
		}
		// the line before the 附注 is the date; the one before it blank
		dateY := note.Y - a.pitch
		var date strings.Builder
		dateEnd, above := 0.0, 0.0
		for _, tx := range pg.Texts {
			switch {
			case near(tx.Y, dateY, 0.01):
				date.WriteString(tx.Text)
				dateEnd = max(dateEnd, tx.X+tx.Width)
			case tx.Y < dateY-0.01:
				above = max(above, tx.Y)
			}
		}
		if date.String() != d.Signature.Date {
			t.Fatalf("line before the 附注 is %q, want the date %q", date.String(), d.Signature.Date)
		}
		// the last glyph's advance is 16 pt in a 15.79 pt cell
		if !near(dateEnd, a.x+a.w-2*a.cell+sizeBody-a.cell, 0.01) {
			t.Errorf("date ends at %.2f, want two characters from the right (%.2f)", dateEnd, a.x+a.w-2*a.cell)
		}
		if !near(dateY-above, 2*a.pitch, 0.01) {
			t.Errorf("date %.2f below the text above, want one blank line (%.2f)", dateY-above, 2*a.pitch)
		}
		return
	}
	t.Fatal("no 附注 printed")
}
