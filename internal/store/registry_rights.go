package store

import (
	"context"
	"errors"
	"fmt"

	"benicommunity/internal/auth"
)

// ErrForbidden is returned when the acting user may not make a change. The
// registry's write methods take the acting user and check the rule
// themselves, so no route can bypass it.
var ErrForbidden = errors.New("not allowed")

// ErrInvalid is returned when input breaks a rule of the data (a status, a
// transition, a date, an organisation name for a private citizen…).
var ErrInvalid = errors.New("invalid")

// mayEditBody enforces auth.User.CanEditBody: coordinators edit every body's
// registry entries, referents only those of their own bodies.
func mayEditBody(who *auth.User, bodyID int64) error {
	if !who.CanEditBody(bodyID) {
		id := int64(0)
		if who != nil {
			id = who.ID
		}
		return fmt.Errorf("%w: user %d may not edit the registry of body %d", ErrForbidden, id, bodyID)
	}
	return nil
}

// mayCurate enforces the rule for network-wide data (kinds of commons, the
// network's default pact types): coordinators only.
func mayCurate(who *auth.User) error {
	if !who.IsCoordinator() {
		return fmt.Errorf("%w: only coordinators edit the network's lists", ErrForbidden)
	}
	return nil
}

func actorOf(who *auth.User) Actor {
	if who == nil {
		return Actor{}
	}
	return Actor{UserID: who.ID, Email: who.Email}
}

// mergeRegistry moves a duplicate body's registry entries to the kept body:
// pacts, practices, pact types, and its regulation when the kept body has none.
func (c conn) mergeRegistry(ctx context.Context, keepID, dupID int64) error {
	for _, st := range []struct{ what, sql string }{
		{"pacts", `UPDATE pacts SET body_id = ? WHERE body_id = ?`},
		{"practices", `UPDATE practices SET body_id = ? WHERE body_id = ?`},
		{"regulation", `UPDATE regulations SET body_id = ? WHERE body_id = ? AND NOT EXISTS (SELECT 1 FROM regulations k WHERE k.body_id = ` + "?" + `)`},
	} {
		args := []any{keepID, dupID}
		if st.what == "regulation" {
			args = append(args, keepID)
		}
		if _, err := c.exec(ctx, st.sql, args...); err != nil {
			return fmt.Errorf("move %s: %w", st.what, err)
		}
	}
	// pact types of the duplicate that the kept body lacks move; the others
	// are replaced by the kept body's type of the same slug
	if _, err := c.exec(ctx, `UPDATE pacts SET pact_type_id = (SELECT k.id FROM pact_types k JOIN pact_types d ON d.slug = k.slug
WHERE d.id = pacts.pact_type_id AND k.body_id = ?) WHERE body_id = ? AND pact_type_id IN (SELECT id FROM pact_types WHERE body_id = ?)
AND EXISTS (SELECT 1 FROM pact_types k JOIN pact_types d ON d.slug = k.slug WHERE d.id = pacts.pact_type_id AND k.body_id = ?)`,
		keepID, keepID, dupID, keepID); err != nil {
		return fmt.Errorf("move pact types: %w", err)
	}
	if _, err := c.exec(ctx, `UPDATE pact_types SET body_id = ? WHERE body_id = ?
AND slug NOT IN (SELECT slug FROM pact_types WHERE body_id = ?)`, keepID, dupID, keepID); err != nil {
		return fmt.Errorf("move pact types: %w", err)
	}
	return nil
}
