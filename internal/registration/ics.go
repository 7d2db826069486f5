package registration

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Event is what a calendar entry says about an activity.
type Event struct {
	UID         string // stable across e-mails, so calendars update the entry
	Title       string
	Start, End  time.Time
	AllDay      bool // the activity has no start time
	Location    string
	Description string
	URL         string
}

// tzid is the zone of every event of the network.
const tzid = "Europe/Rome"

// localFormat is an RFC 5545 DATE-TIME in the zone named by TZID.
const localFormat = "20060102T150405"

// ICS returns an RFC 5545 calendar with one event in Europe/Rome, with the
// zone's VTIMEZONE so calendar programs without a zone database agree.
func ICS(e Event, now time.Time) []byte {
	cal := ics.NewCalendarFor("benicommunity")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	addRomeTimezone(cal)
	ev := cal.AddEvent(e.UID)
	ev.SetDtStampTime(now)
	ev.SetSummary(e.Title)
	loc, err := time.LoadLocation(tzid)
	if err != nil {
		loc = time.UTC
	}
	if e.AllDay {
		ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format("20060102"), ics.WithValue(string(ics.ValueDataTypeDate)))
		ev.SetProperty(ics.ComponentPropertyDtEnd, e.Start.In(loc).AddDate(0, 0, 1).Format("20060102"), ics.WithValue(string(ics.ValueDataTypeDate)))
	} else {
		ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localFormat), ics.WithTZID(tzid))
		ev.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(loc).Format(localFormat), ics.WithTZID(tzid))
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
	// Calendar programs expect CRLF line ends (RFC 5545 §3.1).
	out := cal.Serialize(ics.WithNewLine("\r\n"))
	if !strings.Contains(out, "\r\n") {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return []byte(out)
}

// addRomeTimezone writes the current rules of Europe/Rome: CET in winter,
// CEST from the last Sunday of March to the last Sunday of October.
func addRomeTimezone(cal *ics.Calendar) {
	tz := cal.AddTimezone(tzid)
	std := tz.AddStandard()
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	std.AddProperty(ics.ComponentPropertyDtStart, "19701025T030000")
	std.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	day := &ics.Daylight{}
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	day.AddProperty(ics.ComponentPropertyDtStart, "19700329T020000")
	day.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, day)
}
