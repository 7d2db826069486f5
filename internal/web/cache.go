package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// cachedPrefixes are the paths whose anonymous answers the render cache may
// keep: the read-only pages of the public, insight and open-data rooms.
// Forms, personal links, the backoffice, files with their own rules
// (attachments, logos, static assets) and health checks are never cached.
// cache_test.go checks this list against the routes.
var cachedPrefixes = []string{
	"/tappe", "/attivita", "/enti", "/rete", "/cerca", "/accessibilita", "/privacy",
	"/chi-siamo", "/patti", "/regolamenti", "/buone-pratiche",
	"/api", "/dati/", "/feed.atom", "/restituzioni.atom", "/comunita/", "/sitemap.xml", "/robots.txt", "/opendata",
}

// cachedPath tells whether the answers of a path may be kept.
func cachedPath(path string) bool {
	if path == "/" {
		return true
	}
	for _, p := range cachedPrefixes {
		if path == p || strings.HasPrefix(path, p+"/") || strings.HasPrefix(path, p+".") ||
			(strings.HasSuffix(p, "/") && strings.HasPrefix(path, p)) {
			return true
		}
	}
	return false
}

// newRenderCache keys answers by the data version the watcher knows and this
// store's own commits, and expires them when a page changes by time alone.
func newRenderCache(site *core.Site, versions *store.VersionWatcher, maxBytes int64) *core.RenderCache {
	st := site.Store
	return core.NewRenderCache(core.CacheConfig{
		Version: func() core.CacheVersion {
			return core.CacheVersion{Data: versions.Version(), Local: st.LocalCommits()}
		},
		Expires: func(ctx context.Context) (time.Time, error) {
			at, ok, err := st.NextPageChange(ctx)
			if err != nil || !ok {
				return time.Time{}, err
			}
			return at, nil
		},
		Language: func(r *http.Request) string { return site.Localizer(r).Lang() },
		Base:     site.Base,
		MaxBytes: maxBytes,
		Skip:     func(path string) bool { return !cachedPath(path) },
		Now:      st.Now,
	})
}
