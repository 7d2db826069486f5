package web

import (
	"errors"
	"net/http"
	"slices"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

type bodyRow struct {
	domain.Body
	Joined *domain.Membership
}

type bodyListData struct {
	Bodies  []bodyRow
	Kinds   []domain.BodyKind
	Regions []string
	Kind    string
	Region  string
	Pager   pager
}

// bodyList lists every body the network knows, with filters by kind and region.
func (s *Server) bodyList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := readPager(r)
	if !ok {
		s.badRequest(w, r, "error.bad_page")
		return
	}
	q := r.URL.Query()
	data := bodyListData{Kinds: domain.BodyKinds, Kind: q.Get("tipo"), Region: q.Get("regione")}
	if data.Kind != "" && !domain.BodyKind(data.Kind).Valid() {
		s.badRequest(w, r, "error.bad_kind")
		return
	}
	regions, err := s.store.BodyRegions(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Regions = regions
	if data.Region != "" && !slices.Contains(regions, data.Region) {
		s.badRequest(w, r, "error.bad_region")
		return
	}
	bodies, total, err := s.store.Bodies(ctx, store.BodyFilter{Kind: domain.BodyKind(data.Kind), Region: data.Region, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pg.Total = total
	if pg.Number > pg.Pages() {
		s.notFound(w, r)
		return
	}
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		ids[i] = b.ID
	}
	joined, err := s.store.Memberships(ctx, ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, b := range bodies {
		row := bodyRow{Body: b}
		if m, ok := joined[b.ID]; ok {
			row.Joined = &m
		}
		data.Bodies = append(data.Bodies, row)
	}
	data.Pager = pg
	l := s.localizer(r)
	s.render(w, r, http.StatusOK, "bodies", page{L: l, Title: l.T("bodies.title"), Description: l.T("bodies.description"), Data: data})
}

type bodyData struct {
	domain.Body
	Joined         *domain.Membership
	Offices        []domain.BodyRef
	Participations []store.BodyParticipation
	Hosted         []store.BodyParticipation
	Extras         store.BodyExtras // contact office and logo, edited in the backoffice
	Insight        bodyInsight      // insight_body.go
}

// bodyPage shows one body: what it is, where, when it joined, what it hosted and attended.
func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	b, err := s.store.Body(ctx, r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := bodyData{Body: b}
	joined, err := s.store.Memberships(ctx, []int64{b.ID})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if m, ok := joined[b.ID]; ok {
		data.Joined = &m
	}
	if data.Extras, err = s.store.BodyExtras(ctx, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Offices, err = s.store.BodyOffices(ctx, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Participations, err = s.store.BodyParticipations(ctx, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, p := range data.Participations {
		if p.Role == domain.RoleHost && p.Activity.IsStage {
			data.Hosted = append(data.Hosted, p)
		}
	}
	l := s.localizer(r)
	if data.Insight, err = s.bodyInsightOf(ctx, l, b, data.Joined, data.Participations); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "body", page{L: l, Title: b.Name, Description: l.T("body.description", "Name", b.Name), Data: data})
}
