package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestActivityPagesAndRedirects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSiteWith(t, d, HiddenActivities())

		code, body := s.Get(t, "/attivita/webinar")
		if code != 200 || !strings.Contains(ParseDOM(t, body).Main().First("h1").Text(), "Titolo webinar") {
			t.Errorf("GET /attivita/webinar = %d", code)
		}
		// The right place of a stage is /tappe, of any other activity /attivita.
		for path, target := range map[string]string{
			"/attivita/tappa-pubblica": "/tappe/tappa-pubblica",
			"/tappe/webinar":           "/attivita/webinar",
		} {
			res, _ := Fetch(t, s, path, nil)
			if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != target {
				t.Errorf("GET %s = %d to %q, want 301 to %s", path, res.StatusCode, res.Header.Get("Location"), target)
			}
		}
		// Drafts and cancelled activities are not public under any URL.
		for _, path := range []string{"/tappe/tappa-in-bozza", "/attivita/tappa-in-bozza", "/attivita/incontro-annullato", "/tappe/incontro-annullato", "/tappe/non-esiste", "/attivita/non-esiste"} {
			code, body := s.Get(t, path)
			if code != 404 || !strings.Contains(body, "Pagina non trovata") {
				t.Errorf("GET %s = %d, want the Italian 404 page", path, code)
			}
			if strings.Contains(body, "Descrizione tappa-in-bozza") || strings.Contains(body, "Sintesi incontro-annullato") {
				t.Errorf("GET %s shows a hidden activity", path)
			}
		}
		// Nor in lists, nor in the counter.
		_, body = s.Get(t, "/attivita?tipo=incontri")
		list := ParseDOM(t, body).Main()
		if got := ActivityLinks(list); len(got) != 2 {
			t.Errorf("listed = %q, want the two published activities", got)
		}
		if m := CounterExplained.FindStringSubmatch(list.Text()); m == nil || m[1] != "4" || m[2] != "2" {
			t.Errorf("counter explanation = %q, want 4 = 2 published + 2 earlier", m)
		}
		_, body = s.Get(t, "/")
		if strings.Contains(body, "tappa-in-bozza") {
			t.Error("the home page links to a draft")
		}
	})
}

func TestNotFoundPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		for _, path := range []string{"/nessuna-pagina", "/tappe/", "/enti/comune-di-nessuno", "/tappe/genova-2021/extra", "/static/css/app.css"} {
			res, body := Fetch(t, s, path, map[string]string{"Accept-Language": "it"})
			if res.StatusCode != 404 {
				t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
				continue
			}
			if path == "/static/css/app.css" {
				continue // an unhashed asset name: a plain 404, never cached
			}
			page := ParseDOM(t, body)
			if page.First("html").Attr("lang") != "it" || page.Main().First("h1").Text() != "Pagina non trovata" {
				t.Errorf("GET %s: not the Italian 404 page: %q", path, page.Main().Text())
			}
			if !strings.Contains(page.Main().Text(), "Torna alla home") {
				t.Errorf("GET %s: the 404 page offers no way back", path)
			}
		}
		res, body := Fetch(t, s, "/nessuna-pagina?lang=en", nil)
		if res.StatusCode != 404 || ParseDOM(t, body).Main().First("h1").Text() != "Page not found" {
			t.Errorf("English 404 = %d %q", res.StatusCode, ParseDOM(t, body).Main().First("h1").Text())
		}
	})
}

func TestHealthz(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		res, body := Fetch(t, s, "/healthz", nil)
		var got map[string]string
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("healthz is not JSON: %v: %q", err, body)
		}
		if res.StatusCode != 200 || got["status"] != "ok" || got["database"] != string(d) || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("healthz = %d %v (%s)", res.StatusCode, got, res.Header.Get("Content-Type"))
		}

		s.Store.Close()
		res, body = Fetch(t, s, "/healthz", nil)
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
		s := NewSite(t, d)
		s.Store.Close()
		for _, path := range []string{"/", "/tappe", "/tappe/genova-2021", "/attivita", "/enti", "/enti/comune-di-genova"} {
			res, body := Fetch(t, s, path, map[string]string{"Accept-Language": "it"})
			if res.StatusCode != 500 {
				t.Errorf("GET %s with the database closed = %d, want 500", path, res.StatusCode)
				continue
			}
			page := ParseDOM(t, body)
			if page.Main().First("h1").Text() != "Si è verificato un errore" {
				t.Errorf("GET %s: not the Italian 500 page: %q", path, page.Main().Text())
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
