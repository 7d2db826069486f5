package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// waitFor asks get until ok says the answer is the new one, for at most
// limit, and returns how long it took; the render cache must never keep an
// answer past a write, so this fails on a stale page that stays.
func waitFor(t *testing.T, limit time.Duration, get func() string, ok func(string) bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		body := get()
		if ok(body) {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("the page still shows the old data after %s", limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// An edit in the backoffice of one instance shows on the public pages of
// another instance on the same database at once, although that instance had
// the page in its render cache; and a write by another process (here a
// second store on the same database, with its own connections) shows on the
// first instance's pages too.
func TestRenderCacheSeesEveryWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		a := NewAdminSite(t, d)
		a.AddUser(t, "coord@example.it", auth.Coordinator)
		coord := a.LoginAs(t, "coord@example.it")
		other, err := store.Open(ctx, a.Store.Location())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { other.Close() })
		b := NewSiteOn(t, other)

		chieri, err := a.Store.Body(ctx, "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		page := func(s *Site) func() string {
			return func() string {
				_, body := s.Get(t, "/enti/comune-di-chieri")
				return body
			}
		}
		for range 2 { // the second answer comes from the cache
			if body := page(b)(); !strings.Contains(body, "Comune di Chieri") {
				t.Fatal("instance B does not show the body")
			}
		}

		in, err := a.Store.BodyInputByID(ctx, chieri.ID)
		if err != nil {
			t.Fatal(err)
		}
		in.Description = "Descrizione corretta dal coordinamento."
		if r := coord.Post(t, "/admin/enti/"+Itoa(chieri.ID), bodyValuesOf(in)); r.Status != http.StatusSeeOther {
			t.Fatalf("edit on instance A: %d", r.Status)
		}
		took := waitFor(t, 2*time.Second, page(b), func(s string) bool { return strings.Contains(s, "Descrizione corretta dal coordinamento.") })
		t.Logf("%s: instance B showed instance A's edit after %s", d, took)
		// Instance A reads its own write at once, with no wait at all.
		if body := page(a.Site)(); !strings.Contains(body, "Descrizione corretta dal coordinamento.") {
			t.Error("instance A does not show its own edit at once")
		}

		in.Description = "Scritta da un altro processo."
		if err := other.UpdateBody(ctx, store.Actor{Email: "cli@example.it"}, chieri.ID, in); err != nil {
			t.Fatal(err)
		}
		took = waitFor(t, 2*time.Second, page(a.Site), func(s string) bool { return strings.Contains(s, "Scritta da un altro processo.") })
		t.Logf("%s: instance A showed another connection's write after %s", d, took)
	})
}

// A page changes by time alone when an upcoming activity's day passes: the
// cache must not keep the counters of the day before.
func TestRenderCacheFollowsTheDayPassing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ds := DefaultDataset(t)
		last := ds.Activities[len(ds.Activities)-1]
		future := last
		future.ID = 0
		future.Slug = "tappa-futura"
		future.Title = "Tappa futura"
		future.Date = "2030-03-10"
		future.OutcomeShared, future.OutcomeReport = false, ""
		future.Participations = []dataset.Participation{last.Participations[0]}
		ds.Activities = append(ds.Activities, future)
		s := NewSiteWith(t, d, ds)
		rome, _ := time.LoadLocation("Europe/Rome")
		s.Store.SetNow(func() time.Time { return time.Date(2030, 3, 10, 23, 0, 0, 0, rome) })

		total := func() int {
			var types struct {
				Data []struct {
					Slug  string `json:"slug"`
					Total int    `json:"total"`
				} `json:"data"`
			}
			res := s.APIGet(t, "/api/v1/activity-types")
			if err := json.Unmarshal(res.Body, &types); err != nil {
				t.Fatalf("activity types: %v", err)
			}
			for _, ty := range types.Data {
				if ty.Slug == future.Type {
					return ty.Total
				}
			}
			t.Fatalf("no type %q in %d %.300s", future.Type, res.StatusCode, res.Body)
			return 0
		}
		before := total()
		if again := total(); again != before {
			t.Fatalf("the same day gives %d then %d", before, again)
		}
		s.Store.SetNow(func() time.Time { return time.Date(2030, 3, 11, 0, 0, 1, 0, rome) })
		if after := total(); after != before+1 {
			t.Errorf("after the stage's day the %s counter is %d, want %d: the cache kept the day before", future.Type, after, before+1)
		}
	})
}
