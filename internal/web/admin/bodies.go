package admin

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type adminBodiesData struct {
	Bodies []domain.Body
	Pager  core.Pager
	List   core.ListState
}

// Bodies lists every body to coordinators, and their own bodies to referents.
func (s *Handler) Bodies(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"name", "kind", "region", "updated"}, "name")
	if !ok {
		return
	}
	u := core.CurrentUser(r)
	f := store.AdminBodyFilter{Query: ls.Query, Sort: ls.Sort, Desc: ls.Desc, Limit: ls.Pager.Size, Offset: ls.Pager.Offset()}
	if !u.IsCoordinator() {
		f.IDs = append([]int64{}, u.Bodies...)
	}
	bodies, ok := core.FetchList(s.Site, w, r, &ls, func() ([]domain.Body, int, error) { return s.Store.AdminBodies(r.Context(), f) })
	if !ok {
		return
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.bodies.title"), Data: adminBodiesData{Bodies: bodies, Pager: ls.Pager, List: ls}}
	if r.URL.Query().Get("unito") != "" {
		p.Flash = l.T("admin.body.merged")
	}
	s.Render(w, r, http.StatusOK, "admin_bodies", p)
}

type bodyFormData struct {
	Form    *core.Form
	ID      int64
	Name    string
	Slug    string
	Full    bool // all fields (coordinator) or the profile only (referent)
	Kinds   []core.Option
	Parents []core.Option
	HasLogo bool
	// Regulation is the label of the body's regulation status; its record
	// is edited on its own page.
	Regulation string
	// ComuniHref is the no-JavaScript search of the ISTAT registry, asked
	// with the name typed so far.
	ComuniHref string
}

func (s *Handler) renderBodyForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form, id int64, name, slug string) {
	l := s.Localizer(r)
	d := bodyFormData{Form: f, ID: id, Name: name, Slug: slug, Full: core.CurrentUser(r).IsCoordinator()}
	d.ComuniHref = "/enti/comuni?" + url.Values{"q": {comuneQuery(f.Get("name"))}}.Encode()
	if d.Full {
		for _, k := range domain.BodyKinds {
			d.Kinds = append(d.Kinds, core.Option{Value: string(k), Label: l.T("kind." + string(k))})
		}
		refs, err := s.Store.AllBodyRefs(r.Context())
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		d.Parents = append(d.Parents, core.Option{Value: "", Label: l.T("admin.body.no_parent")})
		for _, b := range refs {
			if b.ID != id {
				d.Parents = append(d.Parents, core.Option{Value: strconv.FormatInt(b.ID, 10), Label: b.Name})
			}
		}
	}
	if id != 0 {
		_, err := s.Store.Logo(r.Context(), id)
		d.HasLogo = err == nil
		reg, _, err := s.Store.Regulation(r.Context(), id)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		d.Regulation = l.T(reg.Status.LabelKey())
	}
	title := l.T("admin.body.new_title")
	if id != 0 {
		title = l.T("admin.body.edit_title", "Name", name)
	}
	p := core.Page{L: l, Title: title, Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.body.saved")
	}
	s.Render(w, r, status, "admin_body", p)
}

func bodyValues(b store.BodyInput) url.Values {
	v := url.Values{}
	v.Set("name", b.Name)
	v.Set("slug", b.Slug)
	v.Set("kind", b.Kind)
	if b.ParentID != nil {
		v.Set("parent", strconv.FormatInt(*b.ParentID, 10))
	}
	v.Set("istat_code", b.ISTATCode)
	v.Set("province", b.Province)
	v.Set("province_code", b.ProvinceCode)
	v.Set("region", b.Region)
	if b.Latitude != nil {
		v.Set("latitude", strconv.FormatFloat(*b.Latitude, 'f', -1, 64))
		v.Set("longitude", strconv.FormatFloat(*b.Longitude, 'f', -1, 64))
	}
	v.Set("website", b.Website)
	v.Set("description", b.Description)
	v.Set("contact_office", b.ContactOffice)
	return v
}

var (
	istatPattern    = regexp.MustCompile(`^[0-9]{6}$`)
	provincePattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// readProfile validates the fields a referent may edit.
func readProfile(f *core.Form) store.BodyProfile {
	var p store.BodyProfile
	p.Description = f.Get("description")
	f.MaxLen("description", 5000)
	p.Website = f.Get("website")
	if p.Website != "" {
		u, err := url.Parse(p.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			f.Fail("website", "admin.body.error.website")
		}
	}
	p.ContactOffice = f.Get("contact_office")
	f.MaxLen("contact_office", 500)
	return p
}

// readBody validates the whole body form (coordinators). An ISTAT code must
// be one the registry knows; it fills the province, its code and the region
// (the registry is the reference), and the name of a Comune left without one.
func readBody(f *core.Form, selfID int64, reg *istat.Registry) store.BodyInput {
	fillFromRegistry(f, reg)
	p := readProfile(f)
	in := store.BodyInput{Description: p.Description, Website: p.Website, ContactOffice: p.ContactOffice}
	in.Name = f.Required("name")
	f.MaxLen("name", 200)
	in.Slug = f.Get("slug")
	if in.Slug == "" && in.Name != "" {
		in.Slug = store.Slugify(in.Name)
	}
	if in.Slug != "" && store.Slugify(in.Slug) != in.Slug {
		f.Fail("slug", "admin.error.slug")
	}
	in.Kind = f.Get("kind")
	if !domain.BodyKind(in.Kind).Valid() {
		f.Fail("kind", "admin.body.error.kind")
	}
	if v := f.Get("parent"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id == selfID {
			f.Fail("parent", "admin.body.error.parent")
		} else {
			in.ParentID = &id
		}
	}
	in.ISTATCode = f.Get("istat_code")
	in.Province, in.Region = f.Get("province"), f.Get("region")
	in.ProvinceCode = strings.ToUpper(f.Get("province_code"))
	if in.ProvinceCode != "" && !provincePattern.MatchString(in.ProvinceCode) {
		f.Fail("province_code", "admin.body.error.province_code")
	}
	in.Latitude = f.OptionalFloat("latitude", -90, 90)
	in.Longitude = f.OptionalFloat("longitude", -180, 180)
	if (in.Latitude == nil) != (in.Longitude == nil) && f.Err("latitude") == "" && f.Err("longitude") == "" {
		f.Fail("latitude", "admin.body.error.coordinates")
	}
	return in
}

// fillFromRegistry checks the posted ISTAT code and, when the registry knows
// it, writes the registry's facts into the form, so that a re-rendered form
// shows them too. An unknown code leaves everything as typed.
func fillFromRegistry(f *core.Form, reg *istat.Registry) {
	code := f.Get("istat_code")
	if code == "" {
		return
	}
	if !istatPattern.MatchString(code) {
		f.Fail("istat_code", "admin.body.error.istat")
		return
	}
	c, ok := reg.ByCode(code)
	if !ok {
		f.Fail("istat_code", "admin.body.error.istat_unknown", "Code", code)
		return
	}
	f.Values.Set("province", c.ProvinceName)
	f.Values.Set("province_code", c.ProvinceSigla)
	f.Values.Set("region", c.RegionName)
	if f.Get("name") == "" && f.Get("kind") == string(domain.KindComune) {
		f.Values.Set("name", "Comune di "+c.Name)
	}
}

func bodySaveError(f *core.Form, err error) bool {
	switch {
	case errors.Is(err, store.ErrConflict):
		if f.Get("istat_code") != "" {
			f.Fail("istat_code", "admin.body.error.taken")
		} else {
			f.Fail("slug", "admin.error.slug_taken")
		}
	case errors.Is(err, store.ErrInUse):
		f.Fail("parent", "admin.body.error.parent")
	default:
		return false
	}
	return true
}

func (s *Handler) NewBodyForm(w http.ResponseWriter, r *http.Request) {
	s.renderBodyForm(w, r, http.StatusOK, core.NewForm(s.Localizer(r), url.Values{"kind": {"comune"}}), 0, "", "")
}

func (s *Handler) CreateBody(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	in := readBody(f, 0, s.istat)
	if f.OK() {
		id, err := s.Store.CreateBodyAudited(r.Context(), core.Actor(r), in)
		if err == nil {
			http.Redirect(w, r, "/admin/enti/"+strconv.FormatInt(id, 10)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !bodySaveError(f, err) {
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderBodyForm(w, r, http.StatusUnprocessableEntity, f, 0, "", "")
}

// bodyForEdit reads {id}, loads the body and checks the account may edit
// it: the server refuses a referent on another body even if the URL is typed.
func (s *Handler) bodyForEdit(w http.ResponseWriter, r *http.Request) (int64, store.BodyInput, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.NotFound(w, r)
		return 0, store.BodyInput{}, false
	}
	if !core.CurrentUser(r).CanEditBody(id) {
		s.forbidden(w, r)
		return 0, store.BodyInput{}, false
	}
	b, err := s.Store.BodyInputByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return 0, b, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return 0, b, false
	}
	return id, b, true
}

func (s *Handler) EditBodyForm(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	s.renderBodyForm(w, r, http.StatusOK, core.NewForm(s.Localizer(r), bodyValues(b)), id, b.Name, b.Slug)
}

func (s *Handler) UpdateBody(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	var err error
	// The regulation has its own page (regulations.go): the body form
	// passes on the record as it is, so saving the body leaves it alone.
	if core.CurrentUser(r).IsCoordinator() {
		in := readBody(f, id, s.istat)
		in.RegulationAdopted, in.RegulationAdoptedOn = b.RegulationAdopted, b.RegulationAdoptedOn
		if f.OK() {
			err = s.Store.UpdateBody(r.Context(), core.Actor(r), id, in)
		}
	} else {
		p := readProfile(f)
		p.RegulationAdopted, p.RegulationAdoptedOn = b.RegulationAdopted, b.RegulationAdoptedOn
		if f.OK() {
			err = s.Store.UpdateBodyProfile(r.Context(), core.Actor(r), id, p)
		}
	}
	if f.OK() {
		if err == nil {
			http.Redirect(w, r, "/admin/enti/"+strconv.FormatInt(id, 10)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !bodySaveError(f, err) {
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderBodyForm(w, r, http.StatusUnprocessableEntity, f, id, b.Name, b.Slug)
}

// comuneQuery is what to look up in the registry for a body's name: the
// place, without "Comune di".
func comuneQuery(name string) string {
	for _, prefix := range []string{"Comune di ", "Comune d'", "Città di "} {
		if len(name) > len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) {
			return strings.TrimSpace(name[len(prefix):])
		}
	}
	return name
}

// maxLogo is the largest logo accepted.
const maxLogo = 1 << 20

// UploadLogo stores a body's logo: a PNG, JPEG, GIF or WebP image, checked by content.
func (s *Handler) UploadLogo(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, bodyValues(b))
	fail := func(status int, msgID string, args ...any) {
		f.Fail("logo", msgID, args...)
		s.renderBodyForm(w, r, status, f, id, b.Name, b.Slug)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxLogo+64<<10)
	if err := r.ParseMultipartForm(maxLogo + 64<<10); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", "Max", core.SizeLabel(l, maxLogo))
			return
		}
		fail(http.StatusBadRequest, "admin.attachments.error.unreadable")
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, header, err := r.FormFile("logo")
	if err != nil {
		fail(http.StatusUnprocessableEntity, "admin.attachments.error.missing")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxLogo+1))
	if err != nil || len(data) > maxLogo {
		fail(http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", "Max", core.SizeLabel(l, maxLogo))
		return
	}
	kind, known, nameOK := sniffFile(cleanFilename(header.Filename), data)
	if !known || !strings.HasPrefix(kind.ContentType, "image/") {
		fail(http.StatusUnsupportedMediaType, "admin.body.error.logo_kind")
		return
	}
	if !nameOK {
		fail(http.StatusUnsupportedMediaType, "admin.attachments.error.disguised", "Kind", kind.Exts[0])
		return
	}
	if err := s.Store.SetBodyLogo(r.Context(), core.Actor(r), id, kind.ContentType, data); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/enti/"+strconv.FormatInt(id, 10)+"?fatto=1", http.StatusSeeOther)
}

type mergeData struct {
	Form   *core.Form
	ID     int64
	Name   string
	Bodies []core.Option
}

func (s *Handler) mergeOptions(r *http.Request, id int64) ([]core.Option, error) {
	l := s.Localizer(r)
	refs, err := s.Store.AllBodyRefs(r.Context())
	if err != nil {
		return nil, err
	}
	opts := []core.Option{{Value: "", Label: l.T("admin.form.choose")}}
	for _, b := range refs {
		if b.ID != id {
			opts = append(opts, core.Option{Value: strconv.FormatInt(b.ID, 10), Label: b.Name + " (" + b.Slug + ")"})
		}
	}
	return opts, nil
}

// MergeBodyForm asks which duplicate to fold into this body.
func (s *Handler) MergeBodyForm(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	s.renderMerge(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil), id, b.Name)
}

func (s *Handler) renderMerge(w http.ResponseWriter, r *http.Request, status int, f *core.Form, id int64, name string) {
	opts, err := s.mergeOptions(r, id)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, status, "admin_body_merge", core.Page{L: l, Title: l.T("admin.body.merge_title", "Name", name), Data: mergeData{Form: f, ID: id, Name: name, Bodies: opts}})
}

func (s *Handler) MergeBody(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	dup, err := strconv.ParseInt(f.Get("duplicate"), 10, 64)
	if err != nil || dup == id {
		f.Fail("duplicate", "admin.body.error.duplicate")
	}
	if !f.Bool("confirm") {
		f.Fail("confirm", "admin.body.error.confirm_merge")
	}
	if f.OK() {
		err := s.Store.MergeBodies(r.Context(), core.Actor(r), id, dup)
		if err == nil {
			http.Redirect(w, r, "/admin/enti?unito=1", http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrNotFound) {
			s.ServerError(w, r, err)
			return
		}
		f.Fail("duplicate", "admin.body.error.duplicate")
	}
	s.renderMerge(w, r, http.StatusUnprocessableEntity, f, id, b.Name)
}
