package public

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// regulationSorts are the columns /regolamenti sorts by (?ordina=).
var regulationSorts = []string{"nome", "regione", "provincia", "stato"}

type regulationRow struct {
	domain.Body
	Rule *domain.Regulation
}

type regulationListData struct {
	Rows      []regulationRow
	Kinds     []domain.BodyKind
	Regions   []string
	Provinces []string
	Kind      string
	Region    string
	Province  string
	Sort      string
	Desc      bool
	Pager     core.Pager
	Coverage  []store.RegulationCoverage
	Counts    struct{ Adopted, NotAdopted, Unknown int }
	Map       template.HTML
}

// SortURL is the link that sorts the list by a column, flipping the
// direction when it is already sorted by it.
func (d regulationListData) SortURL(col string) string {
	q := d.Pager.Query
	c := make(map[string][]string, len(q))
	for k, v := range q {
		c[k] = v
	}
	p := core.Pager{Path: "/regolamenti", Query: c}
	c["ordina"] = []string{col}
	delete(c, "verso")
	if col == d.Sort && !d.Desc {
		c["verso"] = []string{"desc"}
	}
	delete(c, "pagina")
	return p.Prev() // page 1 of the sorted list
}

// Regulations is /regolamenti: every member body with the status of its
// regulation on shared administration, filtered, sorted and paged, the
// coverage year by year, and the members on the map.
func (s *Handler) Regulations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg, ok := core.ReadPager(r)
	q := r.URL.Query()
	data := regulationListData{Kinds: domain.BodyKinds, Kind: q.Get("tipo"), Region: q.Get("regione"), Province: q.Get("provincia"),
		Sort: cmp.Or(q.Get("ordina"), "nome"), Desc: q.Get("verso") == "desc"}
	if !ok || !slices.Contains(regulationSorts, data.Sort) || (q.Get("verso") != "" && q.Get("verso") != "asc" && q.Get("verso") != "desc") {
		s.BadRequest(w, r, "registry.error.bad_filter")
		return
	}
	if data.Kind != "" && !domain.BodyKind(data.Kind).Valid() {
		s.BadRequest(w, r, "error.bad_kind")
		return
	}
	bodies, _, err := s.Store.Bodies(ctx, store.BodyFilter{Limit: 100000})
	if err != nil {
		s.ServerError(w, r, err)
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
	var members []domain.Body
	regions, provinces := map[string]bool{}, map[string]bool{}
	for _, b := range bodies {
		if _, ok := joined[b.ID]; !ok || b.Parent != nil {
			continue
		}
		members = append(members, b)
		switch b.Regulation {
		case domain.RegulationAdopted:
			data.Counts.Adopted++
		case domain.RegulationNotAdopted:
			data.Counts.NotAdopted++
		default:
			data.Counts.Unknown++
		}
		if b.Region != "" {
			regions[b.Region] = true
		}
		if b.ProvinceCode != "" {
			provinces[b.ProvinceCode] = true
		}
	}
	data.Regions, data.Provinces = sortedKeys(regions), sortedKeys(provinces)
	if (data.Region != "" && !regions[data.Region]) || (data.Province != "" && !provinces[data.Province]) {
		s.BadRequest(w, r, "error.bad_region")
		return
	}
	l := s.Localizer(r)
	data.Map = s.insight.RegulationMap(l, members)
	var rows []domain.Body
	for _, b := range members {
		if (data.Kind == "" || string(b.Kind) == data.Kind) && (data.Region == "" || b.Region == data.Region) && (data.Province == "" || b.ProvinceCode == data.Province) {
			rows = append(rows, b)
		}
	}
	slices.SortStableFunc(rows, func(a, b domain.Body) int {
		var c int
		switch data.Sort {
		case "regione":
			c = strings.Compare(a.Region, b.Region)
		case "provincia":
			c = strings.Compare(a.Province, b.Province)
		case "stato":
			c = strings.Compare(l.T(a.Regulation.LabelKey()), l.T(b.Regulation.LabelKey()))
		}
		if c == 0 {
			c = strings.Compare(a.Name, b.Name)
		}
		if data.Desc {
			c = -c
		}
		return c
	})
	pg.Total = len(rows)
	if pg.Number > pg.Pages() {
		s.NotFound(w, r)
		return
	}
	page := rows[pg.Offset():min(len(rows), pg.Offset()+pg.Size)]
	pageIDs := make([]int64, len(page))
	for i, b := range page {
		pageIDs[i] = b.ID
	}
	regs, err := s.Store.Regulations(ctx, pageIDs)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	for _, b := range page {
		row := regulationRow{Body: b}
		if reg, ok := regs[b.ID]; ok {
			row.Rule = &reg
		}
		data.Rows = append(data.Rows, row)
	}
	data.Pager = pg
	if data.Coverage, err = s.Store.RegulationCoverageByYear(ctx); err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "regulations", core.Page{L: l, Title: l.T("registry.regulations.title"), Description: l.T("registry.regulations.description"), Data: data})
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
