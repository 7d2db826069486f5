// Package core is what every room of the site shares: page rendering with the
// shared layout and partials, error pages, middleware (security headers,
// compression, request log, panic recovery), pagination, forms, the
// localizer, the public base URL, and the account of the request.
//
// It serves no route of its own and never writes to the database; it holds
// no mail sender and no session store. Rooms (public, insight, opendata,
// admin, registrations) embed a *Site and add only what their audience needs.
package core

import (
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
)

// Deps are the dependencies every room shares.
type Deps struct {
	Store    *store.Store
	Bundle   *i18n.Bundle
	Assets   *assets.Assets
	Markdown *markdown.Renderer
	Log      *slog.Logger
	// BaseURL is the public address for absolute links (feeds, sitemap,
	// linked data); empty: the address each request came to.
	BaseURL string
	// Proxies are the reverse proxies whose X-Forwarded-For names the
	// client (ClientIP); none by default.
	Proxies TrustedProxies
	// Rome is the Europe/Rome zone every date of the network is in.
	Rome *time.Location
	// regions caches the header's regions for every room (NewSite makes it).
	regions *regionCache
}

// Site renders one room's pages with the shared layout; each room has its own.
type Site struct {
	Deps
	views *views
}

// NewSite parses the room's page templates (the *.html files at the root of
// pages; nil for a room without pages) with the shared funcs and the room's
// own, so a broken template stops the start-up instead of a request.
func NewSite(d Deps, pages fs.FS, roomFuncs template.FuncMap) (*Site, error) {
	if d.Store == nil || d.Bundle == nil || d.Assets == nil || d.Log == nil {
		return nil, fmt.Errorf("web: missing dependency")
	}
	if d.Markdown == nil {
		d.Markdown = markdown.New()
	}
	if d.Rome == nil {
		rome, err := LoadRome()
		if err != nil {
			return nil, err
		}
		d.Rome = rome
	}
	if d.regions == nil {
		d.regions = &regionCache{}
	}
	s := &Site{Deps: d}
	funcs := s.funcs()
	maps.Copy(funcs, roomFuncs)
	v, err := parseViews(pages, funcs)
	if err != nil {
		return nil, err
	}
	s.views = v
	return s, nil
}

// Templates returns the sub-folder "templates" of a room's embedded files.
func Templates(files fs.FS) fs.FS {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err) // the folder is embedded with the package: a build error
	}
	return sub
}
