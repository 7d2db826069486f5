package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// plannedNetwork is smallNetwork with one more published stage, on
// 2021-05-10, hosted by Alfa and attended by Eta, a body seen nowhere else.
func plannedNetwork() dataset.Dataset {
	ds := smallNetwork()
	ds.Bodies = append(ds.Bodies, dataset.Body{Slug: "eta", Name: "Comune di Eta", Kind: "comune", Region: "Veneto"})
	ds.Activities = append(ds.Activities, dataset.Activity{Slug: "futuro", Title: "Incontro futuro", Type: "incontri",
		Community: "amministratori", Stage: true, Status: "published", Date: "2021-05-10", Format: "online",
		Summary: "Sintesi", Description: "Descrizione",
		Participations: []dataset.Participation{{Body: "alfa", Role: "host"}, {Body: "eta", Role: "attendee"}}})
	return ds
}

// countedFacts is every figure rule 1 governs, read through the store's API.
type countedFacts struct {
	incontri   int // published activities of the type "incontri" counted
	members    int
	published  int
	stages     int
	etaMember  bool
	newAtStage []string
	insight    int // stages in /rete
	insightMem int // members in /rete
	etaCount   int // activities Eta took part in
	etaParts   int // rows of Eta's timeline
	etaPlanned int // rows of Eta's upcoming activities
}

func readCounted(t *testing.T, s *store.Store) countedFacts {
	t.Helper()
	ctx := context.Background()
	var f countedFacts
	counters, err := s.Counters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counters {
		if c.Type.Slug == "incontri" {
			f.incontri = c.Published
		}
	}
	nf, err := s.NetworkFigures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.members, f.published, f.stages = nf.Members, nf.ActivitiesPublished, nf.Stages
	eta := bodyID(t, s, "eta")
	ms, err := s.Memberships(ctx, []int64{eta})
	if err != nil {
		t.Fatal(err)
	}
	_, f.etaMember = ms[eta]
	if at := newBodiesAt(t, s, "futuro"); len(at) > 0 {
		f.newAtStage = at
	}
	d, err := s.InsightData(ctx, store.InsightFilter{})
	if err != nil {
		t.Fatal(err)
	}
	r := store.DeriveInsight(d, nil)
	f.insight, f.insightMem = r.Totals.Stages, r.Totals.Members
	counts, err := s.BodyActivityCounts(ctx, []int64{eta})
	if err != nil {
		t.Fatal(err)
	}
	f.etaCount = counts[eta]
	parts, err := s.BodyParticipations(ctx, eta)
	if err != nil {
		t.Fatal(err)
	}
	f.etaParts = len(parts)
	planned, err := s.BodyUpcomingParticipations(ctx, eta)
	if err != nil {
		t.Fatal(err)
	}
	f.etaPlanned = len(planned)
	return f
}

func TestPlannedIsNotDone(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openWith(t, d, plannedNetwork())
		ctx := context.Background()
		// Until the stage counts, the figures are smallNetwork's: three
		// published "incontri" (primo, secondo-a, terzo), four published
		// stages, six members (Alfa, Beta, Epsilon, Partner, Zeta, Delta).
		before := countedFacts{incontri: 3, members: 6, published: 4, stages: 4,
			insight: 4, insightMem: 6, etaPlanned: 1}
		after := countedFacts{incontri: 4, members: 7, published: 5, stages: 5, etaMember: true,
			newAtStage: []string{"eta"}, insight: 5, insightMem: 7, etaCount: 1, etaParts: 1}

		moments := []struct {
			name string
			at   time.Time
			want countedFacts
		}{
			{"weeks before", time.Date(2021, 4, 20, 12, 0, 0, 0, rome), before},
			{"the day itself, first minute", time.Date(2021, 5, 10, 0, 0, 0, 0, rome), before},
			{"the day itself, last minute", time.Date(2021, 5, 10, 23, 59, 0, 0, rome), before},
			{"the day after, first instant", time.Date(2021, 5, 11, 0, 0, 0, 0, rome), after},
			{"a year later", time.Date(2022, 5, 11, 9, 0, 0, 0, rome), after},
		}
		for _, m := range moments {
			s.SetNow(func() time.Time { return m.at })
			got := readCounted(t, s)
			if !reflect.DeepEqual(got, m.want) {
				t.Errorf("%s: counted facts = %+v\nwant %+v", m.name, got, m.want)
			}
		}
		store.ProbeNewBodiesByBody(t)
		for _, m := range moments {
			s.SetNow(func() time.Time { return m.at })
			if got := readCounted(t, s); !reflect.DeepEqual(got, m.want) {
				t.Errorf("probing by body, %s: counted facts = %+v\nwant %+v", m.name, got, m.want)
			}
		}

		// The upcoming stage is still listed among the activities.
		s.SetNow(func() time.Time { return time.Date(2021, 4, 20, 12, 0, 0, 0, rome) })
		list, _, err := s.Activities(ctx, store.ActivityFilter{StagesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 5 || list[4].Slug != "futuro" {
			t.Errorf("stages listed before the day = %d, want 5 ending with the upcoming one", len(list))
		}
	})
}

func TestNextCountChange(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openWith(t, d, plannedNetwork())
		ctx := context.Background()
		cases := []struct {
			now    time.Time
			want   time.Time
			wantOK bool
		}{
			// Before the stage: its counted facts change at the midnight ending its day.
			{time.Date(2021, 4, 20, 12, 0, 0, 0, rome), time.Date(2021, 5, 11, 0, 0, 0, 0, rome), true},
			{time.Date(2021, 5, 10, 23, 59, 0, 0, rome), time.Date(2021, 5, 11, 0, 0, 0, 0, rome), true},
			// Every published activity counts: nothing changes by time alone.
			{time.Date(2021, 5, 11, 0, 0, 0, 0, rome), time.Time{}, false},
			// Earlier, secondo-a (2021-03-10) is the first waiting one: the draft
			// of 2021-02-10 and the cancelled activity of 2021-02-20 never count.
			{time.Date(2021, 2, 1, 8, 0, 0, 0, rome), time.Date(2021, 3, 11, 0, 0, 0, 0, rome), true},
		}
		for _, c := range cases {
			s.SetNow(func() time.Time { return c.now })
			at, ok, err := s.NextCountChange(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.wantOK || !at.Equal(c.want) {
				t.Errorf("at %s: NextCountChange = %s, %v; want %s, %v", c.now, at, ok, c.want, c.wantOK)
			}
		}
	})
}
