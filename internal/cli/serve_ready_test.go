package cli

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestStartingHandler(t *testing.T) {
	h := &startingHandler{}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 503, "/": 503, "/admin": 503} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want || rec.Header().Get("Retry-After") == "" {
			t.Errorf("while starting, %s = %d, want %d with Retry-After", path, rec.Code, want)
		}
	}
	h.ready(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusTeapot {
		t.Errorf("once ready, the site answers: %d", rec.Code)
	}
}
