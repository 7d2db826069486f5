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
	bi := BodyFacts{IstatCredit: istatCredit, MapCredit: geo.CreditHTML}
	if b.Kind == domain.KindComune {
		bi.Comune, bi.HasComune = s.comuneFacts(b.ISTATCode)
	}
	lat, lon, position, err := s.bodyPosition(ctx, b)
	if err != nil {
		bi.Position = "unknown"
		return bi, err
	}
	bi.Position = position
	if lat != nil && lon != nil {
		bi.MapSVG = s.bodyMap(l, b, bi, *lat, *lon)
	}
	bodyTimeline(&bi, joined, parts)
	return bi, nil
}

// bodyPosition is where to mark the body on the map: its own coordinates
// ("recorded"), else the centre of its province ("province_centre"), else
// nowhere ("unknown").
func (s *Handler) bodyPosition(ctx context.Context, b domain.Body) (lat, lon *float64, position string, err error) {
	if b.Latitude != nil && b.Longitude != nil {
		return b.Latitude, b.Longitude, "recorded", nil
	}
	if b.ProvinceCode != "" {
		centres, err := s.Store.NetworkProvinceCentres(ctx)
		if err != nil {
			return nil, nil, "unknown", err
		}
		if c, ok := centres[b.ProvinceCode]; ok {
			la, lo := c[0], c[1]
			return &la, &lo, "province_centre", nil
		}
	}
	return nil, nil, "unknown", nil
}

// bodyMap draws the body's region with the body marked on it.
func (s *Handler) bodyMap(l *i18n.Localizer, b domain.Body, bi BodyFacts, lat, lon float64) template.HTML {
	region := b.Region
	if region == "" && bi.HasComune {
		region = bi.Comune.RegionName
	}
	return s.geo.RenderSVG(geo.RenderOptions{Regions: []string{region}, HighlightRegions: []string{region},
		Markers: []geo.Marker{{Lat: lat, Lon: lon, Label: shortName(b.Name), Radius: 6, Class: "insight-kind-" + string(b.Kind)}},
		Title:   l.T("insight.body_map_title", "Name", b.Name), Description: l.T("insight.body_map_desc", "Name", b.Name, "Region", region)})
}

// bodyTimeline lists what the body did, activity by activity, marking when
// it joined, and counts its stages, hosted stages and activities.
func bodyTimeline(bi *BodyFacts, joined *domain.Membership, parts []store.BodyParticipation) {
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
}
