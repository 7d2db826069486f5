package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestPactRightsPerRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri, chivasso := bodyID(t, s, "comune-di-chieri"), bodyID(t, s, "comune-di-chivasso")
		in := store.PactInput{BodyID: chieri, Title: "Cura del giardino di via Roma", Status: domain.PactProposed}
		for _, c := range []struct {
			name string
			who  *auth.User
			ok   bool
		}{
			{"nobody", nil, false},
			{"participant", &auth.User{Role: auth.Participant, Bodies: []int64{chieri}}, false},
			{"referent of another body", &auth.User{Role: auth.Referent, Bodies: []int64{chivasso}}, false},
			{"referent of the body", &auth.User{Role: auth.Referent, Bodies: []int64{chivasso, chieri}}, true},
			{"coordinator", coordinator, true},
		} {
			id, err := s.CreatePact(ctx, c.who, in)
			if c.ok != (err == nil) || (!c.ok && !errors.Is(err, store.ErrForbidden)) {
				t.Fatalf("%s: create = %v", c.name, err)
			}
			if !c.ok {
				continue
			}
			up := in
			up.Title = "Cura del giardino (rinnovo)"
			if err := s.UpdatePact(ctx, c.who, id, up); err != nil {
				t.Errorf("%s: update = %v", c.name, err)
			}
			// a referent cannot move a pact to a body that is not theirs
			up.BodyID = bodyID(t, s, "comune-di-collegno")
			err = s.UpdatePact(ctx, c.who, id, up)
			if c.who.Role == auth.Referent && !errors.Is(err, store.ErrForbidden) {
				t.Errorf("%s: move to another body = %v, want ErrForbidden", c.name, err)
			}
		}
		id, err := s.CreatePact(ctx, coordinator, in)
		if err != nil {
			t.Fatal(err)
		}
		stranger := &auth.User{Role: auth.Referent, Bodies: []int64{chivasso}}
		if err := s.SetPactStatus(ctx, stranger, id, domain.PactInReview, time.Now(), ""); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("status by a stranger = %v", err)
		}
		if err := s.SetPactPublished(ctx, stranger, id, true); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("publish by a stranger = %v", err)
		}
		if err := s.DeletePact(ctx, stranger, id); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("delete by a stranger = %v", err)
		}
		if _, err := s.AddOwnerAttachment(ctx, stranger, store.AttachmentOwner{Kind: store.OwnerPact, ID: id},
			store.RegistryFile{Section: "pact", Filename: "p.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("attachment by a stranger = %v", err)
		}
		log, _, err := s.AuditLog(ctx, store.AuditFilter{Entity: "pact"})
		if err != nil || len(log) < 5 {
			t.Errorf("audit log has %d pact entries, %v", len(log), err)
		}
	})
}

func TestPactValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		base := store.PactInput{BodyID: chieri, Title: "Piazza", Status: domain.PactSigned, SignedOn: day("2024-03-01")}
		bad := []store.PactInput{}
		b := base
		b.ProposerKind, b.ProposerOrgs = domain.ProposerCitizen, []string{"Mario Rossi"}
		bad = append(bad, b)
		b = base
		b.DurationMonths, b.EndsOn = ptr(12), day("2025-01-01")
		bad = append(bad, b)
		b = base
		b.EndsOn = day("2023-01-01")
		bad = append(bad, b)
		b = base
		b.Status = "firmato"
		bad = append(bad, b)
		b = base
		b.Title = " "
		bad = append(bad, b)
		for i, in := range bad {
			if _, err := s.CreatePact(ctx, coordinator, in); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("bad input %d: %v, want ErrInvalid", i, err)
			}
		}
		ok := base
		ok.ProposerKind, ok.ProposerOrgs, ok.ProposerCount = domain.ProposerAssociation, []string{"Amici del parco"}, ptr(3)
		ok.DurationMonths = ptr(12)
		id, err := s.CreatePact(ctx, coordinator, ok)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.PactInputByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.EndsOn == nil || got.EndsOn.Format(time.DateOnly) != "2025-03-01" {
			t.Errorf("derived end date = %v, want 2025-03-01", got.EndsOn)
		}
		if len(got.ProposerOrgs) != 1 || got.ProposerOrgs[0] != "Amici del parco" {
			t.Errorf("orgs = %v", got.ProposerOrgs)
		}
	})
}

func TestPactStatusHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		id, err := s.CreatePact(ctx, coordinator, store.PactInput{BodyID: bodyID(t, s, "comune-di-chieri"), Title: "Orto",
			Status: domain.PactProposed, StatusOn: day("2024-01-10"), Published: true, DurationMonths: ptr(6)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPactStatus(ctx, coordinator, id, domain.PactConcluded, *day("2024-02-01"), ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("proposta → concluso = %v, want ErrInvalid", err)
		}
		for _, st := range []struct {
			s  domain.PactStatus
			on string
		}{{domain.PactInReview, "2024-01-20"}, {domain.PactSigned, "2024-03-01"}, {domain.PactActive, "2024-03-02"}} {
			if err := s.SetPactStatus(ctx, coordinator, id, st.s, *day(st.on), "nota"); err != nil {
				t.Fatalf("→ %s: %v", st.s, err)
			}
		}
		p, err := s.PactByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.History) != 4 || p.History[0].Status != domain.PactProposed || p.History[3].Status != domain.PactActive {
			t.Errorf("history = %+v", p.History)
		}
		if p.SignedOn == nil || p.SignedOn.Format(time.DateOnly) != "2024-03-01" || p.EndsOn == nil || p.EndsOn.Format(time.DateOnly) != "2024-09-01" {
			t.Errorf("signed %v ends %v", p.SignedOn, p.EndsOn)
		}
		if p.Year() != 2024 || p.Status != domain.PactActive {
			t.Errorf("year %d status %s", p.Year(), p.Status)
		}
	})
}

// Drafts never reach public queries; facets count with the other filters;
// keyset pages cover every pact once.
func TestPactPublicQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri, chivasso := bodyID(t, s, "comune-di-chieri"), bodyID(t, s, "comune-di-chivasso")
		kinds, err := s.CommonsKinds(ctx)
		if err != nil || len(kinds) != 7 {
			t.Fatalf("commons kinds = %v, %v", kinds, err)
		}
		types, err := s.PactTypes(ctx, chieri)
		if err != nil || len(types) != 3 || types[0].Slug != "ordinario" {
			t.Fatalf("default pact types = %v, %v", types, err)
		}
		themes, err := s.ThemeIDs(ctx, []string{"beni-comuni-immateriali"})
		if err != nil || len(themes) != 1 {
			t.Fatalf("themes = %v, %v", themes, err)
		}
		mk := func(body int64, title string, status domain.PactStatus, year string, kind int, published bool, coords bool) {
			in := store.PactInput{BodyID: body, Title: title, Status: status, StatusOn: day(year + "-05-01"), Published: published,
				CommonsKindID: &kinds[kind].ID, PactTypeID: &types[0].ID, ThemeIDs: []int64{themes["beni-comuni-immateriali"]}}
			if coords {
				in.Place.Latitude, in.Place.Longitude = ptr(45.0), ptr(7.7)
			}
			if _, err := s.CreatePact(ctx, coordinator, in); err != nil {
				t.Fatal(err)
			}
		}
		mk(chieri, "Aiuola uno", domain.PactProposed, "2023", 0, true, true)
		mk(chieri, "Aiuola due", domain.PactInReview, "2024", 0, true, false)
		mk(chivasso, "Piazza tre", domain.PactProposed, "2024", 1, true, true)
		mk(chivasso, "Bozza segreta", domain.PactProposed, "2024", 1, false, true)
		page, err := s.Pacts(ctx, store.PactFilter{})
		if err != nil || page.Total != 3 || len(page.Pacts) != 3 {
			t.Fatalf("public list = %d/%d, %v", len(page.Pacts), page.Total, err)
		}
		for _, p := range page.Pacts {
			if p.Title == "Bozza segreta" {
				t.Error("a draft is in the public list")
			}
			if len(p.Themes) != 1 || p.CommonsKind == nil || p.Type == nil {
				t.Errorf("pact %s lacks its themes, kind or type: %+v", p.Title, p)
			}
		}
		if _, err := s.PactBySlug(ctx, "bozza-segreta"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("draft by slug = %v, want ErrNotFound", err)
		}
		if res, _ := s.Search(ctx, store.SearchQuery{Text: "bozza segreta", Kind: store.SearchPact}); res.Total != 0 {
			t.Errorf("a draft is in search: %+v", res.Hits)
		}
		if res, _ := s.Search(ctx, store.SearchQuery{Text: "aiuola", Kind: store.SearchPact}); res.Total != 2 {
			t.Errorf("search aiuola = %d hits, want 2", res.Total)
		}
		f := store.PactFilter{Body: "comune-di-chieri", Year: 2024}
		page, err = s.Pacts(ctx, f)
		if err != nil || page.Total != 1 || page.Pacts[0].Title != "Aiuola due" {
			t.Fatalf("filtered list = %+v, %v", page, err)
		}
		facets, err := s.PactFacetCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		count := func(dim, key string) int {
			for _, v := range facets[dim] {
				if v.Key == key {
					return v.Count
				}
			}
			return 0
		}
		// the body facet ignores the body filter: 2024 has one pact per body
		if count(store.FacetBody, "comune-di-chieri") != 1 || count(store.FacetBody, "comune-di-chivasso") != 1 {
			t.Errorf("body facet = %+v", facets[store.FacetBody])
		}
		// the year facet ignores the year filter: chieri has 2023 and 2024
		if count(store.FacetYear, "2023") != 1 || count(store.FacetYear, "2024") != 1 {
			t.Errorf("year facet = %+v", facets[store.FacetYear])
		}
		if count(store.FacetStatus, "istruttoria") != 1 || count(store.FacetType, "ordinario") != 1 || count(store.FacetTheme, "beni-comuni-immateriali") != 1 {
			t.Errorf("facets = %+v", facets)
		}
		seen := map[int64]bool{}
		next := int64(0)
		for {
			pg, err := s.Pacts(ctx, store.PactFilter{Limit: 2, Before: next})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pg.Pacts {
				if seen[p.ID] {
					t.Errorf("pact %d on two pages", p.ID)
				}
				seen[p.ID] = true
			}
			if next = pg.Next; next == 0 {
				break
			}
		}
		if len(seen) != 3 {
			t.Errorf("keyset pages gave %d pacts, want 3", len(seen))
		}
		markers, err := s.PactMarkers(ctx, store.PactFilter{})
		if err != nil || len(markers) != 2 {
			t.Errorf("markers = %v, %v", markers, err)
		}
		counts, err := s.PactCounts(ctx, store.PactFilter{})
		total := 0
		for _, c := range counts {
			total += c.Count
		}
		if err != nil || total != 3 {
			t.Errorf("counts = %+v, %v", counts, err)
		}
	})
}
