// Package quality holds the site-wide quality gates that run with
// `go test ./...`: accessibility (axe-core in headless Chromium), keyboard
// use, valid HTML (the Nu HTML Checker), broken links, page weight, cookies
// and user preferences. The gates live in the package's tests and crawl the
// real site from its home page, so pages added later are checked without
// touching this package. See docs/quality.md.
package quality
