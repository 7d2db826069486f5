package web

import "net/http"

// routes is the list of every URL the site answers, and the handler behind it.
// All public pages are readable by anyone and change nothing.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)                     // home.go: path of stages and counters
	mux.HandleFunc("GET /tappe", s.stageList)              // stages.go: every community's path
	mux.HandleFunc("GET /tappe/{slug}", s.stagePage)       // stages.go: one stage
	mux.HandleFunc("GET /attivita", s.activityList)        // activities.go: activities by type
	mux.HandleFunc("GET /attivita/{slug}", s.activityPage) // activities.go: one activity (stages redirect)
	mux.HandleFunc("GET /enti", s.bodyList)                // bodies.go: every body
	mux.HandleFunc("GET /enti/{slug}", s.bodyPage)         // bodies.go: one body
	mux.HandleFunc("GET /healthz", s.health)               // health.go: for load balancers
	mux.Handle("GET /static/", s.assets.Handler())         // internal/assets: hashed, compressed, cached
	mux.HandleFunc("GET /favicon.ico", s.favicon)          // health.go: no favicon, no 404 noise
	mux.HandleFunc("/", s.notFound)                        // errors.go: everything else

	// Feeds and open data; /tappe/{slug}.ics and /attivita/{slug}.ics are
	// answered through the page routes above (stages.go hands them to feeds_ics.go).
	mux.HandleFunc("GET /tappe.ics", s.stagesICS)                      // feeds_ics.go: stages as iCalendar (?comunita=slug)
	mux.HandleFunc("GET /attivita.ics", s.activitiesICS)               // feeds_ics.go: activities as iCalendar (?tipo=, ?comunita=)
	mux.HandleFunc("GET /comunita/{file}", s.communityICS)             // feeds_ics.go: /comunita/{slug}.ics, one community's path
	mux.HandleFunc("GET /feed.atom", s.activitiesAtom)                 // feeds_atom.go: published activities
	mux.HandleFunc("GET /restituzioni.atom", s.outcomesAtom)           // feeds_atom.go: outcome reports
	mux.HandleFunc("GET /sitemap.xml", s.sitemap)                      // feeds_sitemap.go: every public page
	mux.HandleFunc("GET /robots.txt", s.robots)                        // feeds_sitemap.go: allow all, point at the sitemap
	mux.HandleFunc("GET /opendata", s.openDataPage)                    // feeds_dcat.go: the open-data catalogue, for people
	mux.HandleFunc("GET /opendata/catalogo.jsonld", s.catalogueJSONLD) // feeds_rdf.go: DCAT-AP_IT as JSON-LD
	mux.HandleFunc("GET /opendata/catalogo.ttl", s.catalogueTurtle)    // feeds_rdf.go: DCAT-AP_IT as Turtle
}
