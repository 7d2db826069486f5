// Package storetest opens real databases for tests: a fresh SQLite file and a
// fresh PostgreSQL schema per test, so every data-layer test runs on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
)

// DefaultPostgresURL is used when BENICOMMUNITY_TEST_POSTGRES_URL is not set:
// the local server most development machines run.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// PostgresURL returns the server the tests use.
func PostgresURL() string {
	if u := os.Getenv("BENICOMMUNITY_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// Dialects are the databases every data-layer test runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Location returns a fresh, empty database of the given dialect that is
// removed when the test ends. A PostgreSQL that cannot be reached fails the
// test: the suite never silently skips half of itself.
func Location(t testing.TB, d store.Dialect) store.Location {
	t.Helper()
	if d == store.SQLite {
		return store.Location{Dialect: store.SQLite, Path: filepath.Join(t.TempDir(), "test.db")}
	}
	base := PostgresURL()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL %s: %v", base, err)
	}
	defer admin.Close()
	if err := admin.Ping(); err != nil {
		t.Fatalf("PostgreSQL is required for the tests and does not answer at %s (set BENICOMMUNITY_TEST_POSTGRES_URL): %v", base, err)
	}
	schema := "t_" + randomHex(8)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer c.Close()
		c.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return store.Location{Dialect: store.Postgres, URL: u.String()}
}

// Open returns a migrated, empty store of the given dialect.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, Location(t, d))
	if err != nil {
		t.Fatalf("open %s store: %v", d, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx, Discard()); err != nil {
		t.Fatalf("migrate %s: %v", d, err)
	}
	return s
}

// OpenDefault returns a migrated store holding the default dataset.
func OpenDefault(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	s := Open(t, d)
	if err := s.EnsureInitialData(context.Background(), store.InitialDefault, dataset.Default, Discard()); err != nil {
		t.Fatalf("load default dataset on %s: %v", d, err)
	}
	return s
}

// Each runs fn once per dialect as a subtest.
func Each(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// Discard is a logger that writes nothing.
func Discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
