package store

import (
	"context"
	"fmt"

	"benicommunity/internal/domain"
)

// BodyRefsByID returns the short form of the given bodies, by name.
func (s *Store) BodyRefsByID(ctx context.Context, ids []int64) ([]domain.BodyRef, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, `SELECT id, slug, name, kind FROM bodies WHERE id IN (`+placeholders(len(ids))+`) ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("load bodies by id: %w", err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

// AllBodyRefs returns every body, by name, for choosing one in a form.
func (s *Store) AllBodyRefs(ctx context.Context) ([]domain.BodyRef, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name, kind FROM bodies ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list bodies: %w", err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}
