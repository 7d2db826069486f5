package insight

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
)

// The types below are the figures of /rete as both the page and the JSON
// endpoints show them: the page's data tables are rendered from the very
// values the endpoints encode, so the two cannot disagree.

const (
	rankingSize  = 20  // bodies in the ranking and in the hosts list
	onceOnlySize = 50  // bodies listed as "came once"
	mapTableSize = 100 // rows of the table beside the map
	mapLabelMax  = 60  // above this many markers, names only in tooltips and table
)

type scopeJSON struct {
	Community string `json:"community,omitempty"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Stages    int    `json:"stages"`
	Members   int    `json:"members"`
}

type stageRefJSON struct {
	Number    int    `json:"number"`
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	Community string `json:"community"`
}

type growthStageJSON struct {
	stageRefJSON
	Hosts      []bodyRefJSON `json:"hosts"`
	New        int           `json:"new_members"`
	Returning  int           `json:"returning_members"`
	Cumulative int           `json:"cumulative_members"`
}

type growthJSON struct {
	Scope  scopeJSON         `json:"scope"`
	Stages []growthStageJSON `json:"stages"`
}

type groupJSON struct {
	Present bool `json:"present"`
	People  *int `json:"people"`
}

type participationStageJSON struct {
	stageRefJSON
	DeclaredPeople       *int      `json:"declared_people"`
	DeclaredPeopleApprox bool      `json:"declared_people_approx"`
	DeclaredBodies       *int      `json:"declared_bodies"`
	DeclaredBodiesApprox bool      `json:"declared_bodies_approx"`
	CountedBodies        int       `json:"counted_bodies"`
	Politici             groupJSON `json:"politici"`
	Tecnici              groupJSON `json:"tecnici"`
}

type shareJSON struct {
	Key     string  `json:"key"`
	Label   string  `json:"label"`
	Bodies  int     `json:"bodies"`
	Percent float64 `json:"percent"`
}

type totalsJSON struct {
	Stages         int    `json:"stages"`
	Members        int    `json:"members"`
	Comuni         int    `json:"comuni"`
	Provinces      int    `json:"provinces"`
	Regions        int    `json:"regions"`
	DeclaredPeople int    `json:"declared_people"`
	DeclaredStages int    `json:"declared_people_stages"`
	PeopleApprox   bool   `json:"declared_people_approx"`
	First          string `json:"first_stage,omitempty"`
	Last           string `json:"last_stage,omitempty"`
}

type participationJSON struct {
	Scope      scopeJSON                `json:"scope"`
	Totals     totalsJSON               `json:"totals"`
	Stages     []participationStageJSON `json:"stages"`
	ByKind     []shareJSON              `json:"by_kind"`
	ByProvince []shareJSON              `json:"by_province"`
	ByBand     []shareJSON              `json:"by_population_band"`
}

type bodyRefJSON struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type rankJSON struct {
	bodyRefJSON
	Stages int `json:"stages"`
	Hosted int `json:"hosted"`
}

type onceJSON struct {
	bodyRefJSON
	Stage stageRefJSON `json:"stage"`
}

type pairJSON struct {
	A      bodyRefJSON `json:"a"`
	B      bodyRefJSON `json:"b"`
	Stages int         `json:"stages"`
}

type engagementJSON struct {
	Scope         scopeJSON  `json:"scope"`
	Ranking       []rankJSON `json:"ranking"`
	OnceOnly      []onceJSON `json:"once_only"`
	OnceOnlyTotal int        `json:"once_only_total"`
	Hosts         []rankJSON `json:"hosts"`
	Pairs         []pairJSON `json:"pairs"`
}

type mapBodyJSON struct {
	bodyRefJSON
	Province  string   `json:"province"`
	Region    string   `json:"region"`
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	// Position tells where the coordinates come from: "recorded" (the
	// body's own), "province_centre" (the mean of the network's bodies in
	// its province, until a coordinator sets them) or "unknown".
	Position string `json:"position"`
	Stages   int    `json:"stages"`
	Hosted   int    `json:"hosted"`
}

type mapJSON struct {
	Scope   scopeJSON     `json:"scope"`
	Regions []string      `json:"regions"`
	Bodies  []mapBodyJSON `json:"bodies"`
}

func scopeOf(form insightForm, r store.InsightReport) scopeJSON {
	return scopeJSON{Community: form.Community, From: form.From, To: form.To, Stages: len(r.Stages), Members: len(r.Members)}
}

func stageRef(s store.StageFigures) stageRefJSON {
	return stageRefJSON{Number: s.Number, Slug: s.Slug, Title: s.Title, Date: s.StartsOn.Format(time.DateOnly), Community: s.CommunitySlug}
}

func bodyRef(b store.InsightBody) bodyRefJSON {
	return bodyRefJSON{Slug: b.Slug, Name: b.Name, Kind: string(b.Kind)}
}

func growthOf(form insightForm, r store.InsightReport) growthJSON {
	g := growthJSON{Scope: scopeOf(form, r), Stages: []growthStageJSON{}}
	for _, s := range r.Stages {
		gs := growthStageJSON{stageRefJSON: stageRef(s), Hosts: []bodyRefJSON{}, New: s.New, Returning: s.Returning, Cumulative: s.Cumulative}
		for _, h := range s.Hosts {
			gs.Hosts = append(gs.Hosts, bodyRef(h))
		}
		g.Stages = append(g.Stages, gs)
	}
	return g
}

func percent(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(total)) / 10
}

func shares(in []store.Share, total int, label func(store.Share) string) []shareJSON {
	out := []shareJSON{}
	for _, s := range in {
		out = append(out, shareJSON{Key: s.Key, Label: label(s), Bodies: s.Bodies, Percent: percent(s.Bodies, total)})
	}
	return out
}

func participationOf(l *i18n.Localizer, form insightForm, r store.InsightReport) participationJSON {
	t := r.Totals
	p := participationJSON{Scope: scopeOf(form, r), Stages: []participationStageJSON{},
		Totals: totalsJSON{Stages: t.Stages, Members: t.Members, Comuni: t.Comuni, Provinces: t.Provinces, Regions: t.Regions,
			DeclaredPeople: t.DeclaredPeople, DeclaredStages: t.DeclaredStages, PeopleApprox: t.PeopleApprox}}
	if !t.First.IsZero() {
		p.Totals.First, p.Totals.Last = t.First.Format(time.DateOnly), t.Last.Format(time.DateOnly)
	}
	for _, s := range r.Stages {
		pol, tec := s.Roles[domain.GroupPolitical], s.Roles[domain.GroupTechnical]
		p.Stages = append(p.Stages, participationStageJSON{stageRefJSON: stageRef(s),
			DeclaredPeople: s.DeclaredPeople, DeclaredPeopleApprox: s.PeopleApprox,
			DeclaredBodies: s.DeclaredBodies, DeclaredBodiesApprox: s.BodiesApprox, CountedBodies: s.Counted,
			Politici: groupJSON{Present: pol.Present, People: pol.People}, Tecnici: groupJSON{Present: tec.Present, People: tec.People}})
	}
	n := len(r.Members)
	p.ByKind = shares(r.ByKind, n, func(s store.Share) string { return l.T("kind." + s.Key) })
	p.ByProvince = shares(r.ByProv, n, func(s store.Share) string {
		if s.Key == "" {
			return l.T("insight.province_unknown")
		}
		return s.Label + " (" + s.Key + ")"
	})
	p.ByBand = shares(r.ByBand, n, func(s store.Share) string {
		if s.Key == "" {
			return l.T("insight.band.none")
		}
		return l.T("insight.band." + s.Key)
	})
	return p
}

func engagementOf(form insightForm, r store.InsightReport) engagementJSON {
	e := engagementJSON{Scope: scopeOf(form, r), Ranking: []rankJSON{}, OnceOnly: []onceJSON{}, Hosts: []rankJSON{}, Pairs: []pairJSON{},
		OnceOnlyTotal: len(r.OnceOnly)}
	for i, m := range r.Members {
		if i == rankingSize {
			break
		}
		e.Ranking = append(e.Ranking, rankJSON{bodyRefJSON: bodyRef(m.InsightBody), Stages: m.Stages, Hosted: m.Hosted})
	}
	for i, m := range r.OnceOnly {
		if i == onceOnlySize {
			break
		}
		e.OnceOnly = append(e.OnceOnly, onceJSON{bodyRefJSON: bodyRef(m.InsightBody), Stage: stageRef(r.Stages[m.FirstStage])})
	}
	hosts := hostsRanking(r.Members)
	for i, m := range hosts {
		if i == rankingSize {
			break
		}
		e.Hosts = append(e.Hosts, rankJSON{bodyRefJSON: bodyRef(m.InsightBody), Stages: m.Stages, Hosted: m.Hosted})
	}
	for _, p := range r.Pairs {
		e.Pairs = append(e.Pairs, pairJSON{A: bodyRef(p.A), B: bodyRef(p.B), Stages: p.Stages})
	}
	return e
}

// hostsRanking lists the members that hosted at least one stage, most
// stages hosted first; Members is already sorted by name within ties.
func hostsRanking(ms []store.MemberFigures) []store.MemberFigures {
	var out []store.MemberFigures
	for _, m := range ms {
		if m.Hosted > 0 {
			out = append(out, m)
		}
	}
	// A stable sort by hosted count keeps the members' order otherwise.
	slices.SortStableFunc(out, func(a, b store.MemberFigures) int { return cmp.Compare(b.Hosted, a.Hosted) })
	return out
}

// mapOf places every member: its own coordinates, else its province's
// centre as the network knows it (see docs/insight.md), else nowhere.
func mapOf(form insightForm, r store.InsightReport, centres map[string][2]float64) mapJSON {
	m := mapJSON{Scope: scopeOf(form, r), Regions: []string{}, Bodies: []mapBodyJSON{}}
	seen := map[string]bool{}
	for _, b := range r.Members {
		mb := mapBodyJSON{bodyRefJSON: bodyRef(b.InsightBody), Province: b.ProvinceCode, Region: b.Region,
			Stages: b.Stages, Hosted: b.Hosted, Position: "unknown"}
		switch c, ok := centres[b.ProvinceCode]; {
		case b.Latitude != nil && b.Longitude != nil:
			mb.Latitude, mb.Longitude, mb.Position = b.Latitude, b.Longitude, "recorded"
		case ok:
			lat, lon := c[0], c[1]
			mb.Latitude, mb.Longitude, mb.Position = &lat, &lon, "province_centre"
		}
		m.Bodies = append(m.Bodies, mb)
		if b.Region != "" && !seen[b.Region] {
			seen[b.Region] = true
			m.Regions = append(m.Regions, b.Region)
		}
	}
	return m
}

// shortName drops the "Comune di" prefix for map labels: the kind is in
// the legend and the table.
func shortName(name string) string {
	for _, p := range []string{"Comune di ", "Comune della ", "Comune del "} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// Day is the stage's date for templates (.L.Date).
func (s stageRefJSON) Day() time.Time {
	t, _ := time.Parse(time.DateOnly, s.Date)
	return t
}

// PercentText writes the share as "12,5%".
func (s shareJSON) PercentText(l *i18n.Localizer) string {
	return l.T("insight.percent", "Value", formatDecimal(l, s.Percent))
}
