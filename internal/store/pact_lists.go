package store

import (
	"context"
	"fmt"
	"strings"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// CommonsKinds lists the kinds of commons in display order.
func (s *Store) CommonsKinds(ctx context.Context) ([]domain.CommonsKind, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name, position FROM commons_kinds ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list commons kinds: %w", err)
	}
	defer rows.Close()
	var out []domain.CommonsKind
	for rows.Next() {
		var k domain.CommonsKind
		if err := rows.Scan(&k.ID, &k.Slug, &k.Name, &k.Position); err != nil {
			return nil, fmt.Errorf("list commons kinds: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// CreateCommonsKind adds a kind of commons at the end of the list
// (coordinators only).
func (s *Store) CreateCommonsKind(ctx context.Context, who *auth.User, slug, name string) (int64, error) {
	if err := mayCurate(who); err != nil {
		return 0, err
	}
	slug, name = strings.TrimSpace(slug), strings.TrimSpace(name)
	if slug == "" {
		slug = slugOf(name)
	}
	if slug == "" || name == "" {
		return 0, fmt.Errorf("%w: a kind of commons needs a name", ErrInvalid)
	}
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO commons_kinds (slug, name, position)
VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM commons_kinds))`, slug, name)
		if err != nil {
			return fmt.Errorf("create commons kind %q: %w", slug, mapError(err))
		}
		return tx.Audit(ctx, actorOf(who), "create", "commons_kind", id, name, nil, map[string]string{"slug": slug, "name": name})
	})
	return id, err
}

// PactTypes lists the types of pact a body uses: its own when it has any,
// else the network's defaults (BodyID 0).
func (s *Store) PactTypes(ctx context.Context, bodyID int64) ([]domain.PactType, error) {
	rows, err := s.query(ctx, `SELECT id, COALESCE(body_id, 0), slug, name, position FROM pact_types
WHERE body_id = ? OR (body_id IS NULL AND NOT EXISTS (SELECT 1 FROM pact_types o WHERE o.body_id = ?))
ORDER BY position, id`, bodyID, bodyID)
	if err != nil {
		return nil, fmt.Errorf("list pact types of body %d: %w", bodyID, err)
	}
	defer rows.Close()
	var out []domain.PactType
	for rows.Next() {
		var t domain.PactType
		if err := rows.Scan(&t.ID, &t.BodyID, &t.Slug, &t.Name, &t.Position); err != nil {
			return nil, fmt.Errorf("list pact types of body %d: %w", bodyID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CreatePactType adds a type of pact as a body's regulation names it (a
// referent of the body or a coordinator). bodyID 0 adds a network default
// (coordinators only).
func (s *Store) CreatePactType(ctx context.Context, who *auth.User, bodyID int64, slug, name string) (int64, error) {
	if bodyID == 0 {
		if err := mayCurate(who); err != nil {
			return 0, err
		}
	} else if err := mayEditBody(who, bodyID); err != nil {
		return 0, err
	}
	slug, name = strings.TrimSpace(slug), strings.TrimSpace(name)
	if slug == "" {
		slug = slugOf(name)
	}
	if slug == "" || name == "" {
		return 0, fmt.Errorf("%w: a type of pact needs a name", ErrInvalid)
	}
	var body any
	if bodyID != 0 {
		body = bodyID
	}
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO pact_types (body_id, slug, name, position)
VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM pact_types WHERE COALESCE(body_id, 0) = ?))`, body, slug, name, bodyID)
		if err != nil {
			return fmt.Errorf("create pact type %q: %w", slug, mapError(err))
		}
		return tx.Audit(ctx, actorOf(who), "create", "pact_type", id, name, nil, map[string]any{"body_id": bodyID, "slug": slug, "name": name})
	})
	return id, err
}

// ThemeIDs maps theme slugs to ids (unknown slugs are left out), for forms
// and imports that name themes by slug.
func (s *Store) ThemeIDs(ctx context.Context, slugs []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(slugs) == 0 {
		return out, nil
	}
	args := make([]any, len(slugs))
	for i, v := range slugs {
		args[i] = v
	}
	rows, err := s.query(ctx, `SELECT slug, id FROM themes WHERE slug IN (`+placeholders(len(slugs))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("themes by slug: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var slug string
		var id int64
		if err := rows.Scan(&slug, &id); err != nil {
			return nil, fmt.Errorf("themes by slug: %w", err)
		}
		out[slug] = id
	}
	return out, rows.Err()
}
