package public

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// AttachmentFile serves a stored file: to everyone when its activity is
// published, otherwise to coordinators only.
func (s *Handler) AttachmentFile(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	a, err := s.Store.AttachmentFile(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	act, err := s.Store.ActivityDetailByID(r.Context(), a.ActivityID)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	public := act.Status == domain.StatusPublished
	if !public && !core.CurrentUser(r).IsCoordinator() {
		s.NotFound(w, r)
		return
	}
	if r.PathValue("name") != a.Filename {
		http.Redirect(w, r, "/allegati/"+strconv.FormatInt(a.ID, 10)+"/"+url.PathEscape(a.Filename), http.StatusMovedPermanently)
		return
	}
	serveFile(w, r, a, public)
}

// RegistryFile serves a file of a published pact or practice, or of a
// regulation, to everyone; a draft's file is not found.
func (s *Handler) RegistryFile(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	a, _, err := s.Store.OwnerAttachmentFile(r.Context(), id, true)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if r.PathValue("name") != a.Filename {
		http.Redirect(w, r, "/registro/allegati/"+strconv.FormatInt(a.ID, 10)+"/"+url.PathEscape(a.Filename), http.StatusMovedPermanently)
		return
	}
	serveFile(w, r, a, true)
}

// serveFile writes a stored file with headers that keep it from acting as a page.
func serveFile(w http.ResponseWriter, r *http.Request, a store.Attachment, public bool) {
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	disposition := "attachment"
	if strings.HasPrefix(a.ContentType, "image/") || a.ContentType == "application/pdf" {
		disposition = "inline"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": a.Filename}))
	h.Set("ETag", `"`+a.SHA256+`"`)
	if public {
		h.Set("Cache-Control", "public, max-age=3600")
	} else {
		h.Set("Cache-Control", "private, no-store")
	}
	// A stored file is never a page of this site: no scripts, no forms.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'")
	if match := r.Header.Get("If-None-Match"); match == `"`+a.SHA256+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	w.Write(a.Data)
}

// BodyLogo serves a body's logo to everyone.
func (s *Handler) BodyLogo(w http.ResponseWriter, r *http.Request) {
	id, ok := s.PathID(w, r)
	if !ok {
		return
	}
	logo, err := s.Store.Logo(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", logo.ContentType)
	w.Header().Set("ETag", `"`+logo.SHA256+`"`)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	if r.Header.Get("If-None-Match") == `"`+logo.SHA256+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(logo.Data)
}
