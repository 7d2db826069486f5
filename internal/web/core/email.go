package core

import "strings"

// ValidEmail is a light check: one @, something on both sides, a dot in the
// domain, and no space, control character or invalid UTF-8 (which could
// break the headers of a message).
func ValidEmail(e string) bool {
	local, domain, ok := strings.Cut(e, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(e, " <>,;\"") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && len(e) <= 254 &&
		CheckText(e, false) == TextOK
}
