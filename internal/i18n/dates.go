package i18n

import (
	"strconv"
	"time"
)

// Date returns the long date: "11 dicembre 2020", "11 December 2020".
// All date methods use t's own location: the caller picks the time zone.
func (l *Localizer) Date(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + l.locale.months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateShort returns the date with an abbreviated month: "11 dic 2020".
func (l *Localizer) DateShort(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + l.locale.shortMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// MonthYear returns the month and year: "dicembre 2020".
func (l *Localizer) MonthYear(t time.Time) string {
	return l.locale.months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Weekday returns the name of the day: "venerdì", "Friday".
func (l *Localizer) Weekday(t time.Time) string {
	return l.locale.weekdays[t.Weekday()]
}
