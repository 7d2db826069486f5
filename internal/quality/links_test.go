package quality_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestPublicCrawlLinksAndCookies is the links gate: every same-origin link and
// asset reachable from the home page answers 200, fragment links point at an
// element of their page, no page in either language shows an untranslated
// message id, and no public page sets a cookie: the only cookies of the
// platform are strictly necessary, so no cookie banner is needed. They are
// the session cookie after login and the language preference, which only
// the language switch (/lingua, clicked by the visitor) sets.
func TestPublicCrawlLinksAndCookies(t *testing.T) {
	s := newSite(t)
	res := crawlPublic(t, s.URL)
	for _, b := range res.Broken {
		t.Errorf("broken link: %s", b)
	}
	switched := false
	for _, c := range res.SetCookie {
		if problem := checkLangCookie(c); problem != "" {
			t.Errorf("%s: %s", problem, c)
			continue
		}
		switched = true
	}
	if !switched {
		t.Error("the crawl followed no language switch that kept the choice in a cookie")
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

// checkLangCookie returns what is wrong with one "request: Set-Cookie" line
// the crawl saw, or "" when it is the language preference set by the
// switch: named bc_lang, for a year, HttpOnly and SameSite=Lax, holding a
// language code and nothing that tells one visitor from another.
func checkLangCookie(line string) string {
	request, header, ok := strings.Cut(line, ": ")
	if !ok {
		return "unreadable cookie line"
	}
	u, err := url.Parse(request)
	if err != nil || u.Path != "/lingua" {
		return "a page sets a cookie the visitor did not ask for"
	}
	c, err := http.ParseSetCookie(header)
	if err != nil {
		return "the language switch sets an unreadable cookie"
	}
	switch {
	case c.Name != "bc_lang":
		return "the language switch sets another cookie"
	case !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/":
		return "the language cookie lacks HttpOnly, SameSite=Lax or Path=/"
	case c.MaxAge < 0 && c.Value == "":
		return "" // choosing Italian, the default, removes it
	case c.Value != "en" && c.Value != "it":
		return "the language cookie holds something else than a language"
	case c.MaxAge != 365*24*60*60:
		return "the language cookie is not kept for a year"
	}
	return ""
}
