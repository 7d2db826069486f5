package opendata

import (
	"context"
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
	f, err := s.activityFilter(ctx, p, limit)
	if err != nil {
		s.apiServerError(w, r, err)
		return
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
	out, err := s.activityPage(ctx, p, list, total, limit)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out.Links = listLinks(r.URL, out.NextCursor)
	s.apiJSON(w, r, out)
}

// activityFilter turns the query into a filter; bad values are recorded on
// p, and the error is only for a failing store.
func (s *Handler) activityFilter(ctx context.Context, p *apiParams, limit int) (store.PublicActivityFilter, error) {
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
	if err := s.filterActivityType(ctx, p, &f); err != nil {
		return f, err
	}
	if err := s.filterActivityCommunity(ctx, p, &f); err != nil {
		return f, err
	}
	if err := s.filterActivityBody(ctx, p, &f); err != nil {
		return f, err
	}
	return f, s.activityCursor(ctx, p, &f)
}

// filterActivityType keeps the activities of ?type=, an activity type slug.
func (s *Handler) filterActivityType(ctx context.Context, p *apiParams, f *store.PublicActivityFilter) error {
	v := p.str("type")
	if v == "" {
		return nil
	}
	t, err := s.Store.ActivityType(ctx, v)
	switch {
	case errors.Is(err, store.ErrNotFound):
		p.fail("type", "api.param_error.type", "Value", v)
	case err != nil:
		return err
	default:
		f.TypeID = t.ID
	}
	return nil
}

// filterActivityCommunity keeps the activities of ?community=, a community slug.
func (s *Handler) filterActivityCommunity(ctx context.Context, p *apiParams, f *store.PublicActivityFilter) error {
	v := p.str("community")
	if v == "" {
		return nil
	}
	communities, err := s.Store.Communities(ctx)
	if err != nil {
		return err
	}
	for _, c := range communities {
		if c.Slug == v {
			f.CommunityID = c.ID
		}
	}
	if f.CommunityID == 0 {
		p.fail("community", "api.param_error.community", "Value", v)
	}
	return nil
}

// filterActivityBody keeps the activities ?body= (a body slug) took part in.
func (s *Handler) filterActivityBody(ctx context.Context, p *apiParams, f *store.PublicActivityFilter) error {
	v := p.str("body")
	if v == "" {
		return nil
	}
	b, err := s.Store.Body(ctx, v)
	switch {
	case errors.Is(err, store.ErrNotFound):
		p.fail("body", "api.param_error.body", "Value", v)
	case err != nil:
		return err
	default:
		f.BodyID = b.ID
	}
	return nil
}

// activityCursor starts the page after the activity ?cursor= points at.
func (s *Handler) activityCursor(ctx context.Context, p *apiParams, f *store.PublicActivityFilter) error {
	v := p.str("cursor")
	if v == "" {
		return nil
	}
	c, err := s.decodeCursor(ctx, v, "activities", filterFingerprint(p.q))
	day, dayErr := time.Parse(time.DateOnly, c.Day)
	switch {
	case errors.Is(err, errBadCursor), err == nil && dayErr != nil:
		p.fail("cursor", "api.param_error.cursor")
	case err != nil:
		return err
	default:
		f.After = &store.ActivityKey{StartsOn: day, ID: c.ID}
	}
	return nil
}

// activityPage is one page of the list, with the cursor of the next page
// when there is more (the store was asked for one row past the limit).
func (s *Handler) activityPage(ctx context.Context, p *apiParams, list []store.ActivitySummary, total, limit int) (apiList[apiActivity], error) {
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
			return out, err
		}
		out.NextCursor = &next
	}
	return out, nil
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
