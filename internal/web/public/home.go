package public

import (
	"net/http"
	"time"

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
	// Next is the next stage, or the last one when none is planned (nil
	// without stages); Upcoming tells which, NextReg its registrations.
	Next     *store.ActivitySummary
	Upcoming bool
	NextReg  registrationPublic
}

// nextStage is the first stage from today on (Europe/Rome), or else the
// most recent one.
func nextStage(paths []communityPath, today time.Time) (*store.ActivitySummary, bool) {
	var next, last *store.ActivitySummary
	for i := range paths {
		for j := range paths[i].Stages {
			st := &paths[i].Stages[j]
			if !st.StartsOn.Before(today) {
				if next == nil || st.StartsOn.Before(next.StartsOn) {
					next = st
				}
			} else if last == nil || st.StartsOn.After(last.StartsOn) {
				last = st
			}
		}
	}
	if next != nil {
		return next, true
	}
	return last, false
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
	d := homeData{Paths: paths, Counters: counters, Numbers: numbers}
	now := time.Now().In(s.Rome)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if d.Next, d.Upcoming = nextStage(paths, today); d.Next != nil {
		if d.NextReg, err = s.registrationPublic(r, d.Next.ID); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "home", core.Page{
		L: l, Network: n, Title: l.T("home.title"), Description: n.Tagline,
		Data: d,
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
