package store

import (
	"context"
	"fmt"
)

// TypeInput is an activity type as the backoffice edits it. Baseline is the
// number of activities of this type held before the platform, so the home
// counters stay truthful.
type TypeInput struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Baseline    int    `json:"baseline"`
}

// CreateActivityType adds a type at the end of the list.
func (s *Store) CreateActivityType(ctx context.Context, who Actor, in TypeInput) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO activity_types (slug, name, description, baseline_count, position)
VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM activity_types))`, in.Slug, in.Name, in.Description, in.Baseline)
		if err != nil {
			return fmt.Errorf("create activity type %q: %w", in.Slug, err)
		}
		return tx.Audit(ctx, who, "create", "activity_type", id, in.Name, nil, in)
	})
	return id, err
}

// UpdateActivityType changes a type's name, description and baseline.
func (s *Store) UpdateActivityType(ctx context.Context, who Actor, id int64, in TypeInput) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var before TypeInput
		if err := tx.queryRow(ctx, `SELECT slug, name, description, baseline_count FROM activity_types WHERE id = ?`, id).
			Scan(&before.Slug, &before.Name, &before.Description, &before.Baseline); err != nil {
			return fmt.Errorf("load activity type %d: %w", id, scanOne(err))
		}
		in.Slug = before.Slug // the slug is in public URLs (?tipo=): it stays
		if _, err := tx.exec(ctx, `UPDATE activity_types SET name = ?, description = ?, baseline_count = ? WHERE id = ?`,
			in.Name, in.Description, in.Baseline, id); err != nil {
			return fmt.Errorf("update activity type %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "update", "activity_type", id, in.Name, before, in)
	})
}

// CommunityInput is a community as the backoffice edits it.
type CommunityInput struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// CreateCommunity adds a community at the end of the list.
func (s *Store) CreateCommunity(ctx context.Context, who Actor, in CommunityInput) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO communities (slug, name, description, position)
VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM communities))`, in.Slug, in.Name, in.Description)
		if err != nil {
			return fmt.Errorf("create community %q: %w", in.Slug, err)
		}
		return tx.Audit(ctx, who, "create", "community", id, in.Name, nil, in)
	})
	return id, err
}

// UpdateCommunity changes a community's name and description.
func (s *Store) UpdateCommunity(ctx context.Context, who Actor, id int64, in CommunityInput) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var before CommunityInput
		if err := tx.queryRow(ctx, `SELECT slug, name, description FROM communities WHERE id = ?`, id).
			Scan(&before.Slug, &before.Name, &before.Description); err != nil {
			return fmt.Errorf("load community %d: %w", id, scanOne(err))
		}
		in.Slug = before.Slug
		if _, err := tx.exec(ctx, `UPDATE communities SET name = ?, description = ? WHERE id = ?`, in.Name, in.Description, id); err != nil {
			return fmt.Errorf("update community %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "update", "community", id, in.Name, before, in)
	})
}
