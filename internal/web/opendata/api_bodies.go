package opendata

import (
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
			s.apiServerError(w, r, err)
			return
		}
		if !slices.Contains(regions, v) {
			p.fail("region", "api.param_error.region", "Value", v)
		}
		f.Region = v
	}
	if v := p.str("cursor"); v != "" {
		c, err := s.decodeCursor(ctx, v, "bodies", filterFingerprint(p.q))
		switch {
		case errors.Is(err, errBadCursor):
			p.fail("cursor", "api.param_error.cursor")
		case err != nil:
			s.apiServerError(w, r, err)
			return
		default:
			f.After = &store.BodyKey{Name: c.Name, ID: c.ID}
		}
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
	more := len(bodies) > limit
	if more {
		bodies = bodies[:limit]
	}
	rows, err := s.apiBodyRows(r, bodies)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiList[apiBody]{Data: rows, Total: total, Limit: limit}
	if more {
		last := bodies[len(bodies)-1]
		next, err := s.encodeCursor(ctx, cursor{List: "bodies", Filter: filterFingerprint(p.q), Name: last.Name, ID: last.ID})
		if err != nil {
			s.apiServerError(w, r, err)
			return
		}
		out.NextCursor = &next
	}
	out.Links = listLinks(r.URL, out.NextCursor)
	s.apiJSON(w, r, out)
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
