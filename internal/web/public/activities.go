package public

import (
	"net/http"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type activityListData struct {
	Counters   []domain.Counter
	Selected   *domain.Counter
	Activities []store.ActivitySummary
	Pager      core.Pager
}

// ActivityList lists published activities, newest first, optionally of one type (?tipo=slug).
func (s *Handler) ActivityList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := core.ReadPager(r)
	if !ok {
		s.BadRequest(w, r, "error.bad_page")
		return
	}
	counters, err := s.Store.Counters(ctx)
	if err != nil {
		s.ServerError(w, r, err)
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
			s.BadRequest(w, r, "error.bad_type")
			return
		}
	}
	list, total, err := s.Store.Activities(ctx, store.ActivityFilter{TypeSlug: typeSlug, Descending: true, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	pg.Total = total
	if pg.Number > pg.Pages() {
		s.NotFound(w, r)
		return
	}
	data.Activities, data.Pager = list, pg
	l := s.Localizer(r)
	title := l.T("activities.title")
	if data.Selected != nil {
		title = data.Selected.Type.Name
	}
	s.Render(w, r, http.StatusOK, "activities", core.Page{L: l, Title: title, Description: l.T("activities.description"), Data: data})
}

// ActivityPage shows an activity that is not a stage; stages redirect to /tappe.
func (s *Handler) ActivityPage(w http.ResponseWriter, r *http.Request) {
	s.activityDetail(w, r, false)
}
