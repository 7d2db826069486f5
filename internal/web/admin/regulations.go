package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// A body's regulation on shared administration of the commons: its own page
// under the body (/admin/enti/{id}/regolamento), edited by the coordinators
// and the body's referents. "Non indicato" deletes the record.

// revisionRows is how many rows of revisions the form shows beyond those
// filled; the "add a row" button asks for more without JavaScript.
const revisionRows = 1

type revisionRow struct {
	Index int
}

type regulationFormData struct {
	Form        *core.Form
	BodyID      int64
	BodyName    string
	Statuses    []core.Option
	Revisions   []revisionRow
	Count       int
	HasRecord   bool
	Attachments []store.AttachmentInfo
}

func regulationValues(r domain.Regulation, ok bool) url.Values {
	v := url.Values{}
	if !ok {
		return v
	}
	v.Set("status", string(r.Status))
	v.Set("title", r.Title)
	v.Set("act_number", r.ActNumber)
	if r.ActDate != nil {
		v.Set("act_date", r.ActDate.Format(time.DateOnly))
	}
	v.Set("url", r.URL)
	v.Set("offices", r.Offices)
	for i, rev := range r.Revisions {
		p := "rev" + strconv.Itoa(i) + "_"
		v.Set(p+"number", rev.ActNumber)
		v.Set(p+"date", rev.ActDate.Format(time.DateOnly))
		v.Set(p+"url", rev.URL)
		v.Set(p+"note", rev.Note)
	}
	v.Set("revisions", strconv.Itoa(len(r.Revisions)+revisionRows))
	return v
}

// revisionCount is how many rows of revisions the posted form had, bounded.
func revisionCount(f *core.Form) int {
	n, err := strconv.Atoi(f.Get("revisions"))
	if err != nil || n < revisionRows {
		n = revisionRows
	}
	return min(n, 50)
}

// checkURL fails the field unless it is empty or an http(s) address.
func checkURL(f *core.Form, name string) string {
	v := f.Get(name)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.Fail(name, "admin.registry.error.url")
	}
	f.MaxLen(name, 500)
	return v
}

// readRegulation validates the regulation form; status "" means not known.
func readRegulation(f *core.Form) store.RegulationInput {
	in := store.RegulationInput{Status: domain.RegulationStatus(f.Get("status"))}
	if in.Status != domain.RegulationUnknown && !in.Status.Valid() {
		f.Fail("status", "admin.regulation.error.status")
	}
	in.Title = f.Get("title")
	f.MaxLen("title", 300)
	in.ActNumber = f.Get("act_number")
	f.MaxLen("act_number", 50)
	in.ActDate = f.Date("act_date", false)
	in.URL = checkURL(f, "url")
	in.Offices = f.Get("offices")
	f.MaxLen("offices", 1000)
	for i := range revisionCount(f) {
		p := "rev" + strconv.Itoa(i) + "_"
		number, date, link, note := f.Get(p+"number"), f.Get(p+"date"), f.Get(p+"url"), f.Get(p+"note")
		if number == "" && date == "" && link == "" && note == "" {
			continue
		}
		f.MaxLen(p+"number", 50)
		f.MaxLen(p+"note", 500)
		day := f.Date(p+"date", true)
		rev := store.RevisionInput{ActNumber: number, URL: checkURL(f, p+"url"), Note: note}
		if day != nil {
			rev.ActDate = *day
		}
		in.Revisions = append(in.Revisions, rev)
	}
	switch in.Status {
	case domain.RegulationNotAdopted:
		if in.ActNumber != "" || in.ActDate != nil || len(in.Revisions) > 0 {
			f.Fail("status", "admin.regulation.error.not_adopted_act")
		}
	case domain.RegulationUnknown:
		if in.Title != "" || in.ActNumber != "" || in.ActDate != nil || in.URL != "" || in.Offices != "" || len(in.Revisions) > 0 {
			f.Fail("status", "admin.regulation.error.unknown_with_fields")
		}
	}
	return in
}

func (s *Handler) renderRegulationForm(w http.ResponseWriter, r *http.Request, status int, f *core.Form, bodyID int64, name string) {
	l := s.Localizer(r)
	d := regulationFormData{Form: f, BodyID: bodyID, BodyName: name, Count: revisionCount(f)}
	d.Statuses = []core.Option{{Value: "", Label: l.T(domain.RegulationUnknown.LabelKey())}}
	for _, st := range domain.RegulationStatuses {
		d.Statuses = append(d.Statuses, core.Option{Value: string(st), Label: l.T(st.LabelKey())})
	}
	for i := range d.Count {
		d.Revisions = append(d.Revisions, revisionRow{Index: i})
	}
	reg, ok, err := s.Store.Regulation(r.Context(), bodyID)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if ok {
		d.HasRecord = true
		if d.Attachments, err = s.Store.OwnerAttachments(r.Context(), store.AttachmentOwner{Kind: store.OwnerRegulation, ID: reg.ID}); err != nil {
			s.ServerError(w, r, err)
			return
		}
	}
	p := core.Page{L: l, Title: l.T("admin.regulation.title", "Name", name), Data: d}
	if r.URL.Query().Get("fatto") != "" {
		p.Flash = l.T("admin.regulation.saved")
	}
	s.Render(w, r, status, "admin_regulation", p)
}

// RegulationForm shows a body's regulation record.
func (s *Handler) RegulationForm(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	reg, has, err := s.Store.Regulation(r.Context(), id)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.renderRegulationForm(w, r, http.StatusOK, core.NewForm(s.Localizer(r), regulationValues(reg, has)), id, b.Name)
}

// SaveRegulation writes the record, or deletes it when the status is "non
// indicato". The button "add a revision" only shows the form again with one
// more empty row, keeping what was typed.
func (s *Handler) SaveRegulation(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), r.PostForm)
	if f.Get("add_revision") != "" {
		f.Values.Set("revisions", strconv.Itoa(revisionCount(f)+1))
		s.renderRegulationForm(w, r, http.StatusOK, f, id, b.Name)
		return
	}
	in := readRegulation(f)
	if f.OK() {
		u := core.CurrentUser(r)
		var err error
		if in.Status == domain.RegulationUnknown {
			err = s.Store.DeleteRegulation(r.Context(), u, id)
		} else {
			err = s.Store.SetRegulation(r.Context(), u, id, in)
		}
		switch {
		case err == nil:
			http.Redirect(w, r, regulationPath(id)+"?fatto=1", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrForbidden):
			s.forbidden(w, r)
			return
		case errors.Is(err, store.ErrInvalid):
			f.Fail("status", "admin.regulation.error.invalid")
		default:
			s.ServerError(w, r, err)
			return
		}
	}
	s.renderRegulationForm(w, r, http.StatusUnprocessableEntity, f, id, b.Name)
}

func regulationPath(bodyID int64) string {
	return "/admin/enti/" + strconv.FormatInt(bodyID, 10) + "/regolamento"
}

// UploadRegulationText attaches the regulation's text (a PDF) to the record.
func (s *Handler) UploadRegulationText(w http.ResponseWriter, r *http.Request) {
	id, b, ok := s.bodyForEdit(w, r)
	if !ok {
		return
	}
	reg, has, err := s.Store.Regulation(r.Context(), id)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, regulationValues(reg, has))
	fail := func(p *uploadProblem) {
		f.Fail("file", p.msgID, p.args...)
		s.renderRegulationForm(w, r, p.status, f, id, b.Name)
	}
	if !has {
		fail(&uploadProblem{status: http.StatusConflict, msgID: "admin.regulation.error.text_without_record"})
		return
	}
	up, p := s.receiveFile(w, r)
	if p != nil {
		fail(p)
		return
	}
	if up.kind.ContentType != "application/pdf" {
		fail(&uploadProblem{status: http.StatusUnsupportedMediaType, msgID: "admin.regulation.error.pdf"})
		return
	}
	_, err = s.Store.AddOwnerAttachment(r.Context(), core.CurrentUser(r), store.AttachmentOwner{Kind: store.OwnerRegulation, ID: reg.ID},
		store.RegistryFile{Section: "regulation", Filename: up.name, Title: up.title, ContentType: up.kind.ContentType, Data: up.data})
	if s.registryWriteFailed(w, r, err) {
		return
	}
	http.Redirect(w, r, regulationPath(id)+"?fatto=1", http.StatusSeeOther)
}

// receiveFile reads a multipart upload with the checks of activity
// attachments (size limit, content sniffed and matching the name) and an
// optional title of at most 200 characters.
func (s *Handler) receiveFile(w http.ResponseWriter, r *http.Request) (registryUpload, *uploadProblem) {
	maxLabel := core.SizeLabel(s.Localizer(r), s.maxUpload)
	if p := s.parseUploadForm(w, r, maxLabel); p != nil {
		return registryUpload{}, p
	}
	defer r.MultipartForm.RemoveAll()
	up, p := s.readUploadedFile(r, maxLabel)
	if p != nil {
		return registryUpload{}, p
	}
	out := registryUpload{uploadedFile: up, title: r.FormValue("file_title"), section: r.FormValue("section")}
	if len([]rune(out.title)) > 200 {
		return registryUpload{}, &uploadProblem{http.StatusUnprocessableEntity, "admin.error.too_long", []any{"Max", 200}}
	}
	return out, nil
}

type registryUpload struct {
	uploadedFile
	title, section string
}

// registryWriteFailed answers a store error of a registry write: 403 when
// the store refuses the account, 404 for a record that is gone, 500 else.
func (s *Handler) registryWriteFailed(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, store.ErrForbidden):
		s.forbidden(w, r)
	case errors.Is(err, store.ErrNotFound):
		s.NotFound(w, r)
	default:
		s.ServerError(w, r, err)
	}
	return true
}

// DeleteRegistryAttachment removes a file of a regulation, pact or
// practice; the store checks the account may edit the owner's body. The
// form says where to go back (only a backoffice path).
func (s *Handler) DeleteRegistryAttachment(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	if s.registryWriteFailed(w, r, s.Store.DeleteOwnerAttachment(r.Context(), core.CurrentUser(r), id)) {
		return
	}
	back := r.PostForm.Get("back")
	if u, err := url.Parse(back); err != nil || u.Host != "" || u.Scheme != "" || len(back) < 8 || back[:7] != "/admin/" {
		back = "/admin"
	}
	http.Redirect(w, r, back+"?fatto=1", http.StatusSeeOther)
}
