package core

import "strings"

// etagMatches applies the weak comparison RFC 9110 asks of If-None-Match:
// "W/" prefixes are ignored on both sides, and "*" matches anything.
func ETagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, candidate := range strings.Split(header, ",") {
		c := strings.TrimSpace(candidate)
		if c == "*" || strings.TrimPrefix(c, "W/") == want {
			return true
		}
	}
	return false
}
