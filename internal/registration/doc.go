// Package registration builds what the registration flow hands to people
// outside the site: the iCalendar file attached to the confirmation e-mail
// (written by internal/calendar, like the public feeds) and the PDF certificate of attendance. It knows nothing of HTTP or SQL.
package registration
