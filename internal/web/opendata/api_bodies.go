package opendata

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

var (
	bodyListParams = []string{"kind", "province", "region", "limit", "cursor"}
	provinceCodeRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

// APIBodies lists bodies by name, filtered and paged by cursor.
func (s *Handler) APIBodies(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.readAPIParams(r, bodyListParams...)
	limit := p.limit()
	f, err := s.bodyFilter(ctx, p, limit)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	bodies, total, err := s.Store.PublicBodies(ctx, f)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out, err := s.bodyPage(r, p, bodies, total, limit)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out.Links = listLinks(r.URL, out.NextCursor)
	s.apiJSON(w, r, out)
}

// bodyFilter turns the query into a filter; bad values are recorded on p,
// and the error is only for a failing store.
func (s *Handler) bodyFilter(ctx context.Context, p *apiParams, limit int) (store.PublicBodyFilter, error) {
	f := store.PublicBodyFilter{Limit: limit + 1}
	if v := p.str("kind"); v != "" {
		if !domain.BodyKind(v).Valid() {
			p.fail("kind", "api.param_error.kind", "Value", v)
		}
		f.Kind = domain.BodyKind(v)
	}
	if v := p.str("province"); v != "" {
		if !provinceCodeRE.MatchString(v) {
			p.fail("province", "api.param_error.province", "Value", v)
		}
		f.ProvinceCode = v
	}
	if v := p.str("region"); v != "" {
		regions, err := s.Store.BodyRegions(ctx)
		if err != nil {
			return f, err
		}
		if !slices.Contains(regions, v) {
			p.fail("region", "api.param_error.region", "Value", v)
		}
		f.Region = v
	}
	return f, s.bodyCursor(ctx, p, &f)
}

// bodyCursor starts the page after the body ?cursor= points at.
func (s *Handler) bodyCursor(ctx context.Context, p *apiParams, f *store.PublicBodyFilter) error {
	v := p.str("cursor")
	if v == "" {
		return nil
	}
	c, err := s.decodeCursor(ctx, v, "bodies", filterFingerprint(p.q))
	switch {
	case errors.Is(err, errBadCursor):
		p.fail("cursor", "api.param_error.cursor")
	case err != nil:
		return err
	default:
		f.After = &store.BodyKey{Name: c.Name, ID: c.ID}
	}
	return nil
}

// bodyPage is one page of the list, with the cursor of the next page when
// there is more (the store was asked for one row past the limit).
func (s *Handler) bodyPage(r *http.Request, p *apiParams, bodies []domain.Body, total, limit int) (apiList[apiBody], error) {
	more := len(bodies) > limit
	if more {
		bodies = bodies[:limit]
	}
	rows, err := s.apiBodyRows(r, bodies)
	if err != nil {
		return apiList[apiBody]{}, err
	}
	out := apiList[apiBody]{Data: rows, Total: total, Limit: limit}
	if more {
		last := bodies[len(bodies)-1]
		next, err := s.encodeCursor(r.Context(), cursor{List: "bodies", Filter: filterFingerprint(p.q), Name: last.Name, ID: last.ID})
		if err != nil {
			return out, err
		}
		out.NextCursor = &next
	}
	return out, nil
}

// apiBodyRows adds membership and activity counts to a page of bodies: two
// queries for the whole page.
func (s *Handler) apiBodyRows(r *http.Request, bodies []domain.Body) ([]apiBody, error) {
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		ids[i] = b.ID
	}
	joined, err := s.Store.Memberships(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	counts, err := s.Store.BodyActivityCounts(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]apiBody, 0, len(bodies))
	for _, b := range bodies {
		var m *domain.Membership
		if j, ok := joined[b.ID]; ok {
			m = &j
		}
		out = append(out, toAPIBody(b, m, counts[b.ID]))
	}
	return out, nil
}

// APIBody answers one body with its membership, offices and participations.
func (s *Handler) APIBody(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	ctx := r.Context()
	b, err := s.Store.Body(ctx, r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.apiNotFound(w, r)
		return
	}
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	rows, err := s.apiBodyRows(r, []domain.Body{b})
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiBodyDetail{apiBody: rows[0], Description: b.Description, Offices: []apiBodyRef{}, Participations: []apiBodyParticipation{}}
	offices, err := s.Store.BodyOffices(ctx, b.ID)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out.Offices = append(out.Offices, toAPIBodyRefs(offices)...)
	parts, err := s.Store.BodyParticipations(ctx, b.ID)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	for _, bp := range parts {
		row := apiBodyParticipation{Activity: toAPIActivityRef(bp.Activity), Role: string(bp.Role)}
		if bp.Via != nil {
			v := toAPIBodyRef(*bp.Via)
			row.Via = &v
		}
		out.Participations = append(out.Participations, row)
	}
	s.apiJSON(w, r, out)
}
