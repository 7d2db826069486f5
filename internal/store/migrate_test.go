package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %04d_%s, postgres %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
		if strings.TrimSpace(lite[i].SQL) == "" || strings.TrimSpace(pg[i].SQL) == "" {
			t.Errorf("migration %04d_%s is empty in one dialect", lite[i].Version, lite[i].Name)
		}
	}
	if store.LatestVersion(store.SQLite) != lite[len(lite)-1].Version || store.LatestVersion(store.Postgres) != store.LatestVersion(store.SQLite) {
		t.Errorf("latest versions: sqlite %d, postgres %d", store.LatestVersion(store.SQLite), store.LatestVersion(store.Postgres))
	}
}

// rawDB opens the test database underneath the store, to set up states the
// store itself never writes (a schema from the future).
func rawDB(t *testing.T, loc store.Location) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", loc.Path
	if loc.Dialect == store.Postgres {
		driver, dsn = "pgx", loc.URL
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrateIsIdempotentAndChecksTheSchema(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s, err := store.Open(ctx, storetest.Location(t, d))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()

		// A database that was never migrated is stale.
		err = s.CheckSchema(ctx)
		if err == nil || !strings.Contains(err.Error(), "run benicommunity migrate") {
			t.Errorf("CheckSchema on an empty database = %v, want a stale-schema error", err)
		}
		ms, err := store.Migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.Migrate(ctx, storetest.Discard())
		if err != nil || n != len(ms) {
			t.Fatalf("first Migrate = %d, %v; want %d", n, err, len(ms))
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Errorf("CheckSchema after Migrate = %v", err)
		}
		n, err = s.Migrate(ctx, storetest.Discard())
		if err != nil || n != 0 {
			t.Errorf("second Migrate = %d, %v; want 0, nil", n, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != store.LatestVersion(d) {
			t.Errorf("SchemaVersion = %d, %v", v, err)
		}
	})
}

func TestMigrateRefusesANewerSchema(t *testing.T) {
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
		future := store.LatestVersion(d) + 1
		if _, err := rawDB(t, loc).Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (` +
			strconv.Itoa(future) + `, 'from_the_future', '2099-01-01T00:00:00Z')`); err != nil {
			t.Fatal(err)
		}

		_, err = s.Migrate(ctx, storetest.Discard())
		var tooNew store.ErrSchemaTooNew
		if !errors.As(err, &tooNew) || tooNew.Database != future || tooNew.Known != store.LatestVersion(d) {
			t.Fatalf("Migrate on a newer schema = %v, want ErrSchemaTooNew{%d, %d}", err, future, store.LatestVersion(d))
		}
		if !strings.Contains(err.Error(), "upgrade benicommunity") {
			t.Errorf("the error does not say what to do: %v", err)
		}
		if err := s.CheckSchema(ctx); !errors.As(err, &tooNew) {
			t.Errorf("CheckSchema on a newer schema = %v, want ErrSchemaTooNew", err)
		}
	})
}

// TestConcurrentStartLoadsDataOnce starts two instances on one database at
// the same moment: both migrate and ask for the default data; the schema is
// applied once and the data is loaded once.
func TestConcurrentStartLoadsDataOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		const instances = 8
		stores := make([]*store.Store, instances)
		for i := range stores {
			s, err := store.Open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			stores[i] = s
		}
		start := make(chan struct{})
		errs := make([]error, instances)
		var wg sync.WaitGroup
		for i, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
					errs[i] = err
					return
				}
				errs[i] = s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard())
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("instance %d: %v", i, err)
			}
		}
		_, activities, err := stores[0].Activities(ctx, store.ActivityFilter{IncludeHidden: true})
		if err != nil {
			t.Fatal(err)
		}
		_, bodies, err := stores[1].Bodies(ctx, store.BodyFilter{})
		if err != nil {
			t.Fatal(err)
		}
		ds, _ := dataset.Default()
		if activities != len(ds.Activities) || bodies != len(ds.Bodies) {
			t.Errorf("after a concurrent start: %d activities, %d bodies; want %d and %d", activities, bodies, len(ds.Activities), len(ds.Bodies))
		}
		var applied int
		if err := rawDB(t, loc).QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
			t.Fatal(err)
		}
		if ms, _ := store.Migrations(d); applied != len(ms) {
			t.Errorf("schema_migrations has %d rows, want %d", applied, len(ms))
		}
	})
}
