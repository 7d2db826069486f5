package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// The network counts what has happened, never what is planned: a published
// activity counts (in the type counters, in membership, in the new bodies of
// a stage, in /rete and in a body's figures) from the day after its date in
// Europe/Rome. "Today" therefore comes from a clock the tests can move.

// clock holds the store's time source; nil means time.Now.
type clock struct {
	now atomic.Pointer[func() time.Time]
}

// SetNow replaces the store's clock (time.Now when nil). Tests move the day
// with it; everything the store counts follows it.
func (s *Store) SetNow(now func() time.Time) {
	if now == nil {
		s.clock.now.Store(nil)
		return
	}
	s.clock.now.Store(&now)
}

// Now is the store's current time.
func (s *Store) Now() time.Time {
	if f := s.clock.now.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// today is the store's current calendar day in Europe/Rome, as yyyy-mm-dd.
func (s *Store) today() string { return RomeDate(s.Now()) }

// countedSQL is the one rule of what counts, as a condition on the
// activities table under the given alias: published, and its day is over in
// Europe/Rome. The day is written as a literal (it is a formatted date, never
// user input) so that the condition can be dropped into any query without
// shifting its positional arguments.
func (s *Store) countedSQL(alias string) string {
	return alias + ".status = 'published' AND " + alias + ".starts_on < '" + s.today() + "'"
}

// NextCountChange returns the next moment at which a counted figure changes
// by the passing of time alone: the Europe/Rome midnight that ends the day of
// the earliest published activity not yet counted. A cache of counted
// figures must expire then. ok is false when no published activity is
// waiting for its day to pass.
func (s *Store) NextCountChange(ctx context.Context) (at time.Time, ok bool, err error) {
	var day time.Time
	err = s.queryRow(ctx, `SELECT starts_on FROM activities
WHERE status = 'published' AND starts_on >= '`+s.today()+`' ORDER BY status, starts_on LIMIT 1`).Scan(&day)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next count change: %w", err)
	}
	y, m, dd := day.Date()
	d := time.Date(y, m, dd, 0, 0, 0, 0, rome())
	return d.AddDate(0, 0, 1), true, nil
}
