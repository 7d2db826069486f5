package opendata_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
	ics "github.com/arran4/golang-ical"
)

// getCalendar fetches an .ics address and parses it back with the iCalendar library.
func getCalendar(t *testing.T, s *Site, path string) (*ics.Calendar, string) {
	t.Helper()
	code, ctype, body := s.Fetch(t, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s = %d: %.300s", path, code, body)
	}
	if ctype != "text/calendar; charset=utf-8" {
		t.Errorf("GET %s Content-Type = %q", path, ctype)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse %s: %v\n%s", path, err, body)
	}
	return cal, body
}

func prop(c *ics.ComponentBase, p ics.ComponentProperty) string {
	if v := c.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

// eventsByURL indexes the events of a calendar by the path of their URL.
func eventsByURL(t *testing.T, cal *ics.Calendar) map[string]*ics.VEvent {
	t.Helper()
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		u := prop(&e.ComponentBase, ics.ComponentPropertyUrl)
		i := strings.Index(u, "/tappe/")
		if i < 0 {
			i = strings.Index(u, "/attivita/")
		}
		if i < 0 {
			t.Fatalf("event %s has URL %q", e.Id(), u)
		}
		out[u[i:]] = e
	}
	return out
}

func TestStagesCalendar(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		cal, body := getCalendar(t, s, "/tappe.ics")
		events := eventsByURL(t, cal)
		want := []string{"/tappe/barge-2022", "/tappe/chieri-2020", "/tappe/collegno-2021", "/tappe/genova-2021", "/tappe/giovani-2023",
			"/tappe/sant-antonino-di-susa-2021", "/tappe/tappa-annullata-2023"}
		if got := SortedKeys(events); !slices.Equal(got, want) {
			t.Fatalf("stages in /tappe.ics = %v\nwant %v", got, want)
		}
		if strings.Contains(body, "Bozza") {
			t.Error("a draft reached the calendar")
		}

		chieri := events["/tappe/chieri-2020"]
		if v := chieri.GetProperty(ics.ComponentPropertyDtStart); v.Value != "20201211" || v.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("Chieri DTSTART = %+v, want an all-day date", v)
		}
		if v := prop(&chieri.ComponentBase, ics.ComponentPropertyDtEnd); v != "20201212" {
			t.Errorf("Chieri DTEND = %q, want the next day (exclusive end)", v)
		}
		for p, want := range map[ics.ComponentProperty]string{
			ics.ComponentPropertyLocation:   "Online",
			ics.ComponentPropertySummary:    "Primo tavolo intercomunale, ospitato da Chieri",
			ics.ComponentPropertyCategories: "Co-progettazione",
			ics.ComponentPropertyStatus:     "CONFIRMED",
			ics.ComponentPropertyUrl:        s.URL + "/tappe/chieri-2020",
		} {
			if got := prop(&chieri.ComponentBase, p); got != want {
				t.Errorf("Chieri %s = %q, want %q", p, got, want)
			}
		}
		if desc := prop(&chieri.ComponentBase, ics.ComponentPropertyDescription); !strings.Contains(desc, "Online: Incontro su piattaforma di videoconferenza.") ||
			!strings.Contains(desc, "Ospita: Comune di Chieri.") {
			t.Errorf("Chieri DESCRIPTION lacks the online note or the host: %q", desc)
		}
		for _, p := range []ics.ComponentProperty{ics.ComponentPropertyLastModified, ics.ComponentPropertyDtstamp} {
			if _, err := time.Parse("20060102T150405Z", prop(&chieri.ComponentBase, p)); err != nil {
				t.Errorf("Chieri %s: %v", p, err)
			}
		}
		if got := prop(&events["/tappe/tappa-annullata-2023"].ComponentBase, ics.ComponentPropertyStatus); got != "CANCELLED" {
			t.Errorf("cancelled stage STATUS = %q", got)
		}
		if got := prop(&events["/tappe/tappa-annullata-2023"].ComponentBase, ics.ComponentPropertyLocation); got != "Castello di Susa" {
			t.Errorf("in-person stage LOCATION = %q", got)
		}

		// UIDs are stable across requests and feeds, and unique.
		again, _ := getCalendar(t, s, "/tappe.ics")
		all, _ := getCalendar(t, s, "/attivita.ics")
		single, _ := getCalendar(t, s, "/tappe/barge-2022.ics")
		uid := events["/tappe/barge-2022"].Id()
		if !regexp.MustCompile(`^activity-\d+@127\.0\.0\.1$`).MatchString(uid) {
			t.Errorf("UID = %q, want activity-<id>@<host>", uid)
		}
		if eventsByURL(t, again)["/tappe/barge-2022"].Id() != uid || eventsByURL(t, all)["/tappe/barge-2022"].Id() != uid ||
			single.Events()[0].Id() != uid {
			t.Error("Barge's UID differs between feeds or requests")
		}
		seen := map[string]bool{}
		for _, e := range all.Events() {
			if seen[e.Id()] {
				t.Errorf("UID %s appears twice", e.Id())
			}
			seen[e.Id()] = true
		}
	})
}

func TestCalendarFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		for _, c := range []struct {
			path string
			want []string
		}{
			{"/tappe.ics?comunita=giovani", []string{"/tappe/giovani-2023"}},
			{"/comunita/giovani.ics", []string{"/tappe/giovani-2023"}},
			{"/attivita.ics?tipo=eventi-pubblici", []string{"/attivita/incontro-torino-2023"}},
			{"/attivita.ics?tipo=networking&comunita=giovani", []string{"/tappe/giovani-2023"}},
			{"/attivita.ics?tipo=formazione", []string{"/attivita/serata-ibrida-2023", "/tappe/genova-2021"}},
		} {
			cal, _ := getCalendar(t, s, c.path)
			if got := SortedKeys(eventsByURL(t, cal)); !slices.Equal(got, c.want) {
				t.Errorf("%s = %v, want %v", c.path, got, c.want)
			}
		}
		cal, _ := getCalendar(t, s, "/comunita/amministratori.ics")
		if got := SortedKeys(eventsByURL(t, cal)); len(got) != 6 || slices.Contains(got, "/tappe/giovani-2023") {
			t.Errorf("/comunita/amministratori.ics = %v", got)
		}
		for path, want := range map[string]int{
			"/tappe.ics?comunita=nessuna":        http.StatusBadRequest,
			"/attivita.ics?tipo=nessuno":         http.StatusBadRequest,
			"/comunita/nessuna.ics":              http.StatusNotFound,
			"/comunita/giovani":                  http.StatusNotFound,
			"/tappe/bozza-2024.ics":              http.StatusNotFound,
			"/tappe/non-esiste.ics":              http.StatusNotFound,
			"/attivita/barge-2022.ics":           http.StatusMovedPermanently,
			"/tappe/incontro-torino-2023.ics":    http.StatusMovedPermanently,
			"/attivita/incontro-torino-2023.ics": http.StatusOK,
		} {
			code, _, body := s.Fetch(t, path)
			if code != want {
				t.Errorf("GET %s = %d, want %d", path, code, want)
			}
			if code == http.StatusBadRequest && !strings.Contains(body, "non esiste") {
				t.Errorf("GET %s does not say what to fix: %.200s", path, body)
			}
		}
	})
}

func TestCalendarTimesVenuesAndEscaping(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		cal, body := getCalendar(t, s, "/attivita/incontro-torino-2023.ics")
		e := cal.Events()[0]
		start := e.GetProperty(ics.ComponentPropertyDtStart)
		if start.Value != "20230326T173000" || start.ICalParameters["TZID"][0] != "Europe/Rome" {
			t.Errorf("DTSTART = %+v, want local time with TZID", start)
		}
		// 26 March 2023 is the day summer time starts: 17:30 in Rome is 15:30 UTC.
		at, err := e.GetStartAt()
		if err != nil || !at.Equal(time.Date(2023, 3, 26, 15, 30, 0, 0, time.UTC)) {
			t.Errorf("start = %v (%v), want 15:30 UTC", at, err)
		}
		end, err := e.GetEndAt()
		if err != nil || !end.Equal(time.Date(2023, 3, 26, 17, 0, 0, 0, time.UTC)) {
			t.Errorf("end = %v (%v), want 17:00 UTC", end, err)
		}
		if got := prop(&e.ComponentBase, ics.ComponentPropertyLocation); got != "Sala Rossa, Palazzo Civico; piazza Palazzo di Città 1, Torino" {
			t.Errorf("LOCATION = %q", got)
		}
		if !strings.Contains(body, `LOCATION:Sala Rossa\, Palazzo Civico\; piazza Palazzo di Città 1\, Torino`) {
			t.Error("LOCATION is not escaped as RFC 5545 TEXT")
		}
		if desc := prop(&e.ComponentBase, ics.ComponentPropertyDescription); strings.Contains(desc, "Online") {
			t.Errorf("an in-person activity mentions online: %q", desc)
		}
		checkFolding(t, body)

		cal, body = getCalendar(t, s, "/attivita/serata-ibrida-2023.ics")
		e = cal.Events()[0]
		if got := prop(&e.ComponentBase, ics.ComponentPropertySummary); got != `Beni comuni </script><script>alert("x")</script> & co; a, b` {
			t.Errorf("SUMMARY = %q", got)
		}
		// Past midnight: 21:00 to 00:30 the next day, still summer time (it ends at 03:00 on the 29th).
		end, err = e.GetEndAt()
		if err != nil || !end.Equal(time.Date(2023, 10, 28, 22, 30, 0, 0, time.UTC)) {
			t.Errorf("end = %v (%v), want 22:30 UTC on the 28th", end, err)
		}
		if got := prop(&e.ComponentBase, ics.ComponentPropertyLocation); got != "Biblioteca civica di Chieri e online" {
			t.Errorf("hybrid LOCATION = %q", got)
		}
		if desc := prop(&e.ComponentBase, ics.ComponentPropertyDescription); !strings.Contains(desc, "Online: Diretta sul canale della rete.") {
			t.Errorf("hybrid DESCRIPTION lacks the online note: %q", desc)
		}
		checkFolding(t, body)
		if !strings.Contains(unfold(body), `SUMMARY:Beni comuni </script><script>alert("x")</script> & co\; a\, b`+"\r\n") {
			t.Errorf("SUMMARY is not escaped as RFC 5545 TEXT:\n%s", body)
		}
	})
}

// checkFolding checks RFC 5545 §3.1: CRLF line ends and no line longer than
// 75 octets, and that a long value really was folded.
func checkFolding(t *testing.T, body string) {
	t.Helper()
	if !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Error("the calendar does not end with END:VCALENDAR and CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			t.Errorf("bare LF in %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded, though descriptions are long")
	}
}

func unfold(body string) string { return strings.ReplaceAll(body, "\r\n ", "") }

// TestCalendarTimeZoneRules checks the VTIMEZONE against Go's time-zone
// database: applying its DAYLIGHT and STANDARD rules must give the real
// transitions of Europe/Rome in every year from 1996 to 2037.
func TestCalendarTimeZoneRules(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, nil)
	cal, _ := getCalendar(t, s, "/tappe.ics")
	tzs := cal.Timezones()
	if len(tzs) != 1 || prop(&tzs[0].ComponentBase, ics.ComponentPropertyTzid) != "Europe/Rome" {
		t.Fatalf("VTIMEZONE = %v, want one for Europe/Rome", tzs)
	}
	type rule struct{ from, to, start, rrule string }
	var rules []rule
	for _, c := range tzs[0].SubComponents() {
		var cb *ics.ComponentBase
		switch v := c.(type) {
		case *ics.Daylight:
			cb = &v.ComponentBase
		case *ics.Standard:
			cb = &v.ComponentBase
		default:
			t.Fatalf("unexpected component %T in VTIMEZONE", c)
		}
		rules = append(rules, rule{prop(cb, ics.ComponentProperty(ics.PropertyTzoffsetfrom)), prop(cb, ics.ComponentProperty(ics.PropertyTzoffsetto)),
			prop(cb, ics.ComponentPropertyDtStart), prop(cb, ics.ComponentPropertyRrule)})
	}
	if len(rules) != 2 {
		t.Fatalf("VTIMEZONE has %d rules, want DAYLIGHT and STANDARD", len(rules))
	}
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		from, to := offset(t, r.from), offset(t, r.to)
		m := regexp.MustCompile(`^FREQ=YEARLY;BYMONTH=(\d+);BYDAY=-1SU$`).FindStringSubmatch(r.rrule)
		if m == nil {
			t.Fatalf("RRULE %q is not a last-Sunday rule", r.rrule)
		}
		month, _ := strconv.Atoi(m[1])
		clock, err := time.Parse("20060102T150405", r.start)
		if err != nil {
			t.Fatal(err)
		}
		for year := 1996; year <= 2037; year++ {
			day := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC) // last day of the month
			for day.Weekday() != time.Sunday {
				day = day.AddDate(0, 0, -1)
			}
			// The rule's local time is read in the offset in force before it.
			instant := time.Date(year, time.Month(month), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.FixedZone("", from))
			_, before := instant.Add(-time.Minute).In(rome).Zone()
			_, after := instant.In(rome).Zone()
			if before != from || after != to {
				t.Errorf("%d: rule %s→%s at %v, Go says %d→%d", year, r.from, r.to, instant.UTC(), before, after)
			}
		}
	}
}

func offset(t *testing.T, s string) int {
	t.Helper()
	var sign, hh, mm int
	switch {
	case len(s) == 5 && s[0] == '+':
		sign = 1
	case len(s) == 5 && s[0] == '-':
		sign = -1
	default:
		t.Fatalf("bad UTC offset %q", s)
	}
	fmt.Sscanf(s[1:], "%02d%02d", &hh, &mm)
	return sign * (hh*3600 + mm*60)
}
