package assets

import (
	"net/http"
	"strconv"
	"strings"
)

// Handler serves the published (hashed) names under Prefix; mount it as
// mux.Handle(assets.Prefix, a.Handler()). Logical names without the hash get
// 404 on purpose, so that a reference bypassing Path shows up at once
// instead of being cached for a year.
func (a *Assets) Handler() http.Handler {
	return http.HandlerFunc(a.serve)
}

func (a *Assets) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, Prefix)
	f := a.byHashed[name]
	if !ok || f == nil {
		// Not cacheable: during a rolling deploy the file may appear soon.
		h.Set("Cache-Control", "no-store")
		http.NotFound(w, r)
		return
	}

	body, encoding := f.encode(strings.Join(r.Header.Values("Accept-Encoding"), ","))
	etag := `"` + f.hash + `"`
	if encoding != "" {
		// Each encoding is a different representation and needs its own tag.
		etag = `"` + f.hash + "-" + encoding + `"`
	}
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	if f.compressible {
		h.Set("Vary", "Accept-Encoding")
	}
	if etagListMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", f.contentType)
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // a failed write means the client went away
	}
}

// etagListMatches applies the weak comparison that RFC 9110 section 13.1.2
// prescribes for If-None-Match.
func etagListMatches(header, etag string) bool {
	for candidate := range strings.SplitSeq(header, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == "*" || strings.TrimPrefix(candidate, "W/") == etag {
			return true
		}
	}
	return false
}
