package opendata

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

var activityListParams = []string{"type", "community", "body", "format", "from", "to", "stage", "limit", "cursor"}

// APIActivities lists published activities in date order, filtered and paged by cursor.
func (s *Handler) APIActivities(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.readAPIParams(r, activityListParams...)
	limit := p.limit()
	f := store.PublicActivityFilter{Limit: limit + 1, From: p.date("from"), To: p.date("to"), Stage: p.boolean("stage")}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		p.fail("to", "api.param_error.range")
	}
	if v := p.str("format"); v != "" {
		if !domain.Format(v).Valid() {
			p.fail("format", "api.param_error.format", "Value", v)
		}
		f.Format = domain.Format(v)
	}
	if v := p.str("type"); v != "" {
		t, err := s.Store.ActivityType(ctx, v)
		switch {
		case errors.Is(err, store.ErrNotFound):
			p.fail("type", "api.param_error.type", "Value", v)
		case err != nil:
			s.apiServerError(w, r, err)
			return
		default:
			f.TypeID = t.ID
		}
	}
	if v := p.str("community"); v != "" {
		communities, err := s.Store.Communities(ctx)
		if err != nil {
			s.apiServerError(w, r, err)
			return
		}
		for _, c := range communities {
			if c.Slug == v {
				f.CommunityID = c.ID
			}
		}
		if f.CommunityID == 0 {
			p.fail("community", "api.param_error.community", "Value", v)
		}
	}
	if v := p.str("body"); v != "" {
		b, err := s.Store.Body(ctx, v)
		switch {
		case errors.Is(err, store.ErrNotFound):
			p.fail("body", "api.param_error.body", "Value", v)
		case err != nil:
			s.apiServerError(w, r, err)
			return
		default:
			f.BodyID = b.ID
		}
	}
	if v := p.str("cursor"); v != "" {
		c, err := s.decodeCursor(ctx, v, "activities", filterFingerprint(p.q))
		day, dayErr := time.Parse(time.DateOnly, c.Day)
		switch {
		case errors.Is(err, errBadCursor), err == nil && dayErr != nil:
			p.fail("cursor", "api.param_error.cursor")
		case err != nil:
			s.apiServerError(w, r, err)
			return
		default:
			f.After = &store.ActivityKey{StartsOn: day, ID: c.ID}
		}
	}
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	list, total, err := s.Store.PublicActivities(ctx, f)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiList[apiActivity]{Data: []apiActivity{}, Total: total, Limit: limit}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	for _, a := range list {
		out.Data = append(out.Data, toAPIActivity(a.Activity, a.Hosts, a.NamedBodies))
	}
	if more {
		last := list[len(list)-1]
		next, err := s.encodeCursor(ctx, cursor{List: "activities", Filter: filterFingerprint(p.q), Day: isoDay(last.StartsOn), ID: last.ID})
		if err != nil {
			s.apiServerError(w, r, err)
			return
		}
		out.NextCursor = &next
	}
	out.Links = listLinks(r.URL, out.NextCursor)
	s.apiJSON(w, r, out)
}

// listLinks gives the canonical URL of this page and of the next one.
func listLinks(u *url.URL, next *string) apiListLinks {
	self := u.Path
	if enc := u.Query().Encode(); enc != "" {
		self += "?" + enc
	}
	links := apiListLinks{Self: self}
	if next != nil {
		q := u.Query()
		q.Set("cursor", *next)
		n := u.Path + "?" + q.Encode()
		links.Next = &n
	}
	return links
}

// APIActivity answers one published activity with its participations and public figures.
func (s *Handler) APIActivity(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	d, err := s.Store.ActivityDetail(r.Context(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.Status != domain.StatusPublished) {
		s.apiNotFound(w, r)
		return
	}
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	s.apiJSON(w, r, toAPIActivityDetail(d))
}
