package public

import (
	"errors"
	"net/http"
	"slices"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type practiceListData struct {
	Themes    []domain.Theme
	Theme     string
	ThemeName string
	Practices []domain.Practice
	Pager     core.Pager
	Training  []domain.ActivityRef
	Materials map[int64]store.TrainingMaterials
}

// PracticeList is /buone-pratiche: the library of the good practices the
// bodies tell each other and, for a theme, the training materials of the
// network's activities on it, a page at a time.
func (s *Handler) PracticeList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := core.ReadPager(r)
	if !ok {
		s.BadRequest(w, r, "error.bad_page")
		return
	}
	themes, err := s.Store.Themes(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data := practiceListData{Themes: themes, Theme: r.URL.Query().Get("tema")}
	if data.Theme != "" {
		i := slices.IndexFunc(themes, func(t domain.Theme) bool { return t.Slug == data.Theme })
		if i < 0 {
			s.BadRequest(w, r, "registry.error.bad_theme")
			return
		}
		data.ThemeName = themes[i].Name
		if data.Training, data.Materials, err = s.Store.TrainingOnTheme(ctx, data.Theme); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	list, total, err := s.Store.Practices(ctx, store.PracticeFilter{Theme: data.Theme, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	pg.Total = total
	if pg.Number > pg.Pages() {
		s.NotFound(w, r)
		return
	}
	data.Practices, data.Pager = list, pg
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "practices", core.Page{L: l, Title: l.T("registry.practices.title"), Description: l.T("registry.practices.description"), Data: data})
}

// PracticePage is /buone-pratiche/{slug}: one published practice.
func (s *Handler) PracticePage(w http.ResponseWriter, r *http.Request) {
	d, err := s.Store.PracticeBySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "practice", core.Page{L: l, Title: d.Title, Description: l.T("registry.practice.description", "Title", d.Title, "Body", d.Body.Name), Data: d})
}
