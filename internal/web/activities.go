package web

import (
	"net/http"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

type activityListData struct {
	Counters   []domain.Counter
	Selected   *domain.Counter
	Activities []store.ActivitySummary
	Pager      pager
}

// activityList lists published activities, newest first, optionally of one type (?tipo=slug).
func (s *Server) activityList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := readPager(r)
	if !ok {
		s.badRequest(w, r, "error.bad_page")
		return
	}
	counters, err := s.store.Counters(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := activityListData{Counters: counters}
	typeSlug := r.URL.Query().Get("tipo")
	if typeSlug != "" {
		for i := range counters {
			if counters[i].Type.Slug == typeSlug {
				data.Selected = &counters[i]
			}
		}
		if data.Selected == nil {
			s.badRequest(w, r, "error.bad_type")
			return
		}
	}
	list, total, err := s.store.Activities(ctx, store.ActivityFilter{TypeSlug: typeSlug, Descending: true, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pg.Total = total
	if pg.Number > pg.Pages() {
		s.notFound(w, r)
		return
	}
	data.Activities, data.Pager = list, pg
	l := s.localizer(r)
	title := l.T("activities.title")
	if data.Selected != nil {
		title = data.Selected.Type.Name
	}
	s.render(w, r, http.StatusOK, "activities", page{L: l, Title: title, Description: l.T("activities.description"), Data: data})
}

// activityPage shows an activity that is not a stage; stages redirect to /tappe.
func (s *Server) activityPage(w http.ResponseWriter, r *http.Request) {
	s.activityDetail(w, r, false)
}
