package public

import (
	"net/http"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// communityPath is one community with its published stages in order.
type communityPath struct {
	Community domain.Community
	Stages    []store.ActivitySummary
}

type homeData struct {
	Paths    []communityPath
	Counters []domain.Counter
	Numbers  store.InsightTotals // insight_home.go
}

// Home shows the path of stages of each community and the activity counters.
func (s *Handler) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	paths, err := s.communityPaths(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	counters, err := s.Store.Counters(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	numbers, err := s.insight.NetworkNumbers(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	n, err := s.Store.Network(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "home", core.Page{
		L: l, Network: n, Title: l.T("home.title"), Description: n.Tagline,
		Data: homeData{Paths: paths, Counters: counters, Numbers: numbers},
	})
}

// communityPaths loads every community's stages: one query per community,
// and communities are a handful by nature (the network's petals).
func (s *Handler) communityPaths(r *http.Request) ([]communityPath, error) {
	communities, err := s.Store.Communities(r.Context())
	if err != nil {
		return nil, err
	}
	var out []communityPath
	for _, c := range communities {
		stages, _, err := s.Store.Activities(r.Context(), store.ActivityFilter{CommunityID: c.ID, StagesOnly: true, Limit: 200})
		if err != nil {
			return nil, err
		}
		out = append(out, communityPath{Community: c, Stages: stages})
	}
	return out, nil
}
