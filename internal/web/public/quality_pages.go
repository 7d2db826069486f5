package public

import (
	"net/http"
	"time"

	"benicommunity/internal/web/core"
)

// accessibilityEvaluated is the date of the last evaluation the accessibility
// statement reports. Change it, and the statement's text if the outcome
// changed, each time the site is evaluated again (docs/quality.md).
var accessibilityEvaluated = time.Date(2026, time.November, 26, 0, 0, 0, 0, time.UTC)

type accessibilityData struct {
	Evaluated time.Time
	Contact   string
	// Controller and ControllerContact are the data controller the
	// coordinators named on the about page (privacy notice only).
	Controller, ControllerContact string
}

type privacyData struct {
	Contact     string
	Controller  core.DataController
	SessionDays int // how long a login lasts, in days
}

// Accessibility shows the accessibility statement in the shape of AgID's
// model for Italian public bodies (Legge 4/2004, EN 301 549).
func (s *Handler) Accessibility(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "quality_accessibility", core.Page{
		L:           l,
		Title:       l.T("quality.a11y.title"),
		Description: l.T("quality.a11y.description"),
		Data:        accessibilityData{Evaluated: accessibilityEvaluated, Contact: s.contact},
	})
}

// Privacy says who the data controller is and what the site collects:
// nothing from visitors, the language cookie when they choose English, a
// session cookie after login.
func (s *Handler) Privacy(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	a, err := s.Store.About(r.Context())
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	contact := s.contact
	if a.ContactEmail != "" {
		contact = a.ContactEmail
	}
	// The coordinators' about page names the data controller when they
	// wrote it there; otherwise the operator's configuration does.
	controller := s.controller
	if a.ControllerName != "" {
		controller = core.DataController{Name: a.ControllerName, Contact: a.ControllerContact}
	}
	s.Render(w, r, http.StatusOK, "quality_privacy", core.Page{
		L:           l,
		Title:       l.T("quality.privacy.title"),
		Description: l.T("quality.privacy.description"),
		Data:        privacyData{Contact: contact, Controller: controller, SessionDays: int(s.sessionLifetime / (24 * time.Hour))},
	})
}
