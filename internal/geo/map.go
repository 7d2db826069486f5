package geo

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
)

//go:embed regions.json
var regionsJSON []byte

// Size of the source map's SVG user space (viewBox "0 0 610 793").
const (
	mapWidth  = 610.0
	mapHeight = 793.0
)

// Region is one of Italy's twenty regions as drawn on the map.
type Region struct {
	ID   string // id used by the source map, e.g. "piedmont"
	Code string // ISTAT region code, "01" to "20"
	Name string // name as ISTAT writes it, e.g. "Valle d'Aosta/Vallée d'Aoste"
	Path string // SVG path data in the map's user space
}

// Map holds the parsed outlines and the calibrated projection. It is
// read-only after Load and safe for concurrent use.
type Map struct {
	regions []Region
	shapes  []shape // parallel to regions
	byKey   map[string]int
	proj    projection
}

// shape is a region's outline flattened to rings, with its bounding box.
type shape struct {
	rings [][]point
	box   box
}

// Load parses the embedded outlines. Load once at start-up and pass the
// *Map to whatever draws maps.
func Load() (*Map, error) {
	var raw []struct {
		ID         string `json:"id"`
		Code       string `json:"code"`
		Name       string `json:"name"`
		SourceName string `json:"source_name"`
		Path       string `json:"path"`
	}
	if err := json.Unmarshal(regionsJSON, &raw); err != nil {
		return nil, fmt.Errorf("decode embedded regions: %w", err)
	}
	m := &Map{byKey: make(map[string]int), proj: calibrated()}
	for i, r := range raw {
		rings, err := parsePath(r.Path)
		if err != nil {
			return nil, fmt.Errorf("parse outline of region %q: %w", r.ID, err)
		}
		if len(rings) == 0 {
			return nil, fmt.Errorf("region %q has an empty outline", r.ID)
		}
		m.regions = append(m.regions, Region{ID: r.ID, Code: r.Code, Name: r.Name, Path: r.Path})
		m.shapes = append(m.shapes, shape{rings: rings, box: ringsBox(rings)})
		for _, key := range regionKeys(r.ID, r.Code, r.Name, r.SourceName) {
			if prev, dup := m.byKey[key]; dup && prev != i {
				return nil, fmt.Errorf("region key %q matches both %q and %q", key, raw[prev].ID, r.ID)
			}
			m.byKey[key] = i
		}
	}
	return m, nil
}

// Regions returns the regions in ISTAT code order. The slice is a copy.
func (m *Map) Regions() []Region {
	return append([]Region(nil), m.regions...)
}

// Lookup finds a region by ISTAT name ("Valle d'Aosta/Vallée d'Aoste"),
// either half of a bilingual name ("Valle d'Aosta", "Südtirol"), the
// English name or id used by the source map ("Aosta Valley", "aosta-valley")
// or the ISTAT code ("02" or "2"). Case, accents, spaces, hyphens and
// apostrophes do not matter.
func (m *Map) Lookup(name string) (Region, bool) {
	i, ok := m.byKey[normalizeName(name)]
	if !ok {
		return Region{}, false
	}
	return m.regions[i], true
}

// Project converts WGS84 latitude and longitude in degrees to the map's SVG
// user space.
func (m *Map) Project(lat, lon float64) (x, y float64) {
	return m.proj.apply(lat, lon)
}

// RegionAt reports which region's outline contains the position. Outlines
// are generalised to about 2 km, so a place on the coast may fall in the sea:
// RegionNear tolerates that.
func (m *Map) RegionAt(lat, lon float64) (id string, ok bool) {
	x, y := m.Project(lat, lon)
	if i, ok := m.regionIndexAt(point{x, y}); ok {
		return m.regions[i].ID, true
	}
	return "", false
}

// RegionNear is RegionAt, but a position outside every outline is given to
// the region whose outline is nearest, provided it lies within toleranceKm.
func (m *Map) RegionNear(lat, lon, toleranceKm float64) (id string, ok bool) {
	x, y := m.Project(lat, lon)
	p := point{x, y}
	if i, ok := m.regionIndexAt(p); ok {
		return m.regions[i].ID, true
	}
	limit := toleranceKm * m.proj.unitsPerKm(lat)
	best, bestDist := -1, math.Inf(1)
	for i, s := range m.shapes {
		if !s.box.grow(limit).contains(p) {
			continue
		}
		if d := distanceToRings(s.rings, p); d <= limit && d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return "", false
	}
	return m.regions[best].ID, true
}

func (m *Map) regionIndexAt(p point) (int, bool) {
	for i, s := range m.shapes {
		if s.box.contains(p) && insideRings(s.rings, p) {
			return i, true
		}
	}
	return 0, false
}
