package cli

import (
	"encoding/json"
	"net/http"
	"sync/atomic"
)

// startingHandler answers while the database is opened and migrated, before
// the site exists: /healthz says the process is alive (200), /readyz and
// every page say to come back later (503), so an orchestrator neither
// restarts a long migration nor sends it traffic.
type startingHandler struct {
	site atomic.Pointer[http.Handler]
}

// ready hands every request to the site from now on.
func (h *startingHandler) ready(site http.Handler) { h.site.Store(&site) }

func (h *startingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if site := h.site.Load(); site != nil {
		(*site).ServeHTTP(w, r)
		return
	}
	code, status := http.StatusServiceUnavailable, "starting"
	if r.URL.Path == "/healthz" {
		code = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Retry-After", "5")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"status": status})
}
