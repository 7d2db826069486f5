package core

import (
	"log/slog"
	"net/http"
)

type ErrorPage struct {
	Status  int
	TitleID string
	TextID  string
	Detail  string // a plain-Italian hint about what to fix, already translated
}

func (s *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	s.RenderError(w, r, ErrorPage{Status: http.StatusNotFound, TitleID: "error.not_found.title", TextID: "error.not_found.text"})
}

// badRequest answers 400 with a message saying what to fix.
func (s *Site) BadRequest(w http.ResponseWriter, r *http.Request, detailID string) {
	l := s.Localizer(r)
	s.RenderError(w, r, ErrorPage{Status: http.StatusBadRequest, TitleID: "error.bad_request.title", TextID: "error.bad_request.text", Detail: l.T(detailID)})
}

// serverError logs the cause once and shows a page without internals.
func (s *Site) ServerError(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.RenderError(w, r, ErrorPage{Status: http.StatusInternalServerError, TitleID: "error.server.title", TextID: "error.server.text"})
}

func (s *Site) RenderError(w http.ResponseWriter, r *http.Request, e ErrorPage) {
	l := s.Localizer(r)
	t := s.views.pages["error"]
	p := Page{L: l, Title: l.T(e.TitleID), Path: r.URL.Path, User: CurrentUser(r), Data: e}
	if c, regions, err := s.chrome(r.Context()); err == nil {
		p.Network = c.Network
		p.Chrome = Chrome{Regions: regions, ContactEmail: c.ContactEmail, ContactOffice: c.ContactOffice}
	} else {
		p.Network.Name = l.T("site.name")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(e.Status)
	if t == nil {
		w.Write([]byte(l.T(e.TitleID)))
		return
	}
	if err := t.ExecuteTemplate(w, "layout", p); err != nil {
		s.Log.Error("render error page", slog.Any("err", err))
	}
}
