package core

import "strings"

// ValidEmail is a light check: one @, something on both sides, a dot in the domain.
func ValidEmail(e string) bool {
	local, domain, ok := strings.Cut(e, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(e, " <>,;\"") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && len(e) <= 254
}
