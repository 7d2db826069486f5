package public

import (
	"html/template"
	"net/http"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type aboutData struct {
	About store.About
	Body  template.HTML // the coordinators' Markdown, rendered and sanitised
}

// About is "Chi siamo": who coordinates the network, its partners, since
// when and how it works, as the coordinators wrote it in the backoffice.
// Until they do, the page says what it is for.
func (s *Handler) About(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	a, err := s.Store.About(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := aboutData{About: a}
	if a.BodyMarkdown != "" {
		if d.Body, err = s.Markdown.Render(a.BodyMarkdown); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	s.Render(w, r, http.StatusOK, "about", core.Page{L: l, Title: l.T("outreach.about.title"), Description: l.T("outreach.about.description"), Data: d})
}
