package store

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the numbered migrations of a dialect, in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", d, err)
	}
	var out []Migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %s: name must be NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	// Numbers may skip (work on several branches reserves numbers ahead),
	// but each is used once.
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations for %s: version %d is used twice", d, out[i].Version)
		}
	}
	return out, nil
}

// LatestVersion is the newest schema version this binary knows.
func LatestVersion(d Dialect) int {
	ms, err := Migrations(d)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

// ErrSchemaTooNew means the database was migrated by a newer benicommunity.
type ErrSchemaTooNew struct{ Database, Known int }

func (e ErrSchemaTooNew) Error() string {
	return fmt.Sprintf("the database schema is at version %d but this benicommunity knows only up to %d: upgrade benicommunity before using this database", e.Database, e.Known)
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)`

// SchemaVersion returns the version the database is at (0 when empty).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	if _, err := s.exec(ctx, createMigrationsTable); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var v int
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// Migrate applies every migration the database lacks, each in its own
// transaction, and refuses to touch a schema newer than this binary knows.
// On PostgreSQL an advisory lock keeps two starting instances from racing.
func (s *Store) Migrate(ctx context.Context, log *slog.Logger) (applied int, err error) {
	ms, err := Migrations(s.dialect)
	if err != nil {
		return 0, err
	}
	if s.dialect == Postgres {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("migrate: %w", err)
		}
		defer c.Close()
		if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock(7290413)`); err != nil {
			return 0, fmt.Errorf("migrate: take lock: %w", err)
		}
		defer c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7290413)`)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	known := 0
	if len(ms) > 0 {
		known = ms[len(ms)-1].Version
	}
	if current > known {
		return 0, ErrSchemaTooNew{Database: current, Known: known}
	}
	if s.afterVersionRead != nil {
		s.afterVersionRead()
	}
	// Every migration the database lacks is applied, in order, even one
	// numbered below the current version (a skipped number filled later).
	for _, m := range ms {
		done := false
		err := s.InTx(ctx, func(tx *Tx) error {
			// Another instance may have applied it since we read the version:
			// on SQLite only the transaction's write lock serialises starts.
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
				return err
			}
			if done = n > 0; done {
				return nil
			}
			if _, err := tx.q.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("apply migration %04d_%s: %w", m.Version, m.Name, err)
		}
		if done {
			continue
		}
		log.Info("applied migration", "version", m.Version, "name", m.Name)
		applied++
	}
	return applied, nil
}

// CheckSchema fails unless the database is exactly at the version this binary knows.
func (s *Store) CheckSchema(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	known := LatestVersion(s.dialect)
	if v > known {
		return ErrSchemaTooNew{Database: v, Known: known}
	}
	if v < known {
		return fmt.Errorf("the database schema is at version %d, this benicommunity needs %d: run benicommunity migrate", v, known)
	}
	return nil
}
