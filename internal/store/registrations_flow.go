package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Registration is one person's registration for an activity.
type Registration struct {
	ID                int64
	ActivityID        int64
	UserID            int64
	Name              string
	Email             string // empty once erased
	Accessibility     string
	BodyID            int64 // 0 when the person proposed a new body
	BodyName          string
	ProposedBodyName  string
	ProposedBodyKind  string
	ProposedBodyPlace string
	Role              string
	TableID           int64
	TableTitle        string
	ConsentVersion    string
	ConsentAt         time.Time
	Status            RegistrationStatus
	ConfirmedAt       *time.Time
	CancelledAt       *time.Time
	Attended          bool
	CertificateCode   string
	Erased            bool
	CreatedAt         time.Time
}

// DisplayBody is the body name to show: the registry's, or the proposed one.
func (r Registration) DisplayBody() string {
	if r.BodyName != "" {
		return r.BodyName
	}
	return r.ProposedBodyName
}

const registrationSelect = `SELECT r.id, r.activity_id, COALESCE(r.user_id, 0), r.name, COALESCE(r.email, ''), r.accessibility,
COALESCE(r.body_id, 0), COALESCE(b.name, ''), r.proposed_body_name, r.proposed_body_kind, r.proposed_body_place, r.role,
COALESCE(r.table_id, 0), COALESCE(bt.title, ''), r.consent_version, r.consent_at, r.status, r.confirmed_at, r.cancelled_at,
r.attended, COALESCE(r.certificate_code, ''), r.erased_at IS NOT NULL, r.created_at
FROM registrations r LEFT JOIN bodies b ON b.id = r.body_id LEFT JOIN breakout_tables bt ON bt.id = r.table_id `

func scanRegistration(sc interface{ Scan(...any) error }) (Registration, error) {
	var (
		r                    Registration
		confirmed, cancelled sql.NullTime
	)
	err := sc.Scan(&r.ID, &r.ActivityID, &r.UserID, &r.Name, &r.Email, &r.Accessibility,
		&r.BodyID, &r.BodyName, &r.ProposedBodyName, &r.ProposedBodyKind, &r.ProposedBodyPlace, &r.Role,
		&r.TableID, &r.TableTitle, &r.ConsentVersion, &r.ConsentAt, &r.Status, &confirmed, &cancelled,
		&r.Attended, &r.CertificateCode, &r.Erased, &r.CreatedAt)
	if confirmed.Valid {
		t := confirmed.Time
		r.ConfirmedAt = &t
	}
	if cancelled.Valid {
		t := cancelled.Time
		r.CancelledAt = &t
	}
	return r, err
}

func (c conn) registrationByID(ctx context.Context, id int64) (Registration, error) {
	r, err := scanRegistration(c.queryRow(ctx, registrationSelect+`WHERE r.id = ?`, id))
	if err != nil {
		return r, fmt.Errorf("load registration %d: %w", id, scanOne(err))
	}
	return r, nil
}

// Registration loads one registration by id.
func (s *Store) Registration(ctx context.Context, id int64) (Registration, error) {
	return s.registrationByID(ctx, id)
}

// ManageNonce returns the secret a registration's personal link is signed
// with; erased registrations have none and give ErrNotFound.
func (s *Store) ManageNonce(ctx context.Context, id int64) (string, error) {
	var nonce sql.NullString
	err := s.queryRow(ctx, `SELECT manage_nonce FROM registrations WHERE id = ? AND erased_at IS NULL`, id).Scan(&nonce)
	if err == nil && !nonce.Valid {
		err = sql.ErrNoRows
	}
	if err != nil {
		return "", fmt.Errorf("personal link of registration %d: %w", id, scanOne(err))
	}
	return nonce.String, nil
}

// NewRegistration is what a person (or a coordinator for them) submits.
type NewRegistration struct {
	ActivityID        int64
	UserID            int64
	Name              string
	Email             string
	BodyID            int64
	ProposedBodyName  string
	ProposedBodyKind  string
	ProposedBodyPlace string
	Role              string
	TableID           int64
	Accessibility     string
	ConsentVersion    string
	ConsentAt         time.Time
	// ConfirmHash and ConfirmExpires are the double opt-in link; ManageNonce
	// is the secret the personal link (see, correct, cancel, delete) is signed with.
	ConfirmHash    string
	ConfirmExpires time.Time
	ManageNonce    string
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertRegistration adds the row with the given status. A previous
// unconfirmed or cancelled registration of the same address gives way; a
// live one gives ErrAlreadyRegistered.
func (c conn) insertRegistration(ctx context.Context, nr NewRegistration, status RegistrationStatus, now time.Time) (int64, error) {
	email := NormalizeEmail(nr.Email)
	var (
		oldID     int64
		oldStatus RegistrationStatus
	)
	err := c.queryRow(ctx, `SELECT id, status FROM registrations WHERE activity_id = ? AND email = ?`, nr.ActivityID, email).Scan(&oldID, &oldStatus)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, fmt.Errorf("look up earlier registration: %w", err)
	case oldStatus == RegConfirmed || oldStatus == RegWaiting:
		return 0, ErrAlreadyRegistered
	default:
		if _, err := c.exec(ctx, `DELETE FROM registrations WHERE id = ?`, oldID); err != nil {
			return 0, fmt.Errorf("replace earlier registration %d: %w", oldID, err)
		}
	}
	var queued, confirmedAt, confirmHash, confirmExp, manage any
	if status != RegPending {
		queued, confirmedAt = now.UTC(), now.UTC()
	}
	if nr.ConfirmHash != "" {
		confirmHash, confirmExp = nr.ConfirmHash, nr.ConfirmExpires.UTC()
	}
	if nr.ManageNonce != "" {
		manage = nr.ManageNonce
	}
	id, err := c.insertID(ctx, `INSERT INTO registrations (activity_id, user_id, name, email, accessibility, body_id,
proposed_body_name, proposed_body_kind, proposed_body_place, role, table_id, consent_version, consent_at, status,
queued_at, confirm_hash, confirm_expires_at, confirmed_at, manage_nonce, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nr.ActivityID, nullID(nr.UserID), strings.TrimSpace(nr.Name), email, strings.TrimSpace(nr.Accessibility), nullID(nr.BodyID),
		strings.TrimSpace(nr.ProposedBodyName), nr.ProposedBodyKind, strings.TrimSpace(nr.ProposedBodyPlace), nr.Role, nullID(nr.TableID),
		nr.ConsentVersion, nr.ConsentAt.UTC(), string(status), queued, confirmHash, confirmExp, confirmedAt, manage, now.UTC(), now.UTC())
	if errors.Is(err, ErrConflict) {
		return 0, ErrAlreadyRegistered
	}
	if err != nil {
		return 0, fmt.Errorf("insert registration: %w", err)
	}
	return id, nil
}

// Register records a registration waiting for its confirmation link. It
// takes no seat yet: seats go to confirmed people only (double opt-in).
func (s *Store) Register(ctx context.Context, nr NewRegistration, now time.Time) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		a, err := tx.regActivityByID(ctx, nr.ActivityID)
		if err != nil {
			return err
		}
		if !a.OpenAt(now) {
			return ErrRegistrationsClosed
		}
		id, err = tx.insertRegistration(ctx, nr, RegPending, now)
		return err
	})
	return id, err
}

// seatStatus decides, under the activity lock, whether one more person gets
// a seat or joins the waiting list.
func (c conn) seatStatus(ctx context.Context, activityID int64) (RegistrationStatus, error) {
	if err := c.lockActivity(ctx, activityID); err != nil {
		return "", err
	}
	a, err := c.regActivityByID(ctx, activityID)
	if err != nil {
		return "", err
	}
	free, err := c.freeSeats(ctx, activityID, a.Settings.Capacity)
	if err != nil {
		return "", err
	}
	// Nobody jumps the queue: a free seat goes to someone waiting first.
	var waiting int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM registrations WHERE activity_id = ? AND status = 'waiting'`, activityID).Scan(&waiting); err != nil {
		return "", fmt.Errorf("count waiting of activity %d: %w", activityID, err)
	}
	if free > 0 && waiting == 0 {
		return RegConfirmed, nil
	}
	return RegWaiting, nil
}

// CheckConfirmation tells, without changing anything, whether a
// confirmation link can still be used (nil) or why not.
func (s *Store) CheckConfirmation(ctx context.Context, confirmHash string, now time.Time) error {
	return s.checkConfirmation(ctx, confirmHash, now, nil)
}

func (c conn) checkConfirmation(ctx context.Context, confirmHash string, now time.Time, found func(id, activityID int64)) error {
	var (
		id, activityID int64
		status         RegistrationStatus
		expires        time.Time
		confirmed      sql.NullTime
	)
	err := c.queryRow(ctx, `SELECT id, activity_id, status, confirm_expires_at, confirmed_at FROM registrations
WHERE confirm_hash = ? AND erased_at IS NULL`, confirmHash).Scan(&id, &activityID, &status, &expires, &confirmed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrLinkUnknown
	case err != nil:
		return fmt.Errorf("look up confirmation link: %w", err)
	case confirmed.Valid || status != RegPending:
		return ErrLinkUsed
	case !now.Before(expires):
		return ErrLinkExpired
	}
	if found != nil {
		found(id, activityID)
	}
	return nil
}

// ConfirmRegistration spends a confirmation link and gives the person a seat
// or a place on the waiting list. A link that is unknown, expired or used
// changes nothing.
func (s *Store) ConfirmRegistration(ctx context.Context, confirmHash string, now time.Time) (Registration, error) {
	var r Registration
	err := s.InTx(ctx, func(tx *Tx) error {
		var id, activityID int64
		if err := tx.checkConfirmation(ctx, confirmHash, now, func(i, a int64) { id, activityID = i, a }); err != nil {
			return err
		}
		st, err := tx.seatStatus(ctx, activityID)
		if err != nil {
			return err
		}
		// The status check in WHERE makes a second, racing use of the same
		// link change nothing.
		res, err := tx.exec(ctx, `UPDATE registrations SET status = ?, confirmed_at = ?, queued_at = ?, updated_at = ?
WHERE id = ? AND status = 'pending'`, string(st), now.UTC(), now.UTC(), now.UTC(), id)
		if err != nil {
			return fmt.Errorf("confirm registration %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrLinkUsed
		}
		r, err = tx.registrationByID(ctx, id)
		return err
	})
	return r, err
}

// AddRegistration records a registration made by a coordinator on someone's
// behalf: confirmed at once (or waiting when the seats are taken).
func (s *Store) AddRegistration(ctx context.Context, who Actor, nr NewRegistration, now time.Time) (Registration, error) {
	var r Registration
	err := s.InTx(ctx, func(tx *Tx) error {
		st, err := tx.seatStatus(ctx, nr.ActivityID)
		if err != nil {
			return err
		}
		id, err := tx.insertRegistration(ctx, nr, st, now)
		if err != nil {
			return err
		}
		if r, err = tx.registrationByID(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "register", "registration", id, r.Email, nil, map[string]any{"activity_id": nr.ActivityID, "status": st})
	})
	return r, err
}

// CancelRegistration cancels a live registration; when it held a seat the
// first person waiting takes it and is returned, to be told.
func (s *Store) CancelRegistration(ctx context.Context, who Actor, id int64, now time.Time) (*Registration, error) {
	var promoted *Registration
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		promoted, err = tx.cancel(ctx, who, id, now)
		return err
	})
	return promoted, err
}

func (c conn) cancel(ctx context.Context, who Actor, id int64, now time.Time) (*Registration, error) {
	r, err := c.registrationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status == RegCancelled {
		return nil, ErrLinkUsed
	}
	if err := c.lockActivity(ctx, r.ActivityID); err != nil {
		return nil, err
	}
	res, err := c.exec(ctx, `UPDATE registrations SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ? AND status <> 'cancelled'`,
		now.UTC(), now.UTC(), id)
	if err != nil {
		return nil, fmt.Errorf("cancel registration %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrLinkUsed
	}
	if err := c.Audit(ctx, who, "cancel", "registration", id, r.Email, map[string]any{"status": r.Status}, map[string]any{"status": RegCancelled}); err != nil {
		return nil, err
	}
	if r.Status != RegConfirmed {
		return nil, nil
	}
	a, err := c.regActivityByID(ctx, r.ActivityID)
	if err != nil {
		return nil, err
	}
	promoted, err := c.fillSeats(ctx, r.ActivityID, a.Settings.Capacity)
	if err != nil || len(promoted) == 0 {
		return nil, err
	}
	return &promoted[0], nil
}

// MoveRegistration puts a confirmed person on the waiting list (at its end)
// or gives a waiting person a seat; a full activity gives ErrNoSeat.
func (s *Store) MoveRegistration(ctx context.Context, who Actor, id int64, to RegistrationStatus, now time.Time) error {
	if to != RegConfirmed && to != RegWaiting {
		return fmt.Errorf("move registration %d to %q: not a live status", id, to)
	}
	return s.InTx(ctx, func(tx *Tx) error {
		r, err := tx.registrationByID(ctx, id)
		if err != nil {
			return err
		}
		if r.Status == to {
			return nil
		}
		if r.Status != RegConfirmed && r.Status != RegWaiting {
			return fmt.Errorf("move registration %d from %s: %w", id, r.Status, ErrNotFound)
		}
		if err := tx.lockActivity(ctx, r.ActivityID); err != nil {
			return err
		}
		if to == RegConfirmed {
			a, err := tx.regActivityByID(ctx, r.ActivityID)
			if err != nil {
				return err
			}
			free, err := tx.freeSeats(ctx, r.ActivityID, a.Settings.Capacity)
			if err != nil {
				return err
			}
			if free <= 0 {
				return ErrNoSeat
			}
		}
		if _, err := tx.exec(ctx, `UPDATE registrations SET status = ?, queued_at = ?, updated_at = ? WHERE id = ?`,
			string(to), now.UTC(), now.UTC(), id); err != nil {
			return fmt.Errorf("move registration %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "move", "registration", id, r.Email, map[string]any{"status": r.Status}, map[string]any{"status": to})
	})
}

// RegistrationChange is what a person may correct about themselves.
type RegistrationChange struct {
	Name              string
	BodyID            int64
	ProposedBodyName  string
	ProposedBodyKind  string
	ProposedBodyPlace string
	Role              string
	TableID           int64
	Accessibility     string
}

// UpdateRegistration corrects the personal details of a registration.
func (s *Store) UpdateRegistration(ctx context.Context, id int64, ch RegistrationChange) error {
	res, err := s.exec(ctx, `UPDATE registrations SET name = ?, body_id = ?, proposed_body_name = ?, proposed_body_kind = ?,
proposed_body_place = ?, role = ?, table_id = ?, accessibility = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL`,
		strings.TrimSpace(ch.Name), nullID(ch.BodyID), strings.TrimSpace(ch.ProposedBodyName), ch.ProposedBodyKind,
		strings.TrimSpace(ch.ProposedBodyPlace), ch.Role, nullID(ch.TableID), strings.TrimSpace(ch.Accessibility), time.Now().UTC(), id)
	if err != nil {
		return fmt.Errorf("update registration %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update registration %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteOwnRegistration is the person's "delete my data": the registration is
// cancelled (its seat passes on) and its personal data erased at once.
func (s *Store) DeleteOwnRegistration(ctx context.Context, id int64, now time.Time) (*Registration, error) {
	var promoted *Registration
	err := s.InTx(ctx, func(tx *Tx) error {
		r, err := tx.registrationByID(ctx, id)
		if err != nil {
			return err
		}
		if r.Status != RegCancelled {
			if promoted, err = tx.cancel(ctx, Actor{}, id, now); err != nil {
				return err
			}
		}
		return tx.eraseRegistrations(ctx, `id = ?`, []any{id}, now)
	})
	return promoted, err
}

// eraseRegistrations empties the personal data of the matching rows and
// keeps what the aggregates need (activity, body, role, status, attendance).
func (c conn) eraseRegistrations(ctx context.Context, where string, args []any, now time.Time) error {
	_, err := c.exec(ctx, `UPDATE registrations SET name = '', email = NULL, accessibility = '', user_id = NULL,
confirm_hash = NULL, manage_nonce = NULL, erased_at = ?, updated_at = ?
WHERE erased_at IS NULL AND `+where, append([]any{now.UTC(), now.UTC()}, args...)...)
	if err != nil {
		return fmt.Errorf("erase registrations: %w", err)
	}
	return nil
}
