package web

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The render cache keeps the answers of exactly the read-only rooms: every
// GET route answered by the public, insight or open-data rooms is cached
// (but for files with rules of their own), and no route of the backoffice,
// registrations or forms is.
func TestCachedPathsAreTheReadOnlyRooms(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`mux\.Handle(?:Func)?\("(?:([A-Z]+) )?(/[^"]*)",\s*(.*)$`)
	uncachedPublic := map[string]bool{"/allegati/{id}/{name}": true, "/registro/allegati/{id}/{name}": true, "/lingua": true, "/loghi/{id}": true, "/healthz": true, "/readyz": true, "/favicon.ico": true, "/static/": true}
	checked := 0
	for _, l := range strings.Split(string(src), "\n") {
		m := line.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil || (m[1] != "GET" && m[1] != "") {
			continue
		}
		pattern, handler := m[2], m[3]
		if pattern == "/" {
			continue // the catch-all 404: never a 200, so never stored
		}
		path := strings.NewReplacer("{$}", "", "{slug}", "esempio", "{id}", "1", "{name}", "a.pdf", "{token}", "abc", "{code}", "abc", "{file}", "esempio.ics").Replace(pattern)
		readOnly := strings.Contains(handler, "s.public.") || strings.Contains(handler, "s.insight.") || strings.Contains(handler, "s.opendata.")
		checked++
		switch {
		case uncachedPublic[pattern]:
			if cachedPath(path) {
				t.Errorf("%s is cached, but files and health checks keep their own rules", pattern)
			}
		case readOnly && !cachedPath(path):
			t.Errorf("%s (%s) is a read-only page but not cached: add it to cachedPrefixes", pattern, strings.TrimSpace(handler))
		case !readOnly && cachedPath(path):
			t.Errorf("%s (%s) is cached, but it is not a read-only room's page", pattern, strings.TrimSpace(handler))
		}
	}
	if checked < 40 {
		t.Fatalf("only %d GET routes found in routes.go: is the pattern still right?", checked)
	}
}
