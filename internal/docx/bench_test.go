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
// (about 60 MB of fonts, compressed once per process, copied into the
// package).
func BenchmarkWriteEmbedded(b *testing.B) {
	d := sample(b, doc.FormatFile)
	for b.Loop() {
		if err := Write(io.Discard, d, Options{EmbedFonts: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPackFaces obfuscates and compresses the embedded faces, the
// work the first Write with EmbedFonts does once per process.
func BenchmarkPackFaces(b *testing.B) {
	names := (&writer{opt: Options{EmbedFonts: true}}).embedded()
	for b.Loop() {
		for _, n := range names {
			if _, err := packFace(n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
