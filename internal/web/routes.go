package web

import (
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

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
	mux.HandleFunc("GET /cerca", s.search)                                      // search.go: full-text search
	mux.HandleFunc("GET /accessibilita", s.accessibility)                       // quality_pages.go: accessibility statement (AgID model)
	mux.HandleFunc("GET /privacy", s.privacy)                                   // quality_pages.go: privacy notice
	mux.HandleFunc("GET /healthz", s.health)                                    // health.go: for load balancers

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
	mux.Handle("GET /admin", s.loggedIn(s.adminHome))                                // admin_home.go
	mux.Handle("GET /admin/utenti", s.coordinator(s.adminUsers))                     // admin_users.go: accounts
	mux.Handle("GET /admin/utenti/invita", s.coordinator(s.inviteForm))              // admin_users.go
	mux.Handle("POST /admin/utenti/invita", s.coordinator(s.invite))                 // admin_users.go: invite by e-mail
	mux.Handle("GET /admin/utenti/{id}", s.coordinator(s.editUserForm))              // admin_users.go: role and bodies
	mux.Handle("POST /admin/utenti/{id}", s.coordinator(s.updateUser))               // admin_users.go
	mux.Handle("POST /admin/utenti/{id}/invita-di-nuovo", s.coordinator(s.reinvite)) // admin_users.go: new invitation link

	mux.Handle("GET /admin/attivita", s.coordinator(s.adminActivities))                                                     // admin_activities.go: list
	mux.Handle("GET /admin/attivita/nuova", s.coordinator(s.newActivityForm))                                               // admin_activities.go
	mux.Handle("POST /admin/attivita", s.coordinator(s.createActivity))                                                     // admin_activities.go: new draft
	mux.Handle("GET /admin/attivita/{id}", s.coordinator(s.editActivityForm))                                               // admin_activities.go
	mux.Handle("POST /admin/attivita/{id}", s.coordinator(s.updateActivity))                                                // admin_activities.go
	mux.Handle("POST /admin/attivita/{id}/pubblica", s.coordinator(s.setActivityStatus(domain.StatusPublished, "publish"))) // admin_activities.go
	mux.Handle("POST /admin/attivita/{id}/ritira", s.coordinator(s.setActivityStatus(domain.StatusDraft, "unpublish")))     // admin_activities.go
	mux.Handle("POST /admin/attivita/{id}/annulla", s.coordinator(s.setActivityStatus(domain.StatusCancelled, "cancel")))   // admin_activities.go
	mux.Handle("GET /admin/attivita/{id}/elimina", s.coordinator(s.deleteActivityForm))                                     // admin_activities.go: confirmation
	mux.Handle("POST /admin/attivita/{id}/elimina", s.coordinator(s.deleteActivity))                                        // admin_activities.go
	mux.Handle("POST /admin/attivita/{id}/allegati", s.coordinator(s.uploadAttachment))                                     // admin_attachments.go: upload
	mux.Handle("POST /admin/allegati/{id}/elimina", s.coordinator(s.deleteAttachment))                                      // admin_attachments.go
	mux.Handle("POST /admin/anteprima", s.RequireRole(s.markdownPreview, auth.Coordinator, auth.Referent))                  // admin_activities.go: Markdown preview
	mux.HandleFunc("GET /allegati/{id}/{name}", s.attachmentFile)                                                           // admin_attachments.go: public when published

	mux.Handle("GET /admin/enti", s.RequireRole(s.adminBodies, auth.Coordinator, auth.Referent))           // admin_bodies.go: all, or own
	mux.Handle("GET /admin/enti/nuovo", s.coordinator(s.newBodyForm))                                      // admin_bodies.go
	mux.Handle("POST /admin/enti", s.coordinator(s.createBody))                                            // admin_bodies.go
	mux.Handle("GET /admin/enti/{id}", s.RequireRole(s.editBodyForm, auth.Coordinator, auth.Referent))     // admin_bodies.go: own body only for referents
	mux.Handle("POST /admin/enti/{id}", s.RequireRole(s.updateBody, auth.Coordinator, auth.Referent))      // admin_bodies.go: profile only for referents
	mux.Handle("POST /admin/enti/{id}/logo", s.RequireRole(s.uploadLogo, auth.Coordinator, auth.Referent)) // admin_bodies.go
	mux.Handle("GET /admin/enti/{id}/unisci", s.coordinator(s.mergeBodyForm))                              // admin_bodies.go: merge a duplicate
	mux.Handle("POST /admin/enti/{id}/unisci", s.coordinator(s.mergeBody))                                 // admin_bodies.go
	mux.HandleFunc("GET /loghi/{id}", s.bodyLogo)                                                          // admin_bodies.go: public logo

	mux.Handle("GET /admin/tipi", s.coordinator(s.adminTypes))                 // admin_network.go: types and baselines
	mux.Handle("POST /admin/tipi", s.coordinator(s.createType))                // admin_network.go
	mux.Handle("POST /admin/tipi/{id}", s.coordinator(s.updateType))           // admin_network.go
	mux.Handle("GET /admin/community", s.coordinator(s.adminCommunities))      // admin_network.go
	mux.Handle("POST /admin/community", s.coordinator(s.createCommunity))      // admin_network.go
	mux.Handle("POST /admin/community/{id}", s.coordinator(s.updateCommunity)) // admin_network.go
	mux.Handle("GET /admin/registro", s.coordinator(s.adminAudit))             // admin_audit.go: change log

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
