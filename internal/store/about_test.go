package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestAboutPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		a, err := s.About(ctx)
		if err != nil || a.BodyMarkdown != "" || len(a.Partners) != 0 || a.UpdatedAt != nil {
			t.Fatalf("about before any edit = %+v, %v", a, err)
		}
		in := store.About{BodyMarkdown: "  La rete **benicommunity**.  ", ContactEmail: "rete@example.it", ContactOffice: "Via Roma 1, 10121 Torino",
			ControllerName: "Comune di Chieri", ControllerContact: "privacy@comune.chieri.example.it",
			Partners: []store.Partner{{Name: "Labsus", URL: "https://www.labsus.org"}, {Name: " ANCI Piemonte "}}}
		at := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
		if err := s.UpdateAbout(ctx, coordinatorActor, in, at); err != nil {
			t.Fatal(err)
		}
		a, err = s.About(ctx)
		if err != nil || a.BodyMarkdown != "La rete **benicommunity**." || a.ContactEmail != "rete@example.it" || a.ControllerName != "Comune di Chieri" ||
			!slices.Equal(a.Partners, []store.Partner{{Name: "Labsus", URL: "https://www.labsus.org"}, {Name: "ANCI Piemonte"}}) ||
			a.UpdatedAt == nil || !a.UpdatedAt.Equal(at) {
			t.Fatalf("about = %+v, %v", a, err)
		}
		// order is meaning; a second edit replaces the partners
		in.Partners = []store.Partner{{Name: "ANCI Piemonte"}, {Name: "Labsus", URL: "https://www.labsus.org"}}
		if err := s.UpdateAbout(ctx, coordinatorActor, in, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if a, _ := s.About(ctx); len(a.Partners) != 2 || a.Partners[0].Name != "ANCI Piemonte" {
			t.Errorf("partners after reordering = %+v", a.Partners)
		}
		for _, bad := range []store.About{
			{ContactEmail: "non un indirizzo"},
			{Partners: []store.Partner{{Name: ""}}},
			{Partners: []store.Partner{{Name: "X", URL: "javascript:alert(1)"}}},
		} {
			if err := s.UpdateAbout(ctx, coordinatorActor, bad, at); !errors.Is(err, store.ErrAboutInvalid) {
				t.Errorf("UpdateAbout(%+v) = %v, want ErrAboutInvalid", bad, err)
			}
		}
		if a, _ := s.About(ctx); a.ContactEmail != "rete@example.it" {
			t.Errorf("a refused edit changed the page: %+v", a)
		}
		entries, total, err := s.AuditLog(ctx, store.AuditFilter{Entity: "about"})
		if err != nil || total != 2 || entries[0].Action != "update" {
			t.Errorf("audit = %+v (%d), %v", entries, total, err)
		}

		// an archive carries it, and an import writes it back
		ds, err := s.Export(ctx, store.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ds.About == nil || ds.About.ControllerName != "Comune di Chieri" || len(ds.About.Partners) != 2 {
			t.Fatalf("exported about = %+v", ds.About)
		}
		other := storetest.Open(t, d)
		if err := other.Import(ctx, ds); err != nil {
			t.Fatal(err)
		}
		b, err := other.About(ctx)
		if err != nil || b.ContactOffice != "Via Roma 1, 10121 Torino" || b.Partners[0].Name != "ANCI Piemonte" || !b.UpdatedAt.Equal(at.Add(time.Hour)) {
			t.Errorf("imported about = %+v, %v", b, err)
		}
	})
}
