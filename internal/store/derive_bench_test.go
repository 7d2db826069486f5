package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// BenchmarkDerivations measures the counted derivations on a large
// generated network: 300 Comuni, 10,000 activities of which 1,000 stages,
// 500,000 participations.
//
//	go test ./internal/store -run '^$' -bench Derivations -benchtime 5x
func BenchmarkDerivations(b *testing.B) {
	reg, err := istat.Load()
	if err != nil {
		b.Fatal(err)
	}
	var comuni []store.SyntheticComune
	for _, c := range reg.All()[:300] {
		comuni = append(comuni, store.SyntheticComune{Code: c.Code, Name: c.Name, Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName})
	}
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, d)
			if err := s.LoadSynthetic(ctx, store.SyntheticSpec{Comuni: comuni, Activities: 10_000, StageEvery: 10, Participations: 500_000, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			benchClock(s)
			stages, _, err := s.Activities(ctx, store.ActivityFilter{StagesOnly: true, Limit: 2000})
			if err != nil || len(stages) != 1000 {
				b.Fatalf("stages: %d, %v", len(stages), err)
			}
			first, last := stages[0].ID, stages[len(stages)-1].ID
			// Each iteration is timed and the median reported beside the
			// mean: the machine is shared, and one slow iteration moves a mean.
			run := func(name string, fn func() error) {
				b.Run(name, func(b *testing.B) {
					times := make([]time.Duration, 0, b.N)
					for range b.N {
						started := time.Now()
						if err := fn(); err != nil {
							b.Fatal(err)
						}
						times = append(times, time.Since(started))
					}
					slices.Sort(times)
					b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/op")
				})
			}
			run("NewBodiesAt/first", func() error {
				got, err := s.NewBodiesAt(ctx, first)
				if err == nil && len(got) == 0 {
					err = fmt.Errorf("no new bodies at the first stage")
				}
				return err
			})
			run("NewBodiesAt/last", func() error { _, err := s.NewBodiesAt(ctx, last); return err })
			ids := make([]int64, 30)
			for i := range ids {
				ids[i] = int64(i*10 + 1)
			}
			run("Memberships/30", func() error { _, err := s.Memberships(ctx, ids); return err })
			run("Counters", func() error { _, err := s.Counters(ctx); return err })
			run("NetworkFigures", func() error { _, err := s.NetworkFigures(ctx); return err })
			run("HomeStages", func() error {
				for c := int64(1); c <= 4; c++ {
					if _, _, err := s.Activities(ctx, store.ActivityFilter{CommunityID: c, StagesOnly: true, Limit: 200}); err != nil {
						return err
					}
				}
				return nil
			})
			run("InsightData", func() error { _, err := s.InsightData(ctx, store.InsightFilter{}); return err })
			run("BodyParticipations", func() error { _, err := s.BodyParticipations(ctx, 1); return err })
		})
	}
}
