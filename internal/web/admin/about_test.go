package admin_test

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

func TestAboutPageAndContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		anon := s.NewClient(t)
		res := anon.Get(t, "/chi-siamo")
		main := ParseDOM(t, res.Body).Main()
		if res.Status != http.StatusOK || main.First("h1").Text() != "Chi siamo" || !strings.Contains(main.Text(), "I coordinatori della rete la scrivono nell'area riservata") {
			t.Fatalf("empty about page: status %d: %s", res.Status, main.Text())
		}
		if strings.Contains(res.Body, "<address") {
			t.Error("contacts shown before anyone wrote them")
		}

		s.AddUser(t, "coord@example.it", auth.Coordinator)
		coord := s.LoginAs(t, "coord@example.it")
		if res := coord.Get(t, "/admin/chi-siamo"); res.Status != http.StatusOK || !strings.Contains(res.Body, `name="partner_name"`) {
			t.Fatalf("form: status %d", res.Status)
		}
		form := url.Values{"body": {"La rete è coordinata da **Comune di Chieri** dal 2020.\n\n<script>alert(1)</script>"},
			"contact_email": {"rete@"}, "contact_office": {"Via Roma 1, Torino"},
			"partner_name": {"Labsus", "", "ANCI"}, "partner_url": {"https://www.labsus.org", "", "ftp://anci"}}
		// Adding a line shows one more empty line and saves nothing.
		add := url.Values{}
		for k, v := range form {
			add[k] = v
		}
		add.Set("add_row", "1")
		res = coord.Post(t, "/admin/chi-siamo", add)
		if res.Status != http.StatusOK || strings.Count(res.Body, `name="partner_name"`) != 3 || strings.Contains(res.Body, "alert-danger") {
			t.Errorf("add a line: status %d, %d lines", res.Status, strings.Count(res.Body, `name="partner_name"`))
		}
		res = coord.Post(t, "/admin/chi-siamo", form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: status %d", res.Status)
		}
		for _, want := range []string{"non è un indirizzo valido", "deve essere un indirizzo completo", `value="rete@"`, `value="ftp://anci"`, `value="Labsus"`, "Via Roma 1, Torino"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("bad form answer lacks %q", want)
			}
		}
		if a, _ := s.Store.About(ctx); a.UpdatedAt != nil {
			t.Error("a refused form was saved")
		}
		form.Set("contact_email", "rete@example.it")
		form["partner_url"] = []string{"https://www.labsus.org", "", "https://www.anci.it"}
		if res = coord.Post(t, "/admin/chi-siamo", form); res.Status != http.StatusSeeOther {
			t.Fatalf("save: status %d: %s", res.Status, Excerpt(res.Body, "alert"))
		}
		a, err := s.Store.About(ctx)
		if err != nil || len(a.Partners) != 2 || a.Partners[1].Name != "ANCI" || a.ContactEmail != "rete@example.it" {
			t.Fatalf("saved: %+v, %v", a, err)
		}

		res = anon.Get(t, "/chi-siamo")
		main = ParseDOM(t, res.Body).Main()
		if !strings.Contains(res.Body, "<strong>Comune di Chieri</strong>") || strings.Contains(res.Body, "<script>alert") {
			t.Errorf("the Markdown is not rendered and sanitised: %s", Excerpt(res.Body, "coordinata"))
		}
		if got := main.Labelled("partners-title").Hrefs(); len(got) != 2 || got[0] != "https://www.labsus.org" {
			t.Errorf("partners: %q", got)
		}
		// The contacts are in the footer of every page.
		for _, p := range []string{"/", "/tappe", "/enti/comune-di-chieri", "/non-esiste"} {
			_, body := s.Get(t, p)
			footer := ParseDOM(t, body).First("footer")
			if !strings.Contains(footer.Text(), "rete@example.it") || !strings.Contains(footer.Text(), "Via Roma 1, Torino") {
				t.Errorf("%s: footer without the contacts", p)
			}
		}
	})
}
