package web

import "net/http"

// apiIndex points to everything the API offers.
func (s *Server) apiIndex(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	n, err := s.store.Network(r.Context())
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

// apiCommunities lists the communities with their number of published stages.
func (s *Server) apiCommunities(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	list, err := s.store.CommunitySummaries(r.Context())
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

// apiActivityTypes lists the activity types with their counters.
func (s *Server) apiActivityTypes(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	counters, err := s.store.Counters(r.Context())
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

// apiNetwork answers the network's description, figures and counters.
func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	ctx := r.Context()
	n, err := s.store.Network(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	f, err := s.store.NetworkFigures(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	counters, err := s.store.Counters(ctx)
	if err != nil {
		s.apiServerError(w, r, err)
		return
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
