package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestPracticeBackoffice: a referent writes a good practice of their body
// linked to its pact, attaches a template, publishes and deletes it; another
// body's practice and pacts are refused with nothing written.
func TestPracticeBackoffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		own, _ := s.Store.Body(ctx, "comune-di-chieri")
		other, _ := s.Store.Body(ctx, "comune-di-collegno")
		coord := &auth.User{Role: auth.Coordinator}
		pact, _ := s.Store.CreatePact(ctx, coord, store.PactInput{BodyID: own.ID, Title: "Orto condiviso", Status: domain.PactProposed})
		foreignPact, _ := s.Store.CreatePact(ctx, coord, store.PactInput{BodyID: other.ID, Title: "Piazza", Status: domain.PactProposed})
		theirs, err := s.Store.CreatePractice(ctx, coord, store.PracticeInput{BodyID: other.ID, Title: "Loro"})
		if err != nil {
			t.Fatal(err)
		}
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "ref@example.it")
		form := url.Values{"body_id": {Itoa(own.ID)}, "title": {"Il modulo unico per i patti"}, "problem": {"Troppi moduli."},
			"actions": {"Un solo modulo."}, "tools": {"Modello di patto semplice"}, "results": {"Tempi dimezzati."},
			"contact_office": {"Ufficio beni comuni"}, "pacts": {Itoa(pact)}}
		if r := c.Get(t, "/admin/buone-pratiche/nuova"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Orto condiviso") {
			t.Fatalf("new form: %d", r.Status)
		}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("pacts", Itoa(foreignPact))
		if r := c.Post(t, "/admin/buone-pratiche", bad); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Troppi moduli.") {
			t.Errorf("foreign pact: %d", r.Status)
		}
		bad.Set("body_id", Itoa(other.ID))
		if r := c.Post(t, "/admin/buone-pratiche", bad); r.Status != http.StatusForbidden {
			t.Errorf("other body: %d", r.Status)
		}
		r := c.Post(t, "/admin/buone-pratiche", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		path := strings.TrimSuffix(r.Header.Get("Location"), "?fatto=1")
		rows, total, _ := s.Store.Practices(ctx, store.PracticeFilter{WithDrafts: true, BodyIDs: []int64{own.ID}})
		if total != 1 || rows[0].Published || rows[0].ContactOffice != "Ufficio beni comuni" {
			t.Fatalf("practices = %+v", rows)
		}
		in, _ := s.Store.PracticeInputByID(ctx, rows[0].ID)
		if len(in.PactIDs) != 1 || in.PactIDs[0] != pact {
			t.Errorf("links = %+v", in.PactIDs)
		}
		if r := uploadTo(t, c, path+"/allegati", "modello.pdf", []byte("%PDF-1.4 modello"), nil); r.Status != http.StatusSeeOther {
			t.Errorf("upload: %d", r.Status)
		}
		if r := c.Post(t, path+"/pubblica", nil); r.Status != http.StatusSeeOther {
			t.Errorf("publish: %d", r.Status)
		}
		if in, _ := s.Store.PracticeInputByID(ctx, rows[0].ID); !in.Published || len(in.PactIDs) != 1 {
			t.Errorf("after publish: %+v", in)
		}
		if r := c.Get(t, "/admin/buone-pratiche"); !strings.Contains(r.Body, "Il modulo unico") || strings.Contains(r.Body, ">Loro<") {
			t.Error("list")
		}
		tp := "/admin/buone-pratiche/" + Itoa(theirs)
		for _, r := range []Response{c.Get(t, tp), c.Post(t, tp, form), c.Post(t, tp+"/pubblica", nil), c.Get(t, tp+"/elimina"),
			c.Post(t, tp+"/elimina", url.Values{"confirm": {"1"}}), uploadTo(t, c, tp+"/allegati", "m.pdf", []byte("%PDF-1.4 x"), nil)} {
			if r.Status != http.StatusForbidden {
				t.Errorf("another body's practice: %d", r.Status)
			}
		}
		if in, err := s.Store.PracticeInputByID(ctx, theirs); err != nil || in.Title != "Loro" || in.Published {
			t.Errorf("another body's practice changed: %+v %v", in, err)
		}
		if r := c.Post(t, path+"/elimina", url.Values{"confirm": {"1"}}); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if _, total, _ := s.Store.Practices(ctx, store.PracticeFilter{WithDrafts: true, BodyIDs: []int64{own.ID}}); total != 0 {
			t.Error("the practice survived")
		}
	})
}
