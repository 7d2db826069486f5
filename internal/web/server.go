// Package web serves the public site: server-rendered HTML in Italian (English
// second), built on net/http and html/template. Every route is listed in routes.go.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/auth"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
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
	BaseURL  string   // public address for absolute links (feeds, sitemap, linked data); empty: the request's host
	OpenData OpenData // publisher and licence of the open-data catalogue
	// ContactEmail receives accessibility feedback; /accessibilita shows it.
	ContactEmail string
	// Mail sends invitations and password resets; nil refuses to send them.
	Mail mail.Sender
	// InsecureCookies drops the Secure flag of the session cookie, for
	// local use over plain http only.
	InsecureCookies bool
	// MaxUpload is the largest attachment accepted, in bytes (0: DefaultMaxUpload).
	MaxUpload int64
	Istat     *istat.Registry // loaded from the embedded data when nil
	Geo       *geo.Map        // loaded from the embedded data when nil
	// RetentionMonths is how long registrations keep personal data after
	// the activity (0: DefaultRetentionMonths).
	RetentionMonths int
	// MapTiles, when set (see ParseMapTiles), adds an interactive map on
	// tiles from that server to /rete; the zero value keeps every page
	// free of other hosts.
	MapTiles MapTiles
}

// Server holds the parsed templates and the dependencies of the handlers.
type Server struct {
	store    *store.Store
	bundle   *i18n.Bundle
	assets   *assets.Assets
	markdown *markdown.Renderer
	log      *slog.Logger
	version  string
	baseURL  string
	openData OpenData
	rome     *time.Location
	contact  string
	views    *views
	// cursorKeys holds the key that signs API cursors (api_cursor.go).
	cursorKeys cursorKeys

	mail          mail.Sender
	secureCookies bool
	maxUpload     int64
	// retentionMonths: see Deps.RetentionMonths.
	retentionMonths int
	loginThrottle   *throttle
	sessionMaxAge   time.Duration
	// dummyHash is checked when no account has the typed address, so a
	// wrong address costs as much time as a wrong password.
	dummyHash string
	istat     *istat.Registry
	geo       *geo.Map
	insight   *insightCache
	tiles     MapTiles
	csp       string
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
		openData: d.OpenData.withDefaults(), contact: d.ContactEmail,
		mail: d.Mail, secureCookies: !d.InsecureCookies, maxUpload: d.MaxUpload,
		loginThrottle: newThrottle(), sessionMaxAge: sessionLifetime,
		istat: d.Istat, geo: d.Geo}
	if err := s.loadInsightDeps(); err != nil {
		return nil, err
	}
	if d.MapTiles.Enabled() {
		t, err := ParseMapTiles(d.MapTiles.URL, d.MapTiles.Attribution)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		s.tiles = t
	}
	s.csp = contentSecurityPolicy(s.tiles)
	if d.BaseURL != "" {
		base, err := ParseBaseURL(d.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("web: base URL: %w", err)
		}
		s.baseURL = base
	}
	var err error
	if s.rome, err = loadRome(); err != nil {
		return nil, err
	}
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
	funcs := s.funcs()
	maps.Copy(funcs, s.feedFuncs())
	v, err := parseViews(mergeFuncs(funcs, insightFuncs()))
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
	return s.recoverPanics(s.logRequests(securityHeaders(s.csp, compress(cop.Handler(s.withUser(mux))))))
}

// Ready reports whether the server can answer (used by /healthz).
func (s *Server) Ready(ctx context.Context) error { return s.store.Ping(ctx) }
