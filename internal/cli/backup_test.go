package cli_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// dbFlagValue is the --db value of a test location.
func dbFlagValue(loc store.Location) string {
	if loc.Dialect == store.SQLite {
		return "sqlite:" + loc.Path
	}
	return loc.URL
}

func openLoc(t *testing.T, loc store.Location) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background(), storetest.Discard()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBackupUnderWriteLoadRestoresEveryAcknowledgedRow takes a backup while
// accounts are being created, restores it into a new database and finds
// every account whose creation was acknowledged before the backup started.
func TestBackupUnderWriteLoadRestoresEveryAcknowledgedRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := testContext(t)
		src := storetest.Location(t, d)
		s := openLoc(t, src)
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		var (
			acked   atomic.Int64 // accounts created and committed so far
			stop    = make(chan struct{})
			writer  sync.WaitGroup
			wErr    error
			created = func(i int64) string { return fmt.Sprintf("load-%04d@example.it", i) }
		)
		writer.Add(1)
		go func() {
			defer writer.Done()
			for i := int64(0); ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.CreateUser(ctx, store.NewUser{Email: created(i), Name: "Load", Role: auth.Participant}); err != nil {
					wErr = err
					return
				}
				acked.Store(i + 1)
			}
		}()
		for acked.Load() < 20 { // the load is running before the backup starts
			time.Sleep(5 * time.Millisecond)
		}
		before := acked.Load()
		file := filepath.Join(t.TempDir(), "copy.bak")
		res := run(t, ctx, nil, "backup", "--db", dbFlagValue(src), "--to", file)
		close(stop)
		writer.Wait()
		if wErr != nil {
			t.Fatalf("the writer failed during the backup: %v", wErr)
		}
		if res.code != 0 {
			t.Fatalf("backup: exit %d, stderr %s", res.code, res.stderr)
		}
		if acked.Load() == before {
			t.Log("no write landed during the backup")
		}
		if d == store.Postgres && !strings.Contains(res.stderr, "pg_dump") {
			t.Errorf("a PostgreSQL backup does not point at pg_dump: %q", res.stderr)
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".benicommunity-*"))
		if len(leftovers) > 0 {
			t.Errorf("temporary files left: %v", leftovers)
		}

		dst := storetest.Location(t, d)
		res = run(t, ctx, nil, "restore", "--db", dbFlagValue(dst), "--from", file)
		if res.code != 0 {
			t.Fatalf("restore: exit %d, stderr %s", res.code, res.stderr)
		}
		restored := openLoc(t, dst)
		for i := int64(0); i < before; i++ {
			if _, err := restored.UserByEmail(ctx, created(i)); err != nil {
				t.Fatalf("account %s, acknowledged before the backup, is not restored: %v", created(i), err)
			}
		}
		counts, err := restored.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts["bodies"] == 0 || counts["activities"] == 0 {
			t.Errorf("the network is not restored: %v", counts)
		}
		if err := restored.IntegrityCheck(ctx); err != nil {
			t.Error(err)
		}
	})
}

func TestRestoreRefusesADatabaseWithDataUnlessForced(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := testContext(t)
		src := storetest.Location(t, d)
		s := openLoc(t, src)
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, store.NewUser{Email: "from-backup@example.it", Role: auth.Coordinator}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "copy.bak")
		if res := run(t, ctx, nil, "backup", "--db", dbFlagValue(src), "--to", file); res.code != 0 {
			t.Fatalf("backup: %s", res.stderr)
		}

		// The target holds data of its own.
		dst := storetest.Location(t, d)
		target := openLoc(t, dst)
		if err := target.EnsureInitialData(ctx, store.InitialEmpty, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		if _, err := target.CreateUser(ctx, store.NewUser{Email: "replaced@example.it", Role: auth.Coordinator}); err != nil {
			t.Fatal(err)
		}
		if d == store.SQLite {
			target.Close() // restore of an SQLite file is done with its servers stopped
		}

		res := run(t, ctx, nil, "restore", "--db", dbFlagValue(dst), "--from", file)
		if res.code != 1 || !strings.Contains(res.stderr, "already holds data") || !strings.Contains(res.stderr, "--force") {
			t.Fatalf("restore into a database with data: exit %d, stderr %q; want exit 1 and a pointer to --force", res.code, res.stderr)
		}
		check := openLoc(t, dst)
		if _, err := check.UserByEmail(ctx, "replaced@example.it"); err != nil {
			t.Fatalf("a refused restore changed the database: %v", err)
		}
		check.Close()

		res = run(t, ctx, nil, "restore", "--force", "--db", dbFlagValue(dst), "--from", file)
		if res.code != 0 {
			t.Fatalf("restore --force: exit %d, stderr %s", res.code, res.stderr)
		}
		m := regexp.MustCompile(`kept (?:a copy|an archive) of the database being replaced in (\S+)`).FindStringSubmatch(res.stderr)
		if m == nil {
			t.Fatalf("restore --force does not say where the copy is: %q", res.stderr)
		}
		kept, err := os.ReadFile(m[1])
		if err != nil {
			t.Fatalf("the kept copy: %v", err)
		}
		if d == store.Postgres && !strings.Contains(string(kept), "replaced@example.it") {
			t.Errorf("the kept archive lacks the replaced data")
		}
		if d == store.SQLite {
			keptDB := openLoc(t, store.Location{Dialect: store.SQLite, Path: m[1]})
			if _, err := keptDB.UserByEmail(ctx, "replaced@example.it"); err != nil {
				t.Errorf("the kept copy lacks the replaced data: %v", err)
			}
		}
		after := openLoc(t, dst)
		if _, err := after.UserByEmail(ctx, "from-backup@example.it"); err != nil {
			t.Errorf("the restored database lacks the backup's data: %v", err)
		}
		if _, err := after.UserByEmail(ctx, "replaced@example.it"); err == nil {
			t.Errorf("the restored database still holds the replaced data")
		}
	})
}

func TestBackupAndRestoreFlags(t *testing.T) {
	ctx := testContext(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.txt")
	os.WriteFile(junk, []byte("hello"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"backup"}, 1, "--to: give the file"},
		{[]string{"backup", "--db", "sqlite:" + filepath.Join(dir, "none.db"), "--to", filepath.Join(dir, "x")}, 1, "no database at"},
		{[]string{"backup", "--to", dir, "--db", "sqlite:" + filepath.Join(dir, "none.db")}, 1, "is a folder"},
		{[]string{"backup", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"restore"}, 1, "--from: give the backup file"},
		{[]string{"restore", "--from", junk, "--db", "sqlite:" + filepath.Join(dir, "new.db")}, 1, "neither an SQLite database nor a JSON archive"},
		{[]string{"restore", "--from", filepath.Join(dir, "missing")}, 1, "no such file"},
	} {
		res := run(t, ctx, nil, c.args...)
		if res.code != c.code || !strings.Contains(res.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, res.code, res.stderr, c.code, c.want)
		}
	}
}

// A backup taken with a newer binary before an upgrade must not migrate the
// database under the server still running: the schema stays as it was.
func TestBackupDoesNotMigrate(t *testing.T) {
	ctx := testContext(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO schema_migrations VALUES (1, 'init', '2026-01-01T00:00:00Z');`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	res := run(t, ctx, nil, "backup", "--db", "sqlite:"+path, "--to", filepath.Join(dir, "copy.db"))
	if res.code != 0 {
		t.Fatalf("backup: exit %d, %s", res.code, res.stderr)
	}
	db, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v != 1 {
		t.Errorf("after backup the schema is at %d, %v; want 1 (untouched)", v, err)
	}
}
