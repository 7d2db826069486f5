package store_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestPublicActivitiesKeyset walks the published activities one page at a
// time from each page's last key, and checks it sees the same rows, in the
// same order, as one big page, whatever the page size.
func TestPublicActivitiesKeyset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		all, total, err := s.PublicActivities(ctx, store.PublicActivityFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(all) || total == 0 {
			t.Fatalf("total %d, rows %d", total, len(all))
		}
		for i := 1; i < len(all); i++ {
			prev, cur := all[i-1], all[i]
			if cur.StartsOn.Before(prev.StartsOn) || (cur.StartsOn.Equal(prev.StartsOn) && cur.ID < prev.ID) {
				t.Errorf("%s comes after %s: not in (date, id) order", cur.Slug, prev.Slug)
			}
		}
		for _, size := range []int{1, 2, 4} {
			var walked []string
			var after *store.ActivityKey
			for range 100 {
				page, _, err := s.PublicActivities(ctx, store.PublicActivityFilter{After: after, Limit: size})
				if err != nil {
					t.Fatal(err)
				}
				if len(page) == 0 {
					break
				}
				for _, a := range page {
					walked = append(walked, a.Slug)
				}
				last := page[len(page)-1]
				after = &store.ActivityKey{StartsOn: last.StartsOn, ID: last.ID}
			}
			want := make([]string, len(all))
			for i, a := range all {
				want[i] = a.Slug
			}
			if !slices.Equal(walked, want) {
				t.Errorf("page size %d walked %v, want %v", size, walked, want)
			}
		}
		// Filters by date narrow the rows; the counts agree with the rows.
		from := all[1].StartsOn
		to := all[len(all)-2].StartsOn
		mid, n, err := s.PublicActivities(ctx, store.PublicActivityFilter{From: &from, To: &to, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(all)-2 || len(mid) != n || mid[0].Slug != all[1].Slug {
			t.Errorf("from %s to %s: %d rows (total %d), want %d", from.Format(time.DateOnly), to.Format(time.DateOnly), len(mid), n, len(all)-2)
		}
	})
}

func TestPublicBodiesKeysetAndCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		all, total, err := s.PublicBodies(ctx, store.PublicBodyFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var walked []int64
		var after *store.BodyKey
		for range 100 {
			page, n, err := s.PublicBodies(ctx, store.PublicBodyFilter{After: after, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if n != total {
				t.Errorf("total %d on a later page, %d on the first", n, total)
			}
			if len(page) == 0 {
				break
			}
			for _, b := range page {
				walked = append(walked, b.ID)
			}
			last := page[len(page)-1]
			after = &store.BodyKey{Name: last.Name, ID: last.ID}
		}
		want := make([]int64, len(all))
		ids := make([]int64, len(all))
		for i, b := range all {
			want[i], ids[i] = b.ID, b.ID
		}
		if !slices.Equal(walked, want) || total != len(all) {
			t.Errorf("walked %v, want %v", walked, want)
		}
		// Activity counts agree with each body's own participations.
		counts, err := s.BodyActivityCounts(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range all {
			parts, err := s.BodyParticipations(ctx, b.ID)
			if err != nil {
				t.Fatal(err)
			}
			distinct := map[int64]bool{}
			for _, p := range parts {
				distinct[p.Activity.ID] = true
			}
			if counts[b.ID] != len(distinct) {
				t.Errorf("%s: count %d, participations in %d activities", b.Slug, counts[b.ID], len(distinct))
			}
		}
		ge, _, err := s.PublicBodies(ctx, store.PublicBodyFilter{ProvinceCode: "GE", Kind: domain.KindUfficio, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range ge {
			if b.ProvinceCode != "GE" || b.Kind != domain.KindUfficio {
				t.Errorf("filter let %s (%s, %s) through", b.Slug, b.ProvinceCode, b.Kind)
			}
		}
		if len(ge) == 0 {
			t.Error("no office in the province of Genova: the filter test proves nothing")
		}
	})
}

func TestNetworkFiguresAgreeWithCounters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		f, err := s.NetworkFigures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		counters, err := s.Counters(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, c := range counters {
			sum += c.Total()
		}
		if f.ActivitiesCounted != sum {
			t.Errorf("activities_counted %d, counters add up to %d", f.ActivitiesCounted, sum)
		}
		all, _, err := s.PublicActivities(ctx, store.PublicActivityFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, len(all))
		newBodies := 0
		for i, a := range all {
			ids[i] = a.ID
			nb, err := s.NewBodiesAt(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			newBodies += len(nb)
		}
		if f.Members != newBodies || f.Members == 0 {
			t.Errorf("members %d, bodies that joined at some activity %d", f.Members, newBodies)
		}
		parts, err := s.ParticipationsOf(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ps := range parts {
			n += len(ps)
		}
		if f.Participations != n || f.ActivitiesPublished != len(all) {
			t.Errorf("participations %d (listed %d), published %d (listed %d)", f.Participations, n, f.ActivitiesPublished, len(all))
		}
	})
}

// TestSecretIsSharedAndStable checks the cursor key survives a reconnect and
// is the same for two stores on one database, as behind a load balancer.
func TestSecretIsSharedAndStable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		a, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		if _, err := a.Migrate(ctx, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		b, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		k1, err := a.Secret(ctx, "test")
		if err != nil {
			t.Fatal(err)
		}
		k2, err := b.Secret(ctx, "test")
		if err != nil {
			t.Fatal(err)
		}
		k3, err := a.Secret(ctx, "other")
		if err != nil {
			t.Fatal(err)
		}
		if len(k1) != 32 || !bytes.Equal(k1, k2) {
			t.Errorf("two stores got different keys (%x, %x)", k1, k2)
		}
		if bytes.Equal(k1, k3) {
			t.Error("two secrets share a key")
		}
	})
}
