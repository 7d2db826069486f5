package public

import (
	"errors"
	"net/http"
	"slices"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
	"benicommunity/internal/web/insight"
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
	Pager   core.Pager
}

// BodyList lists every body the network knows, with filters by kind and region.
func (s *Handler) BodyList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := core.ReadPager(r)
	if !ok {
		s.BadRequest(w, r, "error.bad_page")
		return
	}
	q := r.URL.Query()
	data := bodyListData{Kinds: domain.BodyKinds, Kind: q.Get("tipo"), Region: q.Get("regione")}
	if data.Kind != "" && !domain.BodyKind(data.Kind).Valid() {
		s.BadRequest(w, r, "error.bad_kind")
		return
	}
	regions, err := s.Store.BodyRegions(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data.Regions = regions
	if data.Region != "" && !slices.Contains(regions, data.Region) {
		s.BadRequest(w, r, "error.bad_region")
		return
	}
	bodies, total, err := s.Store.Bodies(ctx, store.BodyFilter{Kind: domain.BodyKind(data.Kind), Region: data.Region, Limit: pg.Size, Offset: pg.Offset()})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	pg.Total = total
	if pg.Number > pg.Pages() {
		s.NotFound(w, r)
		return
	}
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		ids[i] = b.ID
	}
	joined, err := s.Store.Memberships(ctx, ids)
	if err != nil {
		s.ServerError(w, r, err)
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
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "bodies", core.Page{L: l, Title: l.T("bodies.title"), Description: l.T("bodies.description"), Data: data})
}

type bodyData struct {
	domain.Body
	Joined         *domain.Membership
	Offices        []domain.BodyRef
	Participations []store.BodyParticipation
	Hosted         []store.BodyParticipation
	Extras         store.BodyExtras   // contact office and logo, edited in the backoffice
	Insight        insight.BodyFacts  // insight/body.go
	Rule           *domain.Regulation // the regulation record, nil when its status is not known
	Pacts          store.PactPage     // the body's newest published pacts
}

// bodyPactsShown is how many pacts a body's page lists before linking to /patti.
const bodyPactsShown = 10

// BodyPage shows one body: what it is, where, when it joined, what it hosted and attended.
func (s *Handler) BodyPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	b, err := s.Store.Body(ctx, r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data := bodyData{Body: b}
	joined, err := s.Store.Memberships(ctx, []int64{b.ID})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if m, ok := joined[b.ID]; ok {
		data.Joined = &m
	}
	if data.Extras, err = s.Store.BodyExtras(ctx, b.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	if data.Offices, err = s.Store.BodyOffices(ctx, b.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	if data.Participations, err = s.Store.BodyParticipations(ctx, b.ID); err != nil {
		s.ServerError(w, r, err)
		return
	}
	for _, p := range data.Participations {
		if p.Role == domain.RoleHost && p.Activity.IsStage {
			data.Hosted = append(data.Hosted, p)
		}
	}
	if reg, ok, err := s.Store.Regulation(ctx, b.ID); err != nil {
		s.ServerError(w, r, err)
		return
	} else if ok {
		data.Rule = &reg
	}
	if data.Pacts, err = s.Store.Pacts(ctx, store.PactFilter{Body: b.Slug, Limit: bodyPactsShown}); err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	if data.Insight, err = s.insight.BodyInsight(ctx, l, b, data.Joined, data.Participations); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "body", core.Page{L: l, Title: b.Name, Description: l.T("body.description", "Name", b.Name), Data: data})
}
