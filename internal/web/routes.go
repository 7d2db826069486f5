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

	// Registrations: public form, double opt-in, personal link, certificates.
	mux.HandleFunc("GET /iscrizioni/attivita/{slug}", s.registrationForm)                                // registration_public.go: the form
	mux.HandleFunc("POST /iscrizioni/attivita/{slug}", s.register)                                       // registration_public.go: record, e-mail the confirmation link
	mux.HandleFunc("GET /iscrizioni/attivita/{slug}/inviata", s.registrationSent)                        // registration_public.go: "check your e-mail"
	mux.HandleFunc("GET /iscrizioni/conferma/{token}", s.confirmPage)                                    // registration_public.go: the confirm button
	mux.HandleFunc("POST /iscrizioni/conferma/{token}", s.confirm)                                       // registration_public.go: seat or waiting list
	mux.HandleFunc("GET /iscrizioni/privacy", s.registrationPrivacy)                                     // registration_public.go: privacy notice
	mux.HandleFunc("GET /iscrizioni/gestisci/{token}", s.managePage)                                     // registration_manage.go: see own registration
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}", s.manageUpdate)                                  // registration_manage.go: correct it
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}/annulla", s.manageCancel)                          // registration_manage.go: cancel it
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}/elimina", s.manageDelete)                          // registration_manage.go: erase own data
	mux.HandleFunc("GET /iscrizioni/gestisci/{token}/attestato.pdf", s.certificatePDF)                   // registration_manage.go: certificate
	mux.HandleFunc("GET /attestati/{code}", s.verifyCertificate)                                         // registration_manage.go: check a certificate
	mux.Handle("GET /admin/iscrizioni", s.coordinator(s.adminRegistrationActivities))                    // registration_admin.go: activities
	mux.Handle("GET /admin/iscrizioni/{slug}", s.coordinator(s.adminRegistrations))                      // registration_admin.go: one activity
	mux.Handle("GET /admin/iscrizioni/{slug}/export.csv", s.coordinator(s.adminExport))                  // registration_export.go: CSV
	mux.Handle("POST /admin/iscrizioni/{slug}/impostazioni", s.coordinator(s.adminRegistrationSettings)) // registration_admin.go
	mux.Handle("POST /admin/iscrizioni/{slug}/presenze", s.coordinator(s.adminAttendance))               // registration_admin.go: attendance
	mux.Handle("POST /admin/iscrizioni/{slug}/sposta", s.coordinator(s.adminMove))                       // registration_admin.go: confirmed ⇄ waiting
	mux.Handle("POST /admin/iscrizioni/{slug}/annulla", s.coordinator(s.adminCancel))                    // registration_admin.go: cancel for someone
	mux.Handle("GET /admin/iscrizioni/{slug}/nuova", s.coordinator(s.adminNewRegistrationForm))          // registration_admin.go
	mux.Handle("POST /admin/iscrizioni/{slug}/nuova", s.coordinator(s.adminNewRegistration))             // registration_admin.go: register someone
	mux.Handle("POST /admin/iscrizioni/{slug}/email", s.coordinator(s.adminMailAll))                     // registration_admin.go: e-mail everyone
	mux.Handle("POST /admin/iscrizioni/{slug}/restituzione", s.coordinator(s.adminPublishOutcome))       // registration_admin.go: outcome + e-mails

	mux.Handle("POST /admin/iscrizioni/{slug}/ente", s.coordinator(s.adminConfirmBody)) // registration_bodies.go: add a proposed body

	mux.HandleFunc("/", s.notFound) // errors.go: everything else
}
