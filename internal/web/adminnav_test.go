package web_test

import (
	"net/http"
	"testing"

	"golang.org/x/net/html"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestAdminNavMarksOneTab: the backoffice tabs are Bootstrap Italia tabs
// (nav-item, nav-link) and exactly one carries aria-current, the section of
// the page (the longest matching address), never "Home" as well.
func TestAdminNavMarksOneTab(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		RegActivity(t, s.Store, "patti-nav", "formazione", 10, nil)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		for path, want := range map[string]string{
			"/admin":                      "/admin",
			"/admin/attivita":             "/admin/attivita",
			"/admin/attivita/nuova":       "/admin/attivita",
			"/admin/iscrizioni":           "/admin/iscrizioni",
			"/admin/iscrizioni/patti-nav": "/admin/iscrizioni",
			"/admin/enti":                 "/admin/enti",
		} {
			res := c.Get(t, path)
			if res.Status != http.StatusOK {
				t.Errorf("GET %s = %d", path, res.Status)
				continue
			}
			nav := ParseDOM(t, res.Body).Find(func(n *html.Node) bool {
				return n.Data == "nav" && AttrOf(n, "class") == "bc-admin-nav mb-4"
			})
			links := nav.Tag("a")
			if len(links) < 7 {
				t.Errorf("%s: %d tabs in the admin nav", path, len(links))
			}
			var current []string
			for _, a := range links {
				if a.Attr("class") != "nav-link" && a.Attr("class") != "nav-link active" {
					t.Errorf("%s: tab %q has class %q, not a Bootstrap Italia nav-link", path, a.Text(), a.Attr("class"))
				}
				if a.Attr("aria-current") != "" {
					current = append(current, a.Attr("href"))
				}
			}
			if len(current) != 1 || current[0] != want {
				t.Errorf("%s: current tabs %v, want exactly [%s]", path, current, want)
			}
			for _, li := range nav.Tag("li") {
				if li.Attr("class") != "nav-item" {
					t.Errorf("%s: tab item without nav-item", path)
				}
			}
		}
	})
}
