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
	mux.HandleFunc("GET /accessibilita", s.accessibility)  // quality_pages.go: accessibility statement (AgID model)
	mux.HandleFunc("GET /privacy", s.privacy)              // quality_pages.go: privacy notice
	mux.HandleFunc("GET /healthz", s.health)               // health.go: for load balancers
	mux.Handle("GET /static/", s.assets.Handler())         // internal/assets: hashed, compressed, cached
	mux.HandleFunc("GET /favicon.ico", s.favicon)          // health.go: no favicon, no 404 noise
	mux.HandleFunc("/", s.notFound)                        // errors.go: everything else
}
