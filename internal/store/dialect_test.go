package store

import "testing"

func TestRebind(t *testing.T) {
	cases := []struct {
		d        Dialect
		in, want string
	}{
		{Postgres, "SELECT 1", "SELECT 1"},
		{Postgres, "SELECT * FROM t WHERE a = ?", "SELECT * FROM t WHERE a = $1"},
		{Postgres, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)", "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)"},
		{Postgres, "a IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) LIMIT ?", "a IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) LIMIT $12"},
		{Postgres, "name = 'città' AND x = ?", "name = 'città' AND x = $1"},
		{SQLite, "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = ? AND b = ?"},
	}
	for _, c := range cases {
		if got := c.d.rebind(c.in); got != c.want {
			t.Errorf("%s rebind(%q) = %q, want %q", c.d, c.in, got, c.want)
		}
	}
}
