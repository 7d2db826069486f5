package quality_test

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"benicommunity/internal/web"
)

// TestAccessibilityInteractiveMap runs the WCAG gate on /rete with a tile
// server configured (one on this machine), once the interactive map has
// drawn its tiles and markers, in both viewports, and fails on any console
// error too.
func TestAccessibilityInteractiveMap(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 256, 256))); err != nil {
		t.Fatal(err)
	}
	tileSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	t.Cleanup(tileSrv.Close)
	tiles, err := web.ParseMapTiles(tileSrv.URL+"/{z}/{x}/{y}.png", "© Tessere di prova")
	if err != nil {
		t.Fatal(err)
	}
	s := newSiteWithTiles(t, tiles)
	ctx := newBrowser(t)
	if err := addScriptToEveryPage(ctx, axeSource); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	console, err := watchConsole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range viewports {
		if err := setViewport(ctx, v); err != nil {
			t.Fatal(err)
		}
		sctx := step(t, ctx)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.URL+"/rete"),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll(".insight-slippy path.leaflet-interactive").length > 0 &&
				document.querySelectorAll(".insight-slippy img.leaflet-tile-loaded").length > 0`)); err != nil {
			t.Fatalf("%s: the interactive map did not draw: %v", v.Name, err)
		}
		found, err := axeRun(sctx)
		if err != nil {
			t.Fatalf("run axe-core (%s): %v", v.Name, err)
		}
		for _, f := range found {
			t.Errorf("%s", formatViolation("/rete with tiles", v.Name, f))
		}
		for _, e := range console.take() {
			t.Errorf("browser console error on /rete with tiles (%s): %s", v.Name, e)
		}
	}
}
