package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestLoginFailuresSlowDownThePairNotTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		p := auth.LoginThrottle
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		const email, attacker, coordinator = "coord@comune.example.it", "192.0.2.66", "198.51.100.7"

		for i := 0; i < p.FreePerPair-1; i++ {
			if err := s.RecordLoginFailure(ctx, email, attacker, now); err != nil {
				t.Fatal(err)
			}
		}
		if w, err := s.LoginWait(ctx, email, attacker, now); err != nil || w != 0 {
			t.Fatalf("below the free failures: wait %v, %v", w, err)
		}
		// Case and spaces of the e-mail count as the same account.
		if err := s.RecordLoginFailure(ctx, " COORD@comune.example.it", attacker, now); err != nil {
			t.Fatal(err)
		}
		if w, err := s.LoginWait(ctx, email, attacker, now.Add(500*time.Millisecond)); err != nil || w != p.FirstDelay-500*time.Millisecond {
			t.Fatalf("at the free failures: wait %v, %v; want %v", w, err, p.FirstDelay-500*time.Millisecond)
		}
		if err := s.RecordLoginFailure(ctx, email, attacker, now); err != nil {
			t.Fatal(err)
		}
		if w, _ := s.LoginWait(ctx, email, attacker, now); w != 2*p.FirstDelay {
			t.Errorf("one more failure: wait %v, want %v", w, 2*p.FirstDelay)
		}
		// The coordinator, from another client, is not slowed by the attacker.
		if w, err := s.LoginWait(ctx, email, coordinator, now); err != nil || w != 0 {
			t.Errorf("same account from another client: wait %v, %v; want 0", w, err)
		}
		// A success clears the pair.
		if err := s.ClearLoginFailures(ctx, email, attacker); err != nil {
			t.Fatal(err)
		}
		if w, _ := s.LoginWait(ctx, email, attacker, now); w != 0 {
			t.Errorf("after a success: wait %v", w)
		}
		// Failures past the window no longer count, and are swept.
		for i := 0; i < p.FreePerPair+3; i++ {
			s.RecordLoginFailure(ctx, email, attacker, now)
		}
		later := now.Add(p.Window + time.Second)
		if w, _ := s.LoginWait(ctx, email, attacker, later); w != 0 {
			t.Errorf("after the window: wait %v", w)
		}
		if n, err := s.DeleteExpiredLoginFailures(ctx, later); err != nil || n != int64(p.FreePerPair+3) {
			t.Errorf("swept %d, %v; want %d", n, err, p.FreePerPair+3)
		}
	})
}

func TestLoginFailuresCapAClientAcrossAccountsAndInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		open := func() *store.Store {
			s, err := store.Open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
				t.Fatal(err)
			}
			return s
		}
		a, b := open(), open() // two instances on one database
		p := auth.LoginThrottle
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		const client = "2001:db8:5:6::10"
		// One failure on each of many accounts, spread over two instances
		// and over addresses of the same IPv6 /64.
		for i := 0; i < p.FreePerClient; i++ {
			s, addr := a, client
			if i%2 == 1 {
				s, addr = b, "2001:db8:5:6::99"
			}
			if err := s.RecordLoginFailure(ctx, "user"+string(rune('a'+i%26))+string(rune('0'+i/26))+"@example.it", addr, now); err != nil {
				t.Fatal(err)
			}
		}
		w, err := a.LoginWait(ctx, "fresh@example.it", client, now)
		if err != nil || w != p.FirstDelay {
			t.Errorf("client at its cap, fresh account: wait %v, %v; want %v", w, err, p.FirstDelay)
		}
		if w, _ := b.LoginWait(ctx, "fresh@example.it", "203.0.113.1", now); w != 0 {
			t.Errorf("another client: wait %v, want 0", w)
		}
	})
}
