package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func ptr[T any](v T) *T { return &v }

// insightNetwork is a hand-built network whose figures are worked out in the
// comments: four member bodies (A, B, C, D), an office of A (E), a partner
// that is not a member (F), three stages of community "uno", one of "due",
// one activity that is not a stage and a draft stage.
func insightNetwork() dataset.Dataset {
	part := func(pairs ...string) []dataset.Participation {
		var out []dataset.Participation
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, dataset.Participation{Body: pairs[i], Role: pairs[i+1]})
		}
		return out
	}
	stage := func(slug, community, date string, ps []dataset.Participation) dataset.Activity {
		return dataset.Activity{Slug: slug, Title: "Tappa " + slug, Type: "incontro", Community: community, Stage: true,
			Status: "published", Date: date, Format: "online", Participations: ps}
	}
	s1 := stage("s1", "uno", "2020-01-10", part("a", "host", "b", "attendee", "d", "attendee", "f", "partner"))
	s1.Declared = dataset.Declared{People: ptr(10), PeopleApprox: true}
	s1.Roles = []dataset.DeclaredRole{{Role: "sindaco", People: ptr(2)}, {Role: "assessore", People: ptr(1)}, {Role: "tecnico"}}
	s2 := stage("s2", "uno", "2020-02-10", part("e", "host", "b", "attendee", "c", "attendee"))
	s2.Declared = dataset.Declared{People: ptr(20), Bodies: ptr(5)}
	t1 := stage("t1", "due", "2020-02-15", part("d", "host", "c", "attendee"))
	s3 := stage("s3", "uno", "2020-03-10", part("b", "host", "c", "attendee", "a", "co_organizer"))
	other := dataset.Activity{Slug: "x", Title: "Non tappa", Type: "incontro", Status: "published", Date: "2020-01-01", Format: "online",
		Participations: part("c", "attendee")}
	draft := stage("bozza", "uno", "2020-04-01", part("a", "host"))
	draft.Status = "draft"
	body := func(slug, name, kind, istat, prov, region string) dataset.Body {
		return dataset.Body{Slug: slug, Name: name, Kind: kind, ISTATCode: istat, ProvinceCode: prov, Province: prov, Region: region}
	}
	e := body("e", "Ente E", "ufficio", "", "TO", "Piemonte")
	e.Parent = "a"
	return dataset.Dataset{
		Network:       dataset.Network{Name: "Rete di prova"},
		Communities:   []dataset.Community{{Slug: "uno", Name: "Uno"}, {Slug: "due", Name: "Due"}},
		ActivityTypes: []dataset.ActivityType{{Slug: "incontro", Name: "Incontro"}},
		Bodies: []dataset.Body{
			body("a", "Ente A", "comune", "001078", "TO", "Piemonte"),
			body("b", "Ente B", "comune", "001272", "TO", "Piemonte"),
			body("c", "Ente C", "comune", "010017", "GE", "Liguria"),
			body("d", "Ente D", "associazione", "", "TO", "Piemonte"),
			e,
			body("f", "Ente F", "comune", "001090", "TO", "Piemonte"),
		},
		Activities: []dataset.Activity{other, s1, s2, t1, s3, draft},
	}
}

func openSmall(t *testing.T, d store.Dialect) *store.Store {
	t.Helper()
	s := storetest.Open(t, d)
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.LoadDataset(context.Background(), insightNetwork()) }); err != nil {
		t.Fatal(err)
	}
	return s
}

func bandFunc(t *testing.T) store.BandFunc {
	reg, err := istat.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(code string) (string, bool) {
		c, ok := reg.ByCode(code)
		return string(c.Band()), ok
	}
}

func derive(t *testing.T, s *store.Store, f store.InsightFilter) store.InsightReport {
	t.Helper()
	data, err := s.InsightData(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return store.DeriveInsight(data, bandFunc(t))
}

func memberSlugs(ms []store.MemberFigures) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Slug)
	}
	return out
}

func TestInsightGrowth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		r := derive(t, openSmall(t, d), store.InsightFilter{})
		// Stages in date order; the activity that is not a stage and the
		// draft are left out.
		want := []struct {
			slug                                string
			counted, fresh, returning, cumulant int
		}{
			{"s1", 3, 3, 0, 3}, // A, B, D; F is a partner, not a member
			{"s2", 3, 1, 2, 4}, // A through its office E, B, and C new
			{"t1", 2, 0, 2, 4}, // D, C
			{"s3", 3, 0, 3, 4}, // B, C, A
		}
		if len(r.Stages) != len(want) {
			t.Fatalf("stages = %d, want %d", len(r.Stages), len(want))
		}
		for i, w := range want {
			s := r.Stages[i]
			if s.Slug != w.slug || s.Counted != w.counted || s.New != w.fresh || s.Returning != w.returning || s.Cumulative != w.cumulant || s.Number != i+1 {
				t.Errorf("stage %d = %s counted %d new %d returning %d cumulative %d, want %+v", i, s.Slug, s.Counted, s.New, s.Returning, s.Cumulative, w)
			}
		}
		if len(r.Stages[1].Hosts) != 1 || r.Stages[1].Hosts[0].Slug != "a" {
			t.Errorf("s2 hosts = %+v, want A through its office", r.Stages[1].Hosts)
		}
	})
}

func TestInsightFirstParticipation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openSmall(t, d)
		r := derive(t, s, store.InsightFilter{})
		first := map[string]string{}
		for _, m := range r.Members {
			first[m.Slug] = r.Stages[m.FirstStage].Slug
		}
		if first["a"] != "s1" || first["b"] != "s1" || first["c"] != "s2" || first["d"] != "s1" || len(first) != 4 {
			t.Errorf("first stages = %v", first)
		}
		// Within a period, the first participation is the first in scope.
		from, _ := time.Parse(time.DateOnly, "2020-02-01")
		to, _ := time.Parse(time.DateOnly, "2020-02-28")
		r = derive(t, s, store.InsightFilter{From: from, To: to})
		if len(r.Stages) != 2 || r.Stages[0].New != 3 || r.Stages[1].New != 1 || r.Stages[1].Cumulative != 4 {
			t.Errorf("February: %+v", r.Stages)
		}
	})
}

func TestInsightRankingAndRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openSmall(t, d)
		r := derive(t, s, store.InsightFilter{})
		if got := memberSlugs(r.Members); len(got) != 4 || got[0] != "a" || got[1] != "b" || got[2] != "c" || got[3] != "d" {
			t.Errorf("ranking = %v, want a b c (3 stages) then d (2)", got)
		}
		hosted := map[string]int{}
		for _, m := range r.Members {
			hosted[m.Slug] = m.Hosted
		}
		if hosted["a"] != 2 || hosted["b"] != 1 || hosted["c"] != 0 || hosted["d"] != 1 {
			t.Errorf("hosted = %v", hosted)
		}
		if len(r.OnceOnly) != 0 {
			t.Errorf("once only (all) = %v, want none", memberSlugs(r.OnceOnly))
		}
		// In community "uno" D came to s1 only, and s2 and s3 followed.
		var uno int64
		cs, err := s.Communities(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Slug == "uno" {
				uno = c.ID
			}
		}
		r = derive(t, s, store.InsightFilter{CommunityID: uno})
		if got := memberSlugs(r.OnceOnly); len(got) != 1 || got[0] != "d" {
			t.Errorf("once only (uno) = %v, want [d]", got)
		}
		// A body whose only stage is the last one may still come back.
		to, _ := time.Parse(time.DateOnly, "2020-02-10")
		r = derive(t, s, store.InsightFilter{CommunityID: uno, To: to})
		if got := memberSlugs(r.OnceOnly); len(got) != 1 || got[0] != "d" {
			t.Errorf("once only (uno, to s2) = %v, want [d] (C joined at the last stage)", got)
		}
	})
}

func TestInsightCoParticipation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		r := derive(t, openSmall(t, d), store.InsightFilter{})
		want := []struct {
			a, b string
			n    int
		}{{"a", "b", 3}, {"a", "c", 2}, {"b", "c", 2}, {"a", "d", 1}, {"b", "d", 1}, {"c", "d", 1}}
		if len(r.Pairs) != len(want) {
			t.Fatalf("pairs = %d, want %d: %+v", len(r.Pairs), len(want), r.Pairs)
		}
		for i, w := range want {
			p := r.Pairs[i]
			if p.A.Slug != w.a || p.B.Slug != w.b || p.Stages != w.n {
				t.Errorf("pair %d = %s-%s %d, want %+v", i, p.A.Slug, p.B.Slug, p.Stages, w)
			}
		}
	})
}

func TestInsightSharesAndTotals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		r := derive(t, openSmall(t, d), store.InsightFilter{})
		tot := r.Totals
		if tot.Members != 4 || tot.Comuni != 3 || tot.Provinces != 2 || tot.Regions != 2 || tot.Stages != 4 {
			t.Errorf("totals = %+v", tot)
		}
		if tot.DeclaredPeople != 30 || tot.DeclaredStages != 2 || !tot.PeopleApprox {
			t.Errorf("declared people = %d over %d stages (approx %v), want 30 over 2, approximate", tot.DeclaredPeople, tot.DeclaredStages, tot.PeopleApprox)
		}
		kinds := map[string]int{}
		for _, s := range r.ByKind {
			kinds[s.Key] = s.Bodies
		}
		if kinds["comune"] != 3 || kinds["associazione"] != 1 || len(kinds) != 2 {
			t.Errorf("by kind = %v", kinds)
		}
		if len(r.ByProv) != 2 || r.ByProv[0].Key != "TO" || r.ByProv[0].Bodies != 3 {
			t.Errorf("by province = %+v", r.ByProv)
		}
		// Chieri (A) and Cogoleto (C) are medium, Torino (B) large, D no Comune.
		bands := map[string]int{}
		for _, s := range r.ByBand {
			bands[s.Key] = s.Bodies
		}
		if bands["medio"] != 2 || bands["grande"] != 1 || bands[""] != 1 || len(bands) != 3 {
			t.Errorf("by band = %v", bands)
		}
		pol := r.Stages[0].Roles["politici"]
		tec := r.Stages[0].Roles["tecnici"]
		if !pol.Present || pol.People == nil || *pol.People != 3 || !tec.Present || tec.People != nil {
			t.Errorf("s1 roles: politici %+v tecnici %+v, want 3 declared and present without a figure", pol, tec)
		}
	})
}

func TestInsightDataVersionChangesOnWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := openSmall(t, d)
		ctx := context.Background()
		v1, err := s.InsightDataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateBody(ctx, store.NewBody{Slug: "nuovo", Name: "Nuovo", Kind: "comune"}); err != nil {
			t.Fatal(err)
		}
		v2, err := s.InsightDataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v2 <= v1 {
			t.Errorf("data version %d after a write, was %d", v2, v1)
		}
	})
}

func TestDefaultComuniMatchTheRegistry(t *testing.T) {
	reg, err := istat.Load()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	byslug := map[string]dataset.Body{}
	for _, b := range ds.Bodies {
		byslug[b.Slug] = b
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		codes, err := s.ComuneISTATCodes(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		comuni := 0
		for _, b := range ds.Bodies {
			if b.Kind == "comune" {
				comuni++
			}
		}
		if len(codes) != comuni {
			t.Errorf("%d comuni carry an ISTAT code, want all %d", len(codes), comuni)
		}
		for slug, code := range codes {
			c, ok := reg.ByCode(code)
			b := byslug[slug]
			if !ok {
				t.Errorf("%s: ISTAT code %s is not in the registry", slug, code)
				continue
			}
			// The registry ignores accents: ISTAT writes "Leini", the town "Leinì".
			if found, ok := reg.Find(strings.TrimPrefix(b.Name, "Comune di "), b.ProvinceCode); !ok || found.Code != code {
				t.Errorf("%s: name %q finds %q in the registry, its code is %s", slug, b.Name, found.Code, code)
			}
			if b.ProvinceCode != c.ProvinceSigla || b.Region != c.RegionName {
				t.Errorf("%s: %s %s, registry says %s %s", slug, b.ProvinceCode, b.Region, c.ProvinceSigla, c.RegionName)
			}
		}
	})
}
