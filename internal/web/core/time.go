package core

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Rome must resolve even on hosts without a zoneinfo database

	"benicommunity/internal/calendar"
	"benicommunity/internal/domain"
)

// romeZone is the zone every activity date and time is in; the calendar
// package names it in every iCalendar file.
const RomeZone = calendar.Zone

// romeLocation returns the Europe/Rome zone for code that has no Server at
// hand; time/tzdata is embedded, so loading cannot fail on any host.
func RomeLocation() *time.Location {
	loc, err := LoadRome()
	if err != nil {
		panic(err)
	}
	return loc
}

func LoadRome() (*time.Location, error) {
	loc, err := time.LoadLocation(RomeZone)
	if err != nil {
		return nil, fmt.Errorf("load time zone %s: %w", RomeZone, err)
	}
	return loc, nil
}

// span is when an activity happens: a whole day, or local start and end times.
type Span struct {
	AllDay bool
	Day    time.Time // the calendar day (midnight UTC, as the store returns it)
	Start  time.Time // in Europe/Rome; zero when AllDay
	End    time.Time // in Europe/Rome; zero when unknown
}

// activitySpan reads an activity's day and optional "HH:MM" times. An end
// earlier than the start means the activity runs past midnight.
func ActivitySpan(a domain.Activity, rome *time.Location) Span {
	sp := Span{Day: a.StartsOn, AllDay: true}
	start, ok := Clock(a.StartTime)
	if !ok {
		return sp
	}
	y, m, d := a.StartsOn.Date()
	sp.AllDay = false
	sp.Start = time.Date(y, m, d, start[0], start[1], 0, 0, rome)
	if end, ok := Clock(a.EndTime); ok {
		sp.End = time.Date(y, m, d, end[0], end[1], 0, 0, rome)
		if !sp.End.After(sp.Start) {
			sp.End = sp.End.AddDate(0, 0, 1)
		}
	}
	return sp
}

func Clock(hhmm string) ([2]int, bool) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return [2]int{}, false
	}
	return [2]int{t.Hour(), t.Minute()}, true
}
