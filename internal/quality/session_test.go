package quality_test

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
)

// TestLoggedInCrawlSendsSession checks the plumbing the back-office gates rely
// on: a crawl and the browser checks given a session cookie send it with
// every page request, so they see the pages a logged-in role sees.
func TestLoggedInCrawlSendsSession(t *testing.T) {
	s := newSite(t)
	target, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	pages, withSession := 0, 0
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/tappe" {
			mu.Lock()
			pages++
			if c, err := r.Cookie("bc_probe"); err == nil && c.Value == "role-token" {
				withSession++
			}
			mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()
	session := &http.Cookie{Name: "bc_probe", Value: "role-token"}

	res := crawl(t, front.URL, crawlOptions{Start: "/", Session: session, MaxPages: 3})
	if len(res.Pages) == 0 {
		t.Fatal("the crawl parsed no page")
	}
	checkAxe(t, newBrowser(t), front.URL, []crawledPage{{Path: "/"}, {Path: "/tappe"}}, session)
	mu.Lock()
	defer mu.Unlock()
	if pages < 3 || withSession != pages {
		t.Errorf("%d of %d page requests carried the session cookie", withSession, pages)
	}
}
