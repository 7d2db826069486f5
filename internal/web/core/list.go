package core

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// listState is how a backoffice list is searched, sorted and paged:
// ?q=…&ordina=field&verso=desc&pagina=N.
type ListState struct {
	Query string
	Sort  string
	Desc  bool
	Pager Pager
	Path  string
	Raw   url.Values
}

func ReadListState(r *http.Request, sorts []string, def string) (ListState, bool) {
	pg, ok := ReadPager(r)
	if !ok {
		return ListState{}, false
	}
	pg.Size = 25
	q := r.URL.Query()
	ls := ListState{Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("ordina"), Desc: q.Get("verso") == "desc", Pager: pg, Path: r.URL.Path, Raw: q}
	if ls.Sort == "" {
		ls.Sort = def
	}
	if !slices.Contains(sorts, ls.Sort) || len(ls.Query) > 200 || (q.Get("verso") != "" && q.Get("verso") != "asc" && q.Get("verso") != "desc") {
		return ls, false
	}
	return ls, true
}

// readList is readListState for a list handler: on a bad search, sort or page
// it has already answered 400, so the handler only has to return.
func (s *Site) ReadList(w http.ResponseWriter, r *http.Request, sorts []string, def string) (ListState, bool) {
	ls, ok := ReadListState(r, sorts, def)
	if !ok {
		s.BadRequest(w, r, "admin.error.bad_list")
	}
	return ls, ok
}

// fetchList runs a list's page query and gives the pager the total it found;
// on a store error it has already answered 500, so the handler only has to
// return.
func FetchList[T any](s *Site, w http.ResponseWriter, r *http.Request, ls *ListState, query func() ([]T, int, error)) ([]T, bool) {
	rows, total, err := query()
	if err != nil {
		s.ServerError(w, r, err)
		return nil, false
	}
	ls.Pager.Total = total
	return rows, true
}

// SortLink is the address that sorts the list by a field, flipping the
// direction when it is already sorted by it.
func (ls ListState) SortLink(field string) string {
	q := url.Values{}
	for k, v := range ls.Raw {
		q[k] = v
	}
	q.Del("pagina")
	q.Set("ordina", field)
	if ls.Sort == field && !ls.Desc {
		q.Set("verso", "desc")
	} else {
		q.Del("verso")
	}
	return ls.Path + "?" + q.Encode()
}

// AriaSort is the aria-sort value of a column header.
func (ls ListState) AriaSort(field string) string {
	if ls.Sort != field {
		return "none"
	}
	if ls.Desc {
		return "descending"
	}
	return "ascending"
}
