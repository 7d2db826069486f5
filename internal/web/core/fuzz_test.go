package core

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"benicommunity/internal/i18n"
)

// textAllowed is CheckText written the other way round, rune by rune.
func textAllowed(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' {
			if !multiline {
				return false
			}
			continue
		}
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// FuzzCheckText: CheckText accepts exactly the valid UTF-8 without
// controls; what it refuses never reaches a handler through FindBadInput;
// and printable always makes a refused name safe to show.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", "Comune di Genova", "a\x00b", "\xff", "riga\nriga", "tab\tqui", "\x7f", "è", "\xc0\xaf", "\xed\xa0\x80", "🙂"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		got := CheckText(s, multiline)
		if (got == TextOK) != textAllowed(s, multiline) {
			t.Fatalf("CheckText(%q, %v) = %q, but the rune check says %v", s, multiline, got, textAllowed(s, multiline))
		}
		if got == TextNotUTF8 && utf8.ValidString(s) {
			t.Fatalf("CheckText(%q) says invalid UTF-8 for valid text", s)
		}
		if p := printable(s); CheckText(p, false) != TextOK {
			t.Fatalf("printable(%q) = %q is not safe to show", s, p)
		}
		// The same text as a query value, a query name and a form field.
		r := httptest.NewRequest("GET", "/cerca", nil)
		r.URL.RawQuery = url.Values{"q": {s}}.Encode()
		_, bad := FindBadInput(r, nil)
		if bad != !textAllowed(s, true) {
			t.Fatalf("query value %q: refused = %v", s, bad)
		}
		r.URL.RawQuery = url.Values{s: {"x"}}.Encode()
		if _, bad := FindBadInput(r, nil); bad != !textAllowed(s, false) {
			t.Fatalf("query name %q: refused = %v", s, bad)
		}
		r.URL.RawQuery = ""
		if _, bad := FindBadInput(r, url.Values{"name": {s}}); bad != !textAllowed(s, true) {
			t.Fatalf("form field %q: refused = %v", s, bad)
		}
	})
}

// FuzzValidEmail: an accepted address has one local part and a dotted
// domain, fits in 254 bytes, and has nothing that could break a header.
func FuzzValidEmail(f *testing.F) {
	for _, s := range []string{"anna@example.it", "a@b.c", "@example.it", "anna@", "anna@.it", "anna@it.", "a b@c.it", "a\r\nBcc: x@y.it@c.it", "a\x00@b.it", "\xff@b.it", "\"a\"@b.it", strings.Repeat("a", 250) + "@b.it"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, e string) {
		if !ValidEmail(e) {
			return
		}
		local, domain, ok := strings.Cut(e, "@")
		if !ok || local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
			t.Fatalf("ValidEmail(%q) accepts a malformed address", e)
		}
		if len(e) > 254 || !textAllowed(e, false) || strings.ContainsAny(e, " <>,;\"") {
			t.Fatalf("ValidEmail(%q) accepts what could break a message header", e)
		}
	})
}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// FuzzFormDateClock: Date gives back a day between 1900 and 2200 written
// exactly as typed (trimmed) or records an error; Clock gives a canonical
// HH:MM for the same time of day or records an error; nothing else.
func FuzzFormDateClock(f *testing.F) {
	for _, s := range []string{"", "2024-02-29", "2023-02-29", "1899-12-31", "2200-12-31", "2201-01-01", " 2024-05-01 ", "24-05-01", "2024-5-1", "9:05", "09:05", "23:59", "24:00", "12:60", "-1:00", "12:5", "1e3"} {
		f.Add(s)
	}
	bundle, err := i18n.NewBundle()
	if err != nil {
		f.Fatal(err)
	}
	l := bundle.Match("it", "")
	f.Fuzz(func(t *testing.T, v string) {
		form := NewForm(l, url.Values{"d": {v}, "c": {v}})
		d := form.Date("d", true)
		if d == nil {
			if form.Err("d") == "" {
				t.Fatalf("Date(%q) gave nothing and no error", v)
			}
		} else {
			if form.Err("d") != "" || d.Year() < 1900 || d.Year() > 2200 || d.Format(time.DateOnly) != strings.TrimSpace(v) {
				t.Fatalf("Date(%q) = %v (error %q)", v, d, form.Err("d"))
			}
		}
		c := form.Clock("c")
		switch {
		case c == "" && strings.TrimSpace(v) != "" && form.Err("c") == "":
			t.Fatalf("Clock(%q) gave nothing and no error", v)
		case c != "":
			if form.Err("c") != "" || !clockPattern.MatchString(c) {
				t.Fatalf("Clock(%q) = %q (error %q)", v, c, form.Err("c"))
			}
			typed, err := time.Parse("15:04", strings.TrimSpace(v))
			if err != nil || typed.Format("15:04") != c {
				t.Fatalf("Clock(%q) = %q is not the time typed", v, c)
			}
		}
	})
}
