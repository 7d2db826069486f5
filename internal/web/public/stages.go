package public

import (
	"errors"
	"net/http"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type stageListData struct {
	Paths []communityPath
}

// StageList shows every community's path of stages.
func (s *Handler) StageList(w http.ResponseWriter, r *http.Request) {
	paths, err := s.communityPaths(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "stages", core.Page{L: l, Title: l.T("stages.title"), Description: l.T("stages.description"), Data: stageListData{Paths: paths}})
}

// StagePage shows one stage. Only published stages are public.
func (s *Handler) StagePage(w http.ResponseWriter, r *http.Request) {
	s.activityDetail(w, r, true)
}

type activityData struct {
	store.ActivityDetail
	ParticipationRoles []domain.ParticipationRole // the participation roles present, in display order
	Attachments        []store.AttachmentInfo     // files attached in the backoffice, training materials apart
	Training           store.TrainingMaterials    // slides, handouts and recordings (section "training", training links)
	Registrations      registrationPublic         // registration_figures.go
}

// activityDetail renders the page of an activity; stage pages live under
// /tappe, other activities under /attivita, and each URL redirects to the other when needed.
func (s *Handler) activityDetail(w http.ResponseWriter, r *http.Request, asStage bool) {
	slug := r.PathValue("slug")
	if base, ok := strings.CutSuffix(slug, ".ics"); ok {
		s.calendar(w, r, base, asStage) // opendata/feeds_ics.go: the mux cannot match a suffix
		return
	}
	d, err := s.Store.ActivityDetail(r.Context(), slug)
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.Status != domain.StatusPublished) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if d.IsStage != asStage {
		target := "/attivita/" + d.Slug
		if d.IsStage {
			target = "/tappe/" + d.Slug
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	data := activityData{ActivityDetail: d}
	files, err := s.Store.Attachments(r.Context(), d.ID)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	for _, f := range files {
		if f.Section != "training" {
			data.Attachments = append(data.Attachments, f)
		}
	}
	training, err := s.Store.TrainingOf(r.Context(), []int64{d.ID})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data.Training = training[d.ID]
	present := map[domain.ParticipationRole]bool{}
	for _, p := range d.Participations {
		present[p.Role] = true
	}
	for _, role := range domain.ParticipationRoles {
		if present[role] {
			data.ParticipationRoles = append(data.ParticipationRoles, role)
		}
	}
	if data.Registrations, err = s.registrationPublic(r, d.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "activity", core.Page{L: l, Title: d.Title, Description: d.Summary, Data: data})
}
