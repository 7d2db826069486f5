package insight_test

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

// newTilesSite is newSite with a tile server configured.
func newTilesSite(t *testing.T, d store.Dialect, tiles web.MapTiles) *Site {
	t.Helper()
	s := storetest.OpenDefault(t, d)
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	srv, err := web.New(web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test", MapTiles: tiles})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &Site{Server: ts, Store: s, Logs: logs}
}

// imgSrc returns the img-src directive of a policy.
func imgSrc(csp string) string {
	for d := range strings.SplitSeq(csp, ";") {
		if d = strings.TrimSpace(d); strings.HasPrefix(d, "img-src ") {
			return d
		}
	}
	return ""
}

func TestParseMapTiles(t *testing.T) {
	good := []string{
		"https://tiles.example.org/{z}/{x}/{y}.png",
		"https://{s}.tile.example.org/{z}/{x}/{y}{r}.png",
		"http://127.0.0.1:8081/{z}/{x}/{y}.png",
	}
	for _, u := range good {
		got, err := web.ParseMapTiles(" "+u+" ", " © Esempio ")
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		if got.URL != u || got.Attribution != "© Esempio" || !got.Enabled() {
			t.Errorf("%s: got %+v", u, got)
		}
	}
	off, err := web.ParseMapTiles("", "")
	if err != nil || off.Enabled() {
		t.Errorf("empty options: %+v, %v; want off and no error", off, err)
	}
	bad := map[string]string{
		"ftp://tiles.example.org/{z}/{x}/{y}.png":            "https:// or http://",
		"//tiles.example.org/{z}/{x}/{y}.png":                "https:// or http://",
		"https://tiles.example.org/{z}/{x}.png":              "must contain {z}, {x} and {y}",
		"https://tiles.example.org/{z}/{x}/{y}.png?k={key}":  "unknown placeholder {key}",
		"https://a{s}.example.org/{z}/{x}/{y}.png":           "{s} may only be the first label",
		"https://{z}.example.org/{z}/{x}/{y}.png":            "must be in the path",
		"https://u:p@tiles.example.org/{z}/{x}/{y}.png":      "credentials",
		"https://tiles.example.org/{z}/{x}/{y}.png; img-src": "must not contain",
		"https:///{z}/{x}/{y}.png":                           "no valid host",
	}
	for u, want := range bad {
		_, err := web.ParseMapTiles(u, "© Esempio")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "--map-tiles-url: ") {
			t.Errorf("%s: error %v, want one starting with --map-tiles-url and saying %q", u, err, want)
		}
	}
	if _, err := web.ParseMapTiles(good[0], " "); err == nil || !strings.HasPrefix(err.Error(), "--map-tiles-attribution: ") {
		t.Errorf("URL without attribution: error %v, want one naming --map-tiles-attribution", err)
	}
}

// Without the option no page loads Leaflet or refers to a tile server, and
// the policy's images stay on this host.
func TestMapTilesOffByDefault(t *testing.T) {
	s := NewSite(t, store.SQLite)
	for _, path := range []string{"/", "/rete", "/enti"} {
		res, body := Fetch(t, s, path, nil)
		if got := imgSrc(res.Header.Get("Content-Security-Policy")); got != "img-src 'self' data:" {
			t.Errorf("GET %s: %q, want img-src 'self' data:", path, got)
		}
		for _, s := range []string{"leaflet", "js/insight-map", "data-map-tiles", "data-map-wrap"} {
			if strings.Contains(body, s) {
				t.Errorf("GET %s refers to %s without a tile server: %s", path, s, Excerpt(body, s))
			}
		}
	}
}

func TestMapTilesOn(t *testing.T) {
	tiles, err := web.ParseMapTiles("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "© Contributori <Esempio>")
	if err != nil {
		t.Fatal(err)
	}
	s := newTilesSite(t, store.SQLite, tiles)
	for _, path := range []string{"/", "/rete", "/enti", "/nessuna-pagina"} {
		res, body := Fetch(t, s, path, nil)
		if got := imgSrc(res.Header.Get("Content-Security-Policy")); got != "img-src 'self' data: https://*.tiles.example.org" {
			t.Errorf("GET %s: %q, want the tile origin added to img-src and nothing else", path, got)
		}
		if path != "/rete" && strings.Contains(body, "leaflet") {
			t.Errorf("GET %s loads Leaflet, which only /rete uses: %s", path, Excerpt(body, "leaflet"))
		}
	}
	_, body := s.Get(t, "/rete")
	for _, re := range []string{
		`<link rel="stylesheet" href="/static/vendor/leaflet@1\.9\.4/leaflet\.[0-9a-f]{10}\.css">`,
		`<script src="/static/vendor/leaflet@1\.9\.4/leaflet\.[0-9a-f]{10}\.js" defer></script>`,
		`<script src="/static/js/insight-map\.[0-9a-f]{10}\.js" defer></script>`,
		`data-map-tiles="https://{s}\.tiles\.example\.org/{z}/{x}/{y}\.png"`,
		`data-map-attribution="© Contributori &lt;Esempio&gt;"`,
		`data-map-json="/rete/mappa\.json"`,
		`role="region" aria-labelledby="slippy-title"`,
		`Sfondo della mappa interattiva: © Contributori &lt;Esempio&gt;`,
	} {
		if !regexp.MustCompile(re).MatchString(body) {
			t.Errorf("/rete lacks %s", re)
		}
	}
	// The server-drawn map and its table stay.
	for _, want := range []string{`class="geo-map`, `data-json="mappa"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/rete lost %s with tiles on", want)
		}
	}
	// The filter is passed on to the JSON the script loads.
	_, body = s.Get(t, "/rete?dal=2022-01-01")
	if !strings.Contains(body, `data-map-json="/rete/mappa.json?dal=2022-01-01"`) {
		t.Errorf("filtered /rete does not pass the filter to the map: %s", Excerpt(body, "data-map-json"))
	}
}
