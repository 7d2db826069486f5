package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// NextPageChange returns the next moment at which a public page changes by
// the passing of time alone, with no write: an activity's day passing (it
// starts to count, it stops being upcoming, its registrations close) or a
// registration window opening or closing. A cache of pages must expire then.
// ok is false when nothing is waiting for a moment to come.
func (s *Store) NextPageChange(ctx context.Context) (at time.Time, ok bool, err error) {
	at, ok, err = s.NextCountChange(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	now := s.Now().UTC()
	// One query per column: SQLite keeps a column's declared type (and so
	// the driver's time conversion) only when it is selected directly.
	for _, column := range []string{"registrations_open_from", "registrations_close_at"} {
		var next time.Time
		err := s.queryRow(ctx, `SELECT `+column+` FROM activities
WHERE status = 'published' AND registrations_enabled AND `+column+` > ? ORDER BY `+column+` LIMIT 1`, now).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, false, fmt.Errorf("next registration window change (%s): %w", column, err)
		}
		if !ok || next.Before(at) {
			at, ok = next, true
		}
	}
	return at, ok, nil
}
