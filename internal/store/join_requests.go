package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// ErrJoinDecided means a join request is not (or no longer) awaiting a
// coordinator's decision: it is unconfirmed, or already accepted or declined.
var ErrJoinDecided = errors.New("join request is not awaiting review")

// JoinRequest is a body's request to join the network.
type JoinRequest struct {
	ID              int64
	ISTATCode       string
	BodyName        string
	BodyKind        domain.BodyKind
	BodyPlace       string
	RequesterName   string
	Email           string
	RequesterRole   string
	HasRegulation   domain.RegulationAnswer
	RegulationURL   string
	Message         string
	ConsentVersion  string
	ConsentAt       time.Time
	Status          domain.JoinStatus
	ConfirmExpires  time.Time
	ConfirmedAt     *time.Time
	DecisionMessage string
	DecidedByID     int64
	DecidedByEmail  string
	DecidedAt       *time.Time
	BodyID          int64  // the body created or linked on acceptance
	InvitedUserID   int64  // the account invited as the body's referent
	JoinedOn        string // yyyy-mm-dd, set on acceptance
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

const joinSelect = `SELECT id, istat_code, body_name, body_kind, body_place, requester_name, email, requester_role,
has_regulation, regulation_url, message, consent_version, consent_at, status, confirm_expires_at, confirmed_at,
decision_message, decided_by, decided_by_email, decided_at, body_id, invited_user_id, joined_on, created_at, updated_at
FROM join_requests `

func scanJoinRequest(sc interface{ Scan(...any) error }) (JoinRequest, error) {
	var (
		r                       JoinRequest
		confirmed, decided      sql.NullTime
		decidedBy, body, invite sql.NullInt64
	)
	err := sc.Scan(&r.ID, &r.ISTATCode, &r.BodyName, &r.BodyKind, &r.BodyPlace, &r.RequesterName, &r.Email, &r.RequesterRole,
		&r.HasRegulation, &r.RegulationURL, &r.Message, &r.ConsentVersion, &r.ConsentAt, &r.Status, &r.ConfirmExpires, &confirmed,
		&r.DecisionMessage, &decidedBy, &r.DecidedByEmail, &decided, &body, &invite, &r.JoinedOn, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return r, err
	}
	if confirmed.Valid {
		t := confirmed.Time.UTC()
		r.ConfirmedAt = &t
	}
	if decided.Valid {
		t := decided.Time.UTC()
		r.DecidedAt = &t
	}
	r.DecidedByID, r.BodyID, r.InvitedUserID = decidedBy.Int64, body.Int64, invite.Int64
	r.ConsentAt, r.ConfirmExpires, r.CreatedAt, r.UpdatedAt = r.ConsentAt.UTC(), r.ConfirmExpires.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

// NewJoinRequest is what the "Aderisci alla rete" form submits. The body is
// either from the ISTAT registry (ISTATCode set, BodyName and BodyKind
// filled from it by the caller) or named with its kind and place.
type NewJoinRequest struct {
	ISTATCode      string
	BodyName       string
	BodyKind       domain.BodyKind
	BodyPlace      string
	RequesterName  string
	Email          string
	RequesterRole  string
	HasRegulation  domain.RegulationAnswer
	RegulationURL  string
	Message        string
	ConsentVersion string
	ConsentAt      time.Time
	// ClientHash is HashClientAddress of the sender's address, kept only to
	// limit how many requests one address sends.
	ClientHash string
	// ConfirmHash is auth.HashToken of the token e-mailed for confirmation.
	ConfirmHash    string
	ConfirmExpires time.Time
}

// HashClientAddress is the form in which a client address is kept for rate
// limiting: its SHA-256, never the address itself.
func HashClientAddress(addr string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(addr)))
	return hex.EncodeToString(sum[:])
}

// CreateJoinRequest records a request waiting for its e-mail confirmation.
func (s *Store) CreateJoinRequest(ctx context.Context, nr NewJoinRequest, now time.Time) (int64, error) {
	if !nr.BodyKind.Valid() {
		return 0, fmt.Errorf("create join request: unknown body kind %q", nr.BodyKind)
	}
	if nr.HasRegulation == "" {
		nr.HasRegulation = domain.AnswerUnknown
	}
	if !nr.HasRegulation.Valid() {
		return 0, fmt.Errorf("create join request: unknown regulation answer %q", nr.HasRegulation)
	}
	if strings.TrimSpace(nr.BodyName) == "" || strings.TrimSpace(nr.Email) == "" || nr.ConfirmHash == "" {
		return 0, fmt.Errorf("create join request: body name, e-mail and confirmation link are required")
	}
	now = now.UTC()
	id, err := s.insertID(ctx, `INSERT INTO join_requests (istat_code, body_name, body_kind, body_place, requester_name, email,
requester_role, has_regulation, regulation_url, message, consent_version, consent_at, client_hash, status, confirm_hash,
confirm_expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		strings.TrimSpace(nr.ISTATCode), strings.TrimSpace(nr.BodyName), string(nr.BodyKind), strings.TrimSpace(nr.BodyPlace),
		strings.TrimSpace(nr.RequesterName), NormalizeEmail(nr.Email), strings.TrimSpace(nr.RequesterRole), string(nr.HasRegulation),
		strings.TrimSpace(nr.RegulationURL), strings.TrimSpace(nr.Message), nr.ConsentVersion, nr.ConsentAt.UTC(), nr.ClientHash,
		string(domain.JoinPendingConfirmation), nr.ConfirmHash, nr.ConfirmExpires.UTC(), now, now)
	if err != nil {
		return 0, fmt.Errorf("create join request for %q: %w", nr.BodyName, err)
	}
	return id, nil
}

// CountRecentJoinRequests counts the requests made since the given time
// from one e-mail address or one client address (HashClientAddress), for
// rate limiting. Either may be empty.
func (s *Store) CountRecentJoinRequests(ctx context.Context, email, clientHash string, since time.Time) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM join_requests WHERE created_at >= ? AND (email = ? OR (client_hash <> '' AND client_hash = ?))`,
		since.UTC(), NormalizeEmail(email), clientHash).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count recent join requests: %w", err)
	}
	return n, nil
}

// ConfirmJoinRequest spends the confirmation link: the request moves to
// the coordinators' review. An unknown link gives ErrLinkUnknown, a used
// one ErrLinkUsed, an expired one ErrLinkExpired; none changes anything.
func (s *Store) ConfirmJoinRequest(ctx context.Context, confirmHash string, now time.Time) (JoinRequest, error) {
	var r JoinRequest
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		r, err = scanJoinRequest(tx.queryRow(ctx, joinSelect+`WHERE confirm_hash = ?`, confirmHash))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrLinkUnknown
		case err != nil:
			return fmt.Errorf("look up join confirmation link: %w", err)
		case r.Status != domain.JoinPendingConfirmation:
			return ErrLinkUsed
		case !now.Before(r.ConfirmExpires):
			return ErrLinkExpired
		}
		res, err := tx.exec(ctx, `UPDATE join_requests SET status = ?, confirmed_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
			string(domain.JoinAwaitingReview), now.UTC(), now.UTC(), r.ID, string(domain.JoinPendingConfirmation))
		if err != nil {
			return fmt.Errorf("confirm join request %d: %w", r.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrLinkUsed
		}
		r, err = tx.joinRequest(ctx, r.ID)
		return err
	})
	return r, err
}

func (c conn) joinRequest(ctx context.Context, id int64) (JoinRequest, error) {
	r, err := scanJoinRequest(c.queryRow(ctx, joinSelect+`WHERE id = ?`, id))
	if err != nil {
		return r, fmt.Errorf("load join request %d: %w", id, scanOne(err))
	}
	return r, nil
}

// JoinRequest returns one request.
func (s *Store) JoinRequest(ctx context.Context, id int64) (JoinRequest, error) {
	return s.joinRequest(ctx, id)
}

// JoinRequestFilter selects requests for the coordinators' list.
type JoinRequestFilter struct {
	Status domain.JoinStatus // empty: every status
	Limit  int               // 50 when 0
	Offset int
}

// JoinRequests lists requests, oldest waiting first within a status, and
// the total matching.
func (s *Store) JoinRequests(ctx context.Context, f JoinRequestFilter) ([]JoinRequest, int, error) {
	where, args := "", []any{}
	if f.Status != "" {
		where, args = `WHERE status = ? `, append(args, string(f.Status))
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM join_requests `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count join requests: %w", err)
	}
	rows, err := s.query(ctx, joinSelect+where+`ORDER BY created_at, id LIMIT ? OFFSET ?`, append(args, limitOr(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list join requests: %w", err)
	}
	defer rows.Close()
	var out []JoinRequest
	for rows.Next() {
		r, err := scanJoinRequest(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list join requests: %w", err)
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// DeclineJoinRequest records a coordinator's refusal with its message. Only
// a confirmed request awaiting review can be declined (ErrJoinDecided
// otherwise). The caller e-mails the message to the requester.
func (s *Store) DeclineJoinRequest(ctx context.Context, who Actor, id int64, message string, now time.Time) (JoinRequest, error) {
	var r JoinRequest
	err := s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.joinRequest(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.decideJoin(ctx, who, id, domain.JoinDeclined, message, now, nil); err != nil {
			return err
		}
		if r, err = tx.joinRequest(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "decline", "join_request", id, before.BodyName,
			map[string]any{"status": before.Status}, map[string]any{"status": r.Status, "message": r.DecisionMessage})
	})
	return r, err
}

// decideJoin moves a request awaiting review to accepted or declined; a
// racing second decision changes nothing and gets ErrJoinDecided.
func (c conn) decideJoin(ctx context.Context, who Actor, id int64, to domain.JoinStatus, message string, now time.Time, acc *JoinAccepted) error {
	set, args := `status = ?, decision_message = ?, decided_by = ?, decided_by_email = ?, decided_at = ?, updated_at = ?`,
		[]any{string(to), strings.TrimSpace(message), nullID(who.UserID), who.Email, now.UTC(), now.UTC()}
	if acc != nil {
		set += `, body_id = ?, invited_user_id = ?, joined_on = ?`
		args = append(args, acc.BodyID, nullID(acc.UserID), acc.JoinedOn)
	}
	res, err := c.exec(ctx, `UPDATE join_requests SET `+set+` WHERE id = ? AND status = ?`,
		append(args, id, string(domain.JoinAwaitingReview))...)
	if err != nil {
		return fmt.Errorf("decide join request %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("decide join request %d: %w", id, ErrJoinDecided)
	}
	return nil
}
