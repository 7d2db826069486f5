package web

import (
	"errors"
	"net/http"
	"strconv"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

type typeRow struct {
	Counter domain.Counter
	Form    *form
}

type adminTypesData struct {
	Rows []typeRow
	New  *form
}

// adminTypes lists the activity types with their baseline and counter, each
// row its own form.
func (s *Server) adminTypes(w http.ResponseWriter, r *http.Request) {
	s.renderTypes(w, r, http.StatusOK, 0, nil, nil)
}

func (s *Server) renderTypes(w http.ResponseWriter, r *http.Request, status int, failedID int64, failed, nf *form) {
	l := s.localizer(r)
	counters, err := s.store.Counters(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := adminTypesData{New: nf}
	if d.New == nil {
		d.New = newForm(l, nil)
	}
	for _, c := range counters {
		f := failed
		if c.Type.ID != failedID || f == nil {
			f = newForm(l, nil)
			f.Values.Set("name", c.Type.Name)
			f.Values.Set("description", c.Type.Description)
			f.Values.Set("baseline", strconv.Itoa(c.Type.Baseline))
		}
		f.IDPrefix = "t" + strconv.FormatInt(c.Type.ID, 10) + "-"
		d.Rows = append(d.Rows, typeRow{Counter: c, Form: f})
	}
	p := page{L: l, Title: l.T("admin.types.title"), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.saved")
	}
	s.render(w, r, status, "admin_types", p)
}

func readType(f *form) store.TypeInput {
	in := store.TypeInput{Name: f.Required("name"), Description: f.Get("description")}
	f.MaxLen("name", 120)
	f.MaxLen("description", 2000)
	if b := f.OptionalInt("baseline"); b != nil {
		in.Baseline = *b
	}
	return in
}

func (s *Server) createType(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(s.localizer(r), r.PostForm)
	in := readType(f)
	in.Slug = store.Slugify(in.Name)
	if f.OK() {
		_, err := s.store.CreateActivityType(r.Context(), actor(r), in)
		if err == nil {
			http.Redirect(w, r, "/admin/tipi?fatto=1", http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrConflict) {
			s.serverError(w, r, err)
			return
		}
		f.Fail("name", "admin.error.name_taken")
	}
	s.renderTypes(w, r, http.StatusUnprocessableEntity, 0, nil, f)
}

func (s *Server) updateType(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(s.localizer(r), r.PostForm)
	in := readType(f)
	if f.OK() {
		err := s.store.UpdateActivityType(r.Context(), actor(r), id, in)
		switch {
		case err == nil:
			http.Redirect(w, r, "/admin/tipi?fatto=1", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrNotFound):
			s.notFound(w, r)
			return
		default:
			s.serverError(w, r, err)
			return
		}
	}
	s.renderTypes(w, r, http.StatusUnprocessableEntity, id, f, nil)
}

type communityRow struct {
	Community domain.Community
	Form      *form
}

type adminCommunitiesData struct {
	Rows []communityRow
	New  *form
}

func (s *Server) adminCommunities(w http.ResponseWriter, r *http.Request) {
	s.renderCommunities(w, r, http.StatusOK, 0, nil, nil)
}

func (s *Server) renderCommunities(w http.ResponseWriter, r *http.Request, status int, failedID int64, failed, nf *form) {
	l := s.localizer(r)
	list, err := s.store.Communities(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := adminCommunitiesData{New: nf}
	if d.New == nil {
		d.New = newForm(l, nil)
	}
	for _, c := range list {
		f := failed
		if c.ID != failedID || f == nil {
			f = newForm(l, nil)
			f.Values.Set("name", c.Name)
			f.Values.Set("description", c.Description)
		}
		f.IDPrefix = "c" + strconv.FormatInt(c.ID, 10) + "-"
		d.Rows = append(d.Rows, communityRow{Community: c, Form: f})
	}
	p := page{L: l, Title: l.T("admin.communities.title"), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.saved")
	}
	s.render(w, r, status, "admin_communities", p)
}

func readCommunity(f *form) store.CommunityInput {
	in := store.CommunityInput{Name: f.Required("name"), Description: f.Get("description")}
	f.MaxLen("name", 120)
	f.MaxLen("description", 2000)
	return in
}

func (s *Server) createCommunity(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(s.localizer(r), r.PostForm)
	in := readCommunity(f)
	in.Slug = store.Slugify(in.Name)
	if f.OK() {
		_, err := s.store.CreateCommunity(r.Context(), actor(r), in)
		if err == nil {
			http.Redirect(w, r, "/admin/community?fatto=1", http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrConflict) {
			s.serverError(w, r, err)
			return
		}
		f.Fail("name", "admin.error.name_taken")
	}
	s.renderCommunities(w, r, http.StatusUnprocessableEntity, 0, nil, f)
}

func (s *Server) updateCommunity(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(s.localizer(r), r.PostForm)
	in := readCommunity(f)
	if f.OK() {
		err := s.store.UpdateCommunity(r.Context(), actor(r), id, in)
		switch {
		case err == nil:
			http.Redirect(w, r, "/admin/community?fatto=1", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrNotFound):
			s.notFound(w, r)
			return
		default:
			s.serverError(w, r, err)
			return
		}
	}
	s.renderCommunities(w, r, http.StatusUnprocessableEntity, id, f, nil)
}
