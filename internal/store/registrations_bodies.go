package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ConfirmProposedBody turns the body a person proposed when registering into
// a body of the registry (or finds the one with that name) and links every
// registration that proposed the same name and kind to it. nb carries the
// slug and what the coordinator confirmed. It returns the body id.
func (s *Store) ConfirmProposedBody(ctx context.Context, who Actor, registrationID int64, nb NewBody) (int64, error) {
	var bodyID int64
	err := s.InTx(ctx, func(tx *Tx) error {
		r, err := tx.registrationByID(ctx, registrationID)
		if err != nil {
			return err
		}
		if r.BodyID != 0 || strings.TrimSpace(r.ProposedBodyName) == "" {
			return fmt.Errorf("registration %d proposes no body: %w", registrationID, ErrNotFound)
		}
		err = tx.queryRow(ctx, `SELECT id FROM bodies WHERE LOWER(name) = LOWER(?) ORDER BY id LIMIT 1`, r.ProposedBodyName).Scan(&bodyID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if bodyID, err = tx.CreateBody(ctx, nb); err != nil {
				return err
			}
			if err := tx.Audit(ctx, who, "create", "body", bodyID, nb.Name, nil, nb); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("look up body %q: %w", r.ProposedBodyName, err)
		}
		res, err := tx.exec(ctx, `UPDATE registrations SET body_id = ?, proposed_body_name = '', proposed_body_kind = '', proposed_body_place = '', updated_at = ?
WHERE body_id IS NULL AND LOWER(proposed_body_name) = LOWER(?) AND proposed_body_kind = ?`, bodyID, time.Now().UTC(), r.ProposedBodyName, r.ProposedBodyKind)
		if err != nil {
			return fmt.Errorf("link registrations to body %d: %w", bodyID, err)
		}
		n, _ := res.RowsAffected()
		return tx.Audit(ctx, who, "confirm_body", "registration", registrationID, r.ProposedBodyName, nil, map[string]any{"body_id": bodyID, "registrations": n})
	})
	return bodyID, err
}
