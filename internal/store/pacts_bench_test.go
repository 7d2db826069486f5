package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// BenchmarkPactList measures what /patti asks for one page: the filtered
// page (count + rows + themes) and the facet counts, on 20,000 pacts over
// 300 bodies.
//
//	go test ./internal/store -run '^$' -bench PactList -benchtime 50x
func BenchmarkPactList(b *testing.B) {
	reg, err := istat.Load()
	if err != nil {
		b.Fatal(err)
	}
	var comuni []store.SyntheticComune
	all := reg.All()
	for i := 0; i < 300; i++ { // spread over Italy: every n-th Comune
		c := all[i*len(all)/300]
		comuni = append(comuni, store.SyntheticComune{Code: c.Code, Name: c.Name, Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName})
	}
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, d)
			started := time.Now()
			if err := s.LoadSynthetic(ctx, store.SyntheticSpec{Comuni: comuni, Activities: 100, StageEvery: 10, Participations: 3000, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			if err := s.LoadSyntheticPacts(ctx, 20_000, 7); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: loaded in %s", d, time.Since(started).Round(time.Millisecond))
			page, err := s.Pacts(ctx, store.PactFilter{})
			if err != nil || page.Total < 18_000 {
				b.Fatalf("unfiltered list: %d, %v", page.Total, err)
			}
			region := "Lombardia"
			filtered := store.PactFilter{Region: region, Status: "in_corso", Limit: 20}
			for _, c := range []struct {
				name string
				f    store.PactFilter
			}{
				{"all", store.PactFilter{Limit: 20}},
				{"filtered", filtered},
				{"deep-keyset", store.PactFilter{Limit: 20, Before: page.Pacts[0].ID - 15_000}},
			} {
				b.Run(c.name+"/page", func(b *testing.B) {
					for range b.N {
						if _, err := s.Pacts(ctx, c.f); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run(c.name+"/facets", func(b *testing.B) {
					for range b.N {
						if _, err := s.PactFacetCounts(ctx, c.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
