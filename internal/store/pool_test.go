package store_test

import (
	"context"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestPoolStatsAndRegistrationsByStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		ctx := context.Background()
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		if st := s.PoolStats(); st.OpenConnections < 1 || st.MaxOpenConnections < 0 {
			t.Errorf("pool stats after a ping: %+v", st)
		}
		counts, err := s.RegistrationsByStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for status, n := range counts {
			if n < 0 || status == "" {
				t.Errorf("registrations by status: %q = %d", status, n)
			}
		}
	})
}
