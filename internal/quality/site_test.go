package quality_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// newSite starts the real site (web.New with every embedded asset and the
// whole catalogue) on a fresh SQLite file holding the default network.
// SQLite is enough here: these gates judge the HTML, and the data-layer
// tests already cover both databases.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	return newSiteWithTiles(t, web.MapTiles{})
}

// newSiteWithTiles is newSite with the optional tile server of /rete.
func newSiteWithTiles(t *testing.T, tiles web.MapTiles) *httptest.Server {
	t.Helper()
	st := storetest.OpenDefault(t, store.SQLite)
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", MapTiles: tiles})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}
