package public

import (
	"errors"
	"html/template"
	"net/http"
	"regexp"
	"strconv"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
	"benicommunity/internal/web/insight"
)

// pactPageSize is how many pacts /patti shows at once.
const pactPageSize = 30

// pactMapRows is how many places the table beside the pacts' map lists.
const pactMapRows = 100

var (
	slugParam     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	provinceParam = regexp.MustCompile(`^[A-Z]{2}$`)
)

// pactParam is one filter of /patti: its query name, the facet it counts
// and what is chosen.
type pactParam struct {
	Name, Facet, LabelKey string
	Value                 string
	Options               []store.FacetValue
}

type pactListData struct {
	Filter   store.PactFilter
	Params   []pactParam
	Page     store.PactPage
	Filtered bool
	Query    string // the filters as a query string, without the cursor
	First    bool   // the first page (no cursor)
	NextURL  string
	FirstURL string
	Places   []insight.PactPlace
	MapRows  []insight.PactPlace
	Located  int
}

// readPactFilter reads the filters of /patti (and of the pacts' API and
// CSV): Italian names, slugs and codes of the public schema. ok is false
// with the catalogue id of what to fix.
func readPactFilter(r *http.Request) (store.PactFilter, []pactParam, string) {
	q := r.URL.Query()
	params := []pactParam{
		{Name: "ente", Facet: store.FacetBody, LabelKey: "registry.filter.body"},
		{Name: "regione", Facet: store.FacetRegion, LabelKey: "registry.filter.region"},
		{Name: "provincia", Facet: store.FacetProvince, LabelKey: "registry.filter.province"},
		{Name: "stato", Facet: store.FacetStatus, LabelKey: "registry.filter.status"},
		{Name: "tipo", Facet: store.FacetType, LabelKey: "registry.filter.type"},
		{Name: "bene", Facet: store.FacetKind, LabelKey: "registry.filter.kind"},
		{Name: "tema", Facet: store.FacetTheme, LabelKey: "registry.filter.theme"},
		{Name: "anno", Facet: store.FacetYear, LabelKey: "registry.filter.year"},
	}
	var f store.PactFilter
	for i := range params {
		p := &params[i]
		v := q.Get(p.Name)
		p.Value = v
		if v == "" {
			continue
		}
		switch p.Name {
		case "ente", "tipo", "bene", "tema":
			if !slugParam.MatchString(v) || len(v) > 200 {
				return f, nil, "registry.error.bad_filter"
			}
		case "regione":
			if len(v) > 60 {
				return f, nil, "registry.error.bad_filter"
			}
		case "provincia":
			if !provinceParam.MatchString(v) {
				return f, nil, "registry.error.bad_filter"
			}
		case "stato":
			if !domain.PactStatus(v).Valid() {
				return f, nil, "registry.error.bad_status"
			}
		case "anno":
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 2200 {
				return f, nil, "registry.error.bad_year"
			}
			f.Year = y
		}
	}
	f.Body, f.Region, f.Province = params[0].Value, params[1].Value, params[2].Value
	f.Status, f.Type, f.Kind, f.Theme = domain.PactStatus(params[3].Value), params[4].Value, params[5].Value, params[6].Value
	return f, params, ""
}

// PactList is /patti: the network's published pacts, filtered with a count
// for every value (one facet query per page), newest first, a page at a
// time by keyset cursor, with the map of those that have coordinates.
func (s *Handler) PactList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, params, bad := readPactFilter(r)
	if bad != "" {
		s.BadRequest(w, r, bad)
		return
	}
	if v := r.URL.Query().Get("dopo"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			s.BadRequest(w, r, "registry.error.bad_cursor")
			return
		}
		f.Before = n
	}
	f.Limit = pactPageSize
	page, err := s.Store.Pacts(ctx, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if f.Before != 0 && len(page.Pacts) == 0 {
		s.NotFound(w, r)
		return
	}
	facets, err := s.Store.PactFacetCounts(ctx, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	markers, err := s.Store.PactMarkers(ctx, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data := pactListData{Filter: f, Page: page, First: f.Before == 0, Located: len(markers)}
	q := r.URL.Query()
	q.Del("dopo")
	q.Del("lang")
	for i := range params {
		params[i].Options = facets[params[i].Facet]
		data.Filtered = data.Filtered || params[i].Value != ""
	}
	data.Params = params
	data.Query = q.Encode()
	data.FirstURL = "/patti"
	if data.Query != "" {
		data.FirstURL += "?" + data.Query
	}
	if page.Next != 0 {
		q.Set("dopo", strconv.FormatInt(page.Next, 10))
		data.NextURL = "/patti?" + q.Encode()
	}
	data.Places = insight.PactPlaces(markers)
	data.MapRows = data.Places[:min(len(data.Places), pactMapRows)]
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "pacts", core.Page{L: l, Title: l.T("registry.pacts.title"), Description: l.T("registry.pacts.description"),
		Data: pactPageData{pactListData: data, Map: s.insight.PactMap(l, data.Places)}})
}

type pactPageData struct {
	pactListData
	Map template.HTML
}

// PactPage is /patti/{slug}: one published pact with its history, files,
// themes, activities, body and the body's regulation.
func (s *Handler) PactPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.Store.PactBySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "pact", core.Page{L: l, Title: d.Title, Description: l.T("registry.pact.description", "Title", d.Title, "Body", d.Body.Name), Data: d})
}
