package store_test

import (
	"context"
	"slices"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func slugs(list []store.ActivitySummary) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Slug
	}
	return out
}

func TestFeedActivities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		ds, err := dataset.Default()
		if err != nil {
			t.Fatal(err)
		}
		ds.Activities = append(ds.Activities,
			dataset.Activity{Slug: "annullata", Title: "Annullata", Type: "networking", Community: "amministratori", Stage: true,
				Status: "cancelled", Date: "2023-01-10", Format: "online", Participations: []dataset.Participation{{Body: "comune-di-susa", Role: "host"}}},
			dataset.Activity{Slug: "bozza", Title: "Bozza", Type: "networking", Community: "amministratori", Stage: true,
				Status: "draft", Date: "2023-02-10", Format: "online"},
		)
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
			t.Fatal(err)
		}
		list, err := s.FeedActivities(ctx, store.FeedFilter{StagesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"barge-2022", "sant-antonino-di-susa-2021", "genova-2021", "collegno-2021", "chieri-2020"}
		if !slices.Equal(slugs(list), want) {
			t.Errorf("published stages = %v, want %v (newest first)", slugs(list), want)
		}
		if len(list[0].Hosts) != 1 || list[0].Hosts[0].Name != "Comune di Barge" {
			t.Errorf("Barge hosts = %v", list[0].Hosts)
		}
		list, err = s.FeedActivities(ctx, store.FeedFilter{StagesOnly: true, WithCancelled: true, CommunitySlug: "amministratori", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(slugs(list), []string{"annullata", "barge-2022"}) || list[0].Hosts[0].Slug != "comune-di-susa" {
			t.Errorf("with cancelled, limit 2 = %v", slugs(list))
		}
		// The source page says only of Chieri that its outcome was shared.
		list, err = s.FeedActivities(ctx, store.FeedFilter{TypeSlug: "co-progettazione", OutcomesOnly: true, ByUpdate: true})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(slugs(list), []string{"chieri-2020"}) {
			t.Errorf("co-design with an outcome = %v", slugs(list))
		}
		list, err = s.FeedActivities(ctx, store.FeedFilter{TypeSlug: "formazione", OutcomesOnly: true, ByUpdate: true})
		if err != nil || len(list) != 0 {
			t.Errorf("training with an outcome = %v, %v; want none", slugs(list), err)
		}
		a, err := s.FeedActivity(ctx, "annullata")
		if err != nil || a.Status != "cancelled" || len(a.Hosts) != 1 {
			t.Errorf("FeedActivity = %+v, %v", a, err)
		}
		if _, err := s.FeedActivity(ctx, "nessuna"); err == nil {
			t.Error("FeedActivity of an unknown slug did not fail")
		}

		acts, err := s.SitemapActivities(ctx)
		if err != nil || len(acts) != 5 {
			t.Errorf("sitemap activities = %d, %v; want the 5 published", len(acts), err)
		}
		dates, err := s.OpenDataDates(ctx)
		if err != nil || dates.ActivitiesModified.IsZero() || dates.BodiesModified.IsZero() || dates.Issued.IsZero() {
			t.Errorf("open data dates = %+v, %v", dates, err)
		}
	})
}

func TestOpenDataDatesOfEmptyNetwork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.Open(t, d)
		dates, err := s.OpenDataDates(context.Background())
		if err != nil || !dates.ActivitiesModified.IsZero() || !dates.Issued.IsZero() {
			t.Errorf("empty network dates = %+v, %v; want zero times and no error", dates, err)
		}
	})
}
