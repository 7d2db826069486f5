package opendata

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"benicommunity/internal/i18n"
	"benicommunity/internal/web/core"
)

// Page sizes of the API lists.
const (
	apiDefaultLimit = 20
	apiMaxLimit     = 100
)

// apiParams reads a request's query parameters and collects every mistake,
// so one 400 answer lists all of them.
type apiParams struct {
	q   url.Values
	l   *i18n.Localizer
	bad []core.InvalidParam
}

// readAPIParams refuses parameters the endpoint does not know and parameters
// given twice: a misspelt filter must not silently return everything.
func (s *Handler) readAPIParams(r *http.Request, allowed ...string) *apiParams {
	p := &apiParams{q: r.URL.Query(), l: s.NegotiatedLocalizer(r)}
	names := make([]string, 0, len(p.q))
	for name := range p.q {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch {
		case !slices.Contains(allowed, name):
			p.fail(name, "api.param_error.unknown")
		case len(p.q[name]) > 1:
			p.fail(name, "api.param_error.repeated")
		}
	}
	return p
}

func (p *apiParams) fail(name, reasonID string, args ...any) {
	p.bad = append(p.bad, core.InvalidParam{Name: name, Reason: p.l.T(reasonID, args...)})
}

func (p *apiParams) ok() bool { return len(p.bad) == 0 }

func (p *apiParams) str(name string) string { return p.q.Get(name) }

// date reads a calendar day written YYYY-MM-DD.
func (p *apiParams) date(name string) *time.Time {
	v := p.q.Get(name)
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		p.fail(name, "api.param_error.date", "Value", v)
		return nil
	}
	return &t
}

func (p *apiParams) boolean(name string) *bool {
	switch p.q.Get(name) {
	case "":
		return nil
	case "true":
		b := true
		return &b
	case "false":
		b := false
		return &b
	}
	p.fail(name, "api.param_error.boolean")
	return nil
}

// limit reads the page size: 1 to apiMaxLimit, apiDefaultLimit when absent.
func (p *apiParams) limit() int {
	v := p.q.Get("limit")
	if v == "" {
		return apiDefaultLimit
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > apiMaxLimit {
		p.fail("limit", "api.param_error.limit", "Max", apiMaxLimit)
		return apiDefaultLimit
	}
	return n
}
