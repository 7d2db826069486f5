package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestBrokenDatasetWritesNothing loads a dataset with a bad reference near
// its end: nothing is written, and a later start with good data succeeds.
func TestBrokenDatasetWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		cases := []struct {
			name  string
			spoil func(*dataset.Dataset)
			says  string
		}{
			{"unknown body", func(ds *dataset.Dataset) {
				a := &ds.Activities[len(ds.Activities)-1]
				a.Participations = append(a.Participations, dataset.Participation{Body: "comune-di-atlantide", Role: "attendee"})
			}, `unknown body "comune-di-atlantide"`},
			{"unknown role", func(ds *dataset.Dataset) { ds.Activities[2].Participations[0].Role = "mascotte" }, `unknown role "mascotte"`},
			{"bad date", func(ds *dataset.Dataset) { ds.Activities[1].Date = "2021-02-30" }, `date "2021-02-30"`},
			{"parent listed later", func(ds *dataset.Dataset) { ds.Bodies[5].Parent = "zeta" }, `parent "zeta" must be listed before it`},
			{"duplicate slug", func(ds *dataset.Dataset) { ds.Bodies[1].Slug = ds.Bodies[0].Slug }, "already exists"},
		}
		for _, c := range cases {
			ds := smallNetwork()
			c.spoil(&ds)
			err := s.EnsureInitialData(ctx, store.InitialDefault, func() (dataset.Dataset, error) { return ds, nil }, storetest.Discard())
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Errorf("%s: %v, want an error saying %q", c.name, err, c.says)
			}
			if _, err := s.Network(ctx); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: the network row was kept: %v", c.name, err)
			}
			if _, n, err := s.Bodies(ctx, store.BodyFilter{}); err != nil || n != 0 {
				t.Errorf("%s: %d bodies kept (%v)", c.name, n, err)
			}
		}
		if err := s.EnsureInitialData(ctx, store.InitialDefault, func() (dataset.Dataset, error) { return smallNetwork(), nil }, storetest.Discard()); err != nil {
			t.Fatalf("a good start after failed ones: %v", err)
		}
		if _, n, _ := s.Bodies(ctx, store.BodyFilter{}); n != len(smallNetwork().Bodies) {
			t.Errorf("bodies after the good start = %d", n)
		}
	})
}
