package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Rome must be known even on hosts without zoneinfo
)

// RegistrationStatus is where a registration stands.
type RegistrationStatus string

const (
	RegPending   RegistrationStatus = "pending" // waiting for the confirmation link
	RegConfirmed RegistrationStatus = "confirmed"
	RegWaiting   RegistrationStatus = "waiting"
	RegCancelled RegistrationStatus = "cancelled"
)

// RegistrationStatuses lists the statuses in display order.
var RegistrationStatuses = []RegistrationStatus{RegConfirmed, RegWaiting, RegPending, RegCancelled}

// Valid reports whether the status is known.
func (s RegistrationStatus) Valid() bool {
	for _, v := range RegistrationStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Errors of the registration flow, each shown to the person with its own message.
var (
	ErrRegistrationsClosed = errors.New("registrations are closed")
	ErrAlreadyRegistered   = errors.New("already registered")
	ErrLinkUnknown         = errors.New("link unknown")
	ErrLinkExpired         = errors.New("link expired")
	ErrLinkUsed            = errors.New("link already used")
	ErrNoSeat              = errors.New("no seat left")
)

// rome is the zone of the network's calendar dates.
func rome() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return time.UTC // unreachable: time/tzdata is embedded
	}
	return loc
}

// RomeDate is the calendar day of an instant in Europe/Rome, as yyyy-mm-dd.
func RomeDate(t time.Time) string { return t.In(rome()).Format(time.DateOnly) }

// RegistrationSettings are the registration rules of one activity.
type RegistrationSettings struct {
	Enabled    bool       // the coordinator opened registrations
	Capacity   *int       // seats; nil means no limit
	OpenFrom   *time.Time // registrations start; nil means as soon as enabled
	CloseAt    *time.Time // registrations end; nil means the day of the activity
	OnlineLink string     // sent to registered people only, never shown publicly
}

// RegistrationActivity is an activity with its registration rules.
type RegistrationActivity struct {
	ID            int64
	Slug          string
	Title         string
	TypeSlug      string
	TypeName      string
	IsStage       bool
	Status        string
	StartsOn      time.Time
	StartTime     string
	EndTime       string
	Format        string
	Venue         string
	OutcomeShared bool
	OutcomeReport string
	Settings      RegistrationSettings
}

// OpenAt reports whether a person may register at now: enabled, published,
// not yet started and inside the registration window.
func (a RegistrationActivity) OpenAt(now time.Time) bool {
	s := a.Settings
	if !s.Enabled || a.Status != "published" {
		return false
	}
	if RomeDate(now) > a.StartsOn.Format(time.DateOnly) {
		return false
	}
	if s.OpenFrom != nil && now.Before(*s.OpenFrom) {
		return false
	}
	if s.CloseAt != nil && !now.Before(*s.CloseAt) {
		return false
	}
	return true
}

// Start is when the activity begins in Europe/Rome (midnight when the time is unknown).
func (a RegistrationActivity) Start() time.Time {
	return civilInstant(a.StartsOn, a.StartTime)
}

// End is when it ends (start plus two hours when the end time is unknown).
func (a RegistrationActivity) End() time.Time {
	if a.EndTime == "" {
		if a.StartTime == "" {
			return a.Start().AddDate(0, 0, 1)
		}
		return a.Start().Add(2 * time.Hour)
	}
	end := civilInstant(a.StartsOn, a.EndTime)
	if !end.After(a.Start()) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}

// Hours is the length of the activity, 0 when its times are unknown.
func (a RegistrationActivity) Hours() float64 {
	if a.StartTime == "" || a.EndTime == "" {
		return 0
	}
	return a.End().Sub(a.Start()).Hours()
}

func civilInstant(day time.Time, clock string) time.Time {
	h, m := 0, 0
	if t, err := time.Parse("15:04", clock); err == nil {
		h, m = t.Hour(), t.Minute()
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, rome())
}

const regActivitySelect = `SELECT a.id, a.slug, a.title, t.slug, t.name, a.is_stage, a.status, a.starts_on,
COALESCE(a.start_time, ''), COALESCE(a.end_time, ''), a.format, a.venue, a.outcome_shared, a.outcome_report,
a.registrations_enabled, a.registrations_capacity, a.registrations_open_from, a.registrations_close_at, a.online_link
FROM activities a JOIN activity_types t ON t.id = a.type_id `

func scanRegActivity(sc interface{ Scan(...any) error }) (RegistrationActivity, error) {
	var (
		a         RegistrationActivity
		capacity  sql.NullInt64
		from, end sql.NullTime
	)
	err := sc.Scan(&a.ID, &a.Slug, &a.Title, &a.TypeSlug, &a.TypeName, &a.IsStage, &a.Status, &a.StartsOn,
		&a.StartTime, &a.EndTime, &a.Format, &a.Venue, &a.OutcomeShared, &a.OutcomeReport,
		&a.Settings.Enabled, &capacity, &from, &end, &a.Settings.OnlineLink)
	if err != nil {
		return a, err
	}
	a.StartsOn = civilDate(a.StartsOn)
	if capacity.Valid {
		n := int(capacity.Int64)
		a.Settings.Capacity = &n
	}
	if from.Valid {
		t := from.Time
		a.Settings.OpenFrom = &t
	}
	if end.Valid {
		t := end.Time
		a.Settings.CloseAt = &t
	}
	return a, nil
}

// RegistrationActivity loads an activity with its registration rules, by slug.
func (s *Store) RegistrationActivity(ctx context.Context, slug string) (RegistrationActivity, error) {
	a, err := scanRegActivity(s.queryRow(ctx, regActivitySelect+`WHERE a.slug = ?`, slug))
	if err != nil {
		return a, fmt.Errorf("load activity %q for registrations: %w", slug, scanOne(err))
	}
	return a, nil
}

func (c conn) regActivityByID(ctx context.Context, id int64) (RegistrationActivity, error) {
	a, err := scanRegActivity(c.queryRow(ctx, regActivitySelect+`WHERE a.id = ?`, id))
	if err != nil {
		return a, fmt.Errorf("load activity %d for registrations: %w", id, scanOne(err))
	}
	return a, nil
}

// lockActivity serialises the seat decisions of one activity. On PostgreSQL
// the row lock makes every other instance wait; on SQLite every transaction
// already holds the single write lock from its start (_txlock=immediate).
func (c conn) lockActivity(ctx context.Context, id int64) error {
	if c.d != Postgres {
		return nil
	}
	var got int64
	if err := c.queryRow(ctx, `SELECT id FROM activities WHERE id = ? FOR UPDATE`, id).Scan(&got); err != nil {
		return fmt.Errorf("lock activity %d: %w", id, scanOne(err))
	}
	return nil
}

// SetRegistrationSettings changes the registration rules of an activity and,
// when seats were added, moves the first people waiting onto them. It returns
// the promoted registrations so they can be told.
func (s *Store) SetRegistrationSettings(ctx context.Context, who Actor, activityID int64, rs RegistrationSettings) ([]Registration, error) {
	var promoted []Registration
	err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.lockActivity(ctx, activityID); err != nil {
			return err
		}
		before, err := tx.regActivityByID(ctx, activityID)
		if err != nil {
			return err
		}
		var capacity any
		if rs.Capacity != nil {
			capacity = *rs.Capacity
		}
		_, err = tx.exec(ctx, `UPDATE activities SET registrations_enabled = ?, registrations_capacity = ?, registrations_open_from = ?,
registrations_close_at = ?, online_link = ?, updated_at = ? WHERE id = ?`,
			rs.Enabled, capacity, utcOrNil(rs.OpenFrom), utcOrNil(rs.CloseAt), strings.TrimSpace(rs.OnlineLink), time.Now().UTC(), activityID)
		if err != nil {
			return fmt.Errorf("set registration settings of activity %d: %w", activityID, err)
		}
		if promoted, err = tx.fillSeats(ctx, activityID, rs.Capacity); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "update_registrations", "activity", activityID, before.Title, before.Settings, rs)
	})
	return promoted, err
}

func utcOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// fillSeats promotes people waiting, in order, while seats are free. The
// caller holds the activity lock.
func (c conn) fillSeats(ctx context.Context, activityID int64, capacity *int) ([]Registration, error) {
	var promoted []Registration
	for {
		free, err := c.freeSeats(ctx, activityID, capacity)
		if err != nil {
			return nil, err
		}
		if free <= 0 {
			return promoted, nil
		}
		var id int64
		err = c.queryRow(ctx, `SELECT id FROM registrations WHERE activity_id = ? AND status = 'waiting' ORDER BY queued_at, id LIMIT 1`, activityID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return promoted, nil
		}
		if err != nil {
			return nil, fmt.Errorf("first waiting of activity %d: %w", activityID, err)
		}
		if _, err := c.exec(ctx, `UPDATE registrations SET status = 'confirmed', updated_at = ? WHERE id = ?`, time.Now().UTC(), id); err != nil {
			return nil, fmt.Errorf("promote registration %d: %w", id, err)
		}
		r, err := c.registrationByID(ctx, id)
		if err != nil {
			return nil, err
		}
		promoted = append(promoted, r)
	}
}

// freeSeats is how many more people can be confirmed; a large number when
// there is no limit.
func (c conn) freeSeats(ctx context.Context, activityID int64, capacity *int) (int, error) {
	if capacity == nil {
		return 1 << 30, nil
	}
	var n int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM registrations WHERE activity_id = ? AND status = 'confirmed'`, activityID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count confirmed of activity %d: %w", activityID, err)
	}
	return *capacity - n, nil
}

// RegistrationActivityByID loads an activity with its registration rules, by id.
func (s *Store) RegistrationActivityByID(ctx context.Context, id int64) (RegistrationActivity, error) {
	return s.regActivityByID(ctx, id)
}
