package store

import (
	"context"
	"fmt"

	"benicommunity/internal/domain"
)

// Themes lists the network's themes by name, for the library's filter.
func (s *Store) Themes(ctx context.Context) ([]domain.Theme, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name FROM themes ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	defer rows.Close()
	var out []domain.Theme
	for rows.Next() {
		var t domain.Theme
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("themes: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
