// Package public serves the public site for every visitor: the home page,
// the path of stages, activities, bodies, search, the accessibility statement
// and the privacy notice, with the schema.org linked data of each page.
//
// It only reads: no handler here writes to the database, sends mail or
// looks at a session beyond showing who is logged in. Figures of the network
// come from the insight room; the iCalendar file of a stage comes from the
// open-data room through the Calendar function it is given.
package public

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"benicommunity/internal/web/core"
	"benicommunity/internal/web/insight"
)

//go:embed templates
var templateFiles embed.FS

// Deps are what the public site needs besides the shared core.
type Deps struct {
	// ContactEmail receives accessibility feedback; /accessibilita shows it.
	ContactEmail string
	// Insight gives the network's figures and a body's map and facts.
	Insight *insight.Handler
	// Calendar answers /tappe/{slug}.ics and /attivita/{slug}.ics.
	Calendar func(w http.ResponseWriter, r *http.Request, slug string, asStage bool)
	// DataController is named by the privacy notice.
	DataController core.DataController
	// SessionLifetime is how long a login lasts (the backoffice's
	// constant), which the privacy notice states.
	SessionLifetime time.Duration
}

// Handler answers the public pages.
type Handler struct {
	*core.Site
	contact  string
	insight  *insight.Handler
	calendar func(w http.ResponseWriter, r *http.Request, slug string, asStage bool)
	// controller and sessionLifetime are what the privacy notice states.
	controller      core.DataController
	sessionLifetime time.Duration
}

// New parses the public templates.
func New(shared core.Deps, d Deps) (*Handler, error) {
	s := &Handler{contact: d.ContactEmail, insight: d.Insight, calendar: d.Calendar,
		controller: d.DataController, sessionLifetime: d.SessionLifetime}
	funcs := template.FuncMap{"deref": deref, "pathEscape": url.PathEscape, "addInts": func(a, b int) int { return a + b }}
	for k, v := range s.jsonLDFuncs() {
		funcs[k] = v
	}
	for k, v := range insight.Funcs() {
		funcs[k] = v
	}
	site, err := core.NewSite(shared, core.Templates(templateFiles), funcs)
	if err != nil {
		return nil, err
	}
	s.Site = site
	return s, nil
}

// deref gives the value of an optional number for printing.
func deref(v any) any {
	switch p := v.(type) {
	case *int:
		if p != nil {
			return *p
		}
	case *float64:
		if p != nil {
			return *p
		}
	}
	return v
}
