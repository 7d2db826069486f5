// Package web serves the public site: server-rendered HTML in Italian (English
// second), built on net/http and html/template. Every route is listed in routes.go.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"benicommunity/internal/assets"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
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
	Istat    *istat.Registry // loaded from the embedded data when nil
	Geo      *geo.Map        // loaded from the embedded data when nil
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
	istat    *istat.Registry
	geo      *geo.Map
	insight  *insightCache
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
		istat: d.Istat, geo: d.Geo}
	if err := s.loadInsightDeps(); err != nil {
		return nil, err
	}
	v, err := parseViews(mergeFuncs(s.funcs(), insightFuncs()))
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
	return s.recoverPanics(s.logRequests(securityHeaders(compress(mux))))
}

// Ready reports whether the server can answer (used by /healthz).
func (s *Server) Ready(ctx context.Context) error { return s.store.Ping(ctx) }
