package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// Every backoffice write reaches the search index in its own transaction:
// what the coordinator publishes, renames, withdraws or cancels is what /cerca
// finds at once.
func TestBackofficeActivityWritesReachSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Store.Communities(ctx)
		host, _ := s.Store.Body(ctx, "comune-di-chieri")

		form := StageForm(typ.ID, comms[0].ID, host.ID)
		form.Set("title", "Laboratorio ornitorinco")
		form.Set("slug", "laboratorio-ornitorinco")
		form.Set("themes", "Tema pellicano")
		form["table_title"] = []string{"Tavolo del fenicottero", ""}
		form["table_theme"] = []string{"", ""}
		r := c.Post(t, "/admin/attivita", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		edit := strings.TrimSuffix(r.Header.Get("Location"), "?fatto=salvata")
		const href = "/tappe/laboratorio-ornitorinco"
		if s.Found(t, "ornitorinco", href) {
			t.Error("a draft is found by /cerca")
		}
		// a theme created on the fly is searchable by itself
		if code, page := s.Get(t, "/cerca?q=pellicano"); code != http.StatusOK || !strings.Contains(page, "Tema <mark>pellicano</mark>") {
			t.Errorf("the theme created with the draft is not found: %d", code)
		}

		if r := c.Post(t, edit+"/pubblica", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", r.Status)
		}
		if !s.Found(t, "ornitorinco", href) {
			t.Error("a published activity is not found by its title")
		}
		if !s.Found(t, "pellicano", href) {
			t.Error("a published activity is not found by its theme")
		}
		if !s.Found(t, "fenicottero", href) {
			t.Error("a published activity's breakout table is not found")
		}

		form.Set("title", "Laboratorio capibara")
		form["table_title"] = []string{"Tavolo del tucano", ""}
		if r := c.Post(t, edit, form); r.Status != http.StatusSeeOther {
			t.Fatalf("update: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if !s.Found(t, "capibara", href) {
			t.Error("the new title is not found")
		}
		if s.Found(t, "ornitorinco", href) {
			t.Error("the old title is still found")
		}
		if !s.Found(t, "tucano", href) || s.Found(t, "fenicottero", href) {
			t.Error("the breakout tables in the index are not the saved ones")
		}

		if r := c.Post(t, edit+"/ritira", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", r.Status)
		}
		if s.Found(t, "capibara", href) || s.Found(t, "tucano", href) {
			t.Error("an unpublished activity is still found")
		}
		if r := c.Post(t, edit+"/pubblica", nil); r.Status != http.StatusSeeOther || !s.Found(t, "capibara", href) {
			t.Fatalf("republish: %d", r.Status)
		}
		if r := c.Post(t, edit+"/annulla", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("cancel: %d", r.Status)
		}
		if s.Found(t, "capibara", href) {
			t.Error("a cancelled activity is still found")
		}
		if r := c.Post(t, edit+"/pubblica", nil); r.Status != http.StatusSeeOther || !s.Found(t, "capibara", href) {
			t.Fatalf("republish: %d", r.Status)
		}
		if r := c.Post(t, edit+"/elimina", url.Values{"conferma": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.Status)
		}
		if s.Found(t, "capibara", href) {
			t.Error("a deleted activity is still found")
		}
	})
}

func TestBackofficeBodyWritesReachSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		coord := s.LoginAs(t, "coord@example.it")
		chieri, _ := s.Store.Body(ctx, "comune-di-chieri")

		// a duplicate created in the backoffice is found, and gone once merged
		r := coord.Post(t, "/admin/enti", url.Values{"name": {"Comune di Chieri zebrastrada"}, "slug": {"chieri-doppione"}, "kind": {"altro"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create body: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if !s.Found(t, "zebrastrada", "/enti/chieri-doppione") {
			t.Fatal("a body created in the backoffice is not found")
		}
		dup, _ := s.Store.Body(ctx, "chieri-doppione")
		// a rename by the coordinator
		in, err := s.Store.BodyInputByID(ctx, dup.ID)
		if err != nil {
			t.Fatal(err)
		}
		in.Name = "Comune di Chieri giraffario"
		if r := coord.Post(t, "/admin/enti/"+Itoa(dup.ID), bodyValuesOf(in)); r.Status != http.StatusSeeOther {
			t.Fatalf("rename body: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if !s.Found(t, "giraffario", "/enti/chieri-doppione") || s.Found(t, "zebrastrada", "/enti/chieri-doppione") {
			t.Error("a renamed body is not found by its new name only")
		}
		if r := coord.Post(t, "/admin/enti/"+Itoa(chieri.ID)+"/unisci", url.Values{"duplicate": {Itoa(dup.ID)}, "confirm": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("merge: %d", r.Status)
		}
		if s.Found(t, "giraffario", "/enti/chieri-doppione") {
			t.Error("the merged duplicate is still found")
		}
		if !s.Found(t, "Chieri", "/enti/comune-di-chieri") {
			t.Error("the body kept by the merge is not found")
		}

		// a referent's profile edit
		ref := s.LoginAs(t, "ref@example.it")
		if r := ref.Post(t, "/admin/enti/"+Itoa(chieri.ID), url.Values{"description": {"Gestiamo una xilofonoteca di quartiere."}}); r.Status != http.StatusSeeOther {
			t.Fatalf("referent edit: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if !s.Found(t, "xilofonoteca", "/enti/comune-di-chieri") {
			t.Error("a referent's description is not searchable")
		}
	})
}

// bodyValuesOf is the form a coordinator posts for a body as stored.
func bodyValuesOf(b store.BodyInput) url.Values {
	v := url.Values{"name": {b.Name}, "slug": {b.Slug}, "kind": {b.Kind}, "istat_code": {b.ISTATCode},
		"province": {b.Province}, "province_code": {b.ProvinceCode}, "region": {b.Region},
		"website": {b.Website}, "description": {b.Description}, "contact_office": {b.ContactOffice}}
	if b.ParentID != nil {
		v.Set("parent", Itoa(*b.ParentID))
	}
	return v
}
