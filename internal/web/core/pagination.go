package core

import (
	"net/http"
	"net/url"
	"strconv"
)

// pageSize is how many rows a public list shows at once.
const pageSize = 30

// pager describes where a paginated list is.
type Pager struct {
	Number int // 1-based
	Size   int
	Total  int
	Path   string
	Query  url.Values
}

func (p Pager) Offset() int   { return (p.Number - 1) * p.Size }
func (p Pager) Pages() int    { return max(1, (p.Total+p.Size-1)/p.Size) }
func (p Pager) HasPrev() bool { return p.Number > 1 }
func (p Pager) HasNext() bool { return p.Number < p.Pages() }
func (p Pager) Prev() string  { return p.link(p.Number - 1) }
func (p Pager) Next() string  { return p.link(p.Number + 1) }

func (p Pager) link(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if n <= 1 {
		q.Del("pagina")
	} else {
		q.Set("pagina", strconv.Itoa(n))
	}
	if enc := q.Encode(); enc != "" {
		return p.Path + "?" + enc
	}
	return p.Path
}

// readPager reads ?pagina=N; a value that is not a positive number is bad input.
func ReadPager(r *http.Request) (Pager, bool) {
	p := Pager{Number: 1, Size: pageSize, Path: r.URL.Path, Query: r.URL.Query()}
	if v := r.URL.Query().Get("pagina"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			return p, false
		}
		p.Number = n
	}
	return p, true
}
