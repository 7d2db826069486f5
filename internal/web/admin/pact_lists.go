package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// The lists pacts choose from, kept by coordinators: kinds of commons
// (network-wide) and the types of pact of each body (as its regulation
// names them; a body without its own uses the network's defaults).

type kindsData struct {
	Form  *core.Form
	Kinds []domain.CommonsKind
}

// CommonsKinds lists the kinds of commons with a form to add one.
func (s *Handler) CommonsKinds(w http.ResponseWriter, r *http.Request) {
	s.renderKinds(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil))
}

func (s *Handler) renderKinds(w http.ResponseWriter, r *http.Request, status int, f *core.Form) {
	kinds, err := s.Store.CommonsKinds(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.kinds.title"), Data: kindsData{Form: f, Kinds: kinds}}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.kinds.saved")
	}
	s.Render(w, r, status, "admin_pact_kinds", p)
}

// listName reads the name and the optional slug of a new list item.
func listName(f *core.Form) (slug, name string) {
	name = f.Required("name")
	f.MaxLen("name", 100)
	slug = f.Get("slug")
	if slug == "" {
		slug = store.Slugify(name)
	}
	if name != "" && (slug == "" || store.Slugify(slug) != slug) {
		f.Fail("slug", "admin.error.slug")
	}
	return slug, name
}

// CreateCommonsKind adds a kind of commons (coordinators).
func (s *Handler) CreateCommonsKind(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	slug, name := listName(f)
	if f.OK() {
		_, err := s.Store.CreateCommonsKind(r.Context(), core.CurrentUser(r), slug, name)
		if err == nil {
			http.Redirect(w, r, "/admin/patti/beni?fatto=1", http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrConflict) {
			s.registryWriteFailed(w, r, err)
			return
		}
		f.Fail("name", "admin.error.name_taken")
	}
	s.renderKinds(w, r, http.StatusUnprocessableEntity, f)
}

type pactTypesData struct {
	Form   *core.Form
	Bodies []core.Option
	Body   int64
	Types  []domain.PactType
}

// PactTypes shows the types of pact of a body (?ente=) with a form to add one.
func (s *Handler) PactTypes(w http.ResponseWriter, r *http.Request) {
	v := url.Values{"body_id": {r.URL.Query().Get("ente")}}
	s.renderPactTypes(w, r, http.StatusOK, core.NewForm(s.Localizer(r), v))
}

func (s *Handler) renderPactTypes(w http.ResponseWriter, r *http.Request, status int, f *core.Form) {
	l := s.Localizer(r)
	refs, err := s.Store.AllBodyRefs(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := pactTypesData{Form: f, Bodies: bodyOptions(refs, l.T("admin.form.choose"))}
	if id, err := strconv.ParseInt(f.Get("body_id"), 10, 64); err == nil && id > 0 {
		d.Body = id
		if d.Types, err = s.Store.PactTypes(r.Context(), id); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	p := core.Page{L: l, Title: l.T("admin.pacttypes.title"), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.kinds.saved")
	}
	s.Render(w, r, status, "admin_pact_types", p)
}

// CreatePactType adds a type of pact to a body (coordinators).
func (s *Handler) CreatePactType(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	body := optionalID(f, "body_id")
	if body == nil && f.Err("body_id") == "" {
		f.Fail("body_id", "admin.error.required")
	}
	slug, name := listName(f)
	if f.OK() {
		_, err := s.Store.CreatePactType(r.Context(), core.CurrentUser(r), *body, slug, name)
		if err == nil {
			http.Redirect(w, r, "/admin/patti/tipi?fatto=1&ente="+strconv.FormatInt(*body, 10), http.StatusSeeOther)
			return
		}
		switch {
		case errors.Is(err, store.ErrConflict):
			f.Fail("name", "admin.error.name_taken")
		case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrInvalid):
			f.Fail("body_id", "admin.registry.error.choose")
		default:
			s.registryWriteFailed(w, r, err)
			return
		}
	}
	s.renderPactTypes(w, r, http.StatusUnprocessableEntity, f)
}
