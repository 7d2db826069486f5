package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// Good practices in the backoffice: a referent tells what their bodies did
// (problem, actions, tools, results, office to contact) with templates and
// forms as files; a coordinator edits every body's.

type adminPracticesData struct {
	Practices []domain.Practice
	Pager     core.Pager
	List      core.ListState
}

// Practices lists the practices the account may edit, drafts included.
func (s *Handler) Practices(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"id"}, "id")
	if !ok {
		return
	}
	u := core.CurrentUser(r)
	f := store.PracticeFilter{WithDrafts: true, Query: ls.Query, Limit: ls.Pager.Size, Offset: ls.Pager.Offset()}
	if !u.IsCoordinator() {
		f.BodyIDs = append([]int64{}, u.Bodies...)
	}
	rows, ok := core.FetchList(s.Site, w, r, &ls, func() ([]domain.Practice, int, error) { return s.Store.Practices(r.Context(), f) })
	if !ok {
		return
	}
	l := s.Localizer(r)
	p := core.Page{L: l, Title: l.T("admin.practices.title"), Data: adminPracticesData{Practices: rows, Pager: ls.Pager, List: ls}}
	if r.URL.Query().Get("eliminata") != "" {
		p.Flash = l.T("admin.practice.deleted")
	}
	s.Render(w, r, http.StatusOK, "admin_practices", p)
}

type practiceFormData struct {
	Form        *core.Form
	ID          int64
	Published   bool
	Bodies      []core.Option
	Pacts       []core.Option // the body's pacts, to link
	Attachments []store.AttachmentInfo
	FileForm    *core.Form
}

func (s *Handler) practiceValues(r *http.Request, id int64, in store.PracticeInput) (url.Values, error) {
	v := url.Values{}
	v.Set("body_id", strconv.FormatInt(in.BodyID, 10))
	v.Set("title", in.Title)
	v.Set("problem", in.Problem)
	v.Set("actions", in.Actions)
	v.Set("tools", in.Tools)
	v.Set("results", in.Results)
	v.Set("contact_office", in.ContactOffice)
	for _, p := range in.PactIDs {
		v.Add("pacts", strconv.FormatInt(p, 10))
	}
	var acts []string
	for _, a := range in.ActivityIDs {
		slug, err := s.Store.ActivitySlugByID(r.Context(), a)
		if err != nil {
			return nil, err
		}
		acts = append(acts, slug)
	}
	v.Set("activities", strings.Join(acts, "\n"))
	rows, _, err := s.Store.Practices(r.Context(), store.PracticeFilter{WithDrafts: true, ID: id})
	if err != nil {
		return nil, err
	}
	if len(rows) == 1 {
		var themes []string
		for _, t := range rows[0].Themes {
			themes = append(themes, t.Slug)
		}
		v.Set("themes", strings.Join(themes, "\n"))
	}
	return v, nil
}

// readPractice validates the practice form in Italian.
func (s *Handler) readPractice(r *http.Request, f *core.Form) store.PracticeInput {
	var in store.PracticeInput
	if id := optionalID(f, "body_id"); id != nil {
		in.BodyID = *id
	} else if f.Err("body_id") == "" {
		f.Fail("body_id", "admin.error.required")
	}
	in.Title = f.Required("title")
	f.MaxLen("title", 300)
	in.Problem, in.Actions, in.Tools, in.Results = f.Get("problem"), f.Get("actions"), f.Get("tools"), f.Get("results")
	for _, n := range []string{"problem", "actions", "tools", "results"} {
		f.MaxLen(n, 20000)
	}
	in.ContactOffice = f.Get("contact_office")
	f.MaxLen("contact_office", 500)
	// Linked pacts must be the body's own.
	if ids := f.Values["pacts"]; len(ids) > 0 && in.BodyID != 0 {
		page, err := s.Store.Pacts(r.Context(), store.PactFilter{WithDrafts: true, BodyIDs: []int64{in.BodyID}, Limit: 500})
		own := map[string]int64{}
		if err == nil {
			for _, p := range page.Pacts {
				own[strconv.FormatInt(p.ID, 10)] = p.ID
			}
		}
		for _, v := range ids {
			id, ok := own[v]
			if !ok {
				f.Fail("pacts", "admin.practice.error.pact")
				break
			}
			in.PactIDs = append(in.PactIDs, id)
		}
	}
	if slugs := lines(f.Raw("themes")); len(slugs) > 0 {
		ids, err := s.Store.ThemeIDs(r.Context(), slugs)
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
		for i, sl := range slugs {
			a, err := s.Store.Activity(r.Context(), sl)
			if err != nil || i >= 30 {
				f.Fail("activities", "admin.pact.error.activity", "Slug", sl)
				break
			}
			in.ActivityIDs = append(in.ActivityIDs, a.ID)
		}
	}
	return in
}

func (s *Handler) renderPracticeForm(w http.ResponseWriter, r *http.Request, status int, d practiceFormData) {
	l := s.Localizer(r)
	refs, err := s.editableBodies(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Bodies = bodyOptions(refs, l.T("admin.form.choose"))
	if body, err := strconv.ParseInt(d.Form.Get("body_id"), 10, 64); err == nil && body > 0 && core.CurrentUser(r).CanEditBody(body) {
		page, err := s.Store.Pacts(r.Context(), store.PactFilter{WithDrafts: true, BodyIDs: []int64{body}, Limit: 500})
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		for _, p := range page.Pacts {
			v := strconv.FormatInt(p.ID, 10)
			d.Pacts = append(d.Pacts, core.Option{Value: v, Label: p.Title, Selected: d.Form.Has("pacts", v)})
		}
	}
	if d.ID != 0 {
		if d.Attachments, err = s.Store.OwnerAttachments(r.Context(), store.AttachmentOwner{Kind: store.OwnerPractice, ID: d.ID}); err != nil {
			s.ServerError(w, r, err)
			return
		}
		if d.FileForm == nil {
			d.FileForm = core.NewForm(l, nil)
		}
	}
	title := l.T("admin.practice.new_title")
	if d.ID != 0 {
		title = l.T("admin.practice.edit_title", "Title", d.Form.Get("title"))
	}
	p := core.Page{L: l, Title: title, Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.practice.saved")
	}
	s.Render(w, r, status, "admin_practice", p)
}

func practicePath(id int64) string { return "/admin/buone-pratiche/" + strconv.FormatInt(id, 10) }

// NewPracticeForm shows an empty practice form.
func (s *Handler) NewPracticeForm(w http.ResponseWriter, r *http.Request) {
	u := core.CurrentUser(r)
	v := url.Values{}
	if !u.IsCoordinator() && len(u.Bodies) > 0 {
		v.Set("body_id", strconv.FormatInt(u.Bodies[0], 10))
	}
	s.renderPracticeForm(w, r, http.StatusOK, practiceFormData{Form: core.NewForm(s.Localizer(r), v)})
}

// CreatePractice saves a new practice as a draft.
func (s *Handler) CreatePractice(w http.ResponseWriter, r *http.Request) {
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
	in := s.readPractice(r, f)
	if f.OK() && f.Get("refresh") == "" {
		id, err := s.Store.CreatePractice(r.Context(), u, in)
		if err == nil {
			http.Redirect(w, r, practicePath(id)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !s.practiceSaveError(w, r, f, err) {
			return
		}
	}
	status := http.StatusUnprocessableEntity
	if f.Get("refresh") != "" {
		status, f.Errors = http.StatusOK, map[string]string{}
	}
	s.renderPracticeForm(w, r, status, practiceFormData{Form: f})
}

func (s *Handler) practiceSaveError(w http.ResponseWriter, r *http.Request, f *core.Form, err error) bool {
	if errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrConflict) {
		f.Fail("title", "admin.practice.error.invalid")
		return true
	}
	s.registryWriteFailed(w, r, err)
	return false
}

// practiceForEdit loads {id}, refusing an account that may not edit its body.
func (s *Handler) practiceForEdit(w http.ResponseWriter, r *http.Request) (int64, store.PracticeInput, bool) {
	id, ok := s.PathID(w, r)
	if !ok {
		return 0, store.PracticeInput{}, false
	}
	in, err := s.Store.PracticeInputByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return 0, in, false
	}
	if err != nil {
		s.ServerError(w, r, err)
		return 0, in, false
	}
	if !core.CurrentUser(r).CanEditBody(in.BodyID) {
		s.forbidden(w, r)
		return 0, in, false
	}
	return id, in, true
}

// EditPracticeForm shows a practice with its files and actions.
func (s *Handler) EditPracticeForm(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.practiceForEdit(w, r)
	if !ok {
		return
	}
	v, err := s.practiceValues(r, id, in)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderPracticeForm(w, r, http.StatusOK, practiceFormData{Form: core.NewForm(s.Localizer(r), v), ID: id, Published: in.Published})
}

// UpdatePractice saves the practice's fields.
func (s *Handler) UpdatePractice(w http.ResponseWriter, r *http.Request) {
	id, before, ok := s.practiceForEdit(w, r)
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
	in := s.readPractice(r, f)
	in.Published, in.Slug = before.Published, before.Slug
	if f.OK() && f.Get("refresh") == "" {
		err := s.Store.UpdatePractice(r.Context(), u, id, in)
		if err == nil {
			http.Redirect(w, r, practicePath(id)+"?fatto=1", http.StatusSeeOther)
			return
		}
		if !s.practiceSaveError(w, r, f, err) {
			return
		}
	}
	status := http.StatusUnprocessableEntity
	if f.Get("refresh") != "" {
		status, f.Errors = http.StatusOK, map[string]string{}
	}
	s.renderPracticeForm(w, r, status, practiceFormData{Form: f, ID: id, Published: before.Published})
}

// SetPracticePublished publishes a practice or takes it back to draft.
func (s *Handler) SetPracticePublished(published bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, in, ok := s.practiceForEdit(w, r)
		if !ok {
			return
		}
		in.Published = published
		if s.registryWriteFailed(w, r, s.Store.UpdatePractice(r.Context(), core.CurrentUser(r), id, in)) {
			return
		}
		http.Redirect(w, r, practicePath(id)+"?fatto=1", http.StatusSeeOther)
	}
}

// DeletePracticeForm asks for confirmation.
func (s *Handler) DeletePracticeForm(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.practiceForEdit(w, r)
	if !ok {
		return
	}
	s.renderPracticeDelete(w, r, http.StatusOK, core.NewForm(s.Localizer(r), nil), id, in.Title)
}

func (s *Handler) renderPracticeDelete(w http.ResponseWriter, r *http.Request, status int, f *core.Form, id int64, title string) {
	l := s.Localizer(r)
	s.Render(w, r, status, "admin_practice_delete", core.Page{L: l, Title: l.T("admin.pact.delete_title", "Title", title),
		Data: struct {
			Form  *core.Form
			ID    int64
			Title string
		}{f, id, title}})
}

// DeletePractice removes the practice once confirmed.
func (s *Handler) DeletePractice(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.practiceForEdit(w, r)
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
		s.renderPracticeDelete(w, r, http.StatusUnprocessableEntity, f, id, in.Title)
		return
	}
	if s.registryWriteFailed(w, r, s.Store.DeletePractice(r.Context(), core.CurrentUser(r), id)) {
		return
	}
	http.Redirect(w, r, "/admin/buone-pratiche?eliminata=1", http.StatusSeeOther)
}

// UploadPracticeFile attaches a template or form to the practice.
func (s *Handler) UploadPracticeFile(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.practiceForEdit(w, r)
	if !ok {
		return
	}
	up, p := s.receiveFile(w, r)
	if p != nil {
		v, err := s.practiceValues(r, id, in)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		ff := core.NewForm(s.Localizer(r), nil)
		ff.Fail("file", p.msgID, p.args...)
		s.renderPracticeForm(w, r, p.status, practiceFormData{Form: core.NewForm(s.Localizer(r), v), ID: id, Published: in.Published, FileForm: ff})
		return
	}
	_, err := s.Store.AddOwnerAttachment(r.Context(), core.CurrentUser(r), store.AttachmentOwner{Kind: store.OwnerPractice, ID: id},
		store.RegistryFile{Section: "practice", Filename: up.name, Title: up.title, ContentType: up.kind.ContentType, Data: up.data})
	if s.registryWriteFailed(w, r, err) {
		return
	}
	http.Redirect(w, r, practicePath(id)+"?fatto=1", http.StatusSeeOther)
}
