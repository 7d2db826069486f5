package public

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"benicommunity/internal/domain"
	"benicommunity/internal/fulltext"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// searchMaxQuery is the longest query accepted, in characters.
const searchMaxQuery = 200

// searchPageSize is how many results a page of search shows.
const searchPageSize = 20

// searchKinds maps the Italian values of ?categoria= to result kinds, in the
// order the filter lists them.
var searchKinds = []struct {
	Param string
	Kind  store.SearchKind
}{
	{"attivita", store.SearchActivity},
	{"restituzione", store.SearchReport},
	{"tavolo", store.SearchTable},
	{"ente", store.SearchBody},
	{"tema", store.SearchTheme},
	{"patto", store.SearchPact},             // store.RegistrySearchKinds
	{"regolamento", store.SearchRegulation}, // linked to the body's page
	{"buona-pratica", store.SearchPractice},
}

type searchData struct {
	Query    string // what was typed, shown again in the form
	Kind     string // the ?categoria= value
	Type     string // the ?tipo= value
	Kinds    []string
	Types    []domain.ActivityType
	ErrorID  string // what to fix, when the input was bad
	Searched bool   // a query was run (even with no result)
	NoTerms  bool   // the query had only words too common to search
	Hits     []searchHitView
	Pager    core.Pager
}

type searchHitView struct {
	KindID   string // catalogue id of the kind's label
	Href     string
	Title    []fulltext.Segment
	Snippet  []fulltext.Segment
	Activity string // the activity a report or table belongs to
	TypeName string
	Place    string
}

// Search answers /cerca?q=…&categoria=…&tipo=…&pagina=N with ranked results.
func (s *Handler) Search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	data := searchData{Query: q.Get("q"), Kind: q.Get("categoria"), Type: q.Get("tipo")}
	for _, k := range searchKinds {
		data.Kinds = append(data.Kinds, k.Param)
	}
	counters, err := s.Store.Counters(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	for _, c := range counters {
		data.Types = append(data.Types, c.Type)
	}
	l := s.Localizer(r)
	render := func(status int) {
		s.Render(w, r, status, "search", core.Page{L: l, Title: l.T("search.title"), Description: l.T("search.description"), Data: data})
	}
	pg, ok := core.ReadPager(r)
	pg.Size = searchPageSize
	sq, errID := readSearchQuery(data, q.Has("q"), ok)
	if errID != "" {
		data.ErrorID = errID
		// An empty search is not bad input to refuse: the page just asks for words.
		status := http.StatusBadRequest
		if errID == "search.error.empty" {
			status = http.StatusOK
		}
		render(status)
		return
	}
	if !q.Has("q") {
		render(http.StatusOK)
		return
	}
	sq.Limit, sq.Offset = pg.Size, pg.Offset()
	res, err := s.Store.Search(ctx, sq)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	pg.Total = res.Total
	if pg.Number > pg.Pages() {
		s.NotFound(w, r)
		return
	}
	data.Searched, data.NoTerms, data.Pager = true, len(res.Terms) == 0, pg
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, hitView(h, res.Terms))
	}
	render(http.StatusOK)
}

// readSearchQuery validates the query string; it returns the catalogue id
// of what to fix when something is wrong.
func readSearchQuery(d searchData, hasQ, pageOK bool) (store.SearchQuery, string) {
	var sq store.SearchQuery
	if !pageOK {
		return sq, "search.error.bad_page"
	}
	if d.Kind != "" {
		for _, k := range searchKinds {
			if k.Param == d.Kind {
				sq.Kind = k.Kind
			}
		}
		if sq.Kind == "" {
			return sq, "search.error.bad_kind"
		}
	}
	if d.Type != "" {
		for _, t := range d.Types {
			if t.Slug == d.Type {
				sq.TypeSlug = t.Slug
			}
		}
		if sq.TypeSlug == "" {
			return sq, "search.error.bad_type"
		}
	}
	if utf8.RuneCountInString(d.Query) > searchMaxQuery {
		return sq, "search.error.too_long"
	}
	sq.Text = strings.TrimSpace(d.Query)
	if sq.Text == "" && (hasQ || d.Kind != "" || d.Type != "") {
		return sq, "search.error.empty"
	}
	return sq, ""
}

func hitView(h store.SearchHit, terms []string) searchHitView {
	v := searchHitView{
		KindID:   "search.kind." + string(h.Kind),
		Title:    fulltext.Highlight(h.Title, terms),
		Snippet:  fulltext.Snippet(h.Content, terms, 40),
		TypeName: h.TypeName,
		Place:    h.Place,
	}
	activity := "/attivita/" + h.Slug
	if h.IsStage {
		activity = "/tappe/" + h.Slug
	}
	switch h.Kind {
	case store.SearchActivity:
		v.Href = activity
	case store.SearchReport:
		v.Href, v.Activity = activity+"#outcome-title", h.Activity
	case store.SearchTable:
		v.Href, v.Activity = activity+"#tables-title", h.Activity
	case store.SearchBody:
		v.Href = "/enti/" + h.Slug
	case store.SearchPact:
		v.Href = "/patti/" + h.Slug
	case store.SearchRegulation:
		v.Href = "/enti/" + h.Slug + "#regulation-title"
	case store.SearchPractice:
		v.Href = "/buone-pratiche/" + h.Slug
	case store.SearchTheme:
		// themes have no page of their own: their activities are one search away
		v.Href = "/cerca?" + url.Values{"q": {h.Title}, "categoria": {"attivita"}}.Encode()
	}
	return v
}
