// Package geo draws server-side SVG maps of Italy's regions and places
// markers on them from latitude and longitude, with no request to any third
// party: the region outlines are embedded in the binary.
//
// The outlines come from the npm package @svg-maps/italy (CC BY 4.0, see
// MANIFEST.md); every page that shows a map must display Credit or
// CreditHTML. regions.json and the licence text are produced by the
// generator below and committed, so building needs Go only.
//
//go:generate go run ./internal/gen -out .
package geo
