package admin

import (
	"net/http"
	"strconv"

	"benicommunity/internal/web/core"
)

// Training materials of an activity, kept apart from its outcome report:
// recordings and online slides as links (here), slides and handouts as
// attachments in the section "training" (attachments.go). Coordinators
// only, as for the activity itself.

// AddTrainingLink adds a recording or an online slide deck to an activity.
func (s *Handler) AddTrainingLink(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	f := core.NewForm(s.Localizer(r), activityValues(d))
	for _, k := range []string{"training_title", "training_url"} {
		f.Values.Set(k, r.PostForm.Get(k))
	}
	title := f.Required("training_title")
	f.MaxLen("training_title", 200)
	link := checkURL(f, "training_url")
	if link == "" && f.Err("training_url") == "" {
		f.Fail("training_url", "admin.error.required")
	}
	if f.OK() {
		if _, err := s.Store.AddTrainingLink(r.Context(), core.CurrentUser(r), d.ID, title, link); s.registryWriteFailed(w, r, err) {
			return
		}
		http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=salvata", http.StatusSeeOther)
		return
	}
	s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f, d.ID, d.Status, d.Slug)
}

// DeleteTrainingLink removes one of the activity's training links.
func (s *Handler) DeleteTrainingLink(w http.ResponseWriter, r *http.Request) {
	d, ok := s.activityByPath(w, r)
	if !ok {
		return
	}
	link, err := strconv.ParseInt(r.PathValue("link"), 10, 64)
	if err != nil {
		s.NotFound(w, r)
		return
	}
	materials, err := s.Store.TrainingOf(r.Context(), []int64{d.ID})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	found := false
	for _, l := range materials[d.ID].Links {
		found = found || l.ID == link
	}
	if !found {
		s.NotFound(w, r)
		return
	}
	if s.registryWriteFailed(w, r, s.Store.DeleteTrainingLink(r.Context(), core.CurrentUser(r), link)) {
		return
	}
	http.Redirect(w, r, "/admin/attivita/"+strconv.FormatInt(d.ID, 10)+"?fatto=salvata", http.StatusSeeOther)
}
