package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestPublishingAnnouncesNews: publishing an activity and sharing its
// outcome report put them in the news queue, in the same transaction, once.
func TestPublishingAnnouncesNews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		earlier := time.Now().Add(-time.Hour)
		ns := newSubscription("n@example.it", "p1", domain.TopicStages, domain.TopicOutcomes)
		ns.ConfirmExpires = time.Now().Add(time.Hour)
		if _, err := s.Subscribe(ctx, ns, earlier); err != nil {
			t.Fatal(err)
		}
		sub, err := s.ConfirmSubscription(ctx, auth.HashToken("p1"), earlier)
		if err != nil {
			t.Fatal(err)
		}
		stage, err := s.Activity(ctx, "chieri-2020")
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []domain.Status{domain.StatusDraft, domain.StatusPublished, domain.StatusDraft, domain.StatusPublished} {
			if err := s.SetActivityStatus(ctx, store.Actor{}, stage.ID, st, "test"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.PublishOutcome(ctx, store.Actor{}, stage.ID, "Com'è andata."); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishOutcome(ctx, store.Actor{}, stage.ID, "Com'è andata, corretto."); err != nil {
			t.Fatal(err)
		}
		items, err := s.NewsFor(ctx, sub, time.Now().Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range items {
			got = append(got, string(it.Kind)+" "+it.Ref+" "+it.URLPath)
		}
		want := []string{"stage chieri-2020 /tappe/chieri-2020", "outcome chieri-2020 /tappe/chieri-2020"}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("news = %q, want %q", got, want)
		}
	})
}
