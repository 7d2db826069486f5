package web_test

import (
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
	"github.com/andybalholm/brotli"
)

func TestLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		// Italian first: the browser's Accept-Language never switches the
		// language; ?lang= and the cookie of the language switch do.
		cases := []struct {
			path, acceptLanguage, cookie, lang, h1 string
		}{
			{"/tappe", "it-IT,it;q=0.9", "", "it", "Le tappe della rete"},
			{"/tappe?lang=en", "it-IT,it;q=0.9", "", "en", ""},
			{"/tappe", "en-GB,en;q=0.9", "", "it", "Le tappe della rete"},
			{"/tappe", "en", "", "it", "Le tappe della rete"},
			{"/tappe?lang=it", "en-GB,en;q=0.9", "", "it", "Le tappe della rete"},
			{"/tappe", "", "", "it", "Le tappe della rete"},
			{"/tappe?lang=xx", "", "", "it", "Le tappe della rete"},
			{"/tappe", "", "bc_lang=en", "en", ""},
			{"/tappe?lang=it", "", "bc_lang=en", "it", "Le tappe della rete"},
			{"/tappe", "", "bc_lang=xx", "it", "Le tappe della rete"},
			{"/tappe", "", "other=en", "it", "Le tappe della rete"},
		}
		for _, c := range cases {
			header := map[string]string{"Accept-Language": c.acceptLanguage}
			if c.cookie != "" {
				header["Cookie"] = c.cookie
			}
			res, body := Fetch(t, s, c.path, header)
			page := ParseDOM(t, body)
			if got := page.First("html").Attr("lang"); got != c.lang || res.Header.Get("Content-Language") != c.lang {
				t.Errorf("GET %s (Accept-Language %q, Cookie %q): lang %q, Content-Language %q; want %q", c.path, c.acceptLanguage, c.cookie, got, res.Header.Get("Content-Language"), c.lang)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Cookie") {
				t.Errorf("GET %s: Vary %q does not name Cookie, so a cache could mix the languages", c.path, res.Header.Get("Vary"))
			}
			h1 := page.Main().First("h1").Text()
			if c.h1 != "" && h1 != c.h1 {
				t.Errorf("GET %s: h1 %q, want %q", c.path, h1, c.h1)
			}
			if c.lang == "en" && (h1 == "" || h1 == "Le tappe della rete") {
				t.Errorf("GET %s: h1 %q is not English", c.path, h1)
			}
			if strings.Contains(body, "⟦") {
				t.Errorf("GET %s shows an untranslated id", c.path)
			}
		}
		_, body := Fetch(t, s, "/?lang=en", nil)
		if !strings.Contains(ParseDOM(t, body).Main().Text(), "Shared administration of the commons") {
			t.Error("the English home page lacks its English title")
		}
		// Dates follow the language too.
		_, body = Fetch(t, s, "/tappe/genova-2021?lang=en", nil)
		if !strings.Contains(body, "21 September 2021") {
			t.Errorf("English stage page lacks the English date: %q", Excerpt(body, "2021"))
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	s := NewSite(t, store.SQLite)
	for _, path := range []string{"/", "/nessuna-pagina", "/healthz", "/enti?pagina=0"} {
		res, _ := Fetch(t, s, path, nil)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, directive := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, directive) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, directive)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("GET %s: CSP allows inline code: %q", path, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY"} {
			if h.Get(k) != v {
				t.Errorf("GET %s: %s = %q, want %q", path, k, h.Get(k), v)
			}
		}
	}
}

func TestGzip(t *testing.T) {
	s := NewSite(t, store.SQLite)
	plainRes, plain := Fetch(t, s, "/tappe", nil)
	if plainRes.Header.Get("Content-Encoding") != "" {
		t.Errorf("answered %q to a client that accepts no encoding", plainRes.Header.Get("Content-Encoding"))
	}
	for _, path := range []string{"/tappe", "/healthz", "/nessuna-pagina"} {
		res, body := Fetch(t, s, path, map[string]string{"Accept-Encoding": "gzip, deflate"})
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Content-Encoding %q, Vary %q", path, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Errorf("GET %s: not gzip: %v", path, err)
			continue
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil {
			t.Errorf("GET %s: broken gzip: %v", path, err)
		}
		if path == "/tappe" && string(unzipped) != plain {
			t.Errorf("GET /tappe gzipped differs from the plain page")
		}
	}
	res, _ := Fetch(t, s, "/tappe", map[string]string{"Accept-Encoding": "gzip;q=0"})
	if res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent to a client that refused it with q=0")
	}
	// A browser that accepts brotli gets the public pages in brotli (from
	// the render cache, compressed once per version), the same bytes.
	res, body := Fetch(t, s, "/tappe", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if res.Header.Get("Content-Encoding") != "br" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("GET /tappe with br accepted: Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
	}
	unbr, err := io.ReadAll(brotli.NewReader(strings.NewReader(body)))
	if err != nil || string(unbr) != plain {
		t.Errorf("GET /tappe in brotli differs from the plain page (%v)", err)
	}
}

func TestStaticAssets(t *testing.T) {
	s := NewSite(t, store.SQLite)
	_, body := s.Get(t, "/")
	var sheets []string
	for _, l := range ParseDOM(t, body).Tag("link") {
		if l.Attr("rel") == "stylesheet" {
			sheets = append(sheets, l.Attr("href"))
		}
	}
	if len(sheets) == 0 {
		t.Fatal("the page links no stylesheet")
	}
	for _, href := range sheets {
		if !strings.HasPrefix(href, "/static/") {
			t.Errorf("stylesheet %s is not served by the site", href)
			continue
		}
		res, css := Fetch(t, s, href, nil)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || len(css) == 0 {
			t.Errorf("GET %s = %d %s (%d bytes)", href, res.StatusCode, res.Header.Get("Content-Type"), len(css))
		}
		cc := res.Header.Get("Cache-Control")
		if !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("GET %s: Cache-Control %q, want a year and immutable", href, cc)
		}
		if res.Header.Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", href)
		}
		again, _ := Fetch(t, s, href, map[string]string{"If-None-Match": res.Header.Get("ETag")})
		if again.StatusCode != 304 {
			t.Errorf("GET %s with its ETag = %d, want 304", href, again.StatusCode)
		}
	}
	res, _ := Fetch(t, s, "/favicon.ico", nil)
	if res.StatusCode != 204 {
		t.Errorf("GET /favicon.ico = %d, want 204", res.StatusCode)
	}
}
