package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func exportJSON(t *testing.T, s *store.Store, opt store.ExportOptions) []byte {
	t.Helper()
	ds, err := s.Export(context.Background(), opt)
	if err != nil {
		t.Fatalf("export from %s: %v", s.Dialect(), err)
	}
	b, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importJSON(t *testing.T, s *store.Store, archive []byte) {
	t.Helper()
	ds, err := dataset.Parse(archive)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(context.Background(), ds); err != nil {
		t.Fatalf("import into %s: %v", s.Dialect(), err)
	}
}

// firstDiff shows where two archives part, for a readable failure.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + la[i] + "\n  vs " + lb[i]
		}
	}
	return "one archive is longer"
}

// The supported way to move a network: export, import into an empty
// database of the other kind, export again; nothing may change.
func TestArchiveRoundTripBetweenDatabases(t *testing.T) {
	for _, dir := range [][2]store.Dialect{{store.SQLite, store.Postgres}, {store.Postgres, store.SQLite}} {
		t.Run(string(dir[0])+"-to-"+string(dir[1]), func(t *testing.T) {
			from := withExtra(t, dir[0]) // the default network plus a draft activity
			first := exportJSON(t, from, store.ExportOptions{IncludePersonal: true})
			to := storetest.Open(t, dir[1])
			importJSON(t, to, first)
			second := exportJSON(t, to, store.ExportOptions{IncludePersonal: true})
			if !bytes.Equal(first, second) {
				t.Fatalf("the archives differ after a round trip: %s", firstDiff(first, second))
			}
			for _, want := range []string{`"status": "draft"`, `"published_at": "`, `"created_at": "`, `"format": "benicommunity-archive"`, `"personal": {}`} {
				if !bytes.Contains(first, []byte(want)) {
					t.Errorf("the archive lacks %s", want)
				}
			}
			// the copy answers like the original
			a := search(t, from, store.SearchQuery{Text: "beni immateriali"})
			b := search(t, to, store.SearchQuery{Text: "beni immateriali"})
			if a.Total == 0 || !slices.Equal(hitKeys(a), hitKeys(b)) {
				t.Errorf("search differs after the move:\n%q\n%q", hitKeys(a), hitKeys(b))
			}
			ca, err := from.Counters(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			cb, err := to.Counters(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for i := range ca {
				if ca[i].Total() != cb[i].Total() {
					t.Errorf("counter %s: %d before, %d after", ca[i].Type.Slug, ca[i].Total(), cb[i].Total())
				}
			}
		})
	}
}

// normalised drops what only a database knows and sorts the unordered
// lists, to compare an archive with the dataset it was loaded from.
func normalised(t *testing.T, ds dataset.Dataset) []byte {
	t.Helper()
	ds.Format, ds.Version, ds.Settings, ds.Personal = "", 0, nil, nil
	for i := range ds.Communities {
		ds.Communities[i].ID = 0
	}
	for i := range ds.ActivityTypes {
		ds.ActivityTypes[i].ID = 0
	}
	for i := range ds.Themes {
		ds.Themes[i].ID = 0
	}
	for i := range ds.Bodies {
		ds.Bodies[i].CreatedAt, ds.Bodies[i].UpdatedAt, ds.Bodies[i].ID = "", "", 0
	}
	for i := range ds.Activities {
		a := &ds.Activities[i]
		a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.ID = "", "", "", 0
		for j := range a.Tables {
			a.Tables[j].ID = 0
		}
		slices.SortFunc(a.Roles, func(x, y dataset.DeclaredRole) int { return strings.Compare(x.Role, y.Role) })
		slices.SortFunc(a.Participations, func(x, y dataset.Participation) int {
			return strings.Compare(x.Body+" "+x.Role, y.Body+" "+y.Role)
		})
		if len(a.Participations) == 0 {
			a.Participations = nil
		}
	}
	slices.SortFunc(ds.Activities, func(x, y dataset.Activity) int { return strings.Compare(x.Slug, y.Slug) })
	slices.SortFunc(ds.Bodies, func(x, y dataset.Body) int { return strings.Compare(x.Slug, y.Slug) })
	b, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestArchiveHoldsEverythingOfTheDefaultData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		got, err := s.Export(context.Background(), store.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := dataset.Default()
		if err != nil {
			t.Fatal(err)
		}
		if got.Personal != nil {
			t.Error("personal data exported without being asked for")
		}
		if got.Settings["initial_data"] != "default" {
			t.Errorf("settings = %v", got.Settings)
		}
		for _, a := range got.Activities {
			if a.Status == "published" && a.PublishedAt == "" {
				t.Errorf("%s: published without a publication time", a.Slug)
			}
		}
		// normalised rewrites the lists it is given: compare last
		if g, w := normalised(t, got), normalised(t, want); !bytes.Equal(g, w) {
			t.Errorf("the export lost or changed default data: %s", firstDiff(w, g))
		}
	})
}

func TestImportRefusesANonEmptyDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		archive := exportJSON(t, s, store.ExportOptions{})
		ds, err := dataset.Parse(archive)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Import(context.Background(), ds)
		if !errors.Is(err, store.ErrNotEmpty) {
			t.Fatalf("import into a full database: %v, want ErrNotEmpty", err)
		}
		if after := exportJSON(t, s, store.ExportOptions{}); !bytes.Equal(after, archive) {
			t.Errorf("a refused import changed the database: %s", firstDiff(archive, after))
		}
	})
}

func TestImportWritesAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		src := storetest.OpenDefault(t, d)
		good, err := src.Export(context.Background(), store.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		bad, err := dataset.Parse(exportJSON(t, src, store.ExportOptions{}))
		if err != nil {
			t.Fatal(err)
		}
		last := &bad.Activities[len(bad.Activities)-1]
		last.Participations = append(last.Participations, dataset.Participation{Body: "ente-inesistente", Role: "host"})
		dst := storetest.Open(t, d)
		err = dst.Import(context.Background(), bad)
		if err == nil || !strings.Contains(err.Error(), "ente-inesistente") {
			t.Fatalf("a broken archive: %v, want an error naming the unknown body", err)
		}
		if _, err := dst.Export(context.Background(), store.ExportOptions{}); err == nil {
			t.Error("a failed import left a network behind")
		}
		if err := dst.Import(context.Background(), good); err != nil {
			t.Fatalf("after a failed import the database is not empty any more: %v", err)
		}
		other := good
		other.Format = "something-else"
		if err := storetest.Open(t, d).Import(context.Background(), other); err == nil || !strings.Contains(err.Error(), "not a benicommunity archive") {
			t.Errorf("a document of another format: %v", err)
		}
	})
}

func TestArchiveOfAnEmptyNetwork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.Open(t, d)
		if err := s.EnsureInitialData(context.Background(), store.InitialEmpty, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		first := exportJSON(t, s, store.ExportOptions{})
		other := store.SQLite
		if d == store.SQLite {
			other = store.Postgres
		}
		to := storetest.Open(t, other)
		importJSON(t, to, first)
		if second := exportJSON(t, to, store.ExportOptions{}); !bytes.Equal(first, second) {
			t.Errorf("an empty network changed on the way: %s", firstDiff(first, second))
		}
		if !bytes.Contains(first, []byte(`"initial_data": "empty"`)) || !bytes.Contains(first, []byte(`"activities": []`)) {
			t.Errorf("unexpected archive of an empty network:\n%s", first)
		}
	})
}
