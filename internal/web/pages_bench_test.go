package web

import (
	"net/url"
	"testing"

	"tongbao/internal/compose"
	"tongbao/internal/samplegen"
)

// BenchmarkProvinceList filters, sorts and pages the accounts of a province
// round (3,555 checked) as one request of the round page does: all checked
// accounts searched by a word, sorted by unit, page 3.
func BenchmarkProvinceList(b *testing.B) {
	rr := samplegen.GenerateRounds(samplegen.Options{Scale: samplegen.Province, Seed: 7, Rounds: 1, Full: true})[0]
	data := compose.NewData(&rr.Round, nil, rr.Sites, rr.Accounts, nil, nil)
	q := url.Values{"averdict": {"全部"}, "aq": {"市"}, "asort": {"unit"}, "apage": {"3"}}
	b.ReportAllocs()
	for b.Loop() {
		v := newListView(q, "/rounds/2020Q2", "a", false, data.Accounts)
		if len(v.Items) != pageRows {
			b.Fatalf("%d rows", len(v.Items))
		}
	}
}
