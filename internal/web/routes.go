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

	// Accounts. Every POST passes cross-origin protection (server.go).
	mux.HandleFunc("GET /accedi", s.loginForm)                             // auth_login.go: login form
	mux.HandleFunc("POST /accedi", s.login)                                // auth_login.go: check password, start session
	mux.HandleFunc("POST /esci", s.logout)                                 // auth_login.go: end this session
	mux.HandleFunc("GET /password-dimenticata", s.forgotForm)              // auth_links.go: ask for a reset link
	mux.HandleFunc("POST /password-dimenticata", s.forgot)                 // auth_links.go: e-mail a reset link
	mux.HandleFunc("GET /accedi/link/{token}", s.linkForm)                 // auth_links.go: invitation or reset form
	mux.HandleFunc("POST /accedi/link/{token}", s.useLink)                 // auth_links.go: set password, log in
	mux.Handle("POST /admin/esci-ovunque", s.loggedIn(s.logoutEverywhere)) // auth_login.go: end every session

	// Backoffice: the guard of each route says who may use it.
	mux.Handle("GET /admin", s.loggedIn(s.adminHome))                   // admin_home.go
	mux.Handle("GET /admin/utenti", s.coordinator(s.adminUsers))        // admin_users.go: accounts
	mux.Handle("GET /admin/utenti/invita", s.coordinator(s.inviteForm)) // admin_users.go
	mux.Handle("POST /admin/utenti/invita", s.coordinator(s.invite))    // admin_users.go: invite by e-mail

	mux.HandleFunc("/", s.notFound) // errors.go: everything else
}
