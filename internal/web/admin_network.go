package web

import (
	"context"
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
	s.submitNetworkForm(w, r, "/admin/tipi", func(f *form) func(context.Context) error {
		in := readType(f)
		in.Slug = store.Slugify(in.Name)
		return func(ctx context.Context) error {
			_, err := s.store.CreateActivityType(ctx, actor(r), in)
			return err
		}
	}, func(f *form) { s.renderTypes(w, r, http.StatusUnprocessableEntity, 0, nil, f) })
}

func (s *Server) updateType(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.submitNetworkForm(w, r, "/admin/tipi", func(f *form) func(context.Context) error {
		in := readType(f)
		return func(ctx context.Context) error { return s.store.UpdateActivityType(ctx, actor(r), id, in) }
	}, func(f *form) { s.renderTypes(w, r, http.StatusUnprocessableEntity, id, f, nil) })
}

// submitNetworkForm is the flow shared by the type and community forms, so
// that each handler only says what it reads and how it saves. read checks the
// posted form and returns the save to run when the form is valid. A taken name
// (ErrConflict, only a create can hit it: names are free, slugs are unique)
// becomes an error on the name field, a vanished row (ErrNotFound, only an
// update) a 404; success goes back to list with the "saved" flash, and an
// invalid form is shown again by rerender.
func (s *Server) submitNetworkForm(w http.ResponseWriter, r *http.Request, list string,
	read func(*form) func(context.Context) error, rerender func(*form)) {
	if err := parseForm(w, r); err != nil {
		s.badRequest(w, r, "auth.error.form")
		return
	}
	f := newForm(s.localizer(r), r.PostForm)
	save := read(f)
	if f.OK() {
		err := save(r.Context())
		switch {
		case err == nil:
			http.Redirect(w, r, list+"?fatto=1", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrConflict):
			f.Fail("name", "admin.error.name_taken")
		case errors.Is(err, store.ErrNotFound):
			s.notFound(w, r)
			return
		default:
			s.serverError(w, r, err)
			return
		}
	}
	rerender(f)
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
	s.submitNetworkForm(w, r, "/admin/community", func(f *form) func(context.Context) error {
		in := readCommunity(f)
		in.Slug = store.Slugify(in.Name)
		return func(ctx context.Context) error {
			_, err := s.store.CreateCommunity(ctx, actor(r), in)
			return err
		}
	}, func(f *form) { s.renderCommunities(w, r, http.StatusUnprocessableEntity, 0, nil, f) })
}

func (s *Server) updateCommunity(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.submitNetworkForm(w, r, "/admin/community", func(f *form) func(context.Context) error {
		in := readCommunity(f)
		return func(ctx context.Context) error { return s.store.UpdateCommunity(ctx, actor(r), id, in) }
	}, func(f *form) { s.renderCommunities(w, r, http.StatusUnprocessableEntity, id, f, nil) })
}
