package web

import (
	"net/http"

	"benicommunity/internal/domain"
)

type adminHomeData struct {
	Bodies []domain.BodyRef // bodies the account is referent of
}

// adminHome is the first page after login: what this account may do.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	u := CurrentUser(r)
	var d adminHomeData
	if len(u.Bodies) > 0 {
		refs, err := s.store.BodyRefsByID(r.Context(), u.Bodies)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Bodies = refs
	}
	l := s.localizer(r)
	s.render(w, r, http.StatusOK, "admin_home", page{L: l, Title: l.T("admin.home.title"), Data: d})
}
