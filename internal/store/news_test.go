package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func newSubscription(email, confirm string, topics ...domain.NewsTopic) store.NewSubscription {
	return store.NewSubscription{Email: email, Topics: topics, PactProvinces: []string{"to", "GE", "TO"}, ConsentVersion: "2026-12",
		ConsentAt: time.Now(), ConfirmHash: auth.HashToken(confirm), ConfirmExpires: time.Now().Add(time.Hour), UnsubscribeToken: "u-" + confirm}
}

func TestNewsSubscription(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		if _, err := s.Subscribe(ctx, newSubscription("x@example.it", "c0"), time.Now()); err == nil {
			t.Error("a subscription without topics was accepted")
		}
		bad := newSubscription("x@example.it", "c0", domain.TopicPacts)
		bad.PactProvinces = []string{"Torino"}
		if _, err := s.Subscribe(ctx, bad, time.Now()); err == nil {
			t.Error("a bad province code was accepted")
		}
		if _, err := s.Subscribe(ctx, newSubscription("Anna@Example.it", "c1", domain.TopicStages, domain.TopicPacts), time.Now()); err != nil {
			t.Fatal(err)
		}
		// subscribing again before confirming replaces the first link
		if _, err := s.Subscribe(ctx, newSubscription("anna@example.it", "c2", domain.TopicOutcomes, domain.TopicPacts), time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmSubscription(ctx, auth.HashToken("c1"), time.Now()); !errors.Is(err, store.ErrLinkUnknown) {
			t.Errorf("replaced link: %v, want ErrLinkUnknown", err)
		}
		if _, err := s.ConfirmSubscription(ctx, auth.HashToken("c2"), time.Now().Add(2*time.Hour)); !errors.Is(err, store.ErrLinkExpired) {
			t.Errorf("late confirmation: %v, want ErrLinkExpired", err)
		}
		n, err := s.ConfirmSubscription(ctx, auth.HashToken("c2"), time.Now())
		if err != nil || n.Email != "anna@example.it" || n.ConfirmedAt == nil || !slices.Equal(n.Topics, []domain.NewsTopic{domain.TopicOutcomes, domain.TopicPacts}) ||
			!slices.Equal(n.PactProvinces, []string{"GE", "TO"}) || n.UnsubscribeToken != "u-c2" {
			t.Fatalf("confirmed = %+v, %v", n, err)
		}
		if _, err := s.ConfirmSubscription(ctx, auth.HashToken("c2"), time.Now()); !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("double confirmation: %v, want ErrLinkUsed", err)
		}
		if _, err := s.ConfirmSubscription(ctx, auth.HashToken("nessuno"), time.Now()); !errors.Is(err, store.ErrLinkUnknown) {
			t.Errorf("bad token: %v, want ErrLinkUnknown", err)
		}
		// a confirmed address is not changed by someone else's form
		if _, err := s.Subscribe(ctx, newSubscription("anna@example.it", "c3", domain.TopicStages), time.Now()); !errors.Is(err, store.ErrAlreadySubscribed) {
			t.Errorf("subscribe a confirmed address: %v, want ErrAlreadySubscribed", err)
		}
		c, err := s.NewsSubscriberCounts(ctx)
		if err != nil || c.Confirmed != 1 || c.ByTopic[domain.TopicOutcomes] != 1 || c.ByTopic[domain.TopicStages] != 0 || c.ByProvince["TO"] != 1 {
			t.Errorf("counts = %+v, %v", c, err)
		}
		if err := s.Unsubscribe(ctx, "u-c2"); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.NewsSubscriberCounts(ctx); c.Confirmed != 0 {
			t.Errorf("counts after unsubscribing = %+v", c)
		}
		if err := s.Unsubscribe(ctx, ""); !errors.Is(err, store.ErrLinkUnknown) {
			t.Errorf("empty token: %v", err)
		}
	})
}
