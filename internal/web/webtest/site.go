// Package webtest starts the whole site on a real database for the tests of
// every room, and reads what it answers: pages by their HTML structure (DOM),
// API answers, feeds, e-mails through a real SMTP server, logged-in clients.
// It is used by tests only.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/dataset"
	"benicommunity/internal/i18n"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// site is a running test server on a real database with the default dataset.
type Site struct {
	*httptest.Server
	Store *store.Store
	Logs  *bytes.Buffer
}

func NewSite(t *testing.T, d store.Dialect) *Site {
	t.Helper()
	s := storetest.OpenDefault(t, d)
	return NewSiteOn(t, s)
}

func NewSiteOn(t *testing.T, s *store.Store) *Site {
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
		Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test", Versions: Watch(t, s)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &Site{Server: ts, Store: s, Logs: logs}
}

// Watch starts a data-version watcher on s for the length of the test, so
// the site serves public pages through its render cache as in production:
// every test that writes and then reads proves the cache is never stale.
func Watch(t testing.TB, s *store.Store) *store.VersionWatcher {
	t.Helper()
	w, err := s.WatchVersion(t.Context(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// get fetches a path in Italian and returns the status and body.
func (s *Site) Get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	Client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "⟦") {
		t.Errorf("GET %s shows an untranslated message id: %s", path, Excerpt(string(body), "⟦"))
	}
	return res.StatusCode, string(body)
}

func Excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return ""
	}
	return s[max(0, i-60):min(len(s), i+60)]
}

// sortedKeys returns the keys of m in order, for stable messages.
func SortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// newSiteWith serves a store holding exactly ds.
func NewSiteWith(t *testing.T, d store.Dialect, ds dataset.Dataset) *Site {
	t.Helper()
	st := storetest.Open(t, d)
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
		t.Fatalf("load dataset: %v", err)
	}
	return NewSiteOn(t, st)
}

// activityLinks returns the links to activity pages in the main content.
func ActivityLinks(page DOM) []string {
	var out []string
	for _, h := range page.Hrefs() {
		if strings.HasPrefix(h, "/tappe/") || strings.HasPrefix(h, "/attivita/") {
			out = append(out, h)
		}
	}
	return out
}

// hiddenActivities is a network with a published stage, a published activity
// that is not a stage, a draft stage and a cancelled activity.
func HiddenActivities() dataset.Dataset {
	act := func(slug string, stage bool, status string) dataset.Activity {
		a := dataset.Activity{Slug: slug, Title: "Titolo " + slug, Type: "incontri", Stage: stage, Status: status,
			Date: "2024-05-10", Format: "online", Summary: "Sintesi " + slug, Description: "Descrizione " + slug,
			Participations: []dataset.Participation{{Body: "alfa", Role: "host"}}}
		if stage {
			a.Community = "amministratori"
		}
		return a
	}
	return dataset.Dataset{
		Network:       dataset.Network{Name: "Rete di prova"},
		Communities:   []dataset.Community{{Slug: "amministratori", Name: "Amministratori"}},
		ActivityTypes: []dataset.ActivityType{{Slug: "incontri", Name: "Incontri", Baseline: 2}},
		Bodies:        []dataset.Body{{Slug: "alfa", Name: "Comune di Alfa", Kind: "comune"}},
		Activities: []dataset.Activity{
			act("tappa-pubblica", true, "published"),
			act("webinar", false, "published"),
			act("tappa-in-bozza", true, "draft"),
			act("incontro-annullato", false, "cancelled"),
		},
	}
}

// fetch sends a request and returns the response with its body read; it
// follows no redirects and decompresses nothing.
func Fetch(t *testing.T, s *Site, path string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	Client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{DisableCompression: true},
	}
	res, err := Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func (s *Site) GetJSON(t *testing.T, path string, v any) int {
	t.Helper()
	code, body := s.Get(t, path)
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: not JSON (%v): %s", path, err, Excerpt(body, ""))
	}
	return code
}

var CounterExplained = regexp.MustCompile(`Il contatore mostra (\d+) attività: (\d+) pubblicat[ae] su questo sito e (\d+) svolte in precedenza`)
