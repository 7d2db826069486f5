package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web/core"
	. "benicommunity/internal/web/webtest"
)

// TestLanguageSwitch follows the switch in the header as a visitor does:
// Accept-Language: en alone gives Italian, the "English" link sets the
// preference cookie and comes back in English, and the cookie keeps the
// next pages in English until "Italiano" removes it.
func TestLanguageSwitch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		res, body := Fetch(t, s, "/tappe?pagina=1", map[string]string{"Accept-Language": "en-GB,en;q=0.9"})
		page := ParseDOM(t, body)
		if got := page.First("html").Attr("lang"); got != "it" {
			t.Fatalf("Accept-Language: en gave lang %q, want Italian", got)
		}
		if len(res.Cookies()) != 0 {
			t.Errorf("a page without a choice sets a cookie: %v", res.Cookies())
		}
		sw := switchLink(t, page, "en")
		if sw.Attr("lang") != "en" || sw.Attr("hreflang") != "en" || sw.Text() != "English" {
			t.Errorf("English switch: lang %q hreflang %q text %q", sw.Attr("lang"), sw.Attr("hreflang"), sw.Text())
		}
		if cur := switchLink(t, page, "it"); cur.Attr("aria-current") != "true" {
			t.Errorf("the Italian link is not marked current on an Italian page")
		}
		href := sw.Attr("href")
		u, err := url.Parse(href)
		if err != nil || u.Path != "/lingua" || u.Query().Get("l") != "en" || u.Query().Get("torna") != "/tappe?pagina=1" {
			t.Fatalf("English switch points to %q", href)
		}

		res, _ = Fetch(t, s, href, nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tappe?lang=en&pagina=1" {
			t.Fatalf("GET %s = %d to %q", href, res.StatusCode, res.Header.Get("Location"))
		}
		c := langCookie(t, res)
		if c == nil || c.Value != "en" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.MaxAge != 365*24*3600 || c.Path != "/" {
			t.Fatalf("the switch set %+v", c)
		}
		if len(res.Cookies()) != 1 {
			t.Errorf("the switch sets more than its cookie: %v", res.Cookies())
		}
		res, body = Fetch(t, s, "/enti", map[string]string{"Cookie": c.Name + "=" + c.Value, "Accept-Language": "it"})
		page = ParseDOM(t, body)
		if page.First("html").Attr("lang") != "en" || res.Header.Get("Content-Language") != "en" {
			t.Errorf("with the cookie, /enti is not English")
		}
		if len(res.Cookies()) != 0 {
			t.Errorf("a page sets a cookie again: %v", res.Cookies())
		}
		if cur := switchLink(t, page, "en"); cur.Attr("aria-current") != "true" {
			t.Errorf("the English link is not marked current on an English page")
		}

		back := switchLink(t, page, "it").Attr("href")
		res, _ = Fetch(t, s, back, map[string]string{"Cookie": "bc_lang=en"})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/enti?lang=it" {
			t.Errorf("GET %s = %d to %q", back, res.StatusCode, res.Header.Get("Location"))
		}
		if c := langCookie(t, res); c == nil || c.MaxAge >= 0 {
			t.Errorf("choosing Italian does not remove the cookie: %+v", c)
		}
	})
}

// TestLanguageSwitchStaysLocal: the return address is a path on the site,
// never another host.
func TestLanguageSwitchStaysLocal(t *testing.T) {
	s := NewSite(t, store.SQLite)
	for torna, want := range map[string]string{
		"https://evil.example/": "/?lang=en",
		"//evil.example/x":      "/?lang=en",
		"/\\evil.example":       "/?lang=en",
		"":                      "/?lang=en",
		"tappe":                 "/?lang=en",
		"/enti?regione=Liguria": "/enti?lang=en&regione=Liguria",
	} {
		res, _ := Fetch(t, s, "/lingua?l=en&torna="+url.QueryEscape(torna), nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Errorf("torna=%q: %d to %q, want %q", torna, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	// An unknown language is Italian, which keeps no cookie.
	res, _ := Fetch(t, s, "/lingua?l=xx&torna=/", nil)
	if c := langCookie(t, res); res.Header.Get("Location") != "/?lang=it" || c == nil || c.MaxAge >= 0 {
		t.Errorf("l=xx: to %q, cookie %+v", res.Header.Get("Location"), c)
	}
}

// TestEnglishPageMarksItalianData: content that exists only in Italian
// carries lang="it" on an English page, and nothing extra on an Italian one.
func TestEnglishPageMarksItalianData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := Fetch(t, s, "/tappe/genova-2021?lang=en", nil)
		page := ParseDOM(t, body)
		desc := page.Labelled("desc-title").Find(func(n *html.Node) bool { return strings.Contains(AttrOf(n, "class"), "bc-prose") })
		if !desc.OK() || desc.Attr("lang") != "it" || desc.Text() == "" {
			t.Errorf("English stage page: description lang %q, text %q", desc.Attr("lang"), desc.Text())
		}
		if h1 := page.Main().First("h1"); h1.Attr("lang") != "it" {
			t.Errorf("English stage page: the title %q is not marked Italian", h1.Text())
		}
		_, body = Fetch(t, s, "/tappe/genova-2021", nil)
		it := ParseDOM(t, body).Main().FindAll(func(n *html.Node) bool { return AttrOf(n, "lang") != "" })
		if len(it) != 0 {
			t.Errorf("Italian stage page marks %d elements with lang, want none", len(it))
		}
		_, body = Fetch(t, s, "/enti/comune-di-genova?lang=en", nil)
		if h1 := ParseDOM(t, body).Main().First("h1"); h1.Attr("lang") != "it" {
			t.Errorf("English body page: the name %q is not marked Italian", h1.Text())
		}
	})
}

func switchLink(t *testing.T, page DOM, lang string) DOM {
	t.Helper()
	a := page.First("header").Find(func(n *html.Node) bool {
		return n.Data == "a" && AttrOf(n, "hreflang") == lang
	})
	if !a.OK() {
		t.Fatalf("no language link with hreflang=%q in the header", lang)
	}
	return a
}

func langCookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == core.LangCookie {
			return c
		}
	}
	return nil
}
