package calendar_test

import (
	"strings"
	"testing"
	"time"

	"benicommunity/internal/calendar"
)

// Calendar programs key on UIDs: their form must stay as published.
func TestUID(t *testing.T) {
	if got := calendar.UID("activity", 42, "example.it"); got != "activity-42@example.it" {
		t.Errorf("UID = %q", got)
	}
}

func TestAllDayAndTimed(t *testing.T) {
	c := calendar.New(calendar.Header{Name: "Rete"})
	c.Add(calendar.Event{UID: "a@x", Title: "Giorno", AllDay: true, Start: time.Date(2027, 3, 28, 0, 0, 0, 0, time.UTC)})
	rome, _ := time.LoadLocation(calendar.Zone)
	c.Add(calendar.Event{UID: "b@x", Title: "Sera", Start: time.Date(2027, 3, 28, 21, 0, 0, 0, rome)})
	text := string(c.Bytes())
	for _, want := range []string{"DTSTART;VALUE=DATE:20270328\r\n", "DTEND;VALUE=DATE:20270329\r\n",
		"DTSTART;TZID=Europe/Rome:20270328T210000\r\n", "X-WR-CALNAME:Rete\r\n", "BEGIN:VTIMEZONE\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "DTEND") != 1 {
		t.Errorf("a timed event without end has a DTEND:\n%s", text)
	}
}
