package opendata

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"
)

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap lists every public page for search engines: /sitemap.xml.
func (s *Handler) Sitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	activities, err := s.Store.SitemapActivities(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	bodies, err := s.Store.SitemapBodies(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	base := s.Base(r)
	var latestActivity, latestBody time.Time
	for _, a := range activities {
		latestActivity = later(latestActivity, a.Modified)
	}
	for _, b := range bodies {
		latestBody = later(latestBody, b.Modified)
	}
	set := sitemapURLSet{URLs: []sitemapURL{
		{Loc: base + "/", LastMod: lastMod(latestActivity)},
		{Loc: base + "/tappe", LastMod: lastMod(latestActivity)},
		{Loc: base + "/attivita", LastMod: lastMod(latestActivity)},
		{Loc: base + "/enti", LastMod: lastMod(latestBody)},
		{Loc: base + "/opendata", LastMod: lastMod(later(latestActivity, latestBody))},
	}}
	for _, a := range activities {
		path := "/attivita/" + a.Slug
		if a.IsStage {
			path = "/tappe/" + a.Slug
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: base + path, LastMod: lastMod(a.Modified)})
	}
	for _, b := range bodies {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + "/enti/" + b.Slug, LastMod: lastMod(b.Modified)})
	}
	doc, ok := s.sitemapPage(base, set, r.URL.Query().Get("pagina"))
	if !ok {
		s.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(doc); err != nil {
		s.ServerError(w, r, err)
		return
	}
	writeFeed(w, r, "application/xml; charset=utf-8", buf.Bytes())
}

// SitemapLimit is how many addresses one sitemap file may list (the
// sitemaps.org protocol's limit).
const SitemapLimit = 50000

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapPage returns what /sitemap.xml?pagina=… answers: the whole set when
// it fits in one file; beyond the limit, a sitemap index without pagina and
// one slice of the set with it. ok is false for a page that does not exist.
func (s *Handler) sitemapPage(base string, set sitemapURLSet, page string) (any, bool) {
	limit := s.sitemapLimit
	pages := (len(set.URLs) + limit - 1) / limit
	if pages <= 1 {
		return set, page == "" || page == "1"
	}
	if page == "" {
		idx := sitemapIndex{}
		for i := 1; i <= pages; i++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: base + "/sitemap.xml?pagina=" + strconv.Itoa(i)})
		}
		return idx, true
	}
	n, err := strconv.Atoi(page)
	if err != nil || n < 1 || n > pages {
		return nil, false
	}
	return sitemapURLSet{URLs: set.URLs[(n-1)*limit : min(n*limit, len(set.URLs))]}, true
}

// Robots allows every crawler everywhere and points at the sitemap: /robots.txt.
func (s *Handler) Robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write([]byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Base(r) + "/sitemap.xml\n"))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func lastMod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
