package insight

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

// insightForm is the filter form of /rete as the user typed it, so a
// rejected value is shown back with the message saying what to fix.
type insightForm struct {
	Community string // slug
	From, To  string // YYYY-MM-DD as typed
	Errors    map[string]string
}

// Query returns the filter as a query string ("" when unfiltered), for
// links to the JSON endpoints and between pages.
func (f insightForm) Query() string {
	q := url.Values{}
	if f.Community != "" {
		q.Set("comunita", f.Community)
	}
	if f.From != "" {
		q.Set("dal", f.From)
	}
	if f.To != "" {
		q.Set("al", f.To)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// Filtered reports whether any filter is set.
func (f insightForm) Filtered() bool { return f.Community != "" || f.From != "" || f.To != "" }

var errBadFilter = errors.New("invalid filter")

// readInsightFilter validates ?comunita=&dal=&al=. On error the form carries
// one translated message per field and the error is errBadFilter.
func (s *Handler) readInsightFilter(r *http.Request, communities []domain.Community) (insightForm, store.InsightFilter, error) {
	l := s.Localizer(r)
	q := r.URL.Query()
	form := insightForm{
		Community: strings.TrimSpace(q.Get("comunita")),
		From:      strings.TrimSpace(q.Get("dal")),
		To:        strings.TrimSpace(q.Get("al")),
		Errors:    map[string]string{},
	}
	var f store.InsightFilter
	if form.Community != "" {
		found := false
		for _, c := range communities {
			if c.Slug == form.Community {
				f.CommunityID, found = c.ID, true
			}
		}
		if !found {
			form.Errors["comunita"] = l.T("insight.error.community")
		}
	}
	parse := func(field, value string) time.Time {
		if value == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.DateOnly, value)
		if err != nil || t.Year() < 1900 || t.Year() > 2999 {
			form.Errors[field] = l.T("insight.error.date", "Value", value)
			return time.Time{}
		}
		return t
	}
	f.From = parse("dal", form.From)
	f.To = parse("al", form.To)
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		form.Errors["al"] = l.T("insight.error.order")
	}
	if len(form.Errors) > 0 {
		return form, f, errBadFilter
	}
	return form, f, nil
}
