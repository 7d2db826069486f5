package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type typeRow struct {
	Counter domain.Counter
	Form    *core.Form
}

type adminTypesData struct {
	Rows []typeRow
	New  *core.Form
}

// Types lists the activity types with their baseline and counter, each
// row its own form.
func (s *Handler) Types(w http.ResponseWriter, r *http.Request) {
	s.renderTypes(w, r, http.StatusOK, 0, nil, nil)
}

func (s *Handler) renderTypes(w http.ResponseWriter, r *http.Request, status int, failedID int64, failed, nf *core.Form) {
	l := s.Localizer(r)
	counters, err := s.Store.Counters(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := adminTypesData{New: nf}
	if d.New == nil {
		d.New = core.NewForm(l, nil)
	}
	for _, c := range counters {
		f := failed
		if c.Type.ID != failedID || f == nil {
			f = core.NewForm(l, nil)
			f.Values.Set("name", c.Type.Name)
			f.Values.Set("description", c.Type.Description)
			f.Values.Set("baseline", strconv.Itoa(c.Type.Baseline))
		}
		f.IDPrefix = "t" + strconv.FormatInt(c.Type.ID, 10) + "-"
		d.Rows = append(d.Rows, typeRow{Counter: c, Form: f})
	}
	p := core.Page{L: l, Title: l.T("admin.types.title"), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.saved")
	}
	s.Render(w, r, status, "admin_types", p)
}

func readType(f *core.Form) store.TypeInput {
	in := store.TypeInput{Name: f.Required("name"), Description: f.Get("description")}
	f.MaxLen("name", 120)
	f.MaxLen("description", 2000)
	if b := f.OptionalInt("baseline"); b != nil {
		in.Baseline = *b
	}
	return in
}

func (s *Handler) CreateType(w http.ResponseWriter, r *http.Request) {
	s.submitNetworkForm(w, r, "/admin/tipi", func(f *core.Form) func(context.Context) error {
		in := readType(f)
		in.Slug = store.Slugify(in.Name)
		return func(ctx context.Context) error {
			_, err := s.Store.CreateActivityType(ctx, core.Actor(r), in)
			return err
		}
	}, func(f *core.Form) { s.renderTypes(w, r, http.StatusUnprocessableEntity, 0, nil, f) })
}

func (s *Handler) UpdateType(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	s.submitNetworkForm(w, r, "/admin/tipi", func(f *core.Form) func(context.Context) error {
		in := readType(f)
		return func(ctx context.Context) error { return s.Store.UpdateActivityType(ctx, core.Actor(r), id, in) }
	}, func(f *core.Form) { s.renderTypes(w, r, http.StatusUnprocessableEntity, id, f, nil) })
}

// submitNetworkForm is the flow shared by the type and community forms, so
// that each handler only says what it reads and how it saves. read checks the
// posted form and returns the save to run when the form is valid. A taken name
// (ErrConflict, only a create can hit it: names are free, slugs are unique)
// becomes an error on the name field, a vanished row (ErrNotFound, only an
// update) a 404; success goes back to list with the "saved" flash, and an
// invalid form is shown again by rerender.
func (s *Handler) submitNetworkForm(w http.ResponseWriter, r *http.Request, list string,
	read func(*core.Form) func(context.Context) error, rerender func(*core.Form)) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
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
			s.NotFound(w, r)
			return
		default:
			s.ServerError(w, r, err)
			return
		}
	}
	rerender(f)
}

type communityRow struct {
	Community domain.Community
	Form      *core.Form
}

type adminCommunitiesData struct {
	Rows []communityRow
	New  *core.Form
}

func (s *Handler) Communities(w http.ResponseWriter, r *http.Request) {
	s.renderCommunities(w, r, http.StatusOK, 0, nil, nil)
}

func (s *Handler) renderCommunities(w http.ResponseWriter, r *http.Request, status int, failedID int64, failed, nf *core.Form) {
	l := s.Localizer(r)
	list, err := s.Store.Communities(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := adminCommunitiesData{New: nf}
	if d.New == nil {
		d.New = core.NewForm(l, nil)
	}
	for _, c := range list {
		f := failed
		if c.ID != failedID || f == nil {
			f = core.NewForm(l, nil)
			f.Values.Set("name", c.Name)
			f.Values.Set("description", c.Description)
		}
		f.IDPrefix = "c" + strconv.FormatInt(c.ID, 10) + "-"
		d.Rows = append(d.Rows, communityRow{Community: c, Form: f})
	}
	p := core.Page{L: l, Title: l.T("admin.communities.title"), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.saved")
	}
	s.Render(w, r, status, "admin_communities", p)
}

func readCommunity(f *core.Form) store.CommunityInput {
	in := store.CommunityInput{Name: f.Required("name"), Description: f.Get("description")}
	f.MaxLen("name", 120)
	f.MaxLen("description", 2000)
	return in
}

func (s *Handler) CreateCommunity(w http.ResponseWriter, r *http.Request) {
	s.submitNetworkForm(w, r, "/admin/community", func(f *core.Form) func(context.Context) error {
		in := readCommunity(f)
		in.Slug = store.Slugify(in.Name)
		return func(ctx context.Context) error {
			_, err := s.Store.CreateCommunity(ctx, core.Actor(r), in)
			return err
		}
	}, func(f *core.Form) { s.renderCommunities(w, r, http.StatusUnprocessableEntity, 0, nil, f) })
}

func (s *Handler) UpdateCommunity(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	s.submitNetworkForm(w, r, "/admin/community", func(f *core.Form) func(context.Context) error {
		in := readCommunity(f)
		return func(ctx context.Context) error { return s.Store.UpdateCommunity(ctx, core.Actor(r), id, in) }
	}, func(f *core.Form) { s.renderCommunities(w, r, http.StatusUnprocessableEntity, id, f, nil) })
}
