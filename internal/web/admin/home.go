package admin

import (
	"net/http"

	"benicommunity/internal/domain"
	"benicommunity/internal/web/core"
)

type adminHomeData struct {
	Bodies []domain.BodyRef // bodies the account is referent of
}

// Home is the first page after login: what this account may do.
func (s *Handler) Home(w http.ResponseWriter, r *http.Request) {
	u := core.CurrentUser(r)
	var d adminHomeData
	if len(u.Bodies) > 0 {
		refs, err := s.Store.BodyRefsByID(r.Context(), u.Bodies)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		d.Bodies = refs
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.home.title"), Data: d}
	if r.URL.Query().Get("password") != "" {
		p.Flash = l.T("admin.password.changed")
	}
	s.Render(w, r, http.StatusOK, "admin_home", p)
}
