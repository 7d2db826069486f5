package public

import (
	"net/http"
	"time"

	"benicommunity/internal/store"
)

// registrationPublic is what the public page of an activity shows about
// registrations: aggregates only, never names.
type registrationPublic struct {
	Open     bool   // the form takes registrations now
	FormURL  string // where the form is
	Full     bool   // seats taken: new registrations join the waiting list
	Counted  store.CountedFigures
	Recorded bool // attendance was recorded: counted figures replace the declared ones
}

func (s *Handler) registrationPublic(r *http.Request, activityID int64) (registrationPublic, error) {
	var p registrationPublic
	a, err := s.Store.RegistrationActivityByID(r.Context(), activityID)
	if err != nil {
		return p, err
	}
	if a.OpenAt(time.Now()) {
		p.Open, p.FormURL = true, "/iscrizioni/attivita/"+a.Slug
		if a.Settings.Capacity != nil {
			c, err := s.Store.RegistrationCounts(r.Context(), a.ID)
			if err != nil {
				return p, err
			}
			p.Full = c.Confirmed >= *a.Settings.Capacity
		}
	}
	if p.Counted, err = s.Store.CountedFigures(r.Context(), a.ID); err != nil {
		return p, err
	}
	p.Recorded = p.Counted.People > 0
	return p, nil
}
