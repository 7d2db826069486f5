package i18n

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		date                     time.Time
		itLong, itShort, itMonth string
		enLong, enShort, enMonth string
	}{
		{day(2021, time.January, 31), "31 gennaio 2021", "31 gen 2021", "gennaio 2021", "31 January 2021", "31 Jan 2021", "January 2021"},
		{day(2022, time.February, 17), "17 febbraio 2022", "17 feb 2022", "febbraio 2022", "17 February 2022", "17 Feb 2022", "February 2022"},
		{day(2021, time.March, 1), "1 marzo 2021", "1 mar 2021", "marzo 2021", "1 March 2021", "1 Mar 2021", "March 2021"},
		{day(2021, time.March, 12), "12 marzo 2021", "12 mar 2021", "marzo 2021", "12 March 2021", "12 Mar 2021", "March 2021"},
		{day(2023, time.April, 9), "9 aprile 2023", "9 apr 2023", "aprile 2023", "9 April 2023", "9 Apr 2023", "April 2023"},
		{day(2023, time.May, 5), "5 maggio 2023", "5 mag 2023", "maggio 2023", "5 May 2023", "5 May 2023", "May 2023"},
		{day(2024, time.June, 30), "30 giugno 2024", "30 giu 2024", "giugno 2024", "30 June 2024", "30 Jun 2024", "June 2024"},
		{day(2024, time.July, 2), "2 luglio 2024", "2 lug 2024", "luglio 2024", "2 July 2024", "2 Jul 2024", "July 2024"},
		{day(2025, time.August, 15), "15 agosto 2025", "15 ago 2025", "agosto 2025", "15 August 2025", "15 Aug 2025", "August 2025"},
		{day(2021, time.September, 21), "21 settembre 2021", "21 set 2021", "settembre 2021", "21 September 2021", "21 Sep 2021", "September 2021"},
		{day(2025, time.October, 10), "10 ottobre 2025", "10 ott 2025", "ottobre 2025", "10 October 2025", "10 Oct 2025", "October 2025"},
		{day(2025, time.November, 4), "4 novembre 2025", "4 nov 2025", "novembre 2025", "4 November 2025", "4 Nov 2025", "November 2025"},
		{day(2020, time.December, 11), "11 dicembre 2020", "11 dic 2020", "dicembre 2020", "11 December 2020", "11 Dec 2020", "December 2020"},
	}
	for _, tt := range tests {
		for _, c := range []struct{ got, want string }{
			{it.Date(tt.date), tt.itLong},
			{it.DateShort(tt.date), tt.itShort},
			{it.MonthYear(tt.date), tt.itMonth},
			{en.Date(tt.date), tt.enLong},
			{en.DateShort(tt.date), tt.enShort},
			{en.MonthYear(tt.date), tt.enMonth},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", tt.date.Format(time.DateOnly), c.got, c.want)
			}
		}
	}
}

func TestDateUsesTheTimeLocation(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	// 23:30 UTC on 31 December is already New Year's Day in Rome.
	instant := time.Date(2020, time.December, 31, 23, 30, 0, 0, time.UTC)
	it := mustBundle(t).Localizer("it")
	if got, want := it.Date(instant), "31 dicembre 2020"; got != want {
		t.Errorf("UTC: got %q, want %q", got, want)
	}
	if got, want := it.Date(instant.In(rome)), "1 gennaio 2021"; got != want {
		t.Errorf("Rome: got %q, want %q", got, want)
	}
}

func TestWeekday(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	// 7 to 13 December 2020 run from Monday to Sunday.
	want := []struct{ it, en string }{
		{"lunedì", "Monday"}, {"martedì", "Tuesday"}, {"mercoledì", "Wednesday"},
		{"giovedì", "Thursday"}, {"venerdì", "Friday"}, {"sabato", "Saturday"}, {"domenica", "Sunday"},
	}
	for i, w := range want {
		d := time.Date(2020, time.December, 7+i, 10, 0, 0, 0, time.UTC)
		if got := it.Weekday(d); got != w.it {
			t.Errorf("it %s: got %q, want %q", d.Format(time.DateOnly), got, w.it)
		}
		if got := en.Weekday(d); got != w.en {
			t.Errorf("en %s: got %q, want %q", d.Format(time.DateOnly), got, w.en)
		}
	}
}
