// Package web assembles the site: it builds each room (public, insight,
// opendata, admin, registrations, outreach) with only the dependencies that room
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
	"strings"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/mail"
	"benicommunity/internal/markdown"
	"benicommunity/internal/metrics"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/web/admin"
	"benicommunity/internal/web/core"
	"benicommunity/internal/web/insight"
	"benicommunity/internal/web/opendata"
	"benicommunity/internal/web/outreach"
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
	// DataController is the titolare del trattamento the privacy notices
	// name; the zero value makes them say it is not configured yet.
	DataController core.DataController
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
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client, for the request log and the login throttle; the
	// zero value trusts none (see ParseTrustedProxies).
	TrustedProxies TrustedProxies
	// Metrics, when set, counts requests, e-mails and jobs for the
	// operators (served on its own listener, never by Handler).
	Metrics *metrics.Metrics
	// MapTiles, when set (see ParseMapTiles), adds an interactive map on
	// tiles from that server to /rete; the zero value keeps every page
	// free of other hosts.
	MapTiles MapTiles
	// SitemapLimit is how many addresses one sitemap file lists before
	// /sitemap.xml becomes a sitemap index (0: 50,000, the protocol's limit).
	SitemapLimit int
	// Versions tells the data version without a database round trip; with
	// it the render cache keeps public answers in memory (nil: no cache).
	Versions *store.VersionWatcher
	// RenderCacheBytes bounds the render cache (0: core.DefaultRenderCacheBytes).
	RenderCacheBytes int64
	// JoinLimit is how many join requests one client or e-mail address
	// may send in an hour (0: outreach.DefaultJoinLimit).
	JoinLimit int
}

// The types and defaults of the rooms that the command line configures.
type (
	DataController = core.DataController
	OpenData       = opendata.OpenData
	MapTiles       = insight.MapTiles
	// TrustedProxies, see core.TrustedProxies.
	TrustedProxies = core.TrustedProxies
	JobReport      = registrations.JobReport
)

const (
	DefaultMaxUpload       = admin.DefaultMaxUpload
	DefaultRetentionMonths = registrations.DefaultRetentionMonths
	DefaultLicenseURL      = opendata.DefaultLicenseURL
	DefaultLicenseName     = opendata.DefaultLicenseName
)

var (
	ParseMapTiles       = insight.ParseMapTiles
	ParseBaseURL        = core.ParseBaseURL
	ParseTrustedProxies = core.ParseTrustedProxies
	ParseLicenseURL     = opendata.ParseLicenseURL
)

// Server holds the rooms of the site.
type Server struct {
	site          *core.Site // error pages and middleware that belong to no room
	assets        *assets.Assets
	version       string
	csp           string
	cache         *core.RenderCache // nil without Deps.Versions
	public        *public.Handler
	insight       *insight.Handler
	opendata      *opendata.Handler
	admin         *admin.Handler
	registrations *registrations.Handler
	maxMultipart  int64 // largest multipart body read by the input check
	metrics       *metrics.Metrics
	outreach      *outreach.Handler
}

// New builds every room, so a broken template or a bad setting stops the
// start-up instead of a request.
func New(d Deps) (*Server, error) {
	shared := core.Deps{Store: d.Store, Bundle: d.Bundle, Assets: d.Assets, Markdown: d.Markdown, Log: d.Log, Proxies: d.TrustedProxies}
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
	s := &Server{site: site, assets: d.Assets, version: d.Version, metrics: d.Metrics}
	if s.insight, err = insight.New(shared, insight.Deps{Istat: d.Istat, Geo: d.Geo, MapTiles: d.MapTiles}); err != nil {
		return nil, err
	}
	if s.opendata, err = opendata.New(shared, opendata.Deps{Version: d.Version, OpenData: d.OpenData, SitemapLimit: d.SitemapLimit, ContactEmail: d.ContactEmail}); err != nil {
		return nil, err
	}
	if s.public, err = public.New(shared, public.Deps{ContactEmail: d.ContactEmail, Insight: s.insight, Calendar: s.opendata.ActivityICS,
		DataController: d.DataController, SessionLifetime: admin.SessionLifetime}); err != nil {
		return nil, err
	}
	regDeps := registrations.Deps{Mail: d.Mail, RetentionMonths: d.RetentionMonths, DataController: d.DataController}
	if d.Metrics != nil {
		regDeps.Metrics = d.Metrics
	}
	if s.registrations, err = registrations.New(shared, regDeps); err != nil {
		return nil, err
	}
	if s.admin, err = admin.New(shared, admin.Deps{Mail: d.Mail, InsecureCookies: d.InsecureCookies, MaxUpload: d.MaxUpload,
		Istat: s.insight.Registry(), MailOutcomes: s.registrations.SendOutcomeMails}); err != nil {
		return nil, err
	}
	if s.outreach, err = outreach.New(shared, outreach.Deps{Mail: d.Mail, Istat: s.insight.Registry(), JoinLimit: d.JoinLimit}); err != nil {
		return nil, err
	}
	s.csp = core.ContentSecurityPolicy(s.insight.Tiles().Origin())
	if d.Versions != nil {
		s.cache = newRenderCache(site, d.Versions, d.RenderCacheBytes)
	}
	s.maxMultipart = d.MaxUpload
	if s.maxMultipart <= 0 {
		s.maxMultipart = DefaultMaxUpload
	}
	s.maxMultipart += 64 << 10 // the other fields of the form, as the upload handlers allow
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
	// The input check refuses text that is not valid UTF-8 or holds control
	// characters in the path, the query or a posted form (core/input.go).
	var routed http.Handler = mux
	if s.metrics != nil {
		routed = metrics.Pattern(mux)
	}
	// The one-click unsubscribe (RFC 8058) is posted by mail programs and
	// webmail servers, possibly from another site; it only erases the
	// subscription its secret token names, so it is exempt.
	cop.AddInsecureBypassPattern("POST " + newsletter.UnsubscribePath + "{token}")
	inner := core.Compress(cop.Handler(s.site.CheckInput(s.maxMultipart, s.admin.WithUser(routed))))
	if s.cache != nil {
		inner = s.cache.Middleware(inner)
	}
	h := core.SecurityHeaders(s.csp, inner)
	if strings.HasPrefix(s.site.BaseURL, "https://") {
		h = core.StrictTransportSecurity(h) // every answer, errors included
	}
	h = s.site.RecoverPanics(s.site.LogRequests(h))
	if s.metrics != nil {
		h = s.metrics.Requests(h) // outside the recovery, so a panic counts as the 500 it answers
	}
	return h
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
