package store

import (
	"context"
	"fmt"
	"time"
)

// MailKind is an e-mail the scheduled jobs send once per registration.
type MailKind string

const (
	MailReminder MailKind = "reminder_sent_at"
	MailOutcome  MailKind = "outcome_sent_at"
)

func (k MailKind) valid() bool { return k == MailReminder || k == MailOutcome }

// DueReminders lists the confirmed registrations of activities on the given
// day (yyyy-mm-dd) whose reminder has not gone out.
func (s *Store) DueReminders(ctx context.Context, day string) ([]Registration, error) {
	return s.dueMail(ctx, `r.status = 'confirmed' AND r.reminder_sent_at IS NULL AND a.starts_on = ? AND a.status = 'published'`, day)
}

// DueOutcomeMails lists the attendees of activities with a published outcome
// report who have not received it.
func (s *Store) DueOutcomeMails(ctx context.Context) ([]Registration, error) {
	return s.dueMail(ctx, `r.attended AND r.outcome_sent_at IS NULL AND a.outcome_shared = ? AND a.status = 'published'`, true)
}

func (s *Store) dueMail(ctx context.Context, cond string, args ...any) ([]Registration, error) {
	rows, err := s.query(ctx, registrationSelect+`JOIN activities a ON a.id = r.activity_id
WHERE r.erased_at IS NULL AND r.email IS NOT NULL AND `+cond+` ORDER BY r.activity_id, r.id LIMIT 500`, args...)
	if err != nil {
		return nil, fmt.Errorf("list due e-mails: %w", err)
	}
	defer rows.Close()
	var out []Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("list due e-mails: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimMail marks an e-mail of a registration as sent before sending it and
// reports whether this caller won: with several instances on one database,
// exactly one gets true for each registration.
func (s *Store) ClaimMail(ctx context.Context, kind MailKind, id int64, now time.Time) (bool, error) {
	if !kind.valid() {
		return false, fmt.Errorf("claim e-mail: unknown kind %q", kind)
	}
	res, err := s.exec(ctx, `UPDATE registrations SET `+string(kind)+` = ? WHERE id = ? AND `+string(kind)+` IS NULL`, now.UTC(), id)
	if err != nil {
		return false, fmt.Errorf("claim %s of registration %d: %w", kind, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim %s of registration %d: %w", kind, id, err)
	}
	return n == 1, nil
}

// ReleaseMail gives a claimed e-mail back when sending failed, so a later
// run tries again.
func (s *Store) ReleaseMail(ctx context.Context, kind MailKind, id int64) error {
	if !kind.valid() {
		return fmt.Errorf("release e-mail: unknown kind %q", kind)
	}
	if _, err := s.exec(ctx, `UPDATE registrations SET `+string(kind)+` = NULL WHERE id = ?`, id); err != nil {
		return fmt.Errorf("release %s of registration %d: %w", kind, id, err)
	}
	return nil
}

// ErasePastRegistrations erases the personal data of the registrations of
// activities held before the given day (yyyy-mm-dd), keeping bodies, roles,
// statuses and attendance for the figures. It returns how many were erased.
func (s *Store) ErasePastRegistrations(ctx context.Context, before string, now time.Time) (int64, error) {
	res, err := s.exec(ctx, `UPDATE registrations SET name = '', email = NULL, accessibility = '', user_id = NULL,
confirm_hash = NULL, manage_nonce = NULL, erased_at = ?, updated_at = ?
WHERE erased_at IS NULL AND activity_id IN (SELECT id FROM activities WHERE starts_on < ?)`, now.UTC(), now.UTC(), before)
	if err != nil {
		return 0, fmt.Errorf("erase past registrations: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
