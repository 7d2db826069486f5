package core

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
)

//go:embed templates
var templateFiles embed.FS

// views holds one parsed template set per page, each with the shared layout.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses every page of a room (the *.html files at the root of
// room) with the shared layout and partials of this package and the room's
// own *partials.html, so each page is one self-contained template set.
func parseViews(room fs.FS, funcs template.FuncMap) (*views, error) {
	core, err := fs.Glob(templateFiles, "templates/*partials.html")
	if err != nil {
		return nil, err
	}
	core = append([]string{"templates/layout.html"}, core...)
	v := &views{pages: map[string]*template.Template{}}
	if err := v.add(templateFiles, "templates", core, nil, funcs); err != nil {
		return nil, err
	}
	if room == nil {
		return v, nil
	}
	partials, err := fs.Glob(room, "*partials.html")
	if err != nil {
		return nil, err
	}
	return v, v.add(room, ".", core, partials, funcs)
}

// add parses each page of dir in fsys (skipping layout and partials) on top
// of the core files and the room's partials.
func (v *views) add(fsys fs.FS, dir string, core, partials []string, funcs template.FuncMap) error {
	entries, err := fs.Glob(fsys, path.Join(dir, "*.html"))
	if err != nil {
		return err
	}
	for _, e := range entries {
		if slices.Contains(core, e) || slices.Contains(partials, e) || strings.HasSuffix(e, "partials.html") {
			continue
		}
		name := strings.TrimSuffix(path.Base(e), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, core...)
		if err != nil {
			return fmt.Errorf("parse shared templates for %s: %w", e, err)
		}
		if _, err := t.ParseFS(fsys, append(partials, e)...); err != nil {
			return fmt.Errorf("parse template %s: %w", e, err)
		}
		v.pages[name] = t
	}
	return nil
}

// page is what every template receives.
type Page struct {
	L           *i18n.Localizer
	Title       string // without the site name
	Description string
	Path        string // the request path, for the active menu item
	Here        string // path and query without ?lang=, where the language switch returns
	Canonical   string // absolute URL of the page; render fills it from the request when empty
	Base        string // public base URL, for absolute links in meta tags and linked data
	Network     domain.Network
	User        *auth.User // the logged-in account, nil for visitors
	Flash       string     // a one-line confirmation after a change
	Chrome      Chrome     // the header's regions and the footer's contacts (Render fills it)
	Data        any
}

// render writes a page, buffering it so a template error becomes a clean 500.
func (s *Site) Render(w http.ResponseWriter, r *http.Request, status int, name string, p Page) {
	t, ok := s.views.pages[name]
	if !ok {
		s.ServerError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	if p.L == nil {
		p.L = s.Localizer(r)
	}
	p.Path = r.URL.Path
	p.Here = CanonicalPath(r)
	p.Base = s.Base(r)
	if p.Canonical == "" {
		p.Canonical = p.Base + CanonicalPath(r)
	}
	p.User = CurrentUser(r)
	c, regions, err := s.chrome(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if p.Network.Name == "" {
		p.Network = c.Network
	}
	p.Chrome = Chrome{Regions: regions, ContactEmail: c.ContactEmail, ContactOffice: c.ContactOffice}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.ServerError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.L.Lang())
	// The language comes from ?lang= or the preference cookie (lang.go).
	h.Set("Vary", "Cookie, Accept-Encoding")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
		if p.User != nil {
			// The header shows the account's links: keep it out of shared caches.
			h.Set("Cache-Control", "private, no-cache")
		}
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
