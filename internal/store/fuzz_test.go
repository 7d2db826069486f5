package store_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"benicommunity/internal/store"
)

// FuzzParseLocation checks the --db parser on any text: it never panics,
// what it accepts reads back the same from its own String() (SQLite), and
// no password of the input shows in String() or in an error.
func FuzzParseLocation(f *testing.F) {
	for _, s := range []string{
		"sqlite:data/benicommunity.db", "sqlite://tmp/x.db", "data/x.db", "sqlite:", "sqlite:a?b",
		"postgres://u:segreto@db.example.internal:5432/rete?sslmode=require",
		"postgresql://u@/rete?host=/run/postgresql", "postgres://u:p@[::1", "postgres://:p@/", "mysql://x", "",
		"postgres://u:p%zz@h/db", "postgres://u@h/db?password=segreto&sslpassword=chiave",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := store.ParseLocation(s)
		// The secrets of the input: the password of the user part and the
		// password parameters libpq reads from the query.
		var secrets []string
		if u, perr := url.Parse(strings.TrimSpace(s)); perr == nil {
			if u.User != nil {
				if p, ok := u.User.Password(); ok {
					secrets = append(secrets, p)
				}
			}
			q := u.Query()
			secrets = append(secrets, q.Get("password"), q.Get("sslpassword"))
		}
		// A secret leaks when the text shows it more often than the input
		// does outside the secret itself (a host or a fragment may repeat
		// the same letters).
		leaks := func(text string) bool {
			for _, p := range secrets {
				if len(p) >= 4 && !strings.Contains("xxxxx", p) &&
					strings.Count(text, p) > strings.Count(s, p)-1 {
					return true
				}
			}
			return false
		}
		if err != nil {
			if leaks(err.Error()) {
				t.Fatalf("ParseLocation(%q) error shows the password: %v", s, err)
			}
			return
		}
		switch loc.Dialect {
		case store.SQLite:
			if loc.Path == "" || loc.URL != "" {
				t.Fatalf("ParseLocation(%q) = %+v", s, loc)
			}
			again, err := store.ParseLocation(loc.String())
			if err != nil || again != loc {
				t.Fatalf("ParseLocation(%q).String() = %q reads back as %+v, %v", s, loc.String(), again, err)
			}
		case store.Postgres:
			if loc.URL == "" || loc.Path != "" {
				t.Fatalf("ParseLocation(%q) = %+v", s, loc)
			}
			if leaks(loc.String()) {
				t.Fatalf("ParseLocation(%q).String() = %q shows the password", s, loc.String())
			}
		default:
			t.Fatalf("ParseLocation(%q): unknown dialect %q", s, loc.Dialect)
		}
	})
}

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzSlugify checks that any name gives a slug of the URL-safe shape, at
// most 80 bytes, that slugging a slug changes nothing.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Città di Genova", "Sant'Antonino di Susa", "  ", "---", "Übersee €", "a\x00b", "\xff\xfe",
		strings.Repeat("ab-", 40), "Comune di Barge ’24"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := store.Slugify(name)
		if !slugShape.MatchString(s) || len(s) > 80 || !utf8.ValidString(s) {
			t.Fatalf("Slugify(%q) = %q: not a slug", name, s)
		}
		if again := store.Slugify(s); again != s {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", name, s, s, again)
		}
	})
}
