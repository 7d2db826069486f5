package web

import (
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// routes is the list of every URL the site answers, and the handler behind it,
// grouped by audience and registered in this order. Each line names the
// package and file that answers. All public pages are readable by anyone and
// change nothing; in the backoffice, the guard of each route says who may
// use it.
func (s *Server) routes(mux *http.ServeMux) {
	s.publicRoutes(mux)
	s.feedRoutes(mux)
	s.apiRoutes(mux)
	mux.Handle("GET /static/", s.assets.Handler()) // internal/assets: hashed, compressed, cached
	mux.HandleFunc("GET /favicon.ico", s.favicon)  // health.go: no favicon, no 404 noise

	s.accountRoutes(mux)
	s.adminUserRoutes(mux)
	s.adminActivityRoutes(mux)
	s.adminBodyRoutes(mux)
	s.adminNetworkRoutes(mux)
	s.registrationRoutes(mux)
	s.adminRegistrationRoutes(mux)

	mux.HandleFunc("/", s.site.NotFound) // core/errors.go: everything else
}

// publicRoutes are the pages for people: read-only, open to anyone.
func (s *Server) publicRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.public.Home)                                    // public/home.go: path of stages and counters
	mux.HandleFunc("GET /tappe", s.public.StageList)                             // public/stages.go: every community's path
	mux.HandleFunc("GET /tappe/{slug}", s.public.StagePage)                      // public/stages.go: one stage
	mux.HandleFunc("GET /attivita", s.public.ActivityList)                       // public/activities.go: activities by type
	mux.HandleFunc("GET /attivita/{slug}", s.public.ActivityPage)                // public/activities.go: one activity (stages redirect)
	mux.HandleFunc("GET /enti", s.public.BodyList)                               // public/bodies.go: every body
	mux.HandleFunc("GET /enti/{slug}", s.public.BodyPage)                        // public/bodies.go: one body
	mux.HandleFunc("GET /enti/comuni", s.insight.ComuniSearch)                   // insight/comuni.go: choose a Comune from the ISTAT registry
	mux.HandleFunc("GET /enti/comuni.json", s.insight.ComuniJSON)                // insight/comuni.go: type-ahead suggestions
	mux.HandleFunc("GET /rete", s.insight.Page)                                  // insight/rete.go: the network at a glance
	mux.HandleFunc("GET /rete/mappa.json", s.insight.MapJSON)                    // insight/rete.go: members on the map
	mux.HandleFunc("GET /rete/crescita.json", s.insight.GrowthJSON)              // insight/rete.go: growth per stage
	mux.HandleFunc("GET /rete/partecipazione.json", s.insight.ParticipationJSON) // insight/rete.go: participation and shares
	mux.HandleFunc("GET /rete/coinvolgimento.json", s.insight.EngagementJSON)    // insight/rete.go: engagement and co-participation
	mux.HandleFunc("GET /patti", s.public.PactList)                              // public/pacts.go: pacts of the network, filters with counts, map
	mux.HandleFunc("GET /patti/{slug}", s.public.PactPage)                       // public/pacts.go: one pact
	mux.HandleFunc("GET /regolamenti", s.public.Regulations)                     // public/regulations.go: members and their regulations, coverage, map
	mux.HandleFunc("GET /buone-pratiche", s.public.PracticeList)                 // public/practices.go: the library of practices and training
	mux.HandleFunc("GET /buone-pratiche/{slug}", s.public.PracticePage)          // public/practices.go: one practice
	mux.HandleFunc("GET /registro/allegati/{id}/{name}", s.public.RegistryFile)  // public/files.go: files of published pacts, practices, regulations
	mux.HandleFunc("GET /rete/registro.json", s.insight.RegistryJSON)            // insight/registry_rete.go: pacts and regulation coverage
	mux.HandleFunc("GET /cerca", s.public.Search)                                // public/search.go: full-text search
	mux.HandleFunc("GET /accessibilita", s.public.Accessibility)                 // public/quality_pages.go: accessibility statement (AgID model)
	mux.HandleFunc("GET /privacy", s.public.Privacy)                             // public/quality_pages.go: privacy notice
	mux.HandleFunc("GET /healthz", s.health)                                     // health.go: for load balancers
}

// feedRoutes are the calendars, feeds, sitemap and the DCAT catalogue;
// /tappe/{slug}.ics and /attivita/{slug}.ics are answered through the page
// routes in publicRoutes (stages.go hands them to feeds_ics.go).
func (s *Server) feedRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /tappe.ics", s.opendata.StagesICS)                      // opendata/feeds_ics.go: stages as iCalendar (?comunita=slug)
	mux.HandleFunc("GET /attivita.ics", s.opendata.ActivitiesICS)               // opendata/feeds_ics.go: activities as iCalendar (?tipo=, ?comunita=)
	mux.HandleFunc("GET /comunita/{file}", s.opendata.CommunityICS)             // opendata/feeds_ics.go: /comunita/{slug}.ics, one community's path
	mux.HandleFunc("GET /feed.atom", s.opendata.ActivitiesAtom)                 // opendata/feeds_atom.go: published activities
	mux.HandleFunc("GET /restituzioni.atom", s.opendata.OutcomesAtom)           // opendata/feeds_atom.go: outcome reports
	mux.HandleFunc("GET /sitemap.xml", s.opendata.Sitemap)                      // opendata/feeds_sitemap.go: every public page
	mux.HandleFunc("GET /robots.txt", s.opendata.Robots)                        // opendata/feeds_sitemap.go: allow all, point at the sitemap
	mux.HandleFunc("GET /opendata", s.opendata.OpenDataPage)                    // opendata/feeds_dcat.go: the open-data catalogue, for people
	mux.HandleFunc("GET /opendata/catalogo.jsonld", s.opendata.CatalogueJSONLD) // opendata/feeds_rdf.go: DCAT-AP_IT as JSON-LD
	mux.HandleFunc("GET /opendata/catalogo.ttl", s.opendata.CatalogueTurtle)    // opendata/feeds_rdf.go: DCAT-AP_IT as Turtle
}

// apiRoutes are the open-data API and the CSV downloads: read-only, public,
// CORS open (api_*.go; docs/api.md).
func (s *Server) apiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api", s.opendata.APIPage)                               // opendata/api_page.go: the human guide
	mux.HandleFunc("GET /api/openapi.json", s.opendata.APIOpenAPI)               // opendata/api_openapi.go: OpenAPI 3.1 description
	mux.HandleFunc("GET /api/v1/{$}", s.opendata.APIIndex)                       // opendata/api_network.go: entry point
	mux.HandleFunc("GET /api/v1/activities", s.opendata.APIActivities)           // opendata/api_activities.go: published activities
	mux.HandleFunc("GET /api/v1/activities/{slug}", s.opendata.APIActivity)      // opendata/api_activities.go: one activity
	mux.HandleFunc("GET /api/v1/bodies", s.opendata.APIBodies)                   // opendata/api_bodies.go: bodies
	mux.HandleFunc("GET /api/v1/bodies/{slug}", s.opendata.APIBody)              // opendata/api_bodies.go: one body
	mux.HandleFunc("GET /api/v1/communities", s.opendata.APICommunities)         // opendata/api_network.go: communities
	mux.HandleFunc("GET /api/v1/activity-types", s.opendata.APIActivityTypes)    // opendata/api_network.go: types and counters
	mux.HandleFunc("GET /api/v1/network", s.opendata.APINetwork)                 // opendata/api_network.go: network figures
	mux.HandleFunc("GET /api/v1/pacts", s.opendata.APIPacts)                     // opendata/api_registry.go: published pacts, filters of /patti
	mux.HandleFunc("GET /api/v1/pacts/{slug}", s.opendata.APIPact)               // opendata/api_registry.go: one pact with history and files
	mux.HandleFunc("OPTIONS /api/", s.opendata.APIPreflight)                     // opendata/api_http.go: CORS preflight
	mux.HandleFunc("/api/", s.opendata.APIFallback)                              // opendata/api_http.go: 404/405 as problem documents
	mux.HandleFunc("GET /dati/attivita.csv", s.opendata.CSVActivities)           // opendata/api_csv.go: activities as CSV
	mux.HandleFunc("GET /dati/enti.csv", s.opendata.CSVBodies)                   // opendata/api_csv.go: bodies as CSV
	mux.HandleFunc("GET /dati/partecipazioni.csv", s.opendata.CSVParticipations) // opendata/api_csv.go: participations as CSV
	mux.HandleFunc("GET /dati/patti.csv", s.opendata.CSVPacts)                   // opendata/api_csv_registry.go: pacts as CSV
	mux.HandleFunc("OPTIONS /dati/patti.csv", s.opendata.APIPreflight)           // opendata/api_http.go: CORS preflight
	mux.HandleFunc("OPTIONS /dati/attivita.csv", s.opendata.APIPreflight)        // opendata/api_http.go: CORS preflight
	mux.HandleFunc("OPTIONS /dati/enti.csv", s.opendata.APIPreflight)            // opendata/api_http.go: CORS preflight
	mux.HandleFunc("OPTIONS /dati/partecipazioni.csv", s.opendata.APIPreflight)  // opendata/api_http.go: CORS preflight
}

// accountRoutes log people in and out and handle invitation and reset
// links. Every POST passes cross-origin protection (server.go).
func (s *Server) accountRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /accedi", s.admin.LoginForm)                                   // admin/auth_login.go: login form
	mux.HandleFunc("POST /accedi", s.admin.Login)                                      // admin/auth_login.go: check password, start session
	mux.HandleFunc("POST /esci", s.admin.Logout)                                       // admin/auth_login.go: end this session
	mux.HandleFunc("GET /password-dimenticata", s.admin.ForgotForm)                    // admin/auth_links.go: ask for a reset link
	mux.HandleFunc("POST /password-dimenticata", s.admin.Forgot)                       // admin/auth_links.go: e-mail a reset link
	mux.HandleFunc("GET /accedi/link/{token}", s.admin.LinkForm)                       // admin/auth_links.go: invitation or reset form
	mux.HandleFunc("POST /accedi/link/{token}", s.admin.UseLink)                       // admin/auth_links.go: set password, log in
	mux.Handle("POST /admin/esci-ovunque", s.admin.LoggedIn(s.admin.LogoutEverywhere)) // admin/auth_login.go: end every session
}

// adminUserRoutes manage accounts; the guard of each route says who may use it.
func (s *Server) adminUserRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin", s.admin.LoggedIn(s.admin.Home))                                     // admin/home.go
	mux.Handle("GET /admin/utenti", s.admin.Coordinator(s.admin.Users))                          // admin/users.go: accounts
	mux.Handle("GET /admin/utenti/invita", s.admin.Coordinator(s.admin.InviteForm))              // admin/users.go
	mux.Handle("POST /admin/utenti/invita", s.admin.Coordinator(s.admin.Invite))                 // admin/users.go: invite by e-mail
	mux.Handle("GET /admin/utenti/{id}", s.admin.Coordinator(s.admin.EditUserForm))              // admin/users.go: role and bodies
	mux.Handle("POST /admin/utenti/{id}", s.admin.Coordinator(s.admin.UpdateUser))               // admin/users.go
	mux.Handle("POST /admin/utenti/{id}/invita-di-nuovo", s.admin.Coordinator(s.admin.Reinvite)) // admin/users.go: new invitation link
}

// adminActivityRoutes edit activities and their attachments.
func (s *Server) adminActivityRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/attivita", s.admin.Coordinator(s.admin.Activities))                                                          // admin/activities.go: list
	mux.Handle("GET /admin/attivita/nuova", s.admin.Coordinator(s.admin.NewActivityForm))                                               // admin/activities.go
	mux.Handle("POST /admin/attivita", s.admin.Coordinator(s.admin.CreateActivity))                                                     // admin/activities.go: new draft
	mux.Handle("GET /admin/attivita/{id}", s.admin.Coordinator(s.admin.EditActivityForm))                                               // admin/activities.go
	mux.Handle("POST /admin/attivita/{id}", s.admin.Coordinator(s.admin.UpdateActivity))                                                // admin/activities.go
	mux.Handle("POST /admin/attivita/{id}/pubblica", s.admin.Coordinator(s.admin.SetActivityStatus(domain.StatusPublished, "publish"))) // admin/activities.go
	mux.Handle("POST /admin/attivita/{id}/ritira", s.admin.Coordinator(s.admin.SetActivityStatus(domain.StatusDraft, "unpublish")))     // admin/activities.go
	mux.Handle("POST /admin/attivita/{id}/annulla", s.admin.Coordinator(s.admin.SetActivityStatus(domain.StatusCancelled, "cancel")))   // admin/activities.go
	mux.Handle("GET /admin/attivita/{id}/elimina", s.admin.Coordinator(s.admin.DeleteActivityForm))                                     // admin/activities.go: confirmation
	mux.Handle("POST /admin/attivita/{id}/elimina", s.admin.Coordinator(s.admin.DeleteActivity))                                        // admin/activities.go
	mux.Handle("POST /admin/attivita/{id}/allegati", s.admin.Coordinator(s.admin.UploadAttachment))                                     // admin/attachments.go: upload
	mux.Handle("POST /admin/allegati/{id}/elimina", s.admin.Coordinator(s.admin.DeleteAttachment))                                      // admin/attachments.go
	mux.Handle("POST /admin/anteprima", s.admin.RequireRole(s.admin.MarkdownPreview, auth.Coordinator, auth.Referent))                  // admin/activities.go: Markdown preview
	mux.HandleFunc("GET /allegati/{id}/{name}", s.public.AttachmentFile)                                                                // public/files.go: public when published
}

// adminBodyRoutes edit bodies and their logos.
func (s *Server) adminBodyRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/enti", s.admin.RequireRole(s.admin.Bodies, auth.Coordinator, auth.Referent))                // admin/bodies.go: all, or own
	mux.Handle("GET /admin/enti/nuovo", s.admin.Coordinator(s.admin.NewBodyForm))                                      // admin/bodies.go
	mux.Handle("POST /admin/enti", s.admin.Coordinator(s.admin.CreateBody))                                            // admin/bodies.go
	mux.Handle("GET /admin/enti/{id}", s.admin.RequireRole(s.admin.EditBodyForm, auth.Coordinator, auth.Referent))     // admin/bodies.go: own body only for referents
	mux.Handle("POST /admin/enti/{id}", s.admin.RequireRole(s.admin.UpdateBody, auth.Coordinator, auth.Referent))      // admin/bodies.go: profile only for referents
	mux.Handle("POST /admin/enti/{id}/logo", s.admin.RequireRole(s.admin.UploadLogo, auth.Coordinator, auth.Referent)) // admin/bodies.go
	mux.Handle("GET /admin/enti/{id}/unisci", s.admin.Coordinator(s.admin.MergeBodyForm))                              // admin/bodies.go: merge a duplicate
	mux.Handle("POST /admin/enti/{id}/unisci", s.admin.Coordinator(s.admin.MergeBody))                                 // admin/bodies.go
	mux.HandleFunc("GET /loghi/{id}", s.public.BodyLogo)                                                               // public/files.go: public logo
}

// adminNetworkRoutes edit activity types and communities, and show the change log.
func (s *Server) adminNetworkRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/tipi", s.admin.Coordinator(s.admin.Types))                      // admin/network.go: types and baselines
	mux.Handle("POST /admin/tipi", s.admin.Coordinator(s.admin.CreateType))                // admin/network.go
	mux.Handle("POST /admin/tipi/{id}", s.admin.Coordinator(s.admin.UpdateType))           // admin/network.go
	mux.Handle("GET /admin/community", s.admin.Coordinator(s.admin.Communities))           // admin/network.go
	mux.Handle("POST /admin/community", s.admin.Coordinator(s.admin.CreateCommunity))      // admin/network.go
	mux.Handle("POST /admin/community/{id}", s.admin.Coordinator(s.admin.UpdateCommunity)) // admin/network.go
	mux.Handle("GET /admin/registro", s.admin.Coordinator(s.admin.Audit))                  // admin/audit.go: change log
}

// registrationRoutes are the public side of registrations: form, double
// opt-in, personal link, certificates.
func (s *Server) registrationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /iscrizioni/attivita/{slug}", s.registrations.Form)                          // registrations/public.go: the form
	mux.HandleFunc("POST /iscrizioni/attivita/{slug}", s.registrations.Register)                     // registrations/public.go: record, e-mail the confirmation link
	mux.HandleFunc("GET /iscrizioni/attivita/{slug}/inviata", s.registrations.Sent)                  // registrations/public.go: "check your e-mail"
	mux.HandleFunc("GET /iscrizioni/conferma/{token}", s.registrations.ConfirmPage)                  // registrations/public.go: the confirm button
	mux.HandleFunc("POST /iscrizioni/conferma/{token}", s.registrations.Confirm)                     // registrations/public.go: seat or waiting list
	mux.HandleFunc("GET /iscrizioni/privacy", s.registrations.Privacy)                               // registrations/public.go: privacy notice
	mux.HandleFunc("GET /iscrizioni/gestisci/{token}", s.registrations.ManagePage)                   // registrations/manage.go: see own registration
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}", s.registrations.ManageUpdate)                // registrations/manage.go: correct it
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}/annulla", s.registrations.ManageCancel)        // registrations/manage.go: cancel it
	mux.HandleFunc("POST /iscrizioni/gestisci/{token}/elimina", s.registrations.ManageDelete)        // registrations/manage.go: erase own data
	mux.HandleFunc("GET /iscrizioni/gestisci/{token}/attestato.pdf", s.registrations.CertificatePDF) // registrations/manage.go: certificate
	mux.HandleFunc("GET /attestati/{code}", s.registrations.VerifyCertificate)                       // registrations/manage.go: check a certificate
}

// adminRegistrationRoutes let coordinators follow and manage registrations.
func (s *Server) adminRegistrationRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/iscrizioni", s.admin.Coordinator(s.registrations.AdminActivities))                          // registrations/admin.go: activities
	mux.Handle("GET /admin/iscrizioni/{slug}", s.admin.Coordinator(s.registrations.AdminList))                         // registrations/admin.go: one activity
	mux.Handle("GET /admin/iscrizioni/{slug}/export.csv", s.admin.Coordinator(s.registrations.AdminExport))            // registrations/export.go: CSV
	mux.Handle("POST /admin/iscrizioni/{slug}/impostazioni", s.admin.Coordinator(s.registrations.AdminSettings))       // registrations/admin.go
	mux.Handle("POST /admin/iscrizioni/{slug}/presenze", s.admin.Coordinator(s.registrations.AdminAttendance))         // registrations/admin.go: attendance
	mux.Handle("POST /admin/iscrizioni/{slug}/sposta", s.admin.Coordinator(s.registrations.AdminMove))                 // registrations/admin.go: confirmed ⇄ waiting
	mux.Handle("POST /admin/iscrizioni/{slug}/annulla", s.admin.Coordinator(s.registrations.AdminCancel))              // registrations/admin.go: cancel for someone
	mux.Handle("GET /admin/iscrizioni/{slug}/nuova", s.admin.Coordinator(s.registrations.AdminNewRegistrationForm))    // registrations/admin.go
	mux.Handle("POST /admin/iscrizioni/{slug}/nuova", s.admin.Coordinator(s.registrations.AdminNewRegistration))       // registrations/admin.go: register someone
	mux.Handle("POST /admin/iscrizioni/{slug}/email", s.admin.Coordinator(s.registrations.AdminMailAll))               // registrations/admin.go: e-mail everyone
	mux.Handle("POST /admin/iscrizioni/{slug}/restituzione", s.admin.Coordinator(s.registrations.AdminPublishOutcome)) // registrations/admin.go: outcome + e-mails

	mux.Handle("POST /admin/iscrizioni/{slug}/ente", s.admin.Coordinator(s.registrations.AdminConfirmBody)) // registrations/bodies.go: add a proposed body
}
