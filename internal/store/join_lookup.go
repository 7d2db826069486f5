package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// JoinLookup answers "is this body already in the network?" for the join
// form, before anyone fills it in.
type JoinLookup struct {
	Found bool           // the network has a record of the body
	Body  domain.BodyRef // the body, when found
	// Member is true when the body joined: through a published
	// participation in a member role (Membership) or an accepted request.
	Member     bool
	Membership *domain.Membership // the joining activity, when it joined by taking part
	JoinedOn   string             // yyyy-mm-dd of an accepted request, when it joined that way
	// ContactOffice is the body's public contact (its referents write it on
	// the body's profile); empty when there is none.
	ContactOffice string
}

// LookupJoinBody finds a body by ISTAT code or, without one, by its name
// (case-insensitive), and tells whether it is already in the network and
// whom to contact there.
func (s *Store) LookupJoinBody(ctx context.Context, istatCode, name string) (JoinLookup, error) {
	var (
		out JoinLookup
		err error
		ref = &out.Body
	)
	if istatCode = strings.TrimSpace(istatCode); istatCode != "" {
		err = s.queryRow(ctx, `SELECT id, slug, name, kind, contact_office FROM bodies WHERE istat_code = ?`, istatCode).
			Scan(&ref.ID, &ref.Slug, &ref.Name, &ref.Kind, &out.ContactOffice)
	} else {
		err = s.queryRow(ctx, `SELECT id, slug, name, kind, contact_office FROM bodies WHERE LOWER(name) = LOWER(?) ORDER BY id LIMIT 1`,
			strings.TrimSpace(name)).Scan(&ref.ID, &ref.Slug, &ref.Name, &ref.Kind, &out.ContactOffice)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return JoinLookup{}, nil
	case err != nil:
		return out, fmt.Errorf("look up body %q %q: %w", istatCode, name, err)
	}
	out.Found = true
	ms, err := s.Memberships(ctx, []int64{ref.ID})
	if err != nil {
		return out, err
	}
	if m, ok := ms[ref.ID]; ok {
		out.Member, out.Membership = true, &m
	}
	err = s.queryRow(ctx, `SELECT joined_on FROM join_requests WHERE body_id = ? AND status = ? ORDER BY joined_on LIMIT 1`,
		ref.ID, string(domain.JoinAccepted)).Scan(&out.JoinedOn)
	switch {
	case err == nil:
		out.Member = true
	case !errors.Is(err, sql.ErrNoRows):
		return out, fmt.Errorf("look up accepted join of body %d: %w", ref.ID, err)
	}
	return out, nil
}

// DeleteUnconfirmedJoinRequests erases the requests whose confirmation link
// expired before the given time without being used: nobody confirmed them,
// so nothing of them is kept. It returns how many went.
func (s *Store) DeleteUnconfirmedJoinRequests(ctx context.Context, expiredBefore time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM join_requests WHERE status = ? AND confirm_expires_at < ?`,
		string(domain.JoinPendingConfirmation), expiredBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete unconfirmed join requests: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteJoinRequest erases a request and its personal data (the requester
// asked, or it is no longer needed); the audit log keeps that it happened
// and the body's name, not the person. The body and account an accepted
// request created stay.
func (s *Store) DeleteJoinRequest(ctx context.Context, who Actor, id int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		r, err := tx.joinRequest(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM join_requests WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete join request %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "delete", "join_request", id, r.BodyName, map[string]any{"status": r.Status}, nil)
	})
}
