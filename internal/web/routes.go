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
	mux.HandleFunc("GET /cerca", s.search)                 // search.go: full-text search
	mux.HandleFunc("GET /accessibilita", s.accessibility)  // quality_pages.go: accessibility statement (AgID model)
	mux.HandleFunc("GET /privacy", s.privacy)              // quality_pages.go: privacy notice
	mux.HandleFunc("GET /healthz", s.health)               // health.go: for load balancers

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

	// Open data: read-only, public, CORS open (api_*.go; docs/api.md).
	mux.HandleFunc("GET /api", s.apiPage)                               // api_page.go: the human guide
	mux.HandleFunc("GET /api/openapi.json", s.apiOpenAPI)               // api_openapi.go: OpenAPI 3.1 description
	mux.HandleFunc("GET /api/v1/{$}", s.apiIndex)                       // api_network.go: entry point
	mux.HandleFunc("GET /api/v1/activities", s.apiActivities)           // api_activities.go: published activities
	mux.HandleFunc("GET /api/v1/activities/{slug}", s.apiActivity)      // api_activities.go: one activity
	mux.HandleFunc("GET /api/v1/bodies", s.apiBodies)                   // api_bodies.go: bodies
	mux.HandleFunc("GET /api/v1/bodies/{slug}", s.apiBody)              // api_bodies.go: one body
	mux.HandleFunc("GET /api/v1/communities", s.apiCommunities)         // api_network.go: communities
	mux.HandleFunc("GET /api/v1/activity-types", s.apiActivityTypes)    // api_network.go: types and counters
	mux.HandleFunc("GET /api/v1/network", s.apiNetwork)                 // api_network.go: network figures
	mux.HandleFunc("OPTIONS /api/", s.apiPreflight)                     // api_http.go: CORS preflight
	mux.HandleFunc("/api/", s.apiFallback)                              // api_http.go: 404/405 as problem documents
	mux.HandleFunc("GET /dati/attivita.csv", s.csvActivities)           // api_csv.go: activities as CSV
	mux.HandleFunc("GET /dati/enti.csv", s.csvBodies)                   // api_csv.go: bodies as CSV
	mux.HandleFunc("GET /dati/partecipazioni.csv", s.csvParticipations) // api_csv.go: participations as CSV
	mux.HandleFunc("OPTIONS /dati/attivita.csv", s.apiPreflight)        // api_http.go: CORS preflight
	mux.HandleFunc("OPTIONS /dati/enti.csv", s.apiPreflight)            // api_http.go: CORS preflight
	mux.HandleFunc("OPTIONS /dati/partecipazioni.csv", s.apiPreflight)  // api_http.go: CORS preflight

	mux.Handle("GET /static/", s.assets.Handler()) // internal/assets: hashed, compressed, cached
	mux.HandleFunc("GET /favicon.ico", s.favicon)  // health.go: no favicon, no 404 noise
	mux.HandleFunc("/", s.notFound)                // errors.go: everything else
}
