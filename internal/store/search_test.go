package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
	"benicommunity/internal/fulltext"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func hitKeys(res store.SearchResults) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = fmt.Sprintf("%s:%s:%s", h.Kind, h.Slug, h.Title)
	}
	return out
}

func search(t *testing.T, s *store.Store, q store.SearchQuery) store.SearchResults {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 100
	}
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return res
}

// The promise: the same query gives the same top results on both
// databases for the default dataset.
func TestSearchSameTopResultsOnBothDatabases(t *testing.T) {
	lite := storetest.OpenDefault(t, store.SQLite)
	pg := storetest.OpenDefault(t, store.Postgres)
	for _, q := range []string{"comunicazione", "comunicare", "citta metropolitana", "patti", "formazione", "Genova", "beni immateriali"} {
		a := search(t, lite, store.SearchQuery{Text: q})
		b := search(t, pg, store.SearchQuery{Text: q})
		if a.Total == 0 {
			t.Errorf("%q finds nothing", q)
			continue
		}
		if a.Total != b.Total {
			t.Errorf("%q: %d results on SQLite, %d on PostgreSQL", q, a.Total, b.Total)
		}
		ka, kb := hitKeys(a), hitKeys(b)
		top := min(5, len(ka), len(kb))
		if !slices.Equal(ka[:top], kb[:top]) {
			t.Errorf("%q: top results differ\nSQLite:     %q\nPostgreSQL: %q", q, ka[:top], kb[:top])
		}
		slices.Sort(ka)
		slices.Sort(kb)
		if !slices.Equal(ka, kb) {
			t.Errorf("%q: different results\nSQLite:     %q\nPostgreSQL: %q", q, ka, kb)
		}
	}
}

func TestSearchFindsInflectionsAndAccents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		noun := search(t, s, store.SearchQuery{Text: "comunicazione"})
		verb := search(t, s, store.SearchQuery{Text: "comunicare"})
		if !slices.Equal(hitKeys(noun), hitKeys(verb)) {
			t.Errorf("comunicazione and comunicare differ:\n%q\n%q", hitKeys(noun), hitKeys(verb))
		}
		var sawVerb, sawNoun bool
		for _, h := range noun.Hits {
			title := strings.ToLower(h.Title)
			sawVerb = sawVerb || strings.Contains(title, "comunicare")
			sawNoun = sawNoun || strings.Contains(title, "comunicazione")
			if strings.Contains(title, "comune") && !strings.Contains(title+h.Content, "comunic") {
				t.Errorf("comunicazione finds %q, which only speaks of a comune", h.Title)
			}
		}
		if !sawVerb || !sawNoun {
			t.Errorf("comunicazione should find titles with comunicare and comunicazione: %q", hitKeys(noun))
		}
		city := search(t, s, store.SearchQuery{Text: "citta metropolitana"})
		if len(city.Hits) == 0 || !strings.Contains(city.Hits[0].Title, "Città metropolitana") {
			t.Errorf("citta metropolitana (no accent) should put a Città metropolitana first: %q", hitKeys(city))
		}
		plural := search(t, s, store.SearchQuery{Text: "patto"})
		if !slices.Equal(hitKeys(plural), hitKeys(search(t, s, store.SearchQuery{Text: "patti"}))) || plural.Total == 0 {
			t.Errorf("patto and patti should find the same: %q", hitKeys(plural))
		}
		none := search(t, s, store.SearchQuery{Text: "di la il"})
		if len(none.Terms) != 0 || none.Total != 0 {
			t.Errorf("a query of stop words searched %q and found %d", none.Terms, none.Total)
		}
	})
}

// withExtra loads the default dataset plus a draft and a published activity
// carrying words found nowhere else.
func withExtra(t *testing.T, d store.Dialect) *store.Store {
	t.Helper()
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	base := ds.Activities[0]
	base.Participations, base.Tables, base.Themes, base.Roles = nil, nil, nil, nil
	draft, pub := base, base
	draft.Slug, draft.Title, draft.Status, draft.Summary = "bozza-xilofono", "Bozza sullo xilofono", "draft", "Xilofoni in bozza"
	draft.Tables = []dataset.BreakoutTable{{Title: "Tavolo xilofono", Outcome: "xilofono"}}
	draft.OutcomeReport = "Restituzione sullo xilofono"
	pub.Slug, pub.Title, pub.Stage, pub.Summary = "pubblica-ocarina", "Incontro sull'ocarina", false, "Le ocarine"
	pub.OutcomeReport = "Restituzione sull'ocarina"
	pub.Tables = []dataset.BreakoutTable{{Title: "Tavolo dell'ocarina", Outcome: "Ocarine condivise"}}
	ds.Themes = append(ds.Themes, dataset.Theme{Slug: "liuteria", Name: "Liuteria popolare"})
	pub.Themes = []string{"liuteria"}
	ds.Activities = append(ds.Activities, draft, pub)
	ds.Settings = map[string]string{"initial_data": "default"}
	s := storetest.Open(t, d)
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.LoadDataset(context.Background(), ds) }); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSearchOnlyPublishedActivities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := withExtra(t, d)
		if res := search(t, s, store.SearchQuery{Text: "xilofono"}); res.Total != 0 {
			t.Errorf("a draft activity is searchable: %q", hitKeys(res))
		}
		res := search(t, s, store.SearchQuery{Text: "ocarina"})
		kinds := map[store.SearchKind]int{}
		for _, h := range res.Hits {
			kinds[h.Kind]++
			if h.Slug != "pubblica-ocarina" {
				t.Errorf("ocarina finds %q", h.Slug)
			}
		}
		if kinds[store.SearchActivity] != 1 || kinds[store.SearchReport] != 1 || kinds[store.SearchTable] != 1 {
			t.Errorf("ocarina should find the activity, its report and its table once each: %q", hitKeys(res))
		}
		theme := search(t, s, store.SearchQuery{Text: "liuteria", Kind: store.SearchActivity})
		if theme.Total != 1 || theme.Hits[0].Slug != "pubblica-ocarina" {
			t.Errorf("an activity should be found by the name of its theme: %q", hitKeys(theme))
		}
	})
}

func TestSearchFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		all := search(t, s, store.SearchQuery{Text: "Genova"})
		bodies := search(t, s, store.SearchQuery{Text: "Genova", Kind: store.SearchBody})
		if bodies.Total == 0 || bodies.Total >= all.Total {
			t.Errorf("kind filter: %d bodies of %d results", bodies.Total, all.Total)
		}
		for _, h := range bodies.Hits {
			if h.Kind != store.SearchBody || h.Place == "" {
				t.Errorf("body filter returned %s %q (place %q)", h.Kind, h.Title, h.Place)
			}
		}
		typed := search(t, s, store.SearchQuery{Text: "amministrazione", TypeSlug: "formazione"})
		if typed.Total == 0 {
			t.Fatal("no Formazione result for amministrazione")
		}
		for _, h := range typed.Hits {
			if h.TypeName != "Formazione" {
				t.Errorf("type filter returned %s %q of type %q", h.Kind, h.Title, h.TypeName)
			}
		}
		full := search(t, s, store.SearchQuery{Text: "amministrazione"})
		if full.Total < 6 {
			t.Fatalf("too few results to test pages: %d", full.Total)
		}
		page := search(t, s, store.SearchQuery{Text: "amministrazione", Limit: 3, Offset: 3})
		if page.Total != full.Total || !slices.Equal(hitKeys(page), hitKeys(full)[3:6]) {
			t.Errorf("second page of 3 = %q, want %q", hitKeys(page), hitKeys(full)[3:6])
		}
	})
}

func TestSearchIndexFollowsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		ctx := context.Background()
		create := func(slug, name string) store.NewBody {
			return store.NewBody{Slug: slug, Name: name, Kind: domain.KindAssociazione, Province: "Imperia", Description: "Cura dei giardini pensili"}
		}
		failed := errors.New("stop")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.CreateBody(ctx, create("rinunciata", "Associazione Zafferano")); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatal(err)
		}
		if res := search(t, s, store.SearchQuery{Text: "zafferano"}); res.Total != 0 {
			t.Errorf("a rolled-back body is searchable: %q", hitKeys(res))
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateBody(ctx, create("giardini-sospesi", "Associazione Giardini Sospesi"))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"giardino sospeso", "imperia", "giardini pensili"} {
			res := search(t, s, store.SearchQuery{Text: q})
			if res.Total != 1 || res.Hits[0].Slug != "giardini-sospesi" {
				t.Errorf("%q should find the new body by name, province or description: %q", q, hitKeys(res))
			}
		}
	})
}

func TestSearchRebuildKeepsTheIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		ctx := context.Background()
		rebuilt, err := s.EnsureSearchIndex(ctx)
		if err != nil || rebuilt {
			t.Fatalf("a freshly loaded index was rebuilt (%v, %v)", rebuilt, err)
		}
		before := search(t, s, store.SearchQuery{Text: "beni comuni"})
		if err := s.RebuildSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		after := search(t, s, store.SearchQuery{Text: "beni comuni"})
		if before.Total == 0 || !slices.Equal(hitKeys(before), hitKeys(after)) {
			t.Errorf("rebuild changed the results:\n%q\n%q", hitKeys(before), hitKeys(after))
		}
	})
}

// PostgreSQL indexes our terms with its "italian" configuration: that must
// leave them as they are, or the two databases would match different words.
func TestSearchTermsUnchangedByPostgresItalian(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, a := range ds.Activities {
		texts = append(texts, a.Title, a.Headline, a.Summary, a.Description, a.OutcomeReport)
		for _, tb := range a.Tables {
			texts = append(texts, tb.Title, tb.Outcome)
		}
	}
	for _, b := range ds.Bodies {
		texts = append(texts, b.Name, b.Description, b.Province)
	}
	for _, th := range ds.Themes {
		texts = append(texts, th.Name)
	}
	terms := fulltext.Terms(strings.Join(texts, "\n"))
	want := strings.Fields(terms)
	sort.Strings(want)
	want = slices.Compact(want)
	db, err := sql.Open("pgx", storetest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var lexemes string
	if err := db.QueryRow(`SELECT array_to_string(tsvector_to_array(to_tsvector('italian', $1)), ' ')`, terms).Scan(&lexemes); err != nil {
		t.Fatalf("PostgreSQL: %v", err)
	}
	got := strings.Fields(lexemes)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("PostgreSQL's italian configuration changes our terms:\nonly ours: %q\nonly PostgreSQL's: %q", diff(want, got), diff(got, want))
	}
}

func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// A database that held data before the search index existed (or whose
// index was built another way) gets it rebuilt at start-up.
func TestEnsureSearchIndexRebuildsAMissingIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		s, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		want := hitKeys(search(t, s, store.SearchQuery{Text: "patti"}))
		raw, err := sql.Open(map[store.Dialect]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[d],
			map[store.Dialect]string{store.SQLite: "file:" + loc.Path + "?_pragma=busy_timeout(10000)", store.Postgres: loc.URL}[d])
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, q := range []string{`DELETE FROM search_documents`, `DELETE FROM settings WHERE key = 'search_index_version'`} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if res := search(t, s, store.SearchQuery{Text: "patti"}); res.Total != 0 {
			t.Fatalf("the emptied index still finds %d", res.Total)
		}
		rebuilt, err := s.EnsureSearchIndex(ctx)
		if err != nil || !rebuilt {
			t.Fatalf("EnsureSearchIndex = %v, %v; want a rebuild", rebuilt, err)
		}
		if got := hitKeys(search(t, s, store.SearchQuery{Text: "patti"})); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("after the rebuild: %q, want %q", got, want)
		}
		if rebuilt, err := s.EnsureSearchIndex(ctx); err != nil || rebuilt {
			t.Errorf("a second start rebuilt again (%v, %v)", rebuilt, err)
		}
	})
}
