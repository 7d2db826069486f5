package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// ProbeNewBodiesByBody makes NewBodiesAt probe each member's own
// participations whatever the activity's place in the history, until the
// test ends, so the tests cover both ways on small networks.
func ProbeNewBodiesByBody(t testing.TB) {
	old := newBodiesByActivityBelow
	newBodiesByActivityBelow = -1
	t.Cleanup(func() { newBodiesByActivityBelow = old })
}

// MigrateUpTo applies the migrations numbered up to max, for tests that
// check what a later migration does to existing data.
func (s *Store) MigrateUpTo(ctx context.Context, max int) error {
	if _, err := s.SchemaVersion(ctx); err != nil {
		return err
	}
	ms, err := Migrations(s.dialect)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Version > max {
			break
		}
		err := s.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.q.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d: %w", m.Version, err)
		}
	}
	return nil
}

// ExecForTest runs a statement with the store's placeholders.
func (s *Store) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := s.exec(ctx, q, args...)
	return err
}

// QueryForTest returns the rows of a query as strings (plans, checks).
func (s *Store) QueryForTest(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out, rows.Err()
}
