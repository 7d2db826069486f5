package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// BenchmarkInsightData separates the database work (InsightData) from the
// derivation (DeriveInsight) on the synthetic network of every Comune,
// 10,000 activities and 500,000 participations.
//
//	go test ./internal/store -run '^$' -bench InsightData -benchtime 3x
func BenchmarkInsightData(b *testing.B) {
	reg, err := istat.Load()
	if err != nil {
		b.Fatal(err)
	}
	var comuni []store.SyntheticComune
	for _, c := range reg.All() {
		comuni = append(comuni, store.SyntheticComune{Code: c.Code, Name: c.Name, Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName})
	}
	band := func(code string) (string, bool) {
		c, ok := reg.ByCode(code)
		return string(c.Band()), ok
	}
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, d)
			started := time.Now()
			if err := s.LoadSynthetic(ctx, store.SyntheticSpec{Comuni: comuni, Activities: 10_000, StageEvery: 10, Participations: 500_000, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: loaded in %s", d, time.Since(started).Round(time.Millisecond))
			var data store.InsightData
			b.Run("load", func(b *testing.B) {
				for range b.N {
					if data, err = s.InsightData(ctx, store.InsightFilter{}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("derive", func(b *testing.B) {
				for range b.N {
					store.DeriveInsight(data, band)
				}
			})
			b.Run("version", func(b *testing.B) {
				for range b.N {
					if _, err := s.InsightDataVersion(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
