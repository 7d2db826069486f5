package webtest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// nastyTitle must survive every format: markup that would close a script
// element, iCalendar separators and XML specials.
const NastyTitle = `Beni comuni </script><script>alert("x")</script> & co; a, b`

// feedDataset is the default network plus activities that exercise every
// case of the feeds: times across a DST change, past midnight, hybrid and in
// person, cancelled, draft, a second community, an association with a website.
func FeedDataset(t *testing.T) dataset.Dataset {
	t.Helper()
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	ds.Communities = append(ds.Communities, dataset.Community{Slug: "giovani", Name: "Community dei giovani amministratori"})
	ds.Bodies = append(ds.Bodies,
		dataset.Body{Slug: "rete-beni-comuni", Name: "Rete dei beni comuni", Kind: "associazione", Region: "Piemonte",
			Website: "https://example.org/rete?a=1&b=2", Description: "Associazione di enti per i beni comuni."},
		dataset.Body{Slug: "ufficio-patti-torino", Name: "Ufficio patti del Comune di Torino", Kind: "ufficio", Parent: "comune-di-torino",
			Province: "Torino", Region: "Piemonte"},
	)
	long := strings.Repeat("Una descrizione lunga, con virgole; punti e virgola e accenti: città, perché, così. ", 4)
	ds.Activities = append(ds.Activities,
		dataset.Activity{Slug: "incontro-torino-2023", Title: "Incontro pubblico a Torino", Type: "eventi-pubblici", Status: "published",
			Date: "2023-03-26", StartTime: "17:30", EndTime: "19:00", Format: "in_presenza",
			Venue: "Sala Rossa, Palazzo Civico; piazza Palazzo di Città 1, Torino", Summary: long,
			Description: "Un incontro **pubblico**.", Participations: []dataset.Participation{{Body: "comune-di-torino", Role: "host"}, {Body: "rete-beni-comuni", Role: "co_organizer"}}},
		dataset.Activity{Slug: "serata-ibrida-2023", Title: NastyTitle, Type: "formazione", Status: "published",
			Date: "2023-10-28", StartTime: "21:00", EndTime: "00:30", Format: "ibrido", Venue: "Biblioteca civica di Chieri",
			OnlineNote: "Diretta sul canale della rete.", Summary: "Una serata di formazione in sala e online.",
			Description: "Serata.", OutcomeShared: true, OutcomeReport: "Le proposte emerse sono **tre**.",
			Participations: []dataset.Participation{{Body: "comune-di-chieri", Role: "host"}}},
		dataset.Activity{Slug: "tappa-annullata-2023", Title: "Tappa annullata a Susa", Type: "co-progettazione", Community: "amministratori",
			Stage: true, Status: "cancelled", Date: "2023-05-12", Format: "in_presenza", Venue: "Castello di Susa",
			Summary: "Tappa rinviata.", Description: "Rinviata.", Participations: []dataset.Participation{{Body: "comune-di-susa", Role: "host"}}},
		dataset.Activity{Slug: "bozza-2024", Title: "Bozza non pubblicata", Type: "networking", Community: "amministratori", Stage: true,
			Status: "draft", Date: "2024-01-10", Format: "online", Summary: "Bozza.", Description: "Bozza."},
		dataset.Activity{Slug: "giovani-2023", Title: "Prima tappa dei giovani amministratori", Type: "networking", Community: "giovani",
			Stage: true, Status: "published", Date: "2023-06-15", Format: "online", Summary: "La prima tappa della nuova comunità.",
			Description: "Prima tappa."},
	)
	return ds
}

// newFeedSite runs the site on a fresh database of dialect d holding feedDataset.
func NewFeedSite(t *testing.T, d store.Dialect, configure func(*web.Deps)) *Site {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, d)
	ds := FeedDataset(t)
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
		t.Fatalf("load feed dataset: %v", err)
	}
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	deps := web.Deps{Store: s, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test", Versions: Watch(t, s)}
	if configure != nil {
		configure(&deps)
	}
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &Site{Server: ts, Store: s, Logs: logs}
}

// fetch gets a path and returns the status, the Content-Type and the body.
func (s *Site) Fetch(t *testing.T, path string) (int, string, string) {
	t.Helper()
	Client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := Client.Get(s.URL + path)
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
	return res.StatusCode, res.Header.Get("Content-Type"), string(body)
}
