package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// Pacts (patti di collaborazione) in the backoffice: a referent sees and
// edits the pacts of their own bodies, a coordinator those of every body.
// Every handler checks the account may edit the pact's body before the
// store checks it again.

type adminPactsData struct {
	Pacts    []domain.Pact
	Pager    core.Pager
	List     core.ListState
	Bodies   []core.Option
	Statuses []core.Option
}

// editableBodies are the bodies the account may choose: all for a
// coordinator, their own for a referent.
func (s *Handler) editableBodies(r *http.Request) ([]domain.BodyRef, error) {
	u := core.CurrentUser(r)
	if u.IsCoordinator() {
		return s.Store.AllBodyRefs(r.Context())
	}
	return s.Store.BodyRefsByID(r.Context(), u.Bodies)
}

func bodyOptions(refs []domain.BodyRef, first string) []core.Option {
	opts := []core.Option{{Value: "", Label: first}}
	for _, b := range refs {
		opts = append(opts, core.Option{Value: strconv.FormatInt(b.ID, 10), Label: b.Name})
	}
	return opts
}

// Pacts lists the pacts the account may edit, drafts included: search,
// filters by body and status, pages.
func (s *Handler) Pacts(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"id"}, "id")
	if !ok {
		return
	}
	u := core.CurrentUser(r)
	q := r.URL.Query()
	f := store.PactFilter{WithDrafts: true, Query: ls.Query, Limit: ls.Pager.Size, Offset: ls.Pager.Offset()}
	if !u.IsCoordinator() {
		f.BodyIDs = append([]int64{}, u.Bodies...)
	}
	if v := q.Get("ente"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !u.CanEditBody(id) {
			s.BadRequest(w, r, "admin.error.bad_list")
			return
		}
		f.BodyIDs = []int64{id}
	}
	if v := domain.PactStatus(q.Get("stato")); v != "" {
		if !v.Valid() {
			s.BadRequest(w, r, "admin.error.bad_list")
			return
		}
		f.Status = v
	}
	pacts, ok := core.FetchList(s.Site, w, r, &ls, func() ([]domain.Pact, int, error) {
		page, err := s.Store.Pacts(r.Context(), f)
		return page.Pacts, page.Total, err
	})
	if !ok {
		return
	}
	refs, err := s.editableBodies(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	d := adminPactsData{Pacts: pacts, Pager: ls.Pager, List: ls, Bodies: bodyOptions(refs, l.T("admin.pacts.all_bodies")), Statuses: statusOptions(l, domain.PactStatuses, l.T("admin.pacts.all_statuses"))}
	for i := range d.Bodies {
		d.Bodies[i].Selected = d.Bodies[i].Value == q.Get("ente")
	}
	for i := range d.Statuses {
		d.Statuses[i].Selected = d.Statuses[i].Value == q.Get("stato")
	}
	p := core.Page{L: l, Title: l.T("admin.pacts.title"), Data: d}
	if q.Get("eliminato") != "" {
		p.Flash = l.T("admin.pact.deleted")
	}
	if q.Get("importati") != "" {
		p.Flash = l.T("admin.import.done", "Created", q.Get("importati"), "Updated", q.Get("aggiornati"), "Unchanged", q.Get("invariati"))
	}
	s.Render(w, r, http.StatusOK, "admin_pacts", p)
}

type localizer interface {
	T(id string, args ...any) string
}

func statusOptions(l localizer, statuses []domain.PactStatus, first string) []core.Option {
	var opts []core.Option
	if first != "" {
		opts = append(opts, core.Option{Value: "", Label: first})
	}
	for _, st := range statuses {
		opts = append(opts, core.Option{Value: string(st), Label: l.T(st.LabelKey())})
	}
	return opts
}

// pactFormData is what the pact form shows.
type pactFormData struct {
	Form          *core.Form
	ID            int64 // 0 for a new pact
	Detail        store.PactDetail
	Bodies        []core.Option
	Kinds         []core.Option
	Types         []core.Option
	ProposerKinds []core.Option
	Statuses      []core.Option // the first status of a new pact
	Next          []core.Option // where the pact may move
	StatusForm    *core.Form
	FileForm      *core.Form
	Sections      []core.Option
}

func dayValue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func pactValues(in store.PactInput, themes, activities []string) url.Values {
	v := url.Values{}
	v.Set("body_id", strconv.FormatInt(in.BodyID, 10))
	v.Set("title", in.Title)
	v.Set("summary", in.Summary)
	if in.CommonsKindID != nil {
		v.Set("commons_kind", strconv.FormatInt(*in.CommonsKindID, 10))
	}
	if in.PactTypeID != nil {
		v.Set("pact_type", strconv.FormatInt(*in.PactTypeID, 10))
	}
	v.Set("address", in.Place.Address)
	v.Set("municipality", in.Place.Municipality)
	v.Set("neighbourhood", in.Place.Neighbourhood)
	v.Set("district", in.Place.District)
	if in.Place.Latitude != nil {
		v.Set("latitude", strconv.FormatFloat(*in.Place.Latitude, 'f', -1, 64))
		v.Set("longitude", strconv.FormatFloat(*in.Place.Longitude, 'f', -1, 64))
	}
	v.Set("proposer_kind", string(in.ProposerKind))
	if in.ProposerCount != nil {
		v.Set("proposer_count", strconv.Itoa(*in.ProposerCount))
	}
	v.Set("proposer_orgs", strings.Join(in.ProposerOrgs, "\n"))
	v.Set("status", string(in.Status))
	v.Set("status_on", dayValue(in.StatusOn))
	v.Set("signed_on", dayValue(in.SignedOn))
	if in.DurationMonths != nil {
		v.Set("duration_months", strconv.Itoa(*in.DurationMonths))
	}
	v.Set("ends_on", dayValue(in.EndsOn))
	v.Set("act_number", in.Act.Number)
	v.Set("act_date", dayValue(in.Act.Date))
	v.Set("act_url", in.Act.URL)
	v.Set("monitoring", in.Monitoring)
	v.Set("results", in.Results)
	v.Set("source_id", in.SourceID)
	v.Set("themes", strings.Join(themes, "\n"))
	v.Set("activities", strings.Join(activities, "\n"))
	return v
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func optionalID(f *core.Form, name string) *int64 {
	v := f.Get(name)
	if v == "" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		f.Fail(name, "admin.registry.error.choose")
		return nil
	}
	return &id
}

// readPact validates the pact form, in Italian, with the rules of the
// store (store.PactInput.Validate) so a refused form says what to fix.
// isNew reads the first status too.
func (s *Handler) readPact(r *http.Request, f *core.Form, isNew bool) store.PactInput {
	ctx := r.Context()
	var in store.PactInput
	if id := optionalID(f, "body_id"); id != nil {
		in.BodyID = *id
	} else if f.Err("body_id") == "" {
		f.Fail("body_id", "admin.error.required")
	}
	in.Title = f.Required("title")
	f.MaxLen("title", 300)
	in.Summary = f.Get("summary")
	f.MaxLen("summary", 20000)
	in.CommonsKindID = optionalID(f, "commons_kind")
	in.PactTypeID = optionalID(f, "pact_type")
	if in.PactTypeID != nil && in.BodyID != 0 {
		types, err := s.Store.PactTypes(ctx, in.BodyID)
		found := false
		for _, t := range types {
			found = found || t.ID == *in.PactTypeID
		}
		if err == nil && !found {
			f.Fail("pact_type", "admin.pact.error.type_of_body")
		}
	}
	in.Place = domain.Place{Address: f.Get("address"), Municipality: f.Get("municipality"), Neighbourhood: f.Get("neighbourhood"), District: f.Get("district")}
	for _, n := range []string{"address", "municipality", "neighbourhood", "district"} {
		f.MaxLen(n, 300)
	}
	in.Place.Latitude = f.OptionalFloat("latitude", -90, 90)
	in.Place.Longitude = f.OptionalFloat("longitude", -180, 180)
	if (in.Place.Latitude == nil) != (in.Place.Longitude == nil) && f.Err("latitude") == "" && f.Err("longitude") == "" {
		f.Fail("latitude", "admin.body.error.coordinates")
	}
	in.ProposerKind = domain.ProposerKind(f.Get("proposer_kind"))
	if in.ProposerKind != "" && !in.ProposerKind.Valid() {
		f.Fail("proposer_kind", "admin.registry.error.choose")
	}
	in.ProposerCount = f.OptionalInt("proposer_count")
	in.ProposerOrgs = lines(f.Raw("proposer_orgs"))
	f.MaxLen("proposer_orgs", 2000)
	if len(in.ProposerOrgs) > 0 && (in.ProposerKind == "" || !in.ProposerKind.MayNameOrganisations()) {
		f.Fail("proposer_orgs", "admin.pact.error.orgs_private")
	}
	if isNew {
		in.Status = domain.PactStatus(f.Get("status"))
		if !in.Status.Valid() {
			f.Fail("status", "admin.registry.error.choose")
		}
		in.StatusOn = f.Date("status_on", false)
	} else {
		in.Status = domain.PactStatus(f.Get("current_status"))
	}
	in.SignedOn = f.Date("signed_on", false)
	in.DurationMonths = f.OptionalInt("duration_months")
	if in.DurationMonths != nil && *in.DurationMonths == 0 {
		f.Fail("duration_months", "admin.pact.error.duration")
	}
	in.EndsOn = f.Date("ends_on", false)
	if in.SignedOn != nil && in.Status.Valid() && !in.Status.IsSigned() && in.Status != domain.PactArchived {
		f.Fail("signed_on", "admin.pact.error.signed_status")
	}
	if f.Err("signed_on") == "" && f.Err("duration_months") == "" && f.Err("ends_on") == "" {
		if _, err := domain.ValidatePactDates(in.SignedOn, in.DurationMonths, in.EndsOn); err != nil {
			f.Fail("ends_on", "admin.pact.error.dates")
		}
	}
	in.Act = domain.Act{Number: f.Get("act_number"), Date: f.Date("act_date", false), URL: checkURL(f, "act_url")}
	f.MaxLen("act_number", 50)
	in.Monitoring = f.Get("monitoring")
	f.MaxLen("monitoring", 20000)
	in.Results = f.Get("results")
	f.MaxLen("results", 20000)
	in.SourceID = f.Get("source_id")
	f.MaxLen("source_id", 100)
	if slugs := lines(f.Raw("themes")); len(slugs) > 0 {
		ids, err := s.Store.ThemeIDs(ctx, slugs)
		if err == nil {
			for _, sl := range slugs {
				id, ok := ids[sl]
				if !ok {
					f.Fail("themes", "admin.pact.error.theme", "Slug", sl)
					break
				}
				in.ThemeIDs = append(in.ThemeIDs, id)
			}
		}
	}
	if slugs := lines(f.Raw("activities")); len(slugs) > 0 {
		if len(slugs) > 30 {
			f.Fail("activities", "admin.pact.error.activity", "Slug", slugs[30])
		}
		for _, sl := range slugs[:min(len(slugs), 30)] {
			a, err := s.Store.Activity(ctx, sl)
			if err != nil {
				f.Fail("activities", "admin.pact.error.activity", "Slug", sl)
				break
			}
			in.ActivityIDs = append(in.ActivityIDs, a.ID)
		}
	}
	return in
}

func (s *Handler) renderPactForm(w http.ResponseWriter, r *http.Request, status int, d pactFormData) {
	ctx := r.Context()
	l := s.Localizer(r)
	refs, err := s.editableBodies(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Bodies = bodyOptions(refs, l.T("admin.form.choose"))
	kinds, err := s.Store.CommonsKinds(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Kinds = []core.Option{{Value: "", Label: l.T("admin.pact.not_given")}}
	for _, k := range kinds {
		d.Kinds = append(d.Kinds, core.Option{Value: strconv.FormatInt(k.ID, 10), Label: k.Name})
	}
	d.Types = []core.Option{{Value: "", Label: l.T("admin.pact.not_given")}}
	if body, err := strconv.ParseInt(d.Form.Get("body_id"), 10, 64); err == nil && body > 0 {
		types, err := s.Store.PactTypes(ctx, body)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		for _, t := range types {
			d.Types = append(d.Types, core.Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
		}
	}
	d.ProposerKinds = []core.Option{{Value: "", Label: l.T("admin.pact.not_given")}}
	for _, k := range domain.ProposerKinds {
		d.ProposerKinds = append(d.ProposerKinds, core.Option{Value: string(k), Label: l.T(k.LabelKey())})
	}
	d.Statuses = statusOptions(l, domain.PactStatuses, "")
	if d.ID != 0 {
		d.Next = statusOptions(l, d.Detail.Pact.Status.Next(), "")
		if d.StatusForm == nil {
			d.StatusForm = core.NewForm(l, url.Values{"on": {time.Now().Format(time.DateOnly)}})
		}
		d.StatusForm.IDPrefix = "s-"
		if d.FileForm == nil {
			d.FileForm = core.NewForm(l, url.Values{"section": {"pact"}})
		}
		d.Sections = []core.Option{{Value: "pact", Label: l.T("admin.registry.section.pact")}, {Value: "photo", Label: l.T("admin.registry.section.photo")}}
	}
	title := l.T("admin.pact.new_title")
	if d.ID != 0 {
		title = l.T("admin.pact.edit_title", "Title", d.Detail.Pact.Title)
	}
	p := core.Page{L: l, Title: title, Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.pact.saved")
	}
	s.Render(w, r, status, "admin_pact", p)
}

// NewPactForm shows an empty pact form; ?ente= picks the body, whose types
// of pact the form then offers.
func (s *Handler) NewPactForm(w http.ResponseWriter, r *http.Request) {
	u := core.CurrentUser(r)
	v := url.Values{"status": {string(domain.PactProposed)}}
	if e := r.URL.Query().Get("ente"); e != "" {
		v.Set("body_id", e)
	} else if !u.IsCoordinator() && len(u.Bodies) > 0 {
		v.Set("body_id", strconv.FormatInt(u.Bodies[0], 10))
	}
	s.renderPactForm(w, r, http.StatusOK, pactFormData{Form: core.NewForm(s.Localizer(r), v)})
}

// CreatePact saves a new pact as a draft.
func (s *Handler) CreatePact(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	u := core.CurrentUser(r)
	if body, err := strconv.ParseInt(f.Get("body_id"), 10, 64); err == nil && !u.CanEditBody(body) {
		s.forbidden(w, r)
		return
	}
	in := s.readPact(r, f, true)
	if f.OK() && f.Get("refresh") == "" {
		id, err := s.Store.CreatePact(r.Context(), u, in)
		if err == nil {
			http.Redirect(w, r, pactPath(id)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !s.pactSaveError(w, r, f, err) {
			return
		}
	}
	status := http.StatusUnprocessableEntity
	if f.Get("refresh") != "" {
		status = http.StatusOK
		f.Errors = map[string]string{}
	}
	s.renderPactForm(w, r, status, pactFormData{Form: f})
}

// pactSaveError turns a store error into a form error (true), or answers
// it (false).
func (s *Handler) pactSaveError(w http.ResponseWriter, r *http.Request, f *core.Form, err error) bool {
	switch {
	case errors.Is(err, store.ErrInvalid):
		f.Fail("title", "admin.pact.error.invalid")
	case errors.Is(err, store.ErrConflict):
		f.Fail("source_id", "admin.pact.error.source_taken")
	default:
		s.registryWriteFailed(w, r, err)
		return false
	}
	return true
}

func pactPath(id int64) string { return "/admin/patti/" + strconv.FormatInt(id, 10) }

// pactForEdit reads {id} and loads the pact, refusing an account that may
// not edit its body (403) before anything else.
func (s *Handler) pactForEdit(w http.ResponseWriter, r *http.Request) (store.PactDetail, bool) {
	id, ok := s.PathID(w, r)
	if !ok {
		return store.PactDetail{}, false
	}
	d, err := s.Store.PactByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return d, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return d, false
	}
	if !core.CurrentUser(r).CanEditBody(d.Pact.Body.ID) {
		s.forbidden(w, r)
		return d, false
	}
	return d, true
}

func (s *Handler) pactFormValues(r *http.Request, d store.PactDetail) (url.Values, error) {
	in, err := s.Store.PactInputByID(r.Context(), d.Pact.ID)
	if err != nil {
		return nil, err
	}
	var themes, acts []string
	for _, t := range d.Pact.Themes {
		themes = append(themes, t.Slug)
	}
	for _, a := range d.Activities {
		acts = append(acts, a.Slug)
	}
	v := pactValues(in, themes, acts)
	v.Set("current_status", string(in.Status))
	return v, nil
}

// EditPactForm shows a pact with its history, status, files and actions.
func (s *Handler) EditPactForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	v, err := s.pactFormValues(r, d)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderPactForm(w, r, http.StatusOK, pactFormData{Form: core.NewForm(s.Localizer(r), v), ID: d.Pact.ID, Detail: d})
}

// UpdatePact saves the pact's fields (the status changes on its own form).
func (s *Handler) UpdatePact(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	u := core.CurrentUser(r)
	if body, err := strconv.ParseInt(f.Get("body_id"), 10, 64); err == nil && !u.CanEditBody(body) {
		s.forbidden(w, r)
		return
	}
	f.Values.Set("current_status", string(d.Pact.Status))
	in := s.readPact(r, f, false)
	in.Published, in.Slug = d.Pact.Published, d.Pact.Slug
	if f.OK() && f.Get("refresh") == "" {
		err := s.Store.UpdatePact(r.Context(), u, d.Pact.ID, in)
		if err == nil {
			http.Redirect(w, r, pactPath(d.Pact.ID)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !s.pactSaveError(w, r, f, err) {
			return
		}
	}
	status := http.StatusUnprocessableEntity
	if f.Get("refresh") != "" {
		status = http.StatusOK
		f.Errors = map[string]string{}
	}
	s.renderPactForm(w, r, status, pactFormData{Form: f, ID: d.Pact.ID, Detail: d})
}

// SetPactStatus moves the pact to a new status on a day, with a note.
func (s *Handler) SetPactStatus(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	l := s.Localizer(r)
	sf := core.NewForm(l, r.PostForm)
	sf.IDPrefix = "s-"
	next := domain.PactStatus(sf.Get("status"))
	if !d.Pact.Status.CanMoveTo(next) {
		sf.Fail("status", "admin.pact.error.transition")
	}
	on := sf.Date("on", true)
	note := sf.Get("note")
	sf.MaxLen("note", 1000)
	if sf.OK() {
		err := s.Store.SetPactStatus(r.Context(), core.CurrentUser(r), d.Pact.ID, next, *on, note)
		if err == nil {
			http.Redirect(w, r, pactPath(d.Pact.ID)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !errors.Is(err, store.ErrInvalid) {
			s.registryWriteFailed(w, r, err)
			return
		}
		sf.Fail("status", "admin.pact.error.transition")
	}
	v, err := s.pactFormValues(r, d)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderPactForm(w, r, http.StatusUnprocessableEntity, pactFormData{Form: core.NewForm(l, v), ID: d.Pact.ID, Detail: d, StatusForm: sf})
}

// SetPactPublished publishes a pact or takes it back to draft.
func (s *Handler) SetPactPublished(published bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, ok := s.pactForEdit(w, r)
		if !ok {
			return
		}
		if s.registryWriteFailed(w, r, s.Store.SetPactPublished(r.Context(), core.CurrentUser(r), d.Pact.ID, published)) {
			return
		}
		http.Redirect(w, r, pactPath(d.Pact.ID)+"?fatto=1", http.StatusSeeOther)
	}
}

// DeletePactForm asks for confirmation.
func (s *Handler) DeletePactForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	s.renderPactDelete(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil), d)
}

func (s *Handler) renderPactDelete(w http.ResponseWriter, r *http.Request, status int, f *core.Form, d store.PactDetail) {
	l := s.Localizer(r)
	s.Render(w, r, status, "admin_pact_delete", core.Page{L: l, Title: l.T("admin.pact.delete_title", "Title", d.Pact.Title),
		Data: struct {
			Form   *core.Form
			Detail store.PactDetail
		}{f, d}})
}

// DeletePact removes the pact once confirmed.
func (s *Handler) DeletePact(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	if !f.Bool("confirm") {
		f.Fail("confirm", "admin.pact.error.confirm_delete")
		s.renderPactDelete(w, r, http.StatusUnprocessableEntity, f, d)
		return
	}
	if s.registryWriteFailed(w, r, s.Store.DeletePact(r.Context(), core.CurrentUser(r), d.Pact.ID)) {
		return
	}
	http.Redirect(w, r, "/admin/patti?eliminato=1", http.StatusSeeOther)
}

// UploadPactFile attaches the signed pact (PDF) or a photo, with the checks
// of activity attachments.
func (s *Handler) UploadPactFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pactForEdit(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	fail := func(p *uploadProblem, section string) {
		v, err := s.pactFormValues(r, d)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		ff := core.NewForm(l, url.Values{"section": {section}})
		ff.Fail("file", p.msgID, p.args...)
		s.renderPactForm(w, r, p.status, pactFormData{Form: core.NewForm(l, v), ID: d.Pact.ID, Detail: d, FileForm: ff})
	}
	up, p := s.receiveFile(w, r)
	if p != nil {
		fail(p, "pact")
		return
	}
	switch {
	case up.section != "pact" && up.section != "photo":
		fail(&uploadProblem{status: http.StatusUnprocessableEntity, msgID: "admin.registry.error.choose"}, "pact")
		return
	case up.section == "pact" && up.kind.ContentType != "application/pdf":
		fail(&uploadProblem{status: http.StatusUnsupportedMediaType, msgID: "admin.pact.error.pdf"}, up.section)
		return
	case up.section == "photo" && !strings.HasPrefix(up.kind.ContentType, "image/"):
		fail(&uploadProblem{status: http.StatusUnsupportedMediaType, msgID: "admin.pact.error.photo"}, up.section)
		return
	}
	_, err := s.Store.AddOwnerAttachment(r.Context(), core.CurrentUser(r), store.AttachmentOwner{Kind: store.OwnerPact, ID: d.Pact.ID},
		store.RegistryFile{Section: up.section, Filename: up.name, Title: up.title, ContentType: up.kind.ContentType, Data: up.data})
	if s.registryWriteFailed(w, r, err) {
		return
	}
	http.Redirect(w, r, pactPath(d.Pact.ID)+"?fatto=1", http.StatusSeeOther)
}
