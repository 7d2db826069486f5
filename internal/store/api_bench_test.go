package store_test

import (
	"context"
	"fmt"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// BenchmarkActivityPages compares reading the last page of 5,000 published
// activities by keyset (what the API does) and by OFFSET (page numbers).
func BenchmarkActivityPages(b *testing.B) {
	const n = 5000
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, d)
			load := func() (dataset.Dataset, error) {
				ds, err := dataset.Default()
				for i := range n {
					ds.Activities = append(ds.Activities, dataset.Activity{
						Slug: fmt.Sprintf("bench-%05d", i), Title: "Attività", Type: ds.ActivityTypes[i%5].Slug, Status: "published",
						Date: fmt.Sprintf("%04d-%02d-%02d", 2023+i/360, 1+i/30%12, 1+i%28), Format: "online", Summary: "x",
						Participations: []dataset.Participation{{Body: "comune-di-asti", Role: "attendee"}},
					})
				}
				return ds, err
			}
			if err := s.EnsureInitialData(ctx, store.InitialDefault, load, storetest.Discard()); err != nil {
				b.Fatal(err)
			}
			all, _, err := s.PublicActivities(ctx, store.PublicActivityFilter{Limit: n + 10})
			if err != nil {
				b.Fatal(err)
			}
			last := all[len(all)-21]
			key := &store.ActivityKey{StartsOn: last.StartsOn, ID: last.ID}
			b.Run("keyset-last-page", func(b *testing.B) {
				for b.Loop() {
					if page, _, err := s.PublicActivities(ctx, store.PublicActivityFilter{After: key, Limit: 21}); err != nil || len(page) != 20 {
						b.Fatal(err, len(page))
					}
				}
			})
			b.Run("offset-last-page", func(b *testing.B) {
				for b.Loop() {
					if page, _, err := s.Activities(ctx, store.ActivityFilter{Limit: 21, Offset: len(all) - 20}); err != nil || len(page) != 20 {
						b.Fatal(err, len(page))
					}
				}
			})
		})
	}
}
