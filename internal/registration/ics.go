package registration

import (
	"time"

	"benicommunity/internal/calendar"
)

// Event is what the confirmation e-mail's calendar entry says about an
// activity; the fields the feeds also use (Stamp, Category, …) stay empty.
type Event = calendar.Event

// ICS returns the one-event calendar attached to registration e-mails,
// stamped now: the same writer as the public feeds (Europe/Rome VTIMEZONE,
// CRLF lines), so an entry looks alike wherever it comes from.
func ICS(e Event, now time.Time) []byte {
	e.Stamp = now
	c := calendar.New(calendar.Header{})
	c.Add(e)
	return c.Bytes()
}
