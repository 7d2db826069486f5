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
	fail := func(status int, msgID string, args ...any) {
		f.Fail("file", msgID, args...)
		s.renderActivityForm(w, r, status, f, d.ID, d.Status, d.Slug)
	}
	maxLabel := core.SizeLabel(l, s.maxUpload)
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", "Max", maxLabel)
			return
		}
		fail(http.StatusBadRequest, "admin.attachments.error.unreadable")
		return
	}
	defer r.MultipartForm.RemoveAll()
	for k, v := range r.MultipartForm.Value {
		f.Values[k] = v
	}
	section := f.Get("section")
	if section != "activity" && section != "outcome" {
		section = "activity"
	}
	file, header, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		fail(http.StatusUnprocessableEntity, "admin.attachments.error.missing")
		return
	}
	if err != nil {
		fail(http.StatusBadRequest, "admin.attachments.error.unreadable")
		return
	}
	defer file.Close()
	if header.Size > s.maxUpload {
		fail(http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", "Max", maxLabel)
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, s.maxUpload+1))
	if err != nil || int64(len(data)) > s.maxUpload {
		fail(http.StatusRequestEntityTooLarge, "admin.attachments.error.too_big", "Max", maxLabel)
		return
	}
	if len(data) == 0 {
		fail(http.StatusUnprocessableEntity, "admin.attachments.error.empty")
		return
	}
	name := cleanFilename(header.Filename)
	kind, known, nameOK := sniffFile(name, data)
	switch {
	case !known:
		fail(http.StatusUnsupportedMediaType, "admin.attachments.error.kind")
		return
	case !nameOK:
		fail(http.StatusUnsupportedMediaType, "admin.attachments.error.disguised", "Kind", kind.Exts[0])
		return
	}
	title := f.Get("file_title")
	if len([]rune(title)) > 200 {
		f.Fail("file_title", "admin.error.too_long", "Max", 200)
		s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f, d.ID, d.Status, d.Slug)
		return
	}
	if _, err := s.Store.AddAttachment(r.Context(), core.Actor(r), store.NewAttachment{ActivityID: d.ID, Section: section,
		Filename: name, Title: title, ContentType: kind.ContentType, Data: data}); err != nil {
		s.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=salvata", http.StatusSeeOther)
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
