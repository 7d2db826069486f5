package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrNotSQLite means a file-level operation was asked of a PostgreSQL store.
var ErrNotSQLite = errors.New("only an SQLite database can be copied as a file (for PostgreSQL use pg_dump, or an archive)")

// CopySQLite writes a consistent copy of the SQLite database to dest while
// the database stays in use: VACUUM INTO reads one snapshot, so writes that
// commit meanwhile are either wholly in the copy or not at all. The copy is
// made under a temporary name in dest's folder and renamed into place, so
// dest is never half-written.
func (s *Store) CopySQLite(ctx context.Context, dest string) error {
	if s.dialect != SQLite {
		return ErrNotSQLite
	}
	dir := filepath.Dir(dest)
	f, err := os.CreateTemp(dir, ".benicommunity-backup-*")
	if err != nil {
		return fmt.Errorf("copy database: cannot write in %s: %w", dir, pathCause(err))
	}
	tmp := f.Name()
	f.Close()
	// VACUUM INTO wants a file that does not exist (or is empty).
	os.Remove(tmp)
	fail := func(err error) error {
		os.Remove(tmp)
		return fmt.Errorf("copy database to %s: %w", dest, err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fail(err)
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fail(err)
	}
	syncFile(dir) // the rename itself survives a crash once the folder is synced
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// IntegrityCheck runs SQLite's full consistency check; PostgreSQL keeps its
// own and answers nil.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.dialect != SQLite {
		return nil
	}
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check of %s failed: %s", s.loc, strings.Join(problems, "; "))
	}
	return nil
}

// ClaimJob takes this period of a periodic job for the calling instance: it
// answers true to exactly one of several instances asking within the same
// period (every), because the claim is one conditional write in the database.
// A claim counts as free again after nine tenths of a period, so that timers
// that drift a little do not skip a period.
func (s *Store) ClaimJob(ctx context.Context, name string, now time.Time, every time.Duration) (bool, error) {
	now = now.UTC()
	free := now.Add(-every * 9 / 10)
	res, err := s.exec(ctx, `INSERT INTO job_claims (name, claimed_at) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET claimed_at = excluded.claimed_at WHERE job_claims.claimed_at <= ?`, name, now, free)
	if err != nil {
		return false, fmt.Errorf("claim job %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim job %s: %w", name, err)
	}
	return n == 1, nil
}

// CheckpointSQLite moves everything in the write-ahead log into the
// database file, so that the file alone is the whole database.
func (s *Store) CheckpointSQLite(ctx context.Context) (int, error) {
	if s.dialect != SQLite {
		return 0, ErrNotSQLite
	}
	var busy, logFrames, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return 0, fmt.Errorf("checkpoint: %w", err)
	}
	if busy != 0 {
		return 0, fmt.Errorf("checkpoint: the database is in use")
	}
	return done, nil
}
