package web_test

import (
	"os"
	"regexp"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// routeChecks has one request per route of routes.go, with the status it
// must answer. The detailed tests of each page are in the *_test.go files
// named in routes.go; this table makes sure no route is left without one.
var routeChecks = map[string]struct {
	path   string
	status int
}{
	"GET /{$}":             {"/", 200},
	"GET /tappe":           {"/tappe", 200},
	"GET /tappe/{slug}":    {"/tappe/genova-2021", 200},
	"GET /attivita":        {"/attivita?tipo=formazione", 200},
	"GET /attivita/{slug}": {"/attivita/genova-2021", 301}, // a stage: redirected to /tappe (TestActivityPagesAndRedirects serves a non-stage)
	"GET /enti":            {"/enti?regione=Liguria", 200},
	"GET /enti/{slug}":     {"/enti/comune-di-genova", 200},
	"GET /healthz":         {"/healthz", 200},
	"GET /static/":         {"", 200}, // the page's first stylesheet (TestStaticAssets)
	"GET /favicon.ico":     {"/favicon.ico", 204},
	"/":                    {"/non-esiste", 404},
}

var routePattern = regexp.MustCompile(`mux\.Handle(?:Func)?\("([^"]+)"`)

func TestEveryRouteIsChecked(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	found := routePattern.FindAllStringSubmatch(string(src), -1)
	if len(found) < len(routeChecks) {
		t.Fatalf("found %d routes in routes.go, fewer than the %d checked: is the pattern still right?", len(found), len(routeChecks))
	}
	for _, m := range found {
		if _, ok := routeChecks[m[1]]; !ok {
			t.Errorf("route %q in routes.go has no entry in routeChecks (routes_test.go) and so no HTTP test", m[1])
		}
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		for pattern, c := range routeChecks {
			path := c.path
			if path == "" {
				_, body := s.get(t, "/")
				for _, l := range parseDOM(t, body).tag("link") {
					if l.attr("rel") == "stylesheet" {
						path = l.attr("href")
						break
					}
				}
			}
			res, _ := fetch(t, s, path, nil)
			if res.StatusCode != c.status {
				t.Errorf("%s: GET %s = %d, want %d", pattern, path, res.StatusCode, c.status)
			}
		}
	})
}
