package opendata

import (
	"net/http"
	"strings"
)

// APIIndex points to everything the API offers.
func (s *Handler) APIIndex(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	n, err := s.Store.Network(r.Context())
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	s.apiJSON(w, r, apiIndexDoc{Name: n.Name, Version: "v1", Links: apiIndexLinks{
		Activities: "/api/v1/activities", Bodies: "/api/v1/bodies", Communities: "/api/v1/communities",
		ActivityTypes: "/api/v1/activity-types", Network: "/api/v1/network", OpenAPI: "/api/openapi.json", Documentation: "/api",
	}})
}

type apiIndexDoc struct {
	Name    string        `json:"name"`
	Version string        `json:"version"`
	Links   apiIndexLinks `json:"links"`
}

type apiIndexLinks struct {
	Activities    string `json:"activities"`
	Bodies        string `json:"bodies"`
	Communities   string `json:"communities"`
	ActivityTypes string `json:"activity_types"`
	Network       string `json:"network"`
	OpenAPI       string `json:"openapi"`
	Documentation string `json:"documentation"`
}

// APICommunities lists the communities with their number of published stages.
func (s *Handler) APICommunities(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	list, err := s.Store.CommunitySummaries(r.Context())
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiCollection[apiCommunity]{Data: []apiCommunity{}}
	for _, c := range list {
		out.Data = append(out.Data, apiCommunity{Slug: c.Slug, Name: c.Name, Description: c.Description, Stages: c.Stages,
			Links: apiFilterLinks{Activities: "/api/v1/activities?community=" + c.Slug, HTML: "/tappe"}})
	}
	s.apiJSON(w, r, out)
}

// APIActivityTypes lists the activity types with their counters.
func (s *Handler) APIActivityTypes(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	counters, err := s.Store.Counters(r.Context())
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiCollection[apiActivityType]{Data: []apiActivityType{}}
	for _, c := range counters {
		out.Data = append(out.Data, toAPIActivityType(c))
	}
	s.apiJSON(w, r, out)
}

// APINetwork answers the network's description, figures and counters.
func (s *Handler) APINetwork(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	ctx := r.Context()
	n, err := s.Store.Network(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	f, err := s.Store.NetworkFigures(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	counters, err := s.Store.Counters(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	// The area is the regions the member bodies come from, unless one was typed.
	if n.Area == "" {
		regions, err := s.Store.NetworkRegions(ctx)
		if err != nil {
			s.apiServerError(w, r, err)
			return
		}
		n.Area = strings.Join(regions, ", ")
	}
	out := apiNetwork{Name: n.Name, Tagline: n.Tagline, Description: n.Description, Area: n.Area, Counters: []apiActivityType{},
		Figures: apiFigures{Members: f.Members, Bodies: f.Bodies, Communities: f.Communities, ActivitiesPublished: f.ActivitiesPublished,
			ActivitiesCounted: f.ActivitiesCounted, Stages: f.Stages, Participations: f.Participations, PeopleDeclared: f.PeopleDeclared,
			BodiesDeclared: f.BodiesDeclared, ActivitiesWithDeclaredPeople: f.ActivitiesWithFigures}}
	for _, c := range counters {
		out.Counters = append(out.Counters, toAPIActivityType(c))
	}
	s.apiJSON(w, r, out)
}
