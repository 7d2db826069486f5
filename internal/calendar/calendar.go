// Package calendar writes iCalendar (RFC 5545) files in Europe/Rome: the
// public feeds and the entry attached to registration e-mails use it, so both
// describe time zones, times and UIDs the same way. It knows nothing of HTTP
// or SQL; callers hand it plain values.
package calendar

import (
	"bytes"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Rome must resolve even on hosts without a zoneinfo database

	ics "github.com/arran4/golang-ical"
)

// Zone is the zone every activity date and time of the network is in.
const Zone = "Europe/Rome"

// localFormat is an RFC 5545 DATE-TIME in the zone named by TZID.
const localFormat = "20060102T150405"

// dateFormat is an RFC 5545 DATE, for all-day events.
const dateFormat = "20060102"

// Header describes a whole calendar; empty fields are left out.
type Header struct {
	ProductID string // PRODID; the library's default when empty
	Name      string // NAME and X-WR-CALNAME, shown by calendar programs as the title
	URL       string // the site the calendar comes from
}

// Event is one calendar entry; empty fields are left out.
type Event struct {
	UID         string // stable over time, so calendar programs update the entry instead of duplicating it
	Title       string
	Start, End  time.Time // End zero when unknown (timed events only)
	AllDay      bool      // only Start's day in Europe/Rome counts
	Location    string
	Description string
	URL         string
	Stamp       time.Time // DTSTAMP: when this version of the entry was made
	Created     time.Time
	Modified    time.Time
	Category    string
	Cancelled   bool // STATUS:CANCELLED; otherwise STATUS is CONFIRMED when Confirmed is set
	Confirmed   bool
}

// Calendar is an iCalendar file being built.
type Calendar struct {
	cal  *ics.Calendar
	rome *time.Location
}

// New starts a PUBLISH calendar carrying the Europe/Rome VTIMEZONE, so
// calendar programs without a zone database of their own place local times right.
func New(h Header) *Calendar {
	rome, err := time.LoadLocation(Zone)
	if err != nil {
		// time/tzdata is embedded: this cannot happen on any host.
		panic(err)
	}
	cal := ics.NewCalendarFor("benicommunity")
	if h.ProductID != "" {
		cal.SetProductId(h.ProductID)
	}
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	if h.Name != "" {
		cal.SetName(h.Name)
		cal.SetXWRCalName(h.Name)
		cal.SetXWRTimezone(Zone)
	}
	if h.URL != "" {
		cal.SetUrl(h.URL)
	}
	cal.AddVTimezone(romeTimezone())
	return &Calendar{cal: cal, rome: rome}
}

// Add appends one event: all-day as DTSTART;VALUE=DATE with DTEND the next
// day (RFC 5545 wants the end exclusive), timed in local Rome time with TZID.
func (c *Calendar) Add(e Event) {
	ev := c.cal.AddEvent(e.UID)
	ev.SetDtStampTime(e.Stamp)
	if !e.Created.IsZero() {
		ev.SetCreatedTime(e.Created)
	}
	if !e.Modified.IsZero() {
		ev.SetModifiedAt(e.Modified)
	}
	ev.SetSummary(e.Title)
	if e.AllDay {
		day := e.Start.In(c.rome)
		ev.SetProperty(ics.ComponentPropertyDtStart, day.Format(dateFormat), ics.WithValue(string(ics.ValueDataTypeDate)))
		ev.SetProperty(ics.ComponentPropertyDtEnd, day.AddDate(0, 0, 1).Format(dateFormat), ics.WithValue(string(ics.ValueDataTypeDate)))
	} else {
		ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(c.rome).Format(localFormat), ics.WithTZID(Zone))
		if !e.End.IsZero() {
			ev.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(c.rome).Format(localFormat), ics.WithTZID(Zone))
		}
	}
	if e.Location != "" {
		ev.SetLocation(e.Location)
	}
	if e.Description != "" {
		ev.SetDescription(e.Description)
	}
	if e.URL != "" {
		ev.SetURL(e.URL)
	}
	if e.Category != "" {
		ev.AddCategory(e.Category)
	}
	switch {
	case e.Cancelled:
		ev.SetStatus(ics.ObjectStatusCancelled)
	case e.Confirmed:
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// Bytes serialises the calendar with CRLF line ends, as RFC 5545 §3.1 wants
// (the library defaults to LF). Writing to memory cannot fail.
func (c *Calendar) Bytes() []byte {
	var buf bytes.Buffer
	_ = c.cal.SerializeTo(&buf, ics.WithNewLine("\r\n"))
	return buf.Bytes()
}

// UID is the identity of an entry: "<kind>-<row id>@<host>". The row id never
// changes when a title or slug is edited, so calendar programs keep updating
// the same entry; the host keeps UIDs of different sites apart.
func UID(kind string, id int64, host string) string {
	return kind + "-" + strconv.FormatInt(id, 10) + "@" + host
}

// romeTimezone describes Europe/Rome by its rules since 1996 (EU summer
// time: from the last Sunday of March at 01:00 UTC to the last Sunday of
// October at 01:00 UTC).
func romeTimezone() *ics.VTimezone {
	tz := ics.NewTimezone(Zone)
	tz.AddProperty(ics.ComponentProperty("X-LIC-LOCATION"), Zone)
	winter := tz.AddStandard()
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	winter.AddProperty(ics.ComponentPropertyDtStart, "19701025T030000")
	winter.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	summer := &ics.Daylight{}
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	summer.AddProperty(ics.ComponentPropertyDtStart, "19700329T020000")
	summer.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, summer)
	return tz
}
