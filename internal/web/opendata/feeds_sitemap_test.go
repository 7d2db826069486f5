package opendata_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

type testURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestSitemapListsEveryPublicPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		code, ctype, body := s.Fetch(t, "/sitemap.xml")
		if code != http.StatusOK || ctype != "application/xml; charset=utf-8" {
			t.Fatalf("GET /sitemap.xml = %d %q", code, ctype)
		}
		var set testURLSet
		if err := xml.Unmarshal([]byte(body), &set); err != nil {
			t.Fatalf("parse sitemap: %v", err)
		}
		var locs []string
		for _, u := range set.URLs {
			if !strings.HasPrefix(u.Loc, s.URL+"/") {
				t.Errorf("loc %q is not absolute on the site", u.Loc)
			}
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("lastmod of %s: %v", u.Loc, err)
			}
			locs = append(locs, strings.TrimPrefix(u.Loc, s.URL))
		}
		bodies, total, err := s.Store.Bodies(context.Background(), store.BodyFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"/", "/tappe", "/attivita", "/enti", "/opendata",
			"/tappe/barge-2022", "/tappe/chieri-2020", "/tappe/collegno-2021", "/tappe/genova-2021", "/tappe/giovani-2023",
			"/tappe/sant-antonino-di-susa-2021", "/attivita/incontro-torino-2023", "/attivita/serata-ibrida-2023"}
		for _, b := range bodies {
			want = append(want, "/enti/"+b.Slug)
		}
		slices.Sort(want)
		slices.Sort(locs)
		if !slices.Equal(locs, want) {
			t.Errorf("sitemap has %d pages, want %d (%d bodies):\n got %v\nwant %v", len(locs), len(want), total, locs, want)
		}
		for _, p := range locs {
			if code, _, _ := s.Fetch(t, p); code != http.StatusOK {
				t.Errorf("sitemap page %s answers %d", p, code)
			}
		}
	})
}

func TestRobotsAllowsAllAndNamesTheSitemap(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, nil)
	code, ctype, body := s.Fetch(t, "/robots.txt")
	if code != http.StatusOK || ctype != "text/plain; charset=utf-8" {
		t.Fatalf("GET /robots.txt = %d %q", code, ctype)
	}
	lines := strings.Split(body, "\n")
	for _, want := range []string{"User-agent: *", "Allow: /", "Sitemap: " + s.URL + "/sitemap.xml"} {
		if !slices.Contains(lines, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, body)
		}
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "Disallow") {
			t.Errorf("robots.txt disallows: %q", l)
		}
	}
}

// Pollers get 304 Not Modified while a document is unchanged.
func TestFeedsAnswerConditionalRequests(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, nil)
	for _, path := range []string{"/tappe.ics", "/attivita/serata-ibrida-2023.ics", "/feed.atom", "/restituzioni.atom", "/sitemap.xml",
		"/opendata/catalogo.jsonld", "/opendata/catalogo.ttl"} {
		res, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		etag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || etag == "" {
			t.Errorf("GET %s = %d, ETag %q", path, res.StatusCode, etag)
			continue
		}
		for match, want := range map[string]int{etag: http.StatusNotModified, strings.TrimPrefix(etag, "W/"): http.StatusNotModified,
			`"other", ` + etag: http.StatusNotModified, `W/"other"`: http.StatusOK} {
			req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
			req.Header.Set("If-None-Match", match)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want || (want == http.StatusNotModified && len(body) != 0) {
				t.Errorf("GET %s If-None-Match %s = %d with %d bytes, want %d", path, match, res.StatusCode, len(body), want)
			}
		}
	}
}
