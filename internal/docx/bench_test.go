package docx

import (
	"io"
	"testing"

	"tongbao/internal/doc"
)

// BenchmarkWrite writes the test document without embedded fonts.
func BenchmarkWrite(b *testing.B) {
	d := sample(b, doc.FormatFile)
	for b.Loop() {
		if err := Write(io.Discard, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteEmbedded writes it with the bundled faces embedded
// (about 60 MB of fonts compressed into the package).
func BenchmarkWriteEmbedded(b *testing.B) {
	d := sample(b, doc.FormatFile)
	for b.Loop() {
		if err := Write(io.Discard, d, Options{EmbedFonts: true}); err != nil {
			b.Fatal(err)
		}
	}
}
