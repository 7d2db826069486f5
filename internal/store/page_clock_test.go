package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// A cached page must expire when a registration window opens or closes, not
// only when an activity's day passes.
func TestNextPageChangeIncludesRegistrationWindows(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openWith(t, d, plannedNetwork())
		ctx := context.Background()
		a, err := s.RegistrationActivity(ctx, "futuro")
		if err != nil {
			t.Fatal(err)
		}
		open := time.Date(2021, 4, 25, 10, 0, 0, 0, rome)
		closeAt := time.Date(2021, 5, 1, 18, 0, 0, 0, rome)
		if _, err := s.SetRegistrationSettings(ctx, store.Actor{}, a.ID, store.RegistrationSettings{Enabled: true, OpenFrom: &open, CloseAt: &closeAt}); err != nil {
			t.Fatal(err)
		}
		dayPassed := time.Date(2021, 5, 11, 0, 0, 0, 0, rome)
		for _, c := range []struct {
			now  time.Time
			want time.Time
		}{
			{time.Date(2021, 4, 20, 12, 0, 0, 0, rome), open},
			{open, closeAt},
			{closeAt.Add(time.Minute), dayPassed},
		} {
			s.SetNow(func() time.Time { return c.now })
			at, ok, err := s.NextPageChange(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ok || !at.Equal(c.want) {
				t.Errorf("at %s: NextPageChange = %s, %v; want %s", c.now, at, ok, c.want)
			}
		}
		s.SetNow(func() time.Time { return dayPassed })
		if _, ok, err := s.NextPageChange(ctx); err != nil || ok {
			t.Errorf("after every day and window has passed: ok %v, err %v", ok, err)
		}
	})
}

// LocalCommits moves with every committed transaction, before any watcher
// hears of it, so a cache keyed by it reads its own writes.
func TestLocalCommitsCountsEveryTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openWith(t, d, plannedNetwork())
		ctx := context.Background()
		before := s.LocalCommits()
		a, err := s.RegistrationActivity(ctx, "futuro")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRegistrationSettings(ctx, store.Actor{}, a.ID, store.RegistrationSettings{Enabled: true}); err != nil {
			t.Fatal(err)
		}
		if s.LocalCommits() <= before {
			t.Errorf("LocalCommits %d after a write, was %d", s.LocalCommits(), before)
		}
	})
}
