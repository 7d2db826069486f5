package store

import (
	"embed"
	"strconv"
	"strings"
)

// Dialect is one of the two databases benicommunity runs on. This package is
// the only one that knows there are two.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

//go:embed migrations
var migrationFiles embed.FS

// rebind turns the portable "?" placeholders into PostgreSQL's "$n".
// Queries in this package never contain a literal "?" inside strings.
func (d Dialect) rebind(query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}
