package store

import "strings"

// conditions collects the WHERE clauses of a list query with their
// arguments, in placeholder order, so every list filters the same way.
type conditions struct {
	clauses []string
	args    []any
}

// add appends one clause and the arguments of its placeholders.
func (c *conditions) add(clause string, args ...any) {
	c.clauses = append(c.clauses, clause)
	c.args = append(c.args, args...)
}

// contains matches query, case-insensitively, as a substring of any of the
// columns; an empty query adds nothing.
func (c *conditions) contains(query string, columns ...string) {
	q := strings.TrimSpace(query)
	if q == "" {
		return
	}
	like := "%" + escapeLike(strings.ToLower(q)) + "%"
	ors := make([]string, len(columns))
	args := make([]any, len(columns))
	for i, col := range columns {
		ors[i] = "LOWER(" + col + ") LIKE ?"
		args[i] = like
	}
	c.add("("+strings.Join(ors, " OR ")+")", args...)
}

// where is the WHERE part of the query, or "" when nothing filters.
func (c conditions) where() string {
	if len(c.clauses) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.clauses, " AND ")
}
