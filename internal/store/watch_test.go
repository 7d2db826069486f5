package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// Every table of the schema either bumps the data version on insert, update
// and delete, or is listed in store.UnversionedTables with its reason.
func TestEveryPublicTableBumpsTheDataVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		loc := storetest.Location(t, d)
		s, err := store.Open(context.Background(), loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Migrate(context.Background(), storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		counts, err := s.RowCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		q := `SELECT event_object_table, event_manipulation FROM information_schema.triggers
WHERE trigger_schema = current_schema() AND action_statement LIKE '%insight_bump_data_version%'`
		if d == store.SQLite {
			q = `SELECT tbl_name, CASE WHEN sql LIKE '%AFTER INSERT%' THEN 'INSERT' WHEN sql LIKE '%AFTER UPDATE%' THEN 'UPDATE'
WHEN sql LIKE '%AFTER DELETE%' THEN 'DELETE' ELSE '' END FROM sqlite_master
WHERE type = 'trigger' AND sql LIKE '%UPDATE insight_data_version SET version = version + 1%'`
		}
		rows, err := rawDB(t, loc).Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		events := map[string]map[string]bool{}
		for rows.Next() {
			var table, event string
			if err := rows.Scan(&table, &event); err != nil {
				t.Fatal(err)
			}
			if events[table] == nil {
				events[table] = map[string]bool{}
			}
			events[table][event] = true
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(counts) < 20 {
			t.Fatalf("the catalogue lists only %d tables: %v", len(counts), counts)
		}
		for table := range counts {
			if _, skipped := store.UnversionedTables[table]; skipped {
				if len(events[table]) > 0 {
					t.Errorf("table %s is listed as unversioned but has version triggers", table)
				}
				continue
			}
			for _, ev := range []string{"INSERT", "UPDATE", "DELETE"} {
				if !events[table][ev] {
					t.Errorf("table %s: no trigger bumps the data version on %s (add one, or list it in store.UnversionedTables)", table, ev)
				}
			}
		}
	})
}

// waitChange waits for the watcher to see a change, or fails the test. The
// watcher polls every 250 ms or is notified at once; the generous bound only
// keeps a busy machine from failing the test.
func waitChange(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: the watcher saw no change", what)
	}
}

func TestWatchVersionSeesAnotherInstance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		loc := storetest.Location(t, d)
		a, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		if _, err := a.Migrate(ctx, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		b, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		w, err := b.WatchVersion(ctx, storetest.Discard())
		if err != nil {
			t.Fatal(err)
		}
		start := w.Version()

		// A write on the other instance.
		ch := w.Changed()
		if _, err := a.CreateBody(ctx, store.NewBody{Slug: "comune-di-uno", Name: "Comune di Uno", Kind: "comune"}); err != nil {
			t.Fatal(err)
		}
		waitChange(t, ch, "write on another instance")
		want, err := a.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Version(); got == start || got > want {
			t.Errorf("version after the write = %d (was %d, database has %d)", got, start, want)
		}

		// A write on this instance.
		ch = w.Changed()
		before := w.Version()
		if _, err := b.CreateBody(ctx, store.NewBody{Slug: "comune-di-due", Name: "Comune di Due", Kind: "comune"}); err != nil {
			t.Fatal(err)
		}
		waitChange(t, ch, "write on this instance")
		if w.Version() <= before {
			t.Errorf("version after a local write = %d, was %d", w.Version(), before)
		}
	})
}

// Killing the listening connection makes the watcher poll, then listen again.
func TestWatchVersionSurvivesALostListenConnection(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	loc := storetest.Location(t, store.Postgres)
	a, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Migrate(ctx, storetest.Discard()); err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	w, err := b.WatchVersion(ctx, storetest.Discard())
	if err != nil {
		t.Fatal(err)
	}
	waitListening(t, w)

	// The watcher's listening backend, named by its application_name.
	var killed int
	err = rawDB(t, loc).QueryRow(`SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE application_name = 'benicommunity-version-watch' AND query LIKE 'LISTEN%' AND datname = current_database()) k`).Scan(&killed)
	if err != nil {
		t.Fatal(err)
	}
	if killed == 0 {
		t.Fatal("no listening connection found")
	}
	waitNotListening(t, w)

	ch := w.Changed()
	if _, err := a.CreateBody(ctx, store.NewBody{Slug: "comune-di-tre", Name: "Comune di Tre", Kind: "comune"}); err != nil {
		t.Fatal(err)
	}
	waitChange(t, ch, "write while the listen connection is down")

	waitListening(t, w)
	ch = w.Changed()
	if _, err := a.CreateBody(ctx, store.NewBody{Slug: "comune-di-quattro", Name: "Comune di Quattro", Kind: "comune"}); err != nil {
		t.Fatal(err)
	}
	waitChange(t, ch, "write after reconnecting")
}

func waitListening(t *testing.T, w *store.VersionWatcher) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !w.Listening() {
		if time.Now().After(deadline) {
			t.Fatal("the watcher does not listen")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func waitNotListening(t *testing.T, w *store.VersionWatcher) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for w.Listening() {
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not notice its connection was terminated")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
