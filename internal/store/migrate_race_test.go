package store

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
)

// TestStartsThatReadTheSameVersion makes the race of several starts certain:
// every instance reads the schema version (0) before any applies a
// migration. On SQLite no advisory lock serialises them, so each migration
// must check again, inside its own transaction, that no one applied it.
func TestStartsThatReadTheSameVersion(t *testing.T) {
	ctx := context.Background()
	loc := Location{Dialect: SQLite, Path: filepath.Join(t.TempDir(), "bc.db")}
	const instances = 3
	var read sync.WaitGroup
	read.Add(instances)
	allRead := make(chan struct{})
	go func() { read.Wait(); close(allRead) }()

	stores := make([]*Store, instances)
	for i := range stores {
		s, err := Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.afterVersionRead = func() { read.Done(); <-allRead }
		stores[i] = s
	}
	applied := make([]int, instances)
	errs := make([]error, instances)
	var done sync.WaitGroup
	for i, s := range stores {
		done.Add(1)
		go func() {
			defer done.Done()
			applied[i], errs[i] = s.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
		}()
	}
	done.Wait()
	total := 0
	for i := range stores {
		if errs[i] != nil {
			t.Errorf("instance %d: %v", i, errs[i])
		}
		total += applied[i]
	}
	ms, _ := Migrations(SQLite)
	if total != len(ms) {
		t.Errorf("migrations applied in all = %d, want %d (each exactly once)", total, len(ms))
	}
	if err := stores[0].CheckSchema(ctx); err != nil {
		t.Error(err)
	}
}
