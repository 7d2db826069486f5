package store_test

import (
	"time"

	"benicommunity/internal/store"
)

// benchClock moves the store's day past the generated network's last
// activity (2027), so every activity counts, as it did before the rule.
func benchClock(s *store.Store) {
	s.SetNow(func() time.Time { return time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC) })
}
