// Package insight serves the network at a glance for every visitor: /rete
// with its charts, tables and JSON files, the registry of Italian comuni
// (/enti/comuni and its type-ahead), and the figures and map that the home
// page and a body's page show (NetworkNumbers, BodyInsight).
//
// It only reads, and only aggregates: no personal data, no session, no mail.
// Its figures are cached per data version (cache.go).
package insight

import (
	"embed"
	"fmt"

	"benicommunity/internal/geo"
	"benicommunity/internal/istat"
	"benicommunity/internal/web/core"
)

//go:embed templates
var templateFiles embed.FS

// Deps are what the insight pages need besides the shared core.
type Deps struct {
	Istat *istat.Registry // loaded from the embedded data when nil
	Geo   *geo.Map        // loaded from the embedded data when nil
	// MapTiles, when set (see ParseMapTiles), adds an interactive map on
	// tiles from that server to /rete; the zero value keeps every page
	// free of other hosts.
	MapTiles MapTiles
}

// Handler answers the insight pages and computes the network's figures.
type Handler struct {
	*core.Site
	istat   *istat.Registry
	geo     *geo.Map
	insight *insightCache
	tiles   MapTiles
}

// New loads the comuni registry and the map and parses the templates.
func New(shared core.Deps, d Deps) (*Handler, error) {
	s := &Handler{istat: d.Istat, geo: d.Geo}
	if d.MapTiles.Enabled() {
		t, err := ParseMapTiles(d.MapTiles.URL, d.MapTiles.Attribution)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		s.tiles = t
	}
	site, err := core.NewSite(shared, core.Templates(templateFiles), Funcs())
	if err != nil {
		return nil, err
	}
	s.Site = site
	if err := s.loadInsightDeps(); err != nil {
		return nil, err
	}
	return s, nil
}

// Tiles is the configured tile server (zero when none), for the page policy.
func (s *Handler) Tiles() MapTiles { return s.tiles }

// Registry is the registry of Italian comuni, shared with the backoffice.
func (s *Handler) Registry() *istat.Registry { return s.istat }
