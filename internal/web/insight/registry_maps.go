package insight

import (
	"html/template"
	"math"
	"sort"

	"benicommunity/internal/domain"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
)

// PactPlace is a point of the pacts' map: the pacts within about a
// kilometre of each other, drawn as one marker whose area grows with their
// number. The table beside the map lists the same places.
type PactPlace struct {
	Latitude, Longitude float64
	Body                string // body name of the first pact
	Count               int
	Slug, Title         string // the pact, when the place has only one
}

// pactGrid is the size of a place in degrees (about a kilometre).
const pactGrid = 0.01

// PactPlaces groups markers into places, the most pacts first, so the map
// stays light with tens of thousands of pacts.
func PactPlaces(markers []store.PactMarker) []PactPlace {
	type key struct{ lat, lon int64 }
	idx := map[key]int{}
	var out []PactPlace
	for _, m := range markers {
		k := key{int64(math.Round(m.Latitude / pactGrid)), int64(math.Round(m.Longitude / pactGrid))}
		if i, ok := idx[k]; ok {
			out[i].Count++
			continue
		}
		idx[k] = len(out)
		out = append(out, PactPlace{Latitude: m.Latitude, Longitude: m.Longitude, Body: m.Body, Count: 1, Slug: m.Slug, Title: m.Title})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// PactMap draws the places of pacts on the map of Italy, each a link to
// the pact when it is alone there.
func (s *Handler) PactMap(l *i18n.Localizer, places []PactPlace) template.HTML {
	markers := make([]geo.Marker, 0, len(places))
	total := 0
	for _, p := range places {
		total += p.Count
		mk := geo.Marker{Lat: p.Latitude, Lon: p.Longitude, Radius: math.Min(2.5+1.2*math.Sqrt(float64(p.Count)), 14), Class: "insight-pact"}
		if p.Count == 1 {
			mk.Href, mk.Title = "/patti/"+p.Slug, p.Title+" ("+p.Body+")"
		} else {
			mk.Title = l.N("registry.map.place", p.Count, "Body", p.Body)
		}
		markers = append(markers, mk)
	}
	return s.geo.RenderSVG(geo.RenderOptions{Markers: markers, Title: l.T("registry.map.title"),
		Description: l.N("registry.map.desc", total, "Places", len(places))})
}

// RegulationMap draws the members of the network coloured by the status of
// their regulation (adopted, not adopted, not known); the list beside the
// map on /regolamenti says the same.
func (s *Handler) RegulationMap(l *i18n.Localizer, members []domain.Body) template.HTML {
	var markers []geo.Marker
	for _, b := range members {
		if b.Latitude == nil || b.Longitude == nil {
			continue
		}
		status := string(b.Regulation)
		if !b.Regulation.Known() {
			status = "unknown"
		}
		markers = append(markers, geo.Marker{Lat: *b.Latitude, Lon: *b.Longitude, Radius: 5, Class: "insight-reg-" + status,
			Href: "/enti/" + b.Slug, Title: b.Name + ": " + l.T(b.Regulation.LabelKey())})
	}
	return s.geo.RenderSVG(geo.RenderOptions{Markers: markers, Title: l.T("registry.regulations.map_title"),
		Description: l.N("registry.regulations.map_desc", len(markers))})
}
