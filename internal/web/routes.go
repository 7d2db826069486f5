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
	s.adminPactRoutes(mux)
	s.adminPracticeRoutes(mux)
	s.adminNetworkRoutes(mux)
	s.registrationRoutes(mux)
	s.adminRegistrationRoutes(mux)
	s.outreachRoutes(mux)

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
	mux.HandleFunc("GET /chi-siamo", s.public.About)                             // public/about.go: who runs the network, partners, how to take part
	mux.HandleFunc("GET /privacy", s.public.Privacy)                             // public/quality_pages.go: privacy notice
	mux.HandleFunc("GET /lingua", s.public.Language)                             // public/language.go: language switch, keeps the choice in a cookie
	mux.HandleFunc("GET /healthz", s.health)                                     // health.go: liveness, for load balancers
	mux.HandleFunc("GET /readyz", s.ready)                                       // health.go: readiness (the database answers)
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
	mux.Handle("GET /admin/password", s.admin.LoggedIn(s.admin.PasswordForm))          // admin/password.go: change one's own password
	mux.Handle("POST /admin/password", s.admin.LoggedIn(s.admin.ChangePassword))       // admin/password.go: ends the other sessions
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
	mux.Handle("POST /admin/attivita/{id}/formazione", s.admin.Coordinator(s.admin.AddTrainingLink))                                    // admin/training.go: a recording or slides online
	mux.Handle("POST /admin/attivita/{id}/formazione/{link}/elimina", s.admin.Coordinator(s.admin.DeleteTrainingLink))                  // admin/training.go
	mux.Handle("POST /admin/allegati/{id}/elimina", s.admin.Coordinator(s.admin.DeleteAttachment))                                      // admin/attachments.go
	mux.Handle("POST /admin/anteprima", s.admin.RequireRole(s.admin.MarkdownPreview, auth.Coordinator, auth.Referent))                  // admin/activities.go: Markdown preview
	mux.HandleFunc("GET /allegati/{id}/{name}", s.public.AttachmentFile)                                                                // public/files.go: public when published
}

// adminBodyRoutes edit bodies and their logos.
func (s *Server) adminBodyRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/enti", s.admin.RequireRole(s.admin.Bodies, auth.Coordinator, auth.Referent))                                              // admin/bodies.go: all, or own
	mux.Handle("GET /admin/enti/nuovo", s.admin.Coordinator(s.admin.NewBodyForm))                                                                    // admin/bodies.go
	mux.Handle("POST /admin/enti", s.admin.Coordinator(s.admin.CreateBody))                                                                          // admin/bodies.go
	mux.Handle("GET /admin/enti/{id}", s.admin.RequireRole(s.admin.EditBodyForm, auth.Coordinator, auth.Referent))                                   // admin/bodies.go: own body only for referents
	mux.Handle("POST /admin/enti/{id}", s.admin.RequireRole(s.admin.UpdateBody, auth.Coordinator, auth.Referent))                                    // admin/bodies.go: profile only for referents
	mux.Handle("POST /admin/enti/{id}/logo", s.admin.RequireRole(s.admin.UploadLogo, auth.Coordinator, auth.Referent))                               // admin/bodies.go
	mux.Handle("GET /admin/enti/{id}/unisci", s.admin.Coordinator(s.admin.MergeBodyForm))                                                            // admin/bodies.go: merge a duplicate
	mux.Handle("POST /admin/enti/{id}/unisci", s.admin.Coordinator(s.admin.MergeBody))                                                               // admin/bodies.go
	mux.Handle("GET /admin/enti/{id}/regolamento", s.admin.RequireRole(s.admin.RegulationForm, auth.Coordinator, auth.Referent))                     // admin/regulations.go: the body's regulation record
	mux.Handle("POST /admin/enti/{id}/regolamento", s.admin.RequireRole(s.admin.SaveRegulation, auth.Coordinator, auth.Referent))                    // admin/regulations.go: save, or delete when not known
	mux.Handle("POST /admin/enti/{id}/regolamento/testo", s.admin.RequireRole(s.admin.UploadRegulationText, auth.Coordinator, auth.Referent))        // admin/regulations.go: the text as PDF
	mux.Handle("POST /admin/allegati-registro/{id}/elimina", s.admin.RequireRole(s.admin.DeleteRegistryAttachment, auth.Coordinator, auth.Referent)) // admin/regulations.go: a file of a regulation, pact or practice
	mux.HandleFunc("GET /loghi/{id}", s.public.BodyLogo)                                                                                             // public/files.go: public logo
}

// adminPactRoutes edit pacts, their files and the lists they choose from:
// referents for their own bodies, coordinators for all.
func (s *Server) adminPactRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/patti", s.admin.RequireRole(s.admin.Pacts, auth.Coordinator, auth.Referent))                                 // admin/pacts.go: all, or own bodies'
	mux.Handle("GET /admin/patti/nuovo", s.admin.RequireRole(s.admin.NewPactForm, auth.Coordinator, auth.Referent))                     // admin/pacts.go
	mux.Handle("POST /admin/patti", s.admin.RequireRole(s.admin.CreatePact, auth.Coordinator, auth.Referent))                           // admin/pacts.go: new draft, own bodies only for referents
	mux.Handle("GET /admin/patti/{id}", s.admin.RequireRole(s.admin.EditPactForm, auth.Coordinator, auth.Referent))                     // admin/pacts.go: form, history, files
	mux.Handle("POST /admin/patti/{id}", s.admin.RequireRole(s.admin.UpdatePact, auth.Coordinator, auth.Referent))                      // admin/pacts.go
	mux.Handle("POST /admin/patti/{id}/stato", s.admin.RequireRole(s.admin.SetPactStatus, auth.Coordinator, auth.Referent))             // admin/pacts.go: status change with day and note
	mux.Handle("POST /admin/patti/{id}/pubblica", s.admin.RequireRole(s.admin.SetPactPublished(true), auth.Coordinator, auth.Referent)) // admin/pacts.go
	mux.Handle("POST /admin/patti/{id}/ritira", s.admin.RequireRole(s.admin.SetPactPublished(false), auth.Coordinator, auth.Referent))  // admin/pacts.go: back to draft
	mux.Handle("GET /admin/patti/{id}/elimina", s.admin.RequireRole(s.admin.DeletePactForm, auth.Coordinator, auth.Referent))           // admin/pacts.go: confirmation
	mux.Handle("POST /admin/patti/{id}/elimina", s.admin.RequireRole(s.admin.DeletePact, auth.Coordinator, auth.Referent))              // admin/pacts.go
	mux.Handle("POST /admin/patti/{id}/allegati", s.admin.RequireRole(s.admin.UploadPactFile, auth.Coordinator, auth.Referent))         // admin/pacts.go: signed pact (PDF) or photo
	mux.Handle("GET /admin/patti/importa", s.admin.RequireRole(s.admin.ImportForm, auth.Coordinator, auth.Referent))                    // admin/pact_import.go: a body's CSV file
	mux.Handle("POST /admin/patti/importa", s.admin.RequireRole(s.admin.UploadImport, auth.Coordinator, auth.Referent))                 // admin/pact_import.go: preview with the mapping
	mux.Handle("POST /admin/patti/importa/conferma", s.admin.RequireRole(s.admin.ConfirmImport, auth.Coordinator, auth.Referent))       // admin/pact_import.go: new mapping, or import all rows or none
	mux.Handle("GET /admin/patti/beni", s.admin.Coordinator(s.admin.CommonsKinds))                                                      // admin/pact_lists.go: kinds of commons
	mux.Handle("POST /admin/patti/beni", s.admin.Coordinator(s.admin.CreateCommonsKind))                                                // admin/pact_lists.go
	mux.Handle("GET /admin/patti/tipi", s.admin.Coordinator(s.admin.PactTypes))                                                         // admin/pact_lists.go: types of pact of a body
	mux.Handle("POST /admin/patti/tipi", s.admin.Coordinator(s.admin.CreatePactType))                                                   // admin/pact_lists.go
}

// adminPracticeRoutes edit good practices and their files: referents for
// their own bodies, coordinators for all.
func (s *Server) adminPracticeRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/buone-pratiche", s.admin.RequireRole(s.admin.Practices, auth.Coordinator, auth.Referent))                                 // admin/practices.go: all, or own bodies'
	mux.Handle("GET /admin/buone-pratiche/nuova", s.admin.RequireRole(s.admin.NewPracticeForm, auth.Coordinator, auth.Referent))                     // admin/practices.go
	mux.Handle("POST /admin/buone-pratiche", s.admin.RequireRole(s.admin.CreatePractice, auth.Coordinator, auth.Referent))                           // admin/practices.go: new draft
	mux.Handle("GET /admin/buone-pratiche/{id}", s.admin.RequireRole(s.admin.EditPracticeForm, auth.Coordinator, auth.Referent))                     // admin/practices.go
	mux.Handle("POST /admin/buone-pratiche/{id}", s.admin.RequireRole(s.admin.UpdatePractice, auth.Coordinator, auth.Referent))                      // admin/practices.go
	mux.Handle("POST /admin/buone-pratiche/{id}/pubblica", s.admin.RequireRole(s.admin.SetPracticePublished(true), auth.Coordinator, auth.Referent)) // admin/practices.go
	mux.Handle("POST /admin/buone-pratiche/{id}/ritira", s.admin.RequireRole(s.admin.SetPracticePublished(false), auth.Coordinator, auth.Referent))  // admin/practices.go
	mux.Handle("GET /admin/buone-pratiche/{id}/elimina", s.admin.RequireRole(s.admin.DeletePracticeForm, auth.Coordinator, auth.Referent))           // admin/practices.go: confirmation
	mux.Handle("POST /admin/buone-pratiche/{id}/elimina", s.admin.RequireRole(s.admin.DeletePractice, auth.Coordinator, auth.Referent))              // admin/practices.go
	mux.Handle("POST /admin/buone-pratiche/{id}/allegati", s.admin.RequireRole(s.admin.UploadPracticeFile, auth.Coordinator, auth.Referent))         // admin/practices.go: templates, forms
}

// adminNetworkRoutes edit activity types and communities, and show the change log.
func (s *Server) adminNetworkRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/tipi", s.admin.Coordinator(s.admin.Types))                      // admin/network.go: types and baselines
	mux.Handle("POST /admin/tipi", s.admin.Coordinator(s.admin.CreateType))                // admin/network.go
	mux.Handle("POST /admin/tipi/{id}", s.admin.Coordinator(s.admin.UpdateType))           // admin/network.go
	mux.Handle("GET /admin/community", s.admin.Coordinator(s.admin.Communities))           // admin/network.go
	mux.Handle("POST /admin/community", s.admin.Coordinator(s.admin.CreateCommunity))      // admin/network.go
	mux.Handle("POST /admin/community/{id}", s.admin.Coordinator(s.admin.UpdateCommunity)) // admin/network.go
	mux.Handle("GET /admin/chi-siamo", s.admin.Coordinator(s.admin.AboutForm))             // admin/about.go: about page, partners, contacts
	mux.Handle("POST /admin/chi-siamo", s.admin.Coordinator(s.admin.UpdateAbout))          // admin/about.go: audited by the store
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

// outreachRoutes are the front door: joining the network and its news
// (outreach; docs/front-door.md).
func (s *Server) outreachRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /aderisci", s.outreach.JoinForm)                                              // outreach/join.go: the join request form
	mux.HandleFunc("POST /aderisci", s.outreach.Join)                                                 // outreach/join.go: record, e-mail the confirmation link
	mux.HandleFunc("GET /aderisci/inviata", s.outreach.JoinSent)                                      // outreach/join.go: "check your e-mail"
	mux.HandleFunc("GET /aderisci/conferma/{token}", s.outreach.JoinConfirmPage)                      // outreach/join.go: the confirm button
	mux.HandleFunc("POST /aderisci/conferma/{token}", s.outreach.JoinConfirm)                         // outreach/join.go: to the coordinators
	mux.Handle("GET /admin/adesioni", s.admin.Coordinator(s.outreach.AdminJoinRequests))              // outreach/join_admin.go: requests by status
	mux.Handle("GET /admin/adesioni/{id}", s.admin.Coordinator(s.outreach.AdminJoinRequest))          // outreach/join_admin.go: one request
	mux.Handle("POST /admin/adesioni/{id}/accetta", s.admin.Coordinator(s.outreach.AdminAcceptJoin))  // outreach/join_admin.go: body, referent invitation, e-mails
	mux.Handle("POST /admin/adesioni/{id}/rifiuta", s.admin.Coordinator(s.outreach.AdminDeclineJoin)) // outreach/join_admin.go: decline with a message
	mux.Handle("POST /admin/adesioni/{id}/elimina", s.admin.Coordinator(s.outreach.AdminDeleteJoin))  // outreach/join_admin.go: erase on request
	mux.HandleFunc("GET /iscriviti-alle-novita", s.outreach.NewsForm)                                 // outreach/news.go: the subscription form
	mux.HandleFunc("POST /iscriviti-alle-novita", s.outreach.Subscribe)                               // outreach/news.go: record, e-mail the confirmation link
	mux.HandleFunc("GET /iscriviti-alle-novita/inviata", s.outreach.NewsSent)                         // outreach/news.go: "check your e-mail"
	mux.HandleFunc("GET /novita/conferma/{token}", s.outreach.NewsConfirmPage)                        // outreach/news.go: the confirm button
	mux.HandleFunc("POST /novita/conferma/{token}", s.outreach.NewsConfirm)                           // outreach/news.go: confirm the subscription
	mux.HandleFunc("GET /novita/disiscrizione/{token}", s.outreach.UnsubscribePage)                   // outreach/news.go: the unsubscribe button (newsletter.UnsubscribePath)
	mux.HandleFunc("POST /novita/disiscrizione/{token}", s.outreach.Unsubscribe)                      // outreach/news.go: unsubscribe, also RFC 8058 one-click
	mux.Handle("GET /admin/novita", s.admin.Coordinator(s.outreach.AdminNewsCounts))                  // outreach/news.go: subscribers per topic, never a list
}
