package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// hiddenActivities is a network with a published stage, a published activity
// that is not a stage, a draft stage and a cancelled activity.
func hiddenActivities() dataset.Dataset {
	act := func(slug string, stage bool, status string) dataset.Activity {
		a := dataset.Activity{Slug: slug, Title: "Titolo " + slug, Type: "incontri", Stage: stage, Status: status,
			Date: "2024-05-10", Format: "online", Summary: "Sintesi " + slug, Description: "Descrizione " + slug,
			Participations: []dataset.Participation{{Body: "alfa", Role: "host"}}}
		if stage {
			a.Community = "amministratori"
		}
		return a
	}
	return dataset.Dataset{
		Network:       dataset.Network{Name: "Rete di prova"},
		Communities:   []dataset.Community{{Slug: "amministratori", Name: "Amministratori"}},
		ActivityTypes: []dataset.ActivityType{{Slug: "incontri", Name: "Incontri", Baseline: 2}},
		Bodies:        []dataset.Body{{Slug: "alfa", Name: "Comune di Alfa", Kind: "comune"}},
		Activities: []dataset.Activity{
			act("tappa-pubblica", true, "published"),
			act("webinar", false, "published"),
			act("tappa-in-bozza", true, "draft"),
			act("incontro-annullato", false, "cancelled"),
		},
	}
}

// fetch sends a request and returns the response with its body read; it
// follows no redirects and decompresses nothing.
func fetch(t *testing.T, s *site, path string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{DisableCompression: true},
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestActivityPagesAndRedirects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSiteWith(t, d, hiddenActivities())

		code, body := s.get(t, "/attivita/webinar")
		if code != 200 || !strings.Contains(parseDOM(t, body).main().first("h1").text(), "Titolo webinar") {
			t.Errorf("GET /attivita/webinar = %d", code)
		}
		// The right place of a stage is /tappe, of any other activity /attivita.
		for path, target := range map[string]string{
			"/attivita/tappa-pubblica": "/tappe/tappa-pubblica",
			"/tappe/webinar":           "/attivita/webinar",
		} {
			res, _ := fetch(t, s, path, nil)
			if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != target {
				t.Errorf("GET %s = %d to %q, want 301 to %s", path, res.StatusCode, res.Header.Get("Location"), target)
			}
		}
		// Drafts and cancelled activities are not public under any URL.
		for _, path := range []string{"/tappe/tappa-in-bozza", "/attivita/tappa-in-bozza", "/attivita/incontro-annullato", "/tappe/incontro-annullato", "/tappe/non-esiste", "/attivita/non-esiste"} {
			code, body := s.get(t, path)
			if code != 404 || !strings.Contains(body, "Pagina non trovata") {
				t.Errorf("GET %s = %d, want the Italian 404 page", path, code)
			}
			if strings.Contains(body, "Descrizione tappa-in-bozza") || strings.Contains(body, "Sintesi incontro-annullato") {
				t.Errorf("GET %s shows a hidden activity", path)
			}
		}
		// Nor in lists, nor in the counter.
		_, body = s.get(t, "/attivita?tipo=incontri")
		list := parseDOM(t, body).main()
		if got := activityLinks(list); len(got) != 2 {
			t.Errorf("listed = %q, want the two published activities", got)
		}
		if m := counterExplained.FindStringSubmatch(list.text()); m == nil || m[1] != "4" || m[2] != "2" {
			t.Errorf("counter explanation = %q, want 4 = 2 published + 2 earlier", m)
		}
		_, body = s.get(t, "/")
		if strings.Contains(body, "tappa-in-bozza") {
			t.Error("the home page links to a draft")
		}
	})
}

func TestNotFoundPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		for _, path := range []string{"/nessuna-pagina", "/tappe/", "/enti/comune-di-nessuno", "/tappe/genova-2021/extra", "/static/css/app.css"} {
			res, body := fetch(t, s, path, map[string]string{"Accept-Language": "it"})
			if res.StatusCode != 404 {
				t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
				continue
			}
			if path == "/static/css/app.css" {
				continue // an unhashed asset name: a plain 404, never cached
			}
			page := parseDOM(t, body)
			if page.first("html").attr("lang") != "it" || page.main().first("h1").text() != "Pagina non trovata" {
				t.Errorf("GET %s: not the Italian 404 page: %q", path, page.main().text())
			}
			if !strings.Contains(page.main().text(), "Torna alla home") {
				t.Errorf("GET %s: the 404 page offers no way back", path)
			}
		}
		res, body := fetch(t, s, "/nessuna-pagina?lang=en", nil)
		if res.StatusCode != 404 || parseDOM(t, body).main().first("h1").text() != "Page not found" {
			t.Errorf("English 404 = %d %q", res.StatusCode, parseDOM(t, body).main().first("h1").text())
		}
	})
}

func TestHealthz(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		res, body := fetch(t, s, "/healthz", nil)
		var got map[string]string
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("healthz is not JSON: %v: %q", err, body)
		}
		if res.StatusCode != 200 || got["status"] != "ok" || got["database"] != string(d) || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("healthz = %d %v (%s)", res.StatusCode, got, res.Header.Get("Content-Type"))
		}

		s.Store.Close()
		res, body = fetch(t, s, "/healthz", nil)
		got = nil
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("healthz with the database closed is not JSON: %q", body)
		}
		if res.StatusCode != http.StatusServiceUnavailable || got["status"] != "unavailable" {
			t.Errorf("healthz with the database closed = %d %v, want 503", res.StatusCode, got)
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("healthz may be cached: %q", res.Header.Get("Cache-Control"))
		}
	})
}

func TestServerErrorPageHidesInternals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		s.Store.Close()
		for _, path := range []string{"/", "/tappe", "/tappe/genova-2021", "/attivita", "/enti", "/enti/comune-di-genova"} {
			res, body := fetch(t, s, path, map[string]string{"Accept-Language": "it"})
			if res.StatusCode != 500 {
				t.Errorf("GET %s with the database closed = %d, want 500", path, res.StatusCode)
				continue
			}
			page := parseDOM(t, body)
			if page.main().first("h1").text() != "Si è verificato un errore" {
				t.Errorf("GET %s: not the Italian 500 page: %q", path, page.main().text())
			}
			for _, secret := range []string{"database is closed", "sql:", "SELECT", "goroutine", ".go:"} {
				if strings.Contains(body, secret) {
					t.Errorf("GET %s: the 500 page shows %q", path, secret)
				}
			}
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("GET %s: the 500 page may be cached: %q", path, res.Header.Get("Cache-Control"))
			}
		}
		logs := s.Logs.String()
		if !strings.Contains(logs, "database is closed") || !strings.Contains(logs, "request failed") {
			t.Errorf("the cause is not in the log:\n%s", logs)
		}
	})
}
