package store_test

import (
	"strings"
	"testing"

	"benicommunity/internal/store"
)

func TestParseLocation(t *testing.T) {
	ok := []struct {
		in   string
		want store.Location
	}{
		{"sqlite:data/benicommunity.db", store.Location{Dialect: store.SQLite, Path: "data/benicommunity.db"}},
		{"sqlite:///var/lib/bc/bc.db", store.Location{Dialect: store.SQLite, Path: "/var/lib/bc/bc.db"}},
		{"sqlite:./a/../b.sqlite", store.Location{Dialect: store.SQLite, Path: "b.sqlite"}},
		{"  sqlite:x.db  ", store.Location{Dialect: store.SQLite, Path: "x.db"}},
		{"data/bare.db", store.Location{Dialect: store.SQLite, Path: "data/bare.db"}},
		{"/abs/bare.db", store.Location{Dialect: store.SQLite, Path: "/abs/bare.db"}},
		{"postgres://bc:pw@db.example:5432/bc?sslmode=require", store.Location{Dialect: store.Postgres, URL: "postgres://bc:pw@db.example:5432/bc?sslmode=require"}},
		{"postgresql://bc@127.0.0.1/bc", store.Location{Dialect: store.Postgres, URL: "postgresql://bc@127.0.0.1/bc"}},
		{"postgres:///bc?host=/run/postgresql", store.Location{Dialect: store.Postgres, URL: "postgres:///bc?host=/run/postgresql"}},
	}
	for _, c := range ok {
		got, err := store.ParseLocation(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseLocation(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}

	bad := []struct{ in, says string }{
		{"", "empty database location"},
		{"   ", "empty database location"},
		{"sqlite:", "needs a file path"},
		{"sqlite:x.db?mode=ro", "plain file path"},
		{"data/x#y.db", "plain file path"},
		{"x?_pragma=foreign_keys(0)&.db", "plain file path"},
		{"mysql://root@localhost/bc", "use sqlite:PATH or postgres://"},
		{"benicommunity", "use sqlite:PATH or postgres://"},
		{"data/file.txt", "use sqlite:PATH or postgres://"},
		{"postgres://", "no host"},
		{"postgres:///bc", "no host"},
		{"postgres://bc:s3cret@db:port/bc", "invalid PostgreSQL URL"},
		{"postgres://bc:s3cret%zz@db/bc", "invalid PostgreSQL URL"},
	}
	for _, c := range bad {
		_, err := store.ParseLocation(c.in)
		if err == nil {
			t.Errorf("ParseLocation(%q) accepted it", c.in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.says) {
			t.Errorf("ParseLocation(%q) = %q, want it to say %q", c.in, msg, c.says)
		}
		if strings.Contains(msg, "s3cret") {
			t.Errorf("ParseLocation(%q) error shows the password: %q", c.in, msg)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("ParseLocation(%q) error is not one line: %q", c.in, msg)
		}
	}
}

func TestLocationStringHidesPassword(t *testing.T) {
	loc, err := store.ParseLocation("postgres://bc:s3cret@db.example/bc")
	if err != nil {
		t.Fatal(err)
	}
	if s := loc.String(); strings.Contains(s, "s3cret") || !strings.Contains(s, "db.example") {
		t.Errorf("String() = %q", s)
	}
	// libpq reads a password from the query too
	q, err := store.ParseLocation("postgres://bc@db.example/bc?sslmode=require&password=s3cret&sslpassword=k3y")
	if err != nil {
		t.Fatal(err)
	}
	if s := q.String(); strings.Contains(s, "s3cret") || strings.Contains(s, "k3y") || !strings.Contains(s, "sslmode=require") {
		t.Errorf("String() = %q", s)
	}
	sq, _ := store.ParseLocation("sqlite:data/x.db")
	if sq.String() != "sqlite:data/x.db" {
		t.Errorf("String() = %q", sq.String())
	}
}
