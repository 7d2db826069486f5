package web

import "net/http"

// routes is the list of every URL the site answers, and the handler behind it.
// All public pages are readable by anyone and change nothing.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)                                          // home.go: path of stages and counters
	mux.HandleFunc("GET /tappe", s.stageList)                                   // stages.go: every community's path
	mux.HandleFunc("GET /tappe/{slug}", s.stagePage)                            // stages.go: one stage
	mux.HandleFunc("GET /attivita", s.activityList)                             // activities.go: activities by type
	mux.HandleFunc("GET /attivita/{slug}", s.activityPage)                      // activities.go: one activity (stages redirect)
	mux.HandleFunc("GET /enti", s.bodyList)                                     // bodies.go: every body
	mux.HandleFunc("GET /enti/{slug}", s.bodyPage)                              // bodies.go: one body
	mux.HandleFunc("GET /enti/comuni", s.comuniSearch)                          // insight_comuni.go: choose a Comune from the ISTAT registry
	mux.HandleFunc("GET /enti/comuni.json", s.comuniJSON)                       // insight_comuni.go: type-ahead suggestions
	mux.HandleFunc("GET /rete", s.insightPage)                                  // insight_rete.go: the network at a glance
	mux.HandleFunc("GET /rete/mappa.json", s.insightMapJSON)                    // insight_rete.go: members on the map
	mux.HandleFunc("GET /rete/crescita.json", s.insightGrowthJSON)              // insight_rete.go: growth per stage
	mux.HandleFunc("GET /rete/partecipazione.json", s.insightParticipationJSON) // insight_rete.go: participation and shares
	mux.HandleFunc("GET /rete/coinvolgimento.json", s.insightEngagementJSON)    // insight_rete.go: engagement and co-participation
	mux.HandleFunc("GET /healthz", s.health)                                    // health.go: for load balancers
	mux.Handle("GET /static/", s.assets.Handler())                              // internal/assets: hashed, compressed, cached
	mux.HandleFunc("GET /favicon.ico", s.favicon)                               // health.go: no favicon, no 404 noise
	mux.HandleFunc("/", s.notFound)                                             // errors.go: everything else
}
