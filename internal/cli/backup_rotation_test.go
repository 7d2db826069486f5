package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
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
