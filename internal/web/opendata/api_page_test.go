package opendata_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"benicommunity/internal/store"
	. "benicommunity/internal/web/webtest"
)

// TestAPIPage checks the human guide lists every operation of the OpenAPI
// document with a working example, in both languages, without missing texts.
func TestAPIPage(t *testing.T) {
	s := NewSite(t, store.SQLite)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
		}
	}
	if err := json.Unmarshal(s.APIGet(t, "/api/openapi.json").Body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "?lang=en"} {
		status, body := s.Get(t, "/api"+lang)
		if status != http.StatusOK {
			t.Fatalf("GET /api%s: %d", lang, status)
		}
		if strings.Count(body, "<h1") != 1 {
			t.Errorf("GET /api%s: want exactly one h1", lang)
		}
		for path, ops := range doc.Paths {
			for method, op := range ops {
				if !strings.Contains(body, `id="`+op.OperationID+`"`) || !strings.Contains(body, strings.ToUpper(method)+" "+path) {
					t.Errorf("GET /api%s does not describe %s %s", lang, method, path)
				}
			}
		}
		for _, id := range []string{"problem-invalid-params", "problem-not-found", "problem-method-not-allowed", "problem-server-error"} {
			if !strings.Contains(body, `id="`+id+`"`) {
				t.Errorf("GET /api%s: no section %s for problem types", lang, id)
			}
		}
	}
	// Every example link on the page answers 200.
	_, body := s.Get(t, "/api")
	n := 0
	for _, part := range strings.Split(body, `<a href="`)[1:] {
		href, _, _ := strings.Cut(part, `"`)
		if !strings.HasPrefix(href, "/api/") && !strings.HasPrefix(href, "/dati/") {
			continue
		}
		n++
		href = strings.ReplaceAll(href, "&amp;", "&")
		if res := s.APIGet(t, href); res.StatusCode != http.StatusOK {
			t.Errorf("example %s: %d: %s", href, res.StatusCode, res.Body)
		}
	}
	if n < len(doc.Paths) {
		t.Errorf("found %d example links, want at least one per path (%d)", n, len(doc.Paths))
	}
}
