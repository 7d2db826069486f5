package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestSQLiteSettings checks every pooled connection runs with the settings
// the store relies on: WAL, enforced foreign keys, a busy timeout.
func TestSQLiteSettings(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Location{Dialect: SQLite, Path: filepath.Join(t.TempDir(), "sub", "bc.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Hold several connections at once so the check covers more than one.
	for i := 0; i < 3; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var mode string
		var fk, timeout int
		if err := c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || timeout < 1000 {
			t.Errorf("connection %d: journal_mode %s, foreign_keys %d, busy_timeout %d", i, mode, fk, timeout)
		}
	}
}
