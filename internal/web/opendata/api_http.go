package opendata

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"benicommunity/internal/web/core"
)

// Everything the open-data answers (JSON API, OpenAPI document, CSV files)
// share: one writer that sets the caching, validator and CORS headers, and
// one way to say what went wrong (RFC 9457 problem documents).

const (
	apiCacheControl = "public, max-age=60"
	contentJSON     = "application/json; charset=utf-8"
	contentProblem  = "application/problem+json; charset=utf-8"
)

// apiCORS opens the read-only data to pages on any origin. No cookies or
// credentials are involved, so the wildcard is safe.
func apiCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Content-Disposition")
}

// APIPreflight answers CORS preflight requests for the open-data URLs.
func (s *Handler) APIPreflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	apiCORS(h)
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	h.Set("Allow", "GET, HEAD, OPTIONS")
	h.Set("Cache-Control", apiCacheControl)
	w.WriteHeader(http.StatusNoContent)
}

// apiWrite sends an open-data answer. The ETag is a hash of the bytes sent:
// a strong validator, so it names the gzip variant separately (the compress
// middleware gzips exactly when the client accepts it and this is not HEAD).
// A matching If-None-Match on a 200 answer gives 304 without a body.
func (s *Handler) apiWrite(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	apiCORS(h)
	h.Set("Content-Type", contentType)
	h.Add("Vary", "Accept-Encoding")
	if status >= 500 {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", apiCacheControl)
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	if core.AcceptsGzip(r) && r.Method != http.MethodHead {
		tag += "-gzip"
	}
	etag := `"` + tag + `"`
	h.Set("ETag", etag)
	if status == http.StatusOK && core.ETagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(status)
	w.Write(body)
}

// apiJSON encodes v and sends it.
func (s *Handler) apiJSON(w http.ResponseWriter, r *http.Request, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.apiServerError(w, r, err)
		return
	}
	s.apiWrite(w, r, http.StatusOK, contentJSON, buf.Bytes())
}

func (s *Handler) apiProblem(w http.ResponseWriter, r *http.Request, p core.Problem) {
	l := s.NegotiatedLocalizer(r)
	if p.Instance == "" {
		p.Instance = r.URL.RequestURI()
	}
	body, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		s.Log.Error("encode problem document", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Language", l.Lang())
	w.Header().Add("Vary", "Accept-Language")
	s.apiWrite(w, r, p.Status, contentProblem, append(body, '\n'))
}

// apiBadParams answers 400 listing every parameter that was wrong.
func (s *Handler) apiBadParams(w http.ResponseWriter, r *http.Request, bad []core.InvalidParam) {
	l := s.NegotiatedLocalizer(r)
	s.apiProblem(w, r, core.Problem{
		Type: "/api#problem-invalid-params", Title: l.T("api.problem.invalid_params.title"), Status: http.StatusBadRequest,
		Detail: l.N("api.problem.invalid_params.detail", len(bad)), InvalidParams: bad,
	})
}

// apiNotFound answers 404 for an unknown resource or URL under /api/.
func (s *Handler) apiNotFound(w http.ResponseWriter, r *http.Request) {
	l := s.NegotiatedLocalizer(r)
	s.apiProblem(w, r, core.Problem{Type: "/api#problem-not-found", Title: l.T("api.problem.not_found.title"),
		Status: http.StatusNotFound, Detail: l.T("api.problem.not_found.detail")})
}

// APIFallback answers every other request under /api/: the API is read-only,
// so another method gets 405, and an unknown URL gets 404, both as problems.
func (s *Handler) APIFallback(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		l := s.NegotiatedLocalizer(r)
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		s.apiProblem(w, r, core.Problem{Type: "/api#problem-method-not-allowed", Title: l.T("api.problem.method.title"),
			Status: http.StatusMethodNotAllowed, Detail: l.T("api.problem.method.detail", "Method", r.Method)})
		return
	}
	s.apiNotFound(w, r)
}

// apiServerError logs the cause once and answers a problem without internals.
func (s *Handler) apiServerError(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	l := s.NegotiatedLocalizer(r)
	s.apiProblem(w, r, core.Problem{Type: "/api#problem-server-error", Title: l.T("api.problem.server.title"),
		Status: http.StatusInternalServerError, Detail: l.T("api.problem.server.detail")})
}
