// Package web serves the public site: server-rendered HTML in Italian (English
// second), built on net/http and html/template. Every route is listed in routes.go.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/auth"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
)

// Deps are what the server needs; they are built by the caller and passed in.
type Deps struct {
	Store    *store.Store
	Bundle   *i18n.Bundle
	Assets   *assets.Assets
	Markdown *markdown.Renderer
	Log      *slog.Logger
	Version  string
	// Mail sends invitations and password resets; nil refuses to send them.
	Mail mail.Sender
	// BaseURL is the public address used in e-mail links
	// (e.g. https://rete.example.it); empty means the address of the request.
	BaseURL string
	// InsecureCookies drops the Secure flag of the session cookie, for
	// local use over plain http only.
	InsecureCookies bool
	// MaxUpload is the largest attachment accepted, in bytes (0: DefaultMaxUpload).
	MaxUpload int64
	// RetentionMonths is how long registrations keep personal data after
	// the activity (0: DefaultRetentionMonths).
	RetentionMonths int
}

// Server holds the parsed templates and the dependencies of the handlers.
type Server struct {
	store    *store.Store
	bundle   *i18n.Bundle
	assets   *assets.Assets
	markdown *markdown.Renderer
	log      *slog.Logger
	version  string
	views    *views

	mail          mail.Sender
	baseURL       string
	secureCookies bool
	maxUpload     int64
	// retentionMonths: see Deps.RetentionMonths.
	retentionMonths int
	loginThrottle   *throttle
	sessionMaxAge   time.Duration
	// dummyHash is checked when no account has the typed address, so a
	// wrong address costs as much time as a wrong password.
	dummyHash string
}

// New checks the dependencies and parses every template, so a broken template
// stops the start-up instead of a request.
func New(d Deps) (*Server, error) {
	if d.Store == nil || d.Bundle == nil || d.Assets == nil || d.Log == nil {
		return nil, fmt.Errorf("web: missing dependency")
	}
	if d.Markdown == nil {
		d.Markdown = markdown.New()
	}
	s := &Server{store: d.Store, bundle: d.Bundle, assets: d.Assets, markdown: d.Markdown, log: d.Log, version: d.Version,
		mail: d.Mail, baseURL: d.BaseURL, secureCookies: !d.InsecureCookies, maxUpload: d.MaxUpload,
		loginThrottle: newThrottle(), sessionMaxAge: sessionLifetime}
	token, _ := auth.NewToken()
	dummy, err := auth.HashPassword(token)
	if err != nil {
		return nil, err
	}
	s.dummyHash = dummy
	s.retentionMonths = d.RetentionMonths
	if s.retentionMonths <= 0 {
		s.retentionMonths = DefaultRetentionMonths
	}
	if s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUpload
	}
	v, err := parseViews(s.funcs())
	if err != nil {
		return nil, err
	}
	s.views = v
	return s, nil
}

// Handler returns the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	// Cross-origin protection refuses state-changing requests a browser
	// sends on behalf of another site (Sec-Fetch-Site / Origin), before any
	// handler or session lookup runs.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	return s.recoverPanics(s.logRequests(securityHeaders(compress(cop.Handler(s.withUser(mux))))))
}

// Ready reports whether the server can answer (used by /healthz).
func (s *Server) Ready(ctx context.Context) error { return s.store.Ping(ctx) }
