package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// health answers load balancers: 200 when the database answers, 503 when not.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := "ok", http.StatusOK
	if err := s.Ready(ctx); err != nil {
		s.site.Log.Warn("health check: database does not answer", "err", err)
		status, code = "unavailable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"status": status, "database": string(s.site.Store.Dialect()), "version": s.version})
}

// ready answers orchestrators whether to send traffic: 200 when the
// database answers, 503 when not. While the database is being migrated at
// start-up the command answers 503 itself (cli/serve_ready.go), before this
// server exists. /healthz is the liveness check.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := "ready", http.StatusOK
	if err := s.Ready(ctx); err != nil {
		s.site.Log.Warn("readiness check: database does not answer", "err", err)
		status, code = "unavailable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"status": status})
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}
