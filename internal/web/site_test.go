package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// site is a running test server on a real database with the default dataset.
type site struct {
	*httptest.Server
	Store *store.Store
	Logs  *bytes.Buffer
}

func newSite(t *testing.T, d store.Dialect) *site {
	t.Helper()
	s := storetest.OpenDefault(t, d)
	return newSiteOn(t, s)
}

func newSiteOn(t *testing.T, s *store.Store) *site {
	t.Helper()
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
		Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &site{Server: ts, Store: s, Logs: logs}
}

// get fetches a path in Italian and returns the status and body.
func (s *site) get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "⟦") {
		t.Errorf("GET %s shows an untranslated message id: %s", path, excerpt(string(body), "⟦"))
	}
	return res.StatusCode, string(body)
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return ""
	}
	return s[max(0, i-60):min(len(s), i+60)]
}

// sortedKeys returns the keys of m in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
