package quality_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestPublicCrawlLinksAndCookies is the links gate: every same-origin link and
// asset reachable from the home page answers 200, fragment links point at an
// element of their page, no page in either language shows an untranslated
// message id, and no public page sets a cookie (the only cookie
// the platform uses is the session cookie after login, so no cookie banner
// is needed).
func TestPublicCrawlLinksAndCookies(t *testing.T) {
	s := newSite(t)
	res := crawlPublic(t, s.URL)
	for _, b := range res.Broken {
		t.Errorf("broken link: %s", b)
	}
	for _, c := range res.SetCookie {
		t.Errorf("a public page sets a cookie: %s", c)
	}
	paths := res.Paths()
	// The crawl must really walk the site: these pages are linked from every
	// page's header or footer, and a stage and a body are linked from them.
	// The upcoming activity leads to its registration form and the form to
	// its privacy notice (see upcomingSlug).
	for _, want := range []string{"/", "/tappe", "/attivita", "/enti", "/accessibilita", "/privacy", "/?lang=en",
		"/attivita/" + upcomingSlug, "/iscrizioni/attivita/" + upcomingSlug, "/iscrizioni/privacy",
		"/chi-siamo", "/aderisci", "/iscriviti-alle-novita"} {
		if !slices.Contains(paths, want) {
			t.Errorf("the crawl did not reach %s; it parsed %d pages", want, len(paths))
		}
	}
	for _, prefix := range []string{"/tappe/", "/enti/", "/attivita?tipo="} {
		if !slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, prefix) }) {
			t.Errorf("the crawl reached no page under %s", prefix)
		}
	}
	// Filter results no link points to are reached by submitting the form.
	for _, param := range []string{"tipo", "regione"} {
		if !slices.ContainsFunc(paths, func(p string) bool {
			u, err := url.Parse(p)
			return err == nil && u.Path == "/enti" && u.Query().Get(param) != ""
		}) {
			t.Errorf("the crawl did not submit the /enti filter form with a %s", param)
		}
	}
	t.Logf("crawled %d pages, fetched %d distinct URLs", len(res.Pages), res.Fetched)
}
