package opendata

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

// The registry's pacts in the one public schema of docs/registry.md: the
// same names and values for every body; empty values are null.

var (
	pactListParams = []string{"body", "region", "province", "status", "type", "kind", "theme", "year", "limit", "cursor"}
	slugRE         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

type apiPact struct {
	Slug              string     `json:"slug"`
	Body              apiBodyRef `json:"body"`
	SourceID          *string    `json:"source_id"`
	Title             string     `json:"title"`
	Summary           *string    `json:"summary"`
	CommonsKind       *string    `json:"commons_kind"`
	PactType          *string    `json:"pact_type"`
	Address           *string    `json:"address"`
	Municipality      *string    `json:"municipality"`
	MunicipalityISTAT *string    `json:"municipality_istat"`
	Neighbourhood     *string    `json:"neighbourhood"`
	District          *string    `json:"district"`
	Latitude          *float64   `json:"latitude"`
	Longitude         *float64   `json:"longitude"`
	ProposerKind      *string    `json:"proposer_kind"`
	ProposerCount     *int       `json:"proposer_count"`
	ProposerOrgs      []string   `json:"proposer_orgs"`
	Status            string     `json:"status"`
	StatusOn          *string    `json:"status_on"`
	SignedOn          *string    `json:"signed_on"`
	DurationMonths    *int       `json:"duration_months"`
	EndsOn            *string    `json:"ends_on"`
	Year              *int       `json:"year"`
	ActNumber         *string    `json:"act_number"`
	ActDate           *string    `json:"act_date"`
	ActURL            *string    `json:"act_url"`
	Monitoring        *string    `json:"monitoring"`
	Results           *string    `json:"results"`
	Themes            []string   `json:"themes"`
	Links             apiLinks   `json:"links"`
}

type apiPactChange struct {
	Status string  `json:"status"`
	On     string  `json:"on"`
	Note   *string `json:"note"`
}

type apiFile struct {
	Title       string `json:"title"`
	Filename    string `json:"filename"`
	Section     string `json:"section"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

type apiPactDetail struct {
	apiPact
	History          []apiPactChange         `json:"history"`
	Activities       []string                `json:"activities"`
	Attachments      []apiFile               `json:"attachments"`
	RegulationStatus domain.RegulationStatus `json:"regulation_status"`
}

// isoDayPtr writes an optional day as YYYY-MM-DD, nil when absent.
func isoDayPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	d := isoDay(*t)
	return &d
}

func toAPIPact(p domain.Pact) apiPact {
	out := apiPact{Slug: p.Slug, Body: toAPIBodyRef(p.Body), SourceID: optString(p.SourceID), Title: p.Title,
		Summary: optString(p.Summary), Address: optString(p.Place.Address), Municipality: optString(p.Place.Municipality),
		MunicipalityISTAT: optString(p.Place.MunicipalityISTAT), Neighbourhood: optString(p.Place.Neighbourhood),
		District: optString(p.Place.District), Latitude: p.Place.Latitude, Longitude: p.Place.Longitude,
		ProposerKind: optString(string(p.ProposerKind)), ProposerCount: p.ProposerCount, ProposerOrgs: []string{},
		Status: string(p.Status), DurationMonths: p.DurationMonths, ActNumber: optString(p.Act.Number),
		ActURL: optString(p.Act.URL), Monitoring: optString(p.Monitoring), Results: optString(p.Results), Themes: []string{},
		Links: apiLinks{Self: "/api/v1/pacts/" + p.Slug, HTML: "/patti/" + p.Slug}}
	if p.CommonsKind != nil {
		out.CommonsKind = &p.CommonsKind.Slug
	}
	if p.Type != nil {
		out.PactType = &p.Type.Slug
	}
	out.ProposerOrgs = append(out.ProposerOrgs, p.ProposerOrgs...)
	out.StatusOn, out.SignedOn, out.EndsOn, out.ActDate = isoDayPtr(p.StatusOn), isoDayPtr(p.SignedOn), isoDayPtr(p.EndsOn), isoDayPtr(p.Act.Date)
	if y := p.Year(); y != 0 {
		out.Year = &y
	}
	for _, t := range p.Themes {
		out.Themes = append(out.Themes, t.Slug)
	}
	return out
}

// APIPacts lists the published pacts, newest first, with the filters of
// /patti, a page at a time by cursor.
func (s *Handler) APIPacts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.readAPIParams(r, pactListParams...)
	limit := p.limit()
	f := pactFilter(p)
	f.Limit = limit
	if v := p.str("cursor"); v != "" {
		c, err := s.decodeCursor(ctx, v, "pacts", filterFingerprint(p.q))
		switch {
		case errors.Is(err, errBadCursor):
			p.fail("cursor", "api.param_error.cursor")
		case err != nil:
			s.apiServerError(w, r, err)
			return
		default:
			f.Before = c.ID
		}
	}
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	page, err := s.Store.Pacts(ctx, f)
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	out := apiList[apiPact]{Data: []apiPact{}, Total: page.Total, Limit: limit}
	for _, pc := range page.Pacts {
		out.Data = append(out.Data, toAPIPact(pc))
	}
	if page.Next != 0 {
		next, err := s.encodeCursor(ctx, cursor{List: "pacts", Filter: filterFingerprint(p.q), ID: page.Next})
		if err != nil {
			s.apiServerError(w, r, err)
			return
		}
		out.NextCursor = &next
	}
	out.Links = listLinks(r.URL, out.NextCursor)
	s.apiJSON(w, r, out)
}

// pactFilter reads the filters of the pacts' API and CSV; bad values are
// recorded on p.
func pactFilter(p *apiParams) store.PactFilter {
	var f store.PactFilter
	for _, name := range []string{"body", "type", "kind", "theme"} {
		if v := p.str(name); v != "" && (!slugRE.MatchString(v) || len(v) > 200) {
			p.fail(name, "api.param_error.slug", "Value", v)
		}
	}
	f.Body, f.Type, f.Kind, f.Theme = p.str("body"), p.str("type"), p.str("kind"), p.str("theme")
	if v := p.str("province"); v != "" && !provinceCodeRE.MatchString(v) {
		p.fail("province", "api.param_error.province", "Value", v)
	}
	f.Province = p.str("province")
	if v := p.str("region"); len(v) > 60 {
		p.fail("region", "api.param_error.region", "Value", v)
	}
	f.Region = p.str("region")
	if v := p.str("status"); v != "" && !domain.PactStatus(v).Valid() {
		p.fail("status", "api.param_error.pact_status", "Value", v)
	}
	f.Status = domain.PactStatus(p.str("status"))
	if v := p.str("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			p.fail("year", "api.param_error.year", "Value", v)
		}
		f.Year = y
	}
	return f
}

// APIPact is one published pact with its history, files, activities and
// the status of its body's regulation.
func (s *Handler) APIPact(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	d, err := s.Store.PactBySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.apiNotFound(w, r)
		return
	}
	if err != nil {
		s.apiServerError(w, r, err)
		return
	}
	s.apiJSON(w, r, toAPIPactDetail(d))
}

func toAPIPactDetail(d store.PactDetail) apiPactDetail {
	out := apiPactDetail{apiPact: toAPIPact(d.Pact), History: []apiPactChange{}, Activities: []string{}, Attachments: []apiFile{}}
	for _, h := range d.History {
		out.History = append(out.History, apiPactChange{Status: string(h.Status), On: isoDay(h.On), Note: optString(h.Note)})
	}
	for _, a := range d.Activities {
		out.Activities = append(out.Activities, a.Slug)
	}
	for _, a := range d.Attachments {
		out.Attachments = append(out.Attachments, toAPIFile(a))
	}
	if d.Regulation != nil {
		out.RegulationStatus = d.Regulation.Status
	}
	return out
}

func toAPIFile(a store.AttachmentInfo) apiFile {
	return apiFile{Title: a.Title, Filename: a.Filename, Section: a.Section, ContentType: a.ContentType, Size: a.Size,
		URL: "/registro/allegati/" + strconv.FormatInt(a.ID, 10) + "/" + url.PathEscape(a.Filename)}
}
