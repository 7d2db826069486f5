package insight_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/store"
	"benicommunity/internal/web"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tileServer is a local tile server: a blank 256×256 PNG for any
// /{z}/{x}/{y}.png, and a record of what was asked.
type tileServer struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

var tilePath = regexp.MustCompile(`^/([0-9]+)/([0-9]+)/([0-9]+)\.png$`)

func newTileServer(t *testing.T) *tileServer {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 256, 256))); err != nil {
		t.Fatal(err)
	}
	ts := &tileServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		ts.paths = append(ts.paths, r.URL.Path)
		ts.mu.Unlock()
		if !tilePath.MatchString(r.URL.Path) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *tileServer) requests() []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return slices.Clone(ts.paths)
}

// markersJS counts the members with a position in the map's JSON and the
// markers Leaflet drew, and lists the markers' titles.
const markersJS = `(async () => {
  const box = document.querySelector(".insight-slippy");
  const data = await (await fetch(box.dataset.mapJson)).json();
  const paths = Array.from(box.querySelectorAll("path.leaflet-interactive"));
  return {
    want: data.bodies.filter(b => b.latitude !== null).length,
    got: paths.length,
    titles: paths.map(p => (p.querySelector("title") || {}).textContent || ""),
    attribution: (box.querySelector(".leaflet-control-attribution") || {}).textContent || "",
    tabindex: box.getAttribute("tabindex"),
    name: document.getElementById(box.getAttribute("aria-labelledby")).textContent,
    zoomIn: (box.querySelector(".leaflet-control-zoom-in") || {}).title || ""
  };
})()`

type markerReport struct {
	Want        int      `json:"want"`
	Got         int      `json:"got"`
	Titles      []string `json:"titles"`
	Attribution string   `json:"attribution"`
	Tabindex    string   `json:"tabindex"`
	Name        string   `json:"name"`
	ZoomIn      string   `json:"zoomIn"`
}

// TestBrowserInteractiveMapOnLocalTiles loads /rete with a tile server on
// this machine: the page asks that server for tiles, draws a marker for each
// member with a position, pans with the keyboard, and asks no other host
// for anything.
func TestBrowserInteractiveMapOnLocalTiles(t *testing.T) {
	tiles := newTileServer(t)
	cfg, err := web.ParseMapTiles(tiles.URL+"/{z}/{x}/{y}.png", "© Tessere di prova")
	if err != nil {
		t.Fatal(err)
	}
	s := newTilesSite(t, store.SQLite, cfg)
	browser := browsertest.New(t)
	errs := watchErrors(t, browser)
	ctx := browsertest.Timeout(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/rete"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll(".insight-slippy path.leaflet-interactive").length > 0 &&
			document.querySelectorAll(".insight-slippy img.leaflet-tile-loaded").length > 0`)); err != nil {
		t.Fatal(err)
	}
	// The server-drawn map stays beside the interactive one.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`svg.geo-map`))); err != nil {
		t.Fatal(err)
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[markerReport](markersJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if m.Want < 4 || m.Got != m.Want {
		t.Errorf("%d markers drawn for %d members with a position", m.Got, m.Want)
	}
	if !slices.ContainsFunc(m.Titles, func(s string) bool { return strings.Contains(s, "Chieri") }) {
		t.Errorf("no marker titled Chieri; titles: %q", m.Titles)
	}
	if !strings.Contains(m.Attribution, "© Tessere di prova") {
		t.Errorf("attribution control says %q", m.Attribution)
	}
	if m.Tabindex != "0" || m.Name != "Mappa interattiva" {
		t.Errorf("map container: tabindex %q, name %q; want focusable and named", m.Tabindex, m.Name)
	}

	if m.ZoomIn != "Aumenta lo zoom" {
		t.Errorf("zoom-in button titled %q, want the Italian title", m.ZoomIn)
	}

	var asked int
	for _, p := range tiles.requests() {
		if !tilePath.MatchString(p) {
			t.Errorf("tile server asked for %s", p)
		}
		asked++
	}
	if asked == 0 {
		t.Error("the tile server was never asked for a tile")
	}

	// Keyboard: with the map focused, an arrow key pans it.
	const paneTransform = `document.querySelector(".insight-slippy .leaflet-map-pane").style.transform`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](paneTransform))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.insight-slippy`)), chromedp.KeyEvent(kb.ArrowRight),
		chromedp.Poll[chromedp.Void](paneTransform+` !== `+jsString(before))); err != nil {
		t.Fatalf("the arrow key did not pan the map (transform stayed %s): %v", before, err)
	}

	// Every resource came from the site or the tile server.
	entries, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	Site, _ := url.Parse(s.URL)
	tileHost, _ := url.Parse(tiles.URL)
	fromTiles := 0
	for _, e := range entries {
		if strings.HasPrefix(e, "data:") {
			continue
		}
		u, err := url.Parse(e)
		switch {
		case err != nil:
			t.Errorf("unreadable resource URL %q", e)
		case u.Host == tileHost.Host:
			fromTiles++
		case u.Host != Site.Host:
			t.Errorf("request to another host: %s", e)
		}
	}
	if fromTiles == 0 {
		t.Errorf("the page's resources include no tile: %q", entries)
	}
	// No Content-Security-Policy violation, failed load or script error.
	errs.mu.Lock()
	defer errs.mu.Unlock()
	for _, e := range errs.got {
		t.Errorf("browser error: %s", e)
	}
}

type browserErrors struct {
	mu  sync.Mutex
	got []string
}

// watchErrors collects what the tab logs as an error: CSP violations,
// failed loads, uncaught exceptions and console.error calls.
func watchErrors(t *testing.T, ctx context.Context) *browserErrors {
	t.Helper()
	c := &browserErrors{}
	add := func(s string) {
		c.mu.Lock()
		c.got = append(c.got, s)
		c.mu.Unlock()
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{})
		return err
	})); err != nil {
		t.Fatalf("enable the console log: %v", err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry != nil && e.Entry.Level == cdplog.EntryLevelError {
				add(fmt.Sprintf("[%s] %.300s", e.Entry.Source, e.Entry.Text))
			}
		case *runtime.EventExceptionThrown:
			if e.ExceptionDetails != nil {
				add(fmt.Sprintf("[exception] %.300s", e.ExceptionDetails.Text))
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				add("[console.error]")
			}
		}
	}); err != nil {
		t.Fatalf("listen to the console: %v", err)
	}
	return c
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
