package store_test

import (
	"context"
	"slices"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// smallNetwork is a hand-built network whose every derived fact is known:
//
//	2021-01-10  primo      published  Alfa host, Beta attendee, Partner partner, Relatore speaker
//	2021-02-10  bozza      draft      Gamma attendee, Delta attendee
//	2021-02-20  annullata  cancelled  Delta attendee
//	2021-03-10  secondo-a  published  Alfa attendee, Partner attendee, Ufficio (office of Epsilon) host
//	2021-03-10  secondo-b  published  Beta attendee, Epsilon attendee, Zeta attendee, Relatore speaker
//	2021-04-10  terzo      published  Delta attendee, Zeta attendee
//
// secondo-a and secondo-b share a day; secondo-a is loaded first and so has the lower id.
func smallNetwork() dataset.Dataset {
	p := func(body, role string) dataset.Participation { return dataset.Participation{Body: body, Role: role} }
	act := func(slug, typ, date, status string, ps ...dataset.Participation) dataset.Activity {
		return dataset.Activity{Slug: slug, Title: "Incontro " + slug, Type: typ, Community: "amministratori", Stage: true,
			Status: status, Date: date, Format: "online", Summary: "Sintesi di " + slug, Description: "Descrizione di " + slug,
			Participations: ps}
	}
	return dataset.Dataset{
		Network:     dataset.Network{Name: "Rete di prova", Tagline: "Una rete piccola", Area: "Nord"},
		Communities: []dataset.Community{{Slug: "amministratori", Name: "Community di amministratori"}},
		ActivityTypes: []dataset.ActivityType{
			{Slug: "incontri", Name: "Incontri", Baseline: 10},
			{Slug: "formazione", Name: "Formazione", Baseline: 0},
		},
		Bodies: []dataset.Body{
			{Slug: "alfa", Name: "Comune di Alfa", Kind: "comune", Region: "Piemonte"},
			{Slug: "beta", Name: "Comune di Beta", Kind: "comune", Region: "Piemonte"},
			{Slug: "gamma", Name: "Comune di Gamma", Kind: "comune", Region: "Liguria"},
			{Slug: "delta", Name: "Comune di Delta", Kind: "comune", Region: "Liguria"},
			{Slug: "epsilon", Name: "Città metropolitana di Epsilon", Kind: "citta_metropolitana", Region: "Liguria"},
			{Slug: "ufficio", Name: "Ufficio formazione di Epsilon", Kind: "ufficio", Parent: "epsilon", Region: "Liguria"},
			{Slug: "zeta", Name: "Comune di Zeta", Kind: "comune", Region: "Piemonte"},
			{Slug: "partner", Name: "Associazione Partner", Kind: "associazione"},
			{Slug: "relatore", Name: "Comune di Relatore", Kind: "comune", Region: "Veneto"},
		},
		Activities: []dataset.Activity{
			act("primo", "incontri", "2021-01-10", "published", p("alfa", "host"), p("beta", "attendee"), p("partner", "partner"), p("relatore", "speaker")),
			act("bozza", "incontri", "2021-02-10", "draft", p("gamma", "attendee"), p("delta", "attendee")),
			act("annullata", "formazione", "2021-02-20", "cancelled", p("delta", "attendee")),
			act("secondo-a", "incontri", "2021-03-10", "published", p("alfa", "attendee"), p("partner", "attendee"), p("ufficio", "host")),
			act("secondo-b", "formazione", "2021-03-10", "published", p("beta", "attendee"), p("epsilon", "attendee"), p("zeta", "attendee"), p("relatore", "speaker")),
			act("terzo", "incontri", "2021-04-10", "published", p("delta", "attendee"), p("zeta", "attendee")),
		},
	}
}

// openWith returns a migrated store holding exactly ds.
func openWith(t *testing.T, d store.Dialect, ds dataset.Dataset) *store.Store {
	t.Helper()
	s := storetest.Open(t, d)
	ctx := context.Background()
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
		t.Fatalf("load dataset on %s: %v", d, err)
	}
	return s
}

func newBodiesAt(t *testing.T, s *store.Store, slug string) []string {
	t.Helper()
	a, err := s.Activity(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := s.NewBodiesAt(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Slug
	}
	return out
}

func bodyID(t *testing.T, s *store.Store, slug string) int64 {
	t.Helper()
	b, err := s.Body(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func TestNewBodiesAtEachActivity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openWith(t, d, smallNetwork())
		// NewBodiesAt orders by name: "Associazione…" < "Città…" < "Comune di…".
		want := map[string][]string{
			// Alfa (host) and Beta (attendee) join; the partner and the speaker do not.
			"primo": {"alfa", "beta"},
			// Drafts and cancelled activities never add anyone.
			"bozza":     nil,
			"annullata": nil,
			// The office's hosting makes its parent, Epsilon, join here; the
			// partner, a partner before, now attends and joins; Alfa is already in.
			"secondo-a": {"partner", "epsilon"},
			// Same day as secondo-a but a higher id: Epsilon joined at secondo-a.
			// Zeta is new; Beta is not; the speaker never joins.
			"secondo-b": {"zeta"},
			// Delta's only earlier attendances were a draft and a cancelled activity.
			"terzo": {"delta"},
		}
		for slug, w := range want {
			if got := newBodiesAt(t, s, slug); !slices.Equal(got, w) {
				t.Errorf("new bodies at %s = %v, want %v", slug, got, w)
			}
		}
		// The same answers when each member's own participations are probed
		// (the way taken late in a long history).
		store.ProbeNewBodiesByBody(t)
		for slug, w := range want {
			if got := newBodiesAt(t, s, slug); !slices.Equal(got, w) {
				t.Errorf("probing by body: new bodies at %s = %v, want %v", slug, got, w)
			}
		}
	})
}

func TestMembershipsOfAPageOfBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := openWith(t, d, smallNetwork())
		slugs := []string{"alfa", "beta", "gamma", "delta", "epsilon", "ufficio", "zeta", "partner", "relatore"}
		ids := make([]int64, len(slugs))
		for i, slug := range slugs {
			ids[i] = bodyID(t, s, slug)
		}
		got, err := s.Memberships(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"alfa":    "primo",
			"beta":    "primo",
			"delta":   "terzo",
			"epsilon": "secondo-a",
			// An office is in the network with its parent body.
			"ufficio": "secondo-a",
			"zeta":    "secondo-b",
			"partner": "secondo-a",
		}
		for i, slug := range slugs {
			m, ok := got[ids[i]]
			switch w, member := want[slug]; {
			case member && !ok:
				t.Errorf("%s: no membership, want joined at %s", slug, w)
			case !member && ok:
				t.Errorf("%s: joined at %s, want no membership", slug, m.Activity.Slug)
			case member && m.Activity.Slug != w:
				t.Errorf("%s: joined at %s, want %s", slug, m.Activity.Slug, w)
			case member && m.BodyID != ids[i]:
				t.Errorf("%s: membership keyed %d carries body %d", slug, ids[i], m.BodyID)
			}
		}
		if len(got) != len(want) {
			t.Errorf("memberships = %d entries, want %d (only the bodies asked for)", len(got), len(want))
		}
		sb := got[bodyID(t, s, "zeta")].Activity
		if sb.StartsOn.Format("2006-01-02") != "2021-03-10" || sb.TypeName != "Formazione" || !sb.IsStage {
			t.Errorf("zeta joined at %+v", sb)
		}

		// A page asking for a subset gets only that subset.
		one, err := s.Memberships(ctx, []int64{bodyID(t, s, "beta"), bodyID(t, s, "gamma")})
		if err != nil {
			t.Fatal(err)
		}
		if len(one) != 1 || one[bodyID(t, s, "beta")].Activity.Slug != "primo" {
			t.Errorf("memberships of beta and gamma = %+v", one)
		}
		// Asking for an office alone answers for the office, not its parent.
		off, err := s.Memberships(ctx, []int64{bodyID(t, s, "ufficio")})
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := off[bodyID(t, s, "ufficio")]; len(off) != 1 || !ok || m.Activity.Slug != "secondo-a" {
			t.Errorf("memberships of the office alone = %+v", off)
		}
		none, err := s.Memberships(ctx, nil)
		if err != nil || len(none) != 0 {
			t.Errorf("memberships of no bodies = %v, %v", none, err)
		}
	})
}

func TestSameDayActivitiesAreOrderedByID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		// Load the same day's activities in the other order: the one loaded
		// first (lower id) is still the one where shared bodies join.
		ds := smallNetwork()
		ds.Activities[3], ds.Activities[4] = ds.Activities[4], ds.Activities[3]
		s := openWith(t, d, ds)
		if got := newBodiesAt(t, s, "secondo-b"); !slices.Equal(got, []string{"epsilon", "zeta"}) {
			t.Errorf("new at secondo-b (loaded first) = %v, want [epsilon zeta]", got)
		}
		if got := newBodiesAt(t, s, "secondo-a"); !slices.Equal(got, []string{"partner"}) {
			t.Errorf("new at secondo-a (loaded second) = %v, want [partner]", got)
		}
		m, err := s.Memberships(ctx, []int64{bodyID(t, s, "epsilon")})
		if err != nil {
			t.Fatal(err)
		}
		if got := m[bodyID(t, s, "epsilon")].Activity.Slug; got != "secondo-b" {
			t.Errorf("epsilon joined at %s, want secondo-b", got)
		}
		stages, _, err := s.Activities(ctx, store.ActivityFilter{StagesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, st := range stages {
			order = append(order, st.Slug)
		}
		if want := []string{"primo", "secondo-b", "secondo-a", "terzo"}; !slices.Equal(order, want) {
			t.Errorf("stages in order = %v, want %v", order, want)
		}
		det, err := s.ActivityDetail(ctx, "secondo-a")
		if err != nil {
			t.Fatal(err)
		}
		if det.StageNumber != 3 {
			t.Errorf("secondo-a is stage %d, want 3", det.StageNumber)
		}
	})
}

func TestCountersAreBaselinePlusPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		totals := func(s *store.Store) map[string][2]int {
			t.Helper()
			cs, err := s.Counters(ctx)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][2]int{}
			for _, c := range cs {
				out[c.Type.Slug] = [2]int{c.Published, c.Total()}
			}
			return out
		}
		base := smallNetwork()
		got := totals(openWith(t, d, base))
		// incontri: primo, secondo-a, terzo published (the draft does not count); formazione: secondo-b (the cancelled one does not).
		if want := (map[string][2]int{"incontri": {3, 13}, "formazione": {1, 1}}); got["incontri"] != want["incontri"] || got["formazione"] != want["formazione"] {
			t.Fatalf("counters = %v, want %v", got, want)
		}

		// One more published activity of a type adds one to that counter only.
		more := smallNetwork()
		more.Activities = append(more.Activities, dataset.Activity{Slug: "quarto", Title: "Quarto", Type: "formazione", Status: "published",
			Date: "2021-05-01", Format: "in_presenza", Summary: "s", Description: "d"})
		after := totals(openWith(t, d, more))
		if after["formazione"][1] != got["formazione"][1]+1 || after["incontri"] != got["incontri"] {
			t.Errorf("after one more published formazione: %v, before %v", after, got)
		}

		// More drafts and cancelled activities change nothing.
		hidden := smallNetwork()
		hidden.Activities = append(hidden.Activities,
			dataset.Activity{Slug: "bozza-2", Title: "B", Type: "formazione", Status: "draft", Date: "2021-05-01", Format: "online"},
			dataset.Activity{Slug: "annullata-2", Title: "A", Type: "incontri", Status: "cancelled", Date: "2021-05-02", Format: "online"})
		if h := totals(openWith(t, d, hidden)); h["formazione"] != got["formazione"] || h["incontri"] != got["incontri"] {
			t.Errorf("with more hidden activities: %v, want %v", h, got)
		}
	})
}

func TestHiddenActivitiesStayOutOfLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := openWith(t, d, smallNetwork())
		_, public, err := s.Activities(ctx, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		_, all, err := s.Activities(ctx, store.ActivityFilter{IncludeHidden: true})
		if err != nil {
			t.Fatal(err)
		}
		if public != 4 || all != 6 {
			t.Errorf("published = %d, all = %d; want 4 and 6", public, all)
		}
		list, total, err := s.Activities(ctx, store.ActivityFilter{TypeSlug: "formazione"})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(list) != 1 || list[0].Slug != "secondo-b" {
			t.Errorf("published formazione = %d %v", total, list)
		}
	})
}

func TestBodyParticipationsIncludeOffices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := openWith(t, d, smallNetwork())
		ps, err := s.BodyParticipations(ctx, bodyID(t, s, "epsilon"))
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 2 {
			t.Fatalf("epsilon participations = %+v, want 2", ps)
		}
		// Same day: secondo-a (lower id) first.
		if ps[0].Activity.Slug != "secondo-a" || ps[0].Role != domain.RoleHost || ps[0].Via == nil || ps[0].Via.Slug != "ufficio" {
			t.Errorf("first = %+v (via %+v), want host of secondo-a via ufficio", ps[0], ps[0].Via)
		}
		if ps[1].Activity.Slug != "secondo-b" || ps[1].Role != domain.RoleAttendee || ps[1].Via != nil {
			t.Errorf("second = %+v, want attendee of secondo-b in person", ps[1])
		}

		// Drafts and cancelled activities are not shown.
		ds, err := s.BodyParticipations(ctx, bodyID(t, s, "delta"))
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 1 || ds[0].Activity.Slug != "terzo" {
			t.Errorf("delta participations = %+v, want only terzo", ds)
		}

		// Partner and speaker roles are listed as such, in date order.
		rs, err := s.BodyParticipations(ctx, bodyID(t, s, "partner"))
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[0].Role != domain.RolePartner || rs[1].Role != domain.RoleAttendee {
			t.Errorf("partner participations = %+v", rs)
		}

		offices, err := s.BodyOffices(ctx, bodyID(t, s, "epsilon"))
		if err != nil {
			t.Fatal(err)
		}
		if len(offices) != 1 || offices[0].Slug != "ufficio" {
			t.Errorf("offices of epsilon = %+v", offices)
		}
	})
}

func TestBodyFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := openWith(t, d, smallNetwork())
		slugsOf := func(f store.BodyFilter) ([]string, int) {
			t.Helper()
			bs, total, err := s.Bodies(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, b := range bs {
				out = append(out, b.Slug)
			}
			return out, total
		}
		if got, total := slugsOf(store.BodyFilter{Region: "Liguria"}); total != 4 || !slices.Equal(got, []string{"epsilon", "delta", "gamma", "ufficio"}) {
			t.Errorf("Liguria = %v (%d)", got, total)
		}
		if got, _ := slugsOf(store.BodyFilter{Kind: domain.KindComune, Region: "Liguria"}); !slices.Equal(got, []string{"delta", "gamma"}) {
			t.Errorf("comuni in Liguria = %v", got)
		}
		if got, total := slugsOf(store.BodyFilter{Limit: 3, Offset: 3}); total != 9 || len(got) != 3 {
			t.Errorf("page 2 of 3 = %v (total %d)", got, total)
		}
		regions, err := s.BodyRegions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(regions, []string{"Liguria", "Piemonte", "Veneto"}) {
			t.Errorf("regions = %v", regions)
		}
	})
}
