// Package admin serves the backoffice and the accounts behind it: login,
// logout, invitation and password-reset links, sessions, and the pages where
// coordinators and referents edit the network (activities, attachments,
// bodies and logos, activity types, communities, accounts, the change log)
// and the registry of each body (regulation, pacts and their CSV import,
// good practices, training materials of activities).
//
// Every route here except the login and link pages is guarded in routes.go
// (LoggedIn, Coordinator, RequireRole), and every handler checks again what
// the account may touch (a referent edits only their own bodies). Its
// session middleware (WithUser) puts the account of the request where
// core.CurrentUser finds it, for every room.
package admin

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/istat"
	"benicommunity/internal/mail"
	"benicommunity/internal/web/core"
)

//go:embed templates
var templateFiles embed.FS

// Deps are what the backoffice needs besides the shared core.
type Deps struct {
	// Mail sends invitations and password resets; nil refuses to send them.
	Mail mail.Sender
	// InsecureCookies drops the Secure flag of the session cookie, for
	// local use over plain http only.
	InsecureCookies bool
	// MaxUpload is the largest attachment accepted, in bytes (0: DefaultMaxUpload).
	MaxUpload int64
	// Istat completes a Comune's province, region and code in the body form.
	Istat *istat.Registry
	// MailOutcomes e-mails a published outcome report to the attendees of
	// the activities whose report is due (the registrations room's job);
	// the activity form calls it after saving.
	MailOutcomes func(ctx context.Context, r *http.Request) (int, error)
}

// Handler answers the backoffice and account pages.
type Handler struct {
	*core.Site
	mail          mail.Sender
	secureCookies bool
	maxUpload     int64
	istat         *istat.Registry
	sendOutcomes  func(ctx context.Context, r *http.Request) (int, error)
	loginThrottle throttle
	sessionMaxAge time.Duration
	// dummyHash is checked when no account has the typed address, so a
	// wrong address costs as much time as a wrong password.
	dummyHash string
}

// New parses the backoffice templates and prepares the login checks.
func New(shared core.Deps, d Deps) (*Handler, error) {
	s := &Handler{mail: d.Mail, secureCookies: !d.InsecureCookies, maxUpload: d.MaxUpload, istat: d.Istat,
		sendOutcomes: d.MailOutcomes, sessionMaxAge: SessionLifetime}
	if s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUpload
	}
	token, _ := auth.NewToken()
	dummy, err := auth.HashPassword(token)
	if err != nil {
		return nil, err
	}
	s.dummyHash = dummy
	funcs := template.FuncMap{
		"maxUpload":  func() int64 { return s.maxUpload },
		"prettyJSON": prettyJSON,
	}
	site, err := core.NewSite(shared, core.Templates(templateFiles), funcs)
	if err != nil {
		return nil, err
	}
	s.Site = site
	s.loginThrottle = throttle{store: site.Store, log: site.Log}
	return s, nil
}
