// Package web assembles the site: it builds each room (public, insight,
// opendata, admin, registrations) with only the dependencies that room
// needs, lists every route in routes.go, and wraps the mux in the shared
// middleware. The rooms never import one another except where a package
// comment says so (public reads figures from insight); see
// docs/architecture.md for the map and layout_test.go for the rules.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/mail"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/web/admin"
	"benicommunity/internal/web/core"
	"benicommunity/internal/web/insight"
	"benicommunity/internal/web/opendata"
	"benicommunity/internal/web/public"
	"benicommunity/internal/web/registrations"
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

// The types and defaults of the rooms that the command line configures.
type (
	OpenData  = opendata.OpenData
	MapTiles  = insight.MapTiles
	JobReport = registrations.JobReport
)

const (
	DefaultMaxUpload       = admin.DefaultMaxUpload
	DefaultRetentionMonths = registrations.DefaultRetentionMonths
	DefaultLicenseURL      = opendata.DefaultLicenseURL
	DefaultLicenseName     = opendata.DefaultLicenseName
)

var (
	ParseMapTiles   = insight.ParseMapTiles
	ParseBaseURL    = core.ParseBaseURL
	ParseLicenseURL = opendata.ParseLicenseURL
)

// Server holds the rooms of the site.
type Server struct {
	site          *core.Site // error pages and middleware that belong to no room
	assets        *assets.Assets
	version       string
	csp           string
	public        *public.Handler
	insight       *insight.Handler
	opendata      *opendata.Handler
	admin         *admin.Handler
	registrations *registrations.Handler
}

// New builds every room, so a broken template or a bad setting stops the
// start-up instead of a request.
func New(d Deps) (*Server, error) {
	shared := core.Deps{Store: d.Store, Bundle: d.Bundle, Assets: d.Assets, Markdown: d.Markdown, Log: d.Log}
	if d.BaseURL != "" {
		base, err := core.ParseBaseURL(d.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("web: base URL: %w", err)
		}
		shared.BaseURL = base
	}
	site, err := core.NewSite(shared, nil, nil)
	if err != nil {
		return nil, err
	}
	shared = site.Deps // with the defaults NewSite filled in
	s := &Server{site: site, assets: d.Assets, version: d.Version}
	if s.insight, err = insight.New(shared, insight.Deps{Istat: d.Istat, Geo: d.Geo, MapTiles: d.MapTiles}); err != nil {
		return nil, err
	}
	if s.opendata, err = opendata.New(shared, opendata.Deps{Version: d.Version, OpenData: d.OpenData, ContactEmail: d.ContactEmail}); err != nil {
		return nil, err
	}
	if s.public, err = public.New(shared, public.Deps{ContactEmail: d.ContactEmail, Insight: s.insight, Calendar: s.opendata.ActivityICS}); err != nil {
		return nil, err
	}
	if s.registrations, err = registrations.New(shared, registrations.Deps{Mail: d.Mail, RetentionMonths: d.RetentionMonths}); err != nil {
		return nil, err
	}
	if s.admin, err = admin.New(shared, admin.Deps{Mail: d.Mail, InsecureCookies: d.InsecureCookies, MaxUpload: d.MaxUpload,
		Istat: s.insight.Registry(), MailOutcomes: s.registrations.SendOutcomeMails}); err != nil {
		return nil, err
	}
	s.csp = core.ContentSecurityPolicy(s.insight.Tiles().Origin())
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
	cop.SetDenyHandler(http.HandlerFunc(s.admin.CrossOriginDenied))
	return s.site.RecoverPanics(s.site.LogRequests(core.SecurityHeaders(s.csp, core.Compress(cop.Handler(s.admin.WithUser(mux))))))
}

// Ready reports whether the server can answer (used by /healthz).
func (s *Server) Ready(ctx context.Context) error { return s.site.Store.Ping(ctx) }

// RunRegistrationJobs runs the registration jobs once (reminders, outcome
// e-mails, erasure); see registrations.Handler.RunRegistrationJobs.
func (s *Server) RunRegistrationJobs(ctx context.Context, now time.Time) (registrations.JobReport, error) {
	return s.registrations.RunRegistrationJobs(ctx, now)
}

// StartRegistrationJobs runs the registration jobs every interval until ctx ends.
func (s *Server) StartRegistrationJobs(ctx context.Context, every time.Duration) {
	s.registrations.StartRegistrationJobs(ctx, every)
}
