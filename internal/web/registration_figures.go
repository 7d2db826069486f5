package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"benicommunity/internal/i18n"
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

func (s *Server) registrationPublic(r *http.Request, activityID int64) (registrationPublic, error) {
	var p registrationPublic
	a, err := s.store.RegistrationActivityByID(r.Context(), activityID)
	if err != nil {
		return p, err
	}
	if a.OpenAt(time.Now()) {
		p.Open, p.FormURL = true, "/iscrizioni/attivita/"+a.Slug
		if a.Settings.Capacity != nil {
			c, err := s.store.RegistrationCounts(r.Context(), a.ID)
			if err != nil {
				return p, err
			}
			p.Full = c.Confirmed >= *a.Settings.Capacity
		}
	}
	if p.Counted, err = s.store.CountedFigures(r.Context(), a.ID); err != nil {
		return p, err
	}
	p.Recorded = p.Counted.People > 0
	return p, nil
}

// countedLines writes the counted figures: people, bodies, then roles.
func countedLines(l *i18n.Localizer, c store.CountedFigures) []string {
	lines := []string{l.N("registration.figures.people", c.People), l.N("registration.figures.bodies", c.Bodies)}
	for _, t := range c.Roles {
		lines = append(lines, l.N("registration.figures.role."+t.Label, t.People))
	}
	return lines
}

// registrationFuncs are the template helpers of the registration pages.
func registrationFuncs() template.FuncMap {
	return template.FuncMap{
		"countedLines": countedLines,
		"now":          time.Now,
		// dict passes several values to a sub-template: dict "L" .L "A" $x.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key/value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}
