package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestScheduledBackupsRotateAndOneInstanceTakesEachPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		loc := storetest.Location(t, d)
		open := func() *store.Store {
			s, err := store.Open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
				t.Fatal(err)
			}
			return s
		}
		a, b := open(), open() // two instances on one database
		if err := a.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "backups")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		// A file that is not one of ours is never removed.
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("keep me"), 0o600)
		const every, keep = 24 * time.Hour, 3
		start := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
		var taken []string
		for i := range 5 {
			now := start.Add(time.Duration(i) * every)
			pa, err := scheduledBackup(ctx, a, dir, every, keep, now)
			if err != nil {
				t.Fatal(err)
			}
			// The other instance's timer fires a few minutes later: the
			// period is taken.
			pb, err := scheduledBackup(ctx, b, dir, every, keep, now.Add(3*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if pa == "" || pb != "" {
				t.Fatalf("period %d: instance a wrote %q, instance b %q; want exactly a", i, pa, pb)
			}
			taken = append(taken, filepath.Base(pa))
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := append(slices.Clone(taken[len(taken)-keep:]), "notes.txt")
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Errorf("backup folder holds %v, want the %d newest and the foreign file: %v", names, keep, want)
		}
		if d == store.SQLite {
			copy, err := store.Open(ctx, store.Location{Dialect: store.SQLite, Path: filepath.Join(dir, taken[len(taken)-1])})
			if err != nil {
				t.Fatal(err)
			}
			defer copy.Close()
			if err := copy.IntegrityCheck(ctx); err != nil {
				t.Error(err)
			}
		}
	})
}

func TestBackupScheduleFlags(t *testing.T) {
	for _, c := range []struct {
		every time.Duration
		keep  int
		ok    bool
	}{
		{0, 14, true}, {24 * time.Hour, 14, true}, {time.Minute, 1, true},
		{time.Second, 14, false}, {-time.Hour, 14, false}, {24 * time.Hour, 0, false}, {800 * time.Hour, 3, false},
	} {
		err := backupSchedule{every: &c.every, keep: &c.keep}.check()
		if (err == nil) != c.ok {
			t.Errorf("--backup-every %s --backup-keep %d: %v, want ok=%v", c.every, c.keep, err, c.ok)
		}
	}
}

// serve with --backup-every takes a backup when it starts, into
// DATA-DIR/backups, on both databases.
func TestServeTakesABackupAtStart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		loc := storetest.Location(t, d)
		db := loc.URL
		if d == store.SQLite {
			db = "sqlite:" + loc.Path
		}
		dataDir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		logs := &lockedBuffer{}
		done := make(chan int, 1)
		go func() {
			done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--data-dir", dataDir,
				"--backup-every", "1h", "--backup-keep", "2"}, Env{Stdout: io.Discard, Stderr: logs, Version: "test"})
		}()
		var found []string
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && len(found) == 0 {
			found, _ = filepath.Glob(filepath.Join(dataDir, "backups", "benicommunity-*"))
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited with %d: %s", code, logs.String())
		}
		if len(found) != 1 {
			t.Fatalf("backups after start: %v; logs: %s", found, logs.String())
		}
		want := map[store.Dialect]string{store.SQLite: ".db", store.Postgres: ".json"}[d]
		if filepath.Ext(found[0]) != want {
			t.Errorf("backup %s, want a %s file", found[0], want)
		}
		if fi, err := os.Stat(filepath.Join(dataDir, "backups")); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("backup folder mode: %v, %v; want 0700", fi.Mode().Perm(), err)
		}
	})
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
