package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
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

func parseViews(funcs template.FuncMap) (*views, error) {
	// layout.html and every *partials.html file are shared by all pages.
	shared, err := fs.Glob(templateFiles, "templates/*partials.html")
	if err != nil {
		return nil, err
	}
	shared = append([]string{"templates/layout.html"}, shared...)
	entries, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, e := range entries {
		if slices.Contains(shared, e) {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(e, "templates/"), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, append(shared, e)...)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", e, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// page is what every template receives.
type page struct {
	L           *i18n.Localizer
	Title       string // without the site name
	Description string
	Path        string // the request path, for the active menu item and the language links
	Canonical   string // absolute URL of the page; render fills it from the request when empty
	Base        string // public base URL, for absolute links in meta tags and linked data
	Network     domain.Network
	User        *auth.User // the logged-in account, nil for visitors
	Flash       string     // a one-line confirmation after a change
	Data        any
}

// render writes a page, buffering it so a template error becomes a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.views.pages[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	if p.L == nil {
		p.L = s.localizer(r)
	}
	p.Path = r.URL.Path
	p.Base = s.base(r)
	if p.Canonical == "" {
		p.Canonical = p.Base + canonicalPath(r)
	}
	p.User = CurrentUser(r)
	if p.Network.Name == "" {
		n, err := s.store.Network(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Network = n
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.L.Lang())
	h.Set("Vary", "Accept-Language, Accept-Encoding")
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

func (s *Server) localizer(r *http.Request) *i18n.Localizer {
	return s.bundle.Match(r.URL.Query().Get("lang"), r.Header.Get("Accept-Language"))
}
