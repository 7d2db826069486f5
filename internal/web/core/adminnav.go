package core

import "strings"

// adminTab is one section of the backoffice in the "adminnav" tabs.
type adminTab struct {
	Href, LabelID string
	Coordinator   bool // shown to coordinators only
}

// adminTabs are the backoffice sections, in the order of the tabs.
var adminTabs = []adminTab{
	{"/admin", "admin.nav.home", false},
	{"/admin/attivita", "admin.nav.activities", true},
	{"/admin/iscrizioni", "registration.admin.nav", true},
	{"/admin/adesioni", "outreach.admin.nav.joins", true},
	{"/admin/novita", "outreach.admin.nav.news", true},
	{"/admin/chi-siamo", "outreach.admin.nav.about", true},
	{"/admin/enti", "admin.nav.bodies", true},
	{"/admin/patti", "admin.pacts.title", true},
	{"/admin/tipi", "admin.nav.types", true},
	{"/admin/community", "admin.nav.communities", true},
	{"/admin/utenti", "admin.nav.users", true},
	{"/admin/registro", "admin.nav.audit", true},
	{"/admin/password", "admin.nav.password", false},
}

// AdminTabs returns the tabs of the backoffice for a page, with exactly one
// current: the tab whose address is the longest prefix of the page's path.
// A plain prefix test would mark "/admin" current on every page besides
// the section's own tab, and a screen reader would hear two current pages.
func AdminTabs(p Page, coordinator bool) []navLink {
	best := -1
	for i, t := range adminTabs {
		if t.Coordinator && !coordinator {
			continue
		}
		if p.Path == t.Href || strings.HasPrefix(p.Path, t.Href+"/") {
			if best < 0 || len(t.Href) > len(adminTabs[best].Href) {
				best = i
			}
		}
	}
	var out []navLink
	for i, t := range adminTabs {
		if t.Coordinator && !coordinator {
			continue
		}
		out = append(out, navLink{Href: t.Href, Label: p.L.T(t.LabelID), Current: i == best})
	}
	return out
}
