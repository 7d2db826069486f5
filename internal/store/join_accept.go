package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/istat"
)

// JoinAcceptance is a coordinator's decision to accept a join request.
type JoinAcceptance struct {
	// BodyID links the request to this existing body. When 0 the body is
	// found by the request's ISTAT code (or, without one, by its name and
	// kind) and created when the network does not have it yet.
	BodyID int64
	// Registry gives the facts of a Comune created from the request's ISTAT
	// code (name, province, region).
	Registry *istat.Registry
	// NewBody, when its Name is set, is the body to create instead of the
	// one made from the request (the coordinator corrected it).
	NewBody NewBody
	// JoinedOn is the day the body joins the network; zero means today in
	// Europe/Rome.
	JoinedOn time.Time
	// Message is the decision message e-mailed to the requester.
	Message string
	// InviteHash and InviteExpires are the invitation link (auth.NewToken)
	// of the requester as referent of the body, when a new account is made.
	InviteHash    string
	InviteExpires time.Time
}

// JoinAccepted is what an acceptance did.
type JoinAccepted struct {
	Request     JoinRequest // the request as stored after the decision
	BodyID      int64
	BodyCreated bool
	UserID      int64  // the requester's account
	Invited     bool   // a new account was created with InviteHash: e-mail the invitation link
	JoinedOn    string // yyyy-mm-dd
}

// AcceptJoinRequest accepts a confirmed request in one transaction: it
// creates or links the body, records the day it joins, makes the requester
// referent of the body through the invitation flow (a new account with a
// single-use invitation link, or the body added to an existing referent),
// writes the decision and the audit log, and finally calls notify (which
// sends the e-mails) inside the transaction, so a message that cannot go
// out leaves nothing behind. A request not awaiting review gives
// ErrJoinDecided; a slug or ISTAT code taken by another body ErrConflict.
func (s *Store) AcceptJoinRequest(ctx context.Context, who Actor, id int64, acc JoinAcceptance, now time.Time,
	notify func(context.Context, JoinAccepted) error) (JoinAccepted, error) {
	var out JoinAccepted
	err := s.InTx(ctx, func(tx *Tx) error {
		r, err := tx.joinRequest(ctx, id)
		if err != nil {
			return err
		}
		if r.Status != domain.JoinAwaitingReview {
			return fmt.Errorf("accept join request %d: %w", id, ErrJoinDecided)
		}
		out.BodyID, out.BodyCreated, err = tx.joinBody(ctx, who, r, acc)
		if err != nil {
			return err
		}
		day := acc.JoinedOn
		if day.IsZero() {
			day = now
		}
		out.JoinedOn = RomeDate(day)
		out.UserID, out.Invited, err = tx.joinReferent(ctx, who, r, out.BodyID, acc)
		if err != nil {
			return err
		}
		if err := tx.decideJoin(ctx, who, id, domain.JoinAccepted, acc.Message, now, &out); err != nil {
			return err
		}
		if out.Request, err = tx.joinRequest(ctx, id); err != nil {
			return err
		}
		if err := tx.Audit(ctx, who, "accept", "join_request", id, r.BodyName, map[string]any{"status": r.Status},
			map[string]any{"status": out.Request.Status, "body_id": out.BodyID, "body_created": out.BodyCreated,
				"user_id": out.UserID, "invited": out.Invited, "joined_on": out.JoinedOn, "message": out.Request.DecisionMessage}); err != nil {
			return err
		}
		if notify != nil {
			return notify(ctx, out)
		}
		return nil
	})
	return out, err
}

// joinBody finds or creates the body of an accepted request.
func (tx *Tx) joinBody(ctx context.Context, who Actor, r JoinRequest, acc JoinAcceptance) (int64, bool, error) {
	if acc.BodyID != 0 {
		var id int64
		if err := tx.queryRow(ctx, `SELECT id FROM bodies WHERE id = ?`, acc.BodyID).Scan(&id); err != nil {
			return 0, false, fmt.Errorf("link body %d: %w", acc.BodyID, scanOne(err))
		}
		return id, false, nil
	}
	var (
		id  int64
		err error
	)
	if r.ISTATCode != "" {
		err = tx.queryRow(ctx, `SELECT id FROM bodies WHERE istat_code = ?`, r.ISTATCode).Scan(&id)
	} else {
		err = tx.queryRow(ctx, `SELECT id FROM bodies WHERE LOWER(name) = LOWER(?) AND kind = ? ORDER BY id LIMIT 1`,
			r.BodyName, string(r.BodyKind)).Scan(&id)
	}
	switch {
	case err == nil:
		return id, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("look up body of join request %d: %w", r.ID, err)
	}
	nb := acc.NewBody
	if nb.Name == "" {
		nb = NewBody{Name: r.BodyName, Kind: r.BodyKind}
		if r.ISTATCode != "" {
			nb.ISTATCode = r.ISTATCode
			if acc.Registry != nil {
				if c, ok := acc.Registry.ByCode(r.ISTATCode); ok {
					nb = BodyFromComune(c)
				}
			}
		}
	}
	if nb.Slug == "" {
		nb.Slug = slugOf(nb.Name)
	}
	if !nb.Kind.Valid() {
		return 0, false, fmt.Errorf("create body of join request %d: unknown kind %q", r.ID, nb.Kind)
	}
	if id, err = tx.CreateBody(ctx, nb); err != nil {
		return 0, false, err
	}
	if err := tx.Audit(ctx, who, "create", "body", id, nb.Name, nil, nb); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// BodyFromComune is the body of a Comune of the ISTAT registry, as the
// backoffice fills it: name "Comune di …", code, province and region.
func BodyFromComune(c istat.Comune) NewBody {
	name := "Comune di " + c.Name
	return NewBody{Slug: slugOf(name), Name: name, Kind: domain.KindComune, ISTATCode: c.Code,
		Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName}
}

// joinReferent makes the requester referent of the body, reusing the
// invitation flow: a new account (no password) with an invitation link, or
// the body added to an existing referent or participant (who becomes its
// referent). A coordinator's account is left as it is.
func (tx *Tx) joinReferent(ctx context.Context, who Actor, r JoinRequest, bodyID int64, acc JoinAcceptance) (int64, bool, error) {
	var (
		userID int64
		role   auth.Role
	)
	err := tx.queryRow(ctx, `SELECT id, role FROM users WHERE email = ?`, NormalizeEmail(r.Email)).Scan(&userID, &role)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if acc.InviteHash == "" {
			return 0, false, fmt.Errorf("accept join request %d: an invitation link is needed for a new account", r.ID)
		}
		id, err := tx.CreateUser(ctx, NewUser{Email: r.Email, Name: r.RequesterName, Role: auth.Referent, Bodies: []int64{bodyID}})
		if err != nil {
			return 0, false, err
		}
		if err := tx.CreateUserToken(ctx, acc.InviteHash, id, TokenInvite, acc.InviteExpires); err != nil {
			return 0, false, err
		}
		if err := tx.Audit(ctx, who, "invite", "user", id, NormalizeEmail(r.Email), nil,
			map[string]any{"email": NormalizeEmail(r.Email), "role": auth.Referent, "bodies": []int64{bodyID}, "join_request": r.ID}); err != nil {
			return 0, false, err
		}
		return id, true, nil
	case err != nil:
		return 0, false, fmt.Errorf("look up account of join request %d: %w", r.ID, err)
	}
	if role == auth.Coordinator {
		return userID, false, nil
	}
	bodies, err := tx.userBodies(ctx, userID)
	if err != nil {
		return 0, false, err
	}
	if !slices.Contains(bodies, bodyID) {
		bodies = append(bodies, bodyID)
	}
	if err := tx.SetUserRole(ctx, userID, auth.Referent, bodies); err != nil {
		return 0, false, err
	}
	if err := tx.Audit(ctx, who, "update", "user", userID, strings.ToLower(r.Email),
		map[string]any{"role": role}, map[string]any{"role": auth.Referent, "bodies": bodies, "join_request": r.ID}); err != nil {
		return 0, false, err
	}
	return userID, false, nil
}
