package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// RegistrationFilter narrows the registrations of an activity.
type RegistrationFilter struct {
	ActivityID int64
	Status     RegistrationStatus // empty: all
	Query      string             // part of the name, e-mail or body
	Limit      int                // 0: 50; -1: all (exports)
	Offset     int
}

// Registrations returns one page of an activity's registrations, in the
// order people confirmed, and how many match.
func (s *Store) Registrations(ctx context.Context, f RegistrationFilter) ([]Registration, int, error) {
	var c conditions
	c.add("r.activity_id = ?", f.ActivityID)
	if f.Status != "" {
		c.add("r.status = ?", string(f.Status))
	}
	c.contains(f.Query, "r.name", "r.email", "COALESCE(b.name, r.proposed_body_name)")
	where, args := c.where(), c.args
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM registrations r LEFT JOIN bodies b ON b.id = r.body_id`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count registrations: %w", err)
	}
	q := registrationSelect + where + ` ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END, r.queued_at, r.id`
	if f.Limit >= 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limitOr(f.Limit), f.Offset)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list registrations: %w", err)
	}
	defer rows.Close()
	var out []Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list registrations: %w", err)
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// RegistrationCounts are the totals of an activity by status.
type RegistrationCounts struct {
	Pending, Confirmed, Waiting, Cancelled, Attended int
}

// RegistrationCounts counts an activity's registrations by status.
func (s *Store) RegistrationCounts(ctx context.Context, activityID int64) (RegistrationCounts, error) {
	var c RegistrationCounts
	err := s.queryRow(ctx, `SELECT
COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
COALESCE(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), 0),
COALESCE(SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END), 0),
COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0),
COALESCE(SUM(CASE WHEN attended THEN 1 ELSE 0 END), 0)
FROM registrations WHERE activity_id = ?`, activityID).Scan(&c.Pending, &c.Confirmed, &c.Waiting, &c.Cancelled, &c.Attended)
	if err != nil {
		return c, fmt.Errorf("count registrations of activity %d: %w", activityID, err)
	}
	return c, nil
}

// Tally is a label with a number of people.
type Tally struct {
	Label  string
	People int
}

// RegistrationTotals counts the confirmed people of an activity by body and by role.
func (s *Store) RegistrationTotals(ctx context.Context, activityID int64) (byBody, byRole []Tally, err error) {
	rows, err := s.query(ctx, `SELECT COALESCE(b.name, r.proposed_body_name), COUNT(*) FROM registrations r
LEFT JOIN bodies b ON b.id = r.body_id WHERE r.activity_id = ? AND r.status = 'confirmed'
GROUP BY COALESCE(b.name, r.proposed_body_name) ORDER BY COUNT(*) DESC, COALESCE(b.name, r.proposed_body_name)`, activityID)
	if err != nil {
		return nil, nil, fmt.Errorf("totals by body of activity %d: %w", activityID, err)
	}
	if byBody, err = scanTallies(rows); err != nil {
		return nil, nil, err
	}
	rows, err = s.query(ctx, `SELECT role, COUNT(*) FROM registrations WHERE activity_id = ? AND status = 'confirmed'
GROUP BY role ORDER BY COUNT(*) DESC, role`, activityID)
	if err != nil {
		return nil, nil, fmt.Errorf("totals by role of activity %d: %w", activityID, err)
	}
	byRole, err = scanTallies(rows)
	return byBody, byRole, err
}

func scanTallies(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]Tally, error) {
	defer rows.Close()
	var out []Tally
	for rows.Next() {
		var t Tally
		if err := rows.Scan(&t.Label, &t.People); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetAttendance marks registrations of an activity as attended or not.
// Attendees get a certificate code the first time. Only confirmed people
// can have attended; the ids of other activities are ignored.
func (s *Store) SetAttendance(ctx context.Context, who Actor, activityID int64, ids []int64, attended bool) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	changed := 0
	err := s.InTx(ctx, func(tx *Tx) error {
		now := time.Now().UTC()
		for _, id := range ids {
			res, err := tx.exec(ctx, `UPDATE registrations SET attended = ?, updated_at = ?
WHERE id = ? AND activity_id = ? AND status = 'confirmed' AND attended <> ?`, attended, now, id, activityID, attended)
			if err != nil {
				return fmt.Errorf("set attendance of registration %d: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			changed++
			if attended {
				if _, err := tx.exec(ctx, `UPDATE registrations SET certificate_code = ? WHERE id = ? AND certificate_code IS NULL`,
					NewCertificateCode(), id); err != nil {
					return fmt.Errorf("certificate code of registration %d: %w", id, err)
				}
			}
		}
		return tx.Audit(ctx, who, "attendance", "activity", activityID, "", nil, map[string]any{"registrations": ids, "attended": attended})
	})
	return changed, err
}

// certificateAlphabet has no look-alike characters (0/O, 1/I/L), so a code
// read off paper can be typed back.
const certificateAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewCertificateCode is a random 12-character code, printed as XXXX-XXXX-XXXX.
func NewCertificateCode() string {
	b := make([]byte, 12)
	rand.Read(b)
	out := make([]byte, 0, 14)
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, certificateAlphabet[int(c)%len(certificateAlphabet)])
	}
	return string(out)
}

// Certificate is what an attendance certificate states.
type Certificate struct {
	Code     string
	Name     string // empty once the personal data was erased
	Activity RegistrationActivity
	Erased   bool
}

// CertificateByCode finds the certificate with a code (any case).
func (s *Store) CertificateByCode(ctx context.Context, code string) (Certificate, error) {
	var (
		c          Certificate
		activityID int64
	)
	err := s.queryRow(ctx, `SELECT certificate_code, name, activity_id, erased_at IS NOT NULL FROM registrations
WHERE certificate_code = ? AND attended`, strings.ToUpper(strings.TrimSpace(code))).Scan(&c.Code, &c.Name, &activityID, &c.Erased)
	if err != nil {
		return c, fmt.Errorf("load certificate: %w", scanOne(err))
	}
	if c.Activity, err = s.regActivityByID(ctx, activityID); err != nil {
		return c, err
	}
	return c, nil
}

// CountedFigures are the figures of an activity counted from attendance.
type CountedFigures struct {
	People int
	Bodies int
	Roles  []Tally // by role, in the order of the most present
}

// CountedFigures counts the people who attended, their distinct bodies and
// their roles. People is 0 when no attendance was recorded: the declared
// figures then stay.
func (s *Store) CountedFigures(ctx context.Context, activityID int64) (CountedFigures, error) {
	var f CountedFigures
	err := s.queryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT COALESCE(b.parent_id, r.body_id))
FROM registrations r LEFT JOIN bodies b ON b.id = r.body_id WHERE r.activity_id = ? AND r.attended`, activityID).Scan(&f.People, &f.Bodies)
	if err != nil {
		return f, fmt.Errorf("counted figures of activity %d: %w", activityID, err)
	}
	if f.People == 0 {
		return f, nil
	}
	rows, err := s.query(ctx, `SELECT role, COUNT(*) FROM registrations WHERE activity_id = ? AND attended GROUP BY role ORDER BY COUNT(*) DESC, role`, activityID)
	if err != nil {
		return f, fmt.Errorf("counted roles of activity %d: %w", activityID, err)
	}
	f.Roles, err = scanTallies(rows)
	return f, err
}

// PublishOutcome stores the outcome report of an activity and makes it public.
func (s *Store) PublishOutcome(ctx context.Context, who Actor, activityID int64, report string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		a, err := tx.regActivityByID(ctx, activityID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE activities SET outcome_report = ?, outcome_shared = ?, updated_at = ? WHERE id = ?`,
			report, true, time.Now().UTC(), activityID); err != nil {
			return fmt.Errorf("publish outcome of activity %d: %w", activityID, err)
		}
		if err := tx.reindexActivity(ctx, activityID); err != nil {
			return err
		}
		if err := tx.announceOutcome(ctx, activityID, time.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "publish_outcome", "activity", activityID, a.Title,
			map[string]any{"outcome_shared": a.OutcomeShared, "outcome_report": a.OutcomeReport},
			map[string]any{"outcome_shared": true, "outcome_report": report})
	})
}

// announceOutcome puts a shared outcome report in the news queue, once
// per activity, pointing at the activity's (or stage's) public page.
func (tx *Tx) announceOutcome(ctx context.Context, activityID int64, now time.Time) error {
	var (
		title, slug string
		isStage     bool
	)
	if err := tx.queryRow(ctx, `SELECT title, slug, is_stage FROM activities WHERE id = ?`, activityID).Scan(&title, &slug, &isStage); err != nil {
		return fmt.Errorf("load activity %d: %w", activityID, scanOne(err))
	}
	path := "/attivita/" + slug
	if isStage {
		path = "/tappe/" + slug
	}
	_, err := tx.PublishNews(ctx, NewsItem{Kind: domain.NewsOutcome, Ref: slug, Title: title, URLPath: path, PublishedAt: now})
	return err
}

// RegistrationCountsFor counts the registrations of several activities by
// status in one query (for a page of activities).
func (s *Store) RegistrationCountsFor(ctx context.Context, activityIDs []int64) (map[int64]RegistrationCounts, error) {
	out := make(map[int64]RegistrationCounts, len(activityIDs))
	if len(activityIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(activityIDs))
	for i, id := range activityIDs {
		args[i] = id
	}
	rows, err := s.query(ctx, `SELECT activity_id, status, COUNT(*), COALESCE(SUM(CASE WHEN attended THEN 1 ELSE 0 END), 0)
FROM registrations WHERE activity_id IN (`+placeholders(len(args))+`) GROUP BY activity_id, status`, args...)
	if err != nil {
		return nil, fmt.Errorf("count registrations of %d activities: %w", len(args), err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id        int64
			status    RegistrationStatus
			n, attend int
		)
		if err := rows.Scan(&id, &status, &n, &attend); err != nil {
			return nil, err
		}
		c := out[id]
		switch status {
		case RegPending:
			c.Pending = n
		case RegConfirmed:
			c.Confirmed = n
		case RegWaiting:
			c.Waiting = n
		case RegCancelled:
			c.Cancelled = n
		}
		c.Attended += attend
		out[id] = c
	}
	return out, rows.Err()
}
