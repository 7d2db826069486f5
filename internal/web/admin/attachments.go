package admin

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// UploadAttachment stores a file on an activity after checking its size
// and, by its content, its kind. A refused file leaves nothing behind.
func (s *Handler) UploadAttachment(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	f := core.NewForm(l, activityValues(d))
	fail := func(p *uploadProblem) {
		f.Fail("file", p.msgID, p.args...)
		s.renderActivityForm(w, r, p.status, f, d.ID, d.Status, d.Slug)
	}
	maxLabel := core.SizeLabel(l, s.maxUpload)
	if p := s.parseUploadForm(w, r, maxLabel); p != nil {
		fail(p)
		return
	}
	defer r.MultipartForm.RemoveAll()
	for k, v := range r.MultipartForm.Value {
		f.Values[k] = v
	}
	section := f.Get("section")
	if section != "activity" && section != "outcome" && section != "training" {
		section = "activity"
	}
	up, p := s.readUploadedFile(r, maxLabel)
	if p != nil {
		fail(p)
		return
	}
	title := f.Get("file_title")
	if len([]rune(title)) > 200 {
		f.Fail("file_title", "admin.error.too_long", "Max", 200)
		s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f, d.ID, d.Status, d.Slug)
		return
	}
	if _, err := s.Store.AddAttachment(r.Context(), core.Actor(r), store.NewAttachment{ActivityID: d.ID, Section: section,
		Filename: up.name, Title: title, ContentType: up.kind.ContentType, Data: up.data}); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=salvata", http.StatusSeeOther)
}

// uploadProblem is why an uploaded file was refused: the status of the
// answer and the message shown next to the file field.
type uploadProblem struct {
	status int
	msgID  string
	args   []any
}

// uploadedFile is a file that passed every check, read into memory.
type uploadedFile struct {
	name string
	kind fileKind
	data []byte
}

// parseUploadForm reads the multipart form, refusing a body larger than the
// upload limit (plus room for the other fields).
func (s *Handler) parseUploadForm(w http.ResponseWriter, r *http.Request, maxLabel string) *uploadProblem {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &uploadProblem{http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", []any{"Max", maxLabel}}
		}
		return &uploadProblem{status: http.StatusBadRequest, msgID: "admin.attachments.error.unreadable"}
	}
	return nil
}

// readUploadedFile reads the posted file and checks its size, and that its
// content is a kind we accept and matches its name.
func (s *Handler) readUploadedFile(r *http.Request, maxLabel string) (uploadedFile, *uploadProblem) {
	tooBig := &uploadProblem{http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", []any{"Max", maxLabel}}
	file, header, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return uploadedFile{}, &uploadProblem{status: http.StatusUnprocessableEntity, msgID: "admin.attachments.error.missing"}
	}
	if err != nil {
		return uploadedFile{}, &uploadProblem{status: http.StatusBadRequest, msgID: "admin.attachments.error.unreadable"}
	}
	defer file.Close()
	if header.Size > s.maxUpload {
		return uploadedFile{}, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(file, s.maxUpload+1))
	if err != nil || int64(len(data)) > s.maxUpload {
		return uploadedFile{}, tooBig
	}
	if len(data) == 0 {
		return uploadedFile{}, &uploadProblem{status: http.StatusUnprocessableEntity, msgID: "admin.attachments.error.empty"}
	}
	name := cleanFilename(header.Filename)
	kind, known, nameOK := sniffFile(name, data)
	switch {
	case !known:
		return uploadedFile{}, &uploadProblem{status: http.StatusUnsupportedMediaType, msgID: "admin.attachments.error.kind"}
	case !nameOK:
		return uploadedFile{}, &uploadProblem{http.StatusUnsupportedMediaType, "admin.attachments.error.disguised", []any{"Kind", kind.Exts[0]}}
	}
	return uploadedFile{name: name, kind: kind, data: data}, nil
}

func (s *Handler) DeleteAttachment(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	info, err := s.Store.DeleteAttachment(r.Context(), core.Actor(r), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(info.ActivityID, 10)+"?fatto=salvata", http.StatusSeeOther)
}
