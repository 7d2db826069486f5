package store

import (
	"context"
	"fmt"

	"benicommunity/internal/domain"
)

// Network returns the network this deployment serves.
func (s *Store) Network(ctx context.Context) (domain.Network, error) {
	var n domain.Network
	err := s.queryRow(ctx, `SELECT name, tagline, description, area FROM network WHERE id = 1`).
		Scan(&n.Name, &n.Tagline, &n.Description, &n.Area)
	if err != nil {
		return n, fmt.Errorf("load network: %w", scanOne(err))
	}
	return n, nil
}

// Communities returns the communities in display order.
func (s *Store) Communities(ctx context.Context) ([]domain.Community, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name, description, position FROM communities ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("list communities: %w", err)
	}
	defer rows.Close()
	var out []domain.Community
	for rows.Next() {
		var c domain.Community
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name, &c.Description, &c.Position); err != nil {
			return nil, fmt.Errorf("list communities: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ActivityTypes returns the activity types in display order.
func (s *Store) ActivityTypes(ctx context.Context) ([]domain.ActivityType, error) {
	counters, err := s.Counters(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]domain.ActivityType, len(counters))
	for i, c := range counters {
		out[i] = c.Type
	}
	return out, nil
}

// ActivityType returns one activity type by slug.
func (s *Store) ActivityType(ctx context.Context, slug string) (domain.ActivityType, error) {
	var t domain.ActivityType
	err := s.queryRow(ctx, `SELECT id, slug, name, description, baseline_count, position FROM activity_types WHERE slug = ?`, slug).
		Scan(&t.ID, &t.Slug, &t.Name, &t.Description, &t.Baseline, &t.Position)
	if err != nil {
		return t, fmt.Errorf("load activity type %q: %w", slug, scanOne(err))
	}
	return t, nil
}

// Counters returns, for every activity type, its baseline and the number of
// counted activities of that type (published, their day over): one grouped query over an index.
func (s *Store) Counters(ctx context.Context) ([]domain.Counter, error) {
	rows, err := s.query(ctx, `
SELECT t.id, t.slug, t.name, t.description, t.baseline_count, t.position, COUNT(a.id)
FROM activity_types t
LEFT JOIN activities a ON a.type_id = t.id AND `+s.countedSQL("a")+`
GROUP BY t.id, t.slug, t.name, t.description, t.baseline_count, t.position
ORDER BY t.position, t.name`)
	if err != nil {
		return nil, fmt.Errorf("count activities by type: %w", err)
	}
	defer rows.Close()
	var out []domain.Counter
	for rows.Next() {
		var c domain.Counter
		t := &c.Type
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name, &t.Description, &t.Baseline, &t.Position, &c.Published); err != nil {
			return nil, fmt.Errorf("count activities by type: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
