package store

import (
	"context"
	"fmt"

	"benicommunity/internal/dataset"
)

// LoadActivity adds one activity described as in a dataset to an existing
// network (its type, community, themes and bodies are looked up by slug) and
// returns its id. Tests and imports use it to add upcoming activities.
func (s *Store) LoadActivity(ctx context.Context, a dataset.Activity) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		maps := make([]map[string]int64, 4)
		for i, table := range []string{"activity_types", "communities", "themes", "bodies"} {
			m, err := tx.slugIDs(ctx, table)
			if err != nil {
				return err
			}
			maps[i] = m
		}
		if err := tx.loadActivity(ctx, a, maps[0], maps[1], maps[2], maps[3]); err != nil {
			return fmt.Errorf("load activity %q: %w", a.Slug, err)
		}
		return tx.queryRow(ctx, `SELECT id FROM activities WHERE slug = ?`, a.Slug).Scan(&id)
	})
	return id, err
}

// slugIDs maps the slugs of a table to ids; table is one of a fixed set.
func (c conn) slugIDs(ctx context.Context, table string) (map[string]int64, error) {
	rows, err := c.query(ctx, `SELECT slug, id FROM `+table)
	if err != nil {
		return nil, fmt.Errorf("slugs of %s: %w", table, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var (
			slug string
			id   int64
		)
		if err := rows.Scan(&slug, &id); err != nil {
			return nil, err
		}
		out[slug] = id
	}
	return out, rows.Err()
}
