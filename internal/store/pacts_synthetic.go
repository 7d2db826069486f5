package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"benicommunity/internal/domain"
)

// LoadSyntheticPacts adds n deterministic pacts spread over the bodies of a
// synthetic network (LoadSynthetic), for benchmarks of the registry: every
// status, kind, default type and year 2015–2026, two pacts in three with
// coordinates, one in twenty a draft, one theme each (five themes are made
// when the database has none). Rows go in multi-row INSERTs in one
// transaction; no search documents are written (RebuildSearchIndex makes
// them when a benchmark needs them).
func (s *Store) LoadSyntheticPacts(ctx context.Context, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 2))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := s.InTx(ctx, func(tx *Tx) error {
		bodies, err := tx.ids(ctx, `SELECT id FROM bodies ORDER BY id`)
		if err != nil || len(bodies) == 0 {
			return fmt.Errorf("synthetic pacts: no bodies (%v)", err)
		}
		themes, err := tx.ids(ctx, `SELECT id FROM themes ORDER BY id`)
		if err != nil {
			return fmt.Errorf("synthetic pacts: %w", err)
		}
		if len(themes) == 0 {
			for i := 1; i <= 5; i++ {
				id, err := tx.insertID(ctx, `INSERT INTO themes (slug, name) VALUES (?, ?)`, fmt.Sprintf("tema-%d", i), fmt.Sprintf("Tema %d", i))
				if err != nil {
					return fmt.Errorf("synthetic themes: %w", err)
				}
				themes = append(themes, id)
			}
		}
		kinds, err := tx.ids(ctx, `SELECT id FROM commons_kinds ORDER BY id`)
		if err != nil {
			return fmt.Errorf("synthetic pacts: %w", err)
		}
		types, err := tx.ids(ctx, `SELECT id FROM pact_types WHERE body_id IS NULL ORDER BY id`)
		if err != nil {
			return fmt.Errorf("synthetic pacts: %w", err)
		}
		var first int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM pacts`).Scan(&first); err != nil {
			return fmt.Errorf("synthetic pacts: %w", err)
		}
		pacts := make([][]any, n)
		links := make([][]any, n)
		history := make([][]any, n)
		for i := range n {
			id := first + int64(i)
			status := domain.PactStatuses[rng.IntN(len(domain.PactStatuses))]
			on := time.Date(2015+rng.IntN(12), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
			var signed, lat, lon any
			if status.IsSigned() {
				signed = on.Format(time.DateOnly)
			}
			if i%3 != 0 {
				lat, lon = 37+rng.Float64()*9.5, 7+rng.Float64()*11
			}
			pacts[i] = []any{id, bodies[rng.IntN(len(bodies))], fmt.Sprintf("patto-%d", id), fmt.Sprintf("Patto %d", id),
				kinds[rng.IntN(len(kinds))], types[rng.IntN(len(types))], lat, lon, string(status), on.Format(time.DateOnly), signed,
				on.Year(), i%20 != 0, now, now}
			links[i] = []any{id, themes[rng.IntN(len(themes))]}
			history[i] = []any{id, string(status), on.Format(time.DateOnly)}
		}
		if err := tx.insertRows(ctx, "pacts", []string{"id", "body_id", "slug", "title", "commons_kind_id", "pact_type_id", "latitude",
			"longitude", "status", "status_on", "signed_on", "year", "published", "created_at", "updated_at"}, pacts); err != nil {
			return err
		}
		if err := tx.insertRows(ctx, "pact_themes", []string{"pact_id", "theme_id"}, links); err != nil {
			return err
		}
		if err := tx.insertRows(ctx, "pact_status_changes", []string{"pact_id", "status", "changed_on"}, history); err != nil {
			return err
		}
		if tx.d == Postgres {
			if _, err := tx.exec(ctx, `SELECT setval(pg_get_serial_sequence('pacts', 'id'), (SELECT MAX(id) FROM pacts) + 1, false)`); err != nil {
				return fmt.Errorf("synthetic pacts: reset the id sequence: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE
	// (SQLite) keeps them in a running deployment
	if _, err := s.exec(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("synthetic pacts: analyze: %w", err)
	}
	return nil
}
