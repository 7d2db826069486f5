package insight

import (
	"context"
	"html/template"

	"benicommunity/internal/domain"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
)

// BodyFacts is what a body's page shows of the network overview: its
// ISTAT facts, its place on the map, its timeline and its figures.
type BodyFacts struct {
	Comune      istat.Comune
	HasComune   bool
	IstatCredit string
	MapSVG      template.HTML
	MapCredit   template.HTML
	Position    string // "recorded", "province_centre" or "unknown"
	Timeline    []timelineEntry
	Stages      int // stages attended, in any member role
	Hosted      int // stages hosted
	Activities  int // published activities taken part in, any role
}

// timelineEntry is one step of a body's life in the network.
type timelineEntry struct {
	Event    string // "joined", "hosted", "attended", or the participation role
	Activity domain.ActivityRef
}

// BodyInsight derives the body's figures from the participations the page
// already loaded; only the province centre may need one more query.
func (s *Handler) BodyInsight(ctx context.Context, l *i18n.Localizer, b domain.Body, joined *domain.Membership, parts []store.BodyParticipation) (BodyFacts, error) {
	bi := BodyFacts{IstatCredit: istatCredit, MapCredit: geo.CreditHTML, Position: "unknown"}
	if b.Kind == domain.KindComune {
		bi.Comune, bi.HasComune = s.comuneFacts(b.ISTATCode)
	}
	lat, lon := b.Latitude, b.Longitude
	if lat != nil && lon != nil {
		bi.Position = "recorded"
	} else if b.ProvinceCode != "" {
		centres, err := s.Store.NetworkProvinceCentres(ctx)
		if err != nil {
			return bi, err
		}
		if c, ok := centres[b.ProvinceCode]; ok {
			la, lo := c[0], c[1]
			lat, lon, bi.Position = &la, &lo, "province_centre"
		}
	}
	if lat != nil && lon != nil {
		region := b.Region
		if region == "" && bi.HasComune {
			region = bi.Comune.RegionName
		}
		bi.MapSVG = s.geo.RenderSVG(geo.RenderOptions{Regions: []string{region}, HighlightRegions: []string{region},
			Markers: []geo.Marker{{Lat: *lat, Lon: *lon, Label: shortName(b.Name), Radius: 6, Class: "insight-kind-" + string(b.Kind)}},
			Title:   l.T("insight.body_map_title", "Name", b.Name), Description: l.T("insight.body_map_desc", "Name", b.Name, "Region", region)})
	}
	stages, hosted, acts := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	joinedShown := false
	for _, p := range parts {
		acts[p.Activity.ID] = true
		if !joinedShown && joined != nil && joined.Activity.ID == p.Activity.ID {
			bi.Timeline = append(bi.Timeline, timelineEntry{Event: "joined", Activity: p.Activity})
			joinedShown = true
		}
		event := string(p.Role)
		switch {
		case p.Role == domain.RoleHost:
			event = "hosted"
		case p.Role.IsMembership():
			event = "attended"
		}
		if p.Activity.IsStage && p.Role.IsMembership() {
			stages[p.Activity.ID] = true
		}
		if p.Activity.IsStage && p.Role == domain.RoleHost {
			hosted[p.Activity.ID] = true
		}
		// One line per activity and event: a body present as speaker and
		// attendee appears once for each role, as on the activity page.
		if n := len(bi.Timeline); n > 0 && bi.Timeline[n-1].Activity.ID == p.Activity.ID && bi.Timeline[n-1].Event == event {
			continue
		}
		bi.Timeline = append(bi.Timeline, timelineEntry{Event: event, Activity: p.Activity})
	}
	bi.Stages, bi.Hosted, bi.Activities = len(stages), len(hosted), len(acts)
	return bi, nil
}
