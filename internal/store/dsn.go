package store

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Location says which database to open: an SQLite file or a PostgreSQL URL.
type Location struct {
	Dialect Dialect
	Path    string // SQLite file path
	URL     string // PostgreSQL connection URL
}

// ParseLocation reads a --db value: "sqlite:PATH" (or a bare path ending in
// .db) for the embedded database, "postgres://…" or "postgresql://…" for PostgreSQL.
func ParseLocation(s string) (Location, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Location{}, fmt.Errorf("empty database location: use sqlite:PATH or postgres://USER@HOST/DB")
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		u, err := url.Parse(s)
		if err != nil {
			// url.Error repeats the whole URL, password included: keep only the reason.
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err
			}
			return Location{}, fmt.Errorf("invalid PostgreSQL URL: %v", err)
		}
		if u.Host == "" && u.Query().Get("host") == "" {
			return Location{}, fmt.Errorf("invalid PostgreSQL URL %q: no host", redact(s))
		}
		return Location{Dialect: Postgres, URL: s}, nil
	case strings.HasPrefix(s, "sqlite:"):
		p := strings.TrimPrefix(strings.TrimPrefix(s, "sqlite:"), "//")
		if p == "" {
			return Location{}, fmt.Errorf("invalid database location %q: sqlite: needs a file path, e.g. sqlite:data/benicommunity.db", s)
		}
		if strings.ContainsAny(p, "?#") {
			return Location{}, fmt.Errorf("invalid database location %q: the SQLite path must be a plain file path", s)
		}
		return Location{Dialect: SQLite, Path: filepath.Clean(p)}, nil
	case strings.HasSuffix(s, ".db") && !strings.Contains(s, "://"):
		// The path goes into a file: URI with the pragmas after "?": a "?"
		// or "#" in it would cut the pragmas off (found by fuzzing).
		if strings.ContainsAny(s, "?#") {
			return Location{}, fmt.Errorf("invalid database location %q: the SQLite path must be a plain file path", s)
		}
		return Location{Dialect: SQLite, Path: filepath.Clean(s)}, nil
	}
	return Location{}, fmt.Errorf("invalid database location %q: use sqlite:PATH or postgres://USER@HOST/DB", redact(s))
}

// String returns the location without any password, for logs.
func (l Location) String() string {
	if l.Dialect == SQLite {
		return "sqlite:" + l.Path
	}
	return redact(l.URL)
}

// redact masks the password of the user part and the password parameters
// libpq also reads from the query (?password=, ?sslpassword=).
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	changed := false
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			changed = true
		}
	}
	if q := u.Query(); q.Has("password") || q.Has("sslpassword") {
		for _, k := range []string{"password", "sslpassword"} {
			if q.Has(k) {
				q.Set(k, "xxxxx")
			}
		}
		u.RawQuery = q.Encode()
		changed = true
	}
	if !changed {
		return s
	}
	return u.String()
}
