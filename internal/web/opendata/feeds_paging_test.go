package opendata_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

// The news feed is paged (RFC 5005): following rel="next" from /feed.atom
// reaches every published activity once, newest change first, and nothing
// is cut off however long the history.
func TestAtomFeedIsPagedNotCapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSiteChanged(t, d, withExtraActivities(90))
		published, err := s.Store.FeedActivities(context.Background(), store.FeedFilter{ByUpdate: true, Limit: store.FeedLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(published) <= 50 {
			t.Fatalf("only %d published activities: the test needs two pages at least", len(published))
		}
		var ids []string
		path, pages := "/feed.atom", 0
		for path != "" {
			f := getAtom(t, s, path)
			pages++
			if (pages == 1) != (link(f.Links, "first") == "") {
				t.Errorf("page %d: first link %q", pages, link(f.Links, "first"))
			}
			for _, e := range f.Entries {
				ids = append(ids, e.ID)
			}
			next := link(f.Links, "next")
			path = strings.TrimPrefix(next, s.URL)
			if next != "" && (len(f.Entries) != 50 || !strings.HasPrefix(path, "/feed.atom?prima=")) {
				t.Fatalf("page %d: %d entries, next %q", pages, len(f.Entries), next)
			}
		}
		if len(ids) != len(published) || pages != (len(published)+49)/50 {
			t.Errorf("the pages carry %d entries in %d pages, want %d", len(ids), pages, len(published))
		}
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(ids) {
			t.Error("an entry appears on two pages")
		}
		for _, bad := range []string{"/feed.atom?prima=ieri", "/feed.atom?prima=2021-01-01T00:00:00Z_x", "/feed.atom?prima=2021-01-01T00:00:00Z_0"} {
			if code, _, _ := s.Fetch(t, bad); code != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", bad, code)
			}
		}
		if code, _, _ := s.Fetch(t, "/restituzioni.atom?prima=1999-01-01T00:00:00Z_1"); code != http.StatusNotFound {
			t.Errorf("a page past the oldest entry = %d, want 404", code)
		}
	})
}

type testSitemapIndex struct {
	Sitemaps []struct {
		Loc string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

// Beyond the limit of one sitemap file, /sitemap.xml is a sitemap index and
// its pages list, together, exactly what one file would.
func TestSitemapSplitsIntoAnIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		whole := NewFeedSite(t, d, nil)
		_, _, body := whole.Fetch(t, "/sitemap.xml")
		var all testURLSet
		if err := xml.Unmarshal([]byte(body), &all); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, u := range all.URLs {
			want = append(want, strings.TrimPrefix(u.Loc, whole.URL))
		}

		split := NewFeedSite(t, d, func(deps *web.Deps) { deps.SitemapLimit = 10 })
		code, _, body := split.Fetch(t, "/sitemap.xml")
		var idx testSitemapIndex
		if err := xml.Unmarshal([]byte(body), &idx); err != nil || code != http.StatusOK || !strings.Contains(body, "<sitemapindex") {
			t.Fatalf("GET /sitemap.xml beyond the limit = %d, %v: %.200s", code, err, body)
		}
		if len(idx.Sitemaps) != (len(want)+9)/10 {
			t.Fatalf("%d sitemaps for %d addresses at 10 each", len(idx.Sitemaps), len(want))
		}
		var got []string
		for _, sm := range idx.Sitemaps {
			_, _, page := split.Fetch(t, strings.TrimPrefix(sm.Loc, split.URL))
			var set testURLSet
			if err := xml.Unmarshal([]byte(page), &set); err != nil || len(set.URLs) > 10 {
				t.Fatalf("%s: %v, %d addresses", sm.Loc, err, len(set.URLs))
			}
			for _, u := range set.URLs {
				got = append(got, strings.TrimPrefix(u.Loc, split.URL))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("the index's pages list %d addresses, one file %d", len(got), len(want))
		}
		for _, bad := range []string{"/sitemap.xml?pagina=0", "/sitemap.xml?pagina=99", "/sitemap.xml?pagina=uno"} {
			if code, _, _ := split.Fetch(t, bad); code != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", bad, code)
			}
		}
	})
}
