package insight

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"benicommunity/internal/istat"
	"benicommunity/internal/web/core"
)

const (
	comuniPageLimit = 50 // matches listed by the search page
	comuniJSONLimit = 10 // suggestions sent to the type-ahead
	comuniQueryMax  = 80 // the longest Italian comune name has 34 letters
)

type comuniData struct {
	Query   string
	Error   string
	Results []istat.Comune
	More    bool // more matches than listed: the user should type more
	Credit  string
}

// readComuniQuery checks ?q=: empty is allowed (nothing searched yet),
// otherwise at least two letters and a sane length. It returns the
// translated message id of the problem, or "".
func readComuniQuery(r *http.Request) (string, string) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	switch n := utf8.RuneCountInString(q); {
	case n == 0:
		return "", ""
	case !utf8.ValidString(q) || n > comuniQueryMax:
		return q, "insight.comuni.error_long"
	case n < 2:
		return q, "insight.comuni.error_short"
	}
	return q, ""
}

// ComuniSearch is the no-JavaScript way to choose a Comune: a search form
// listing the registry's matches with code, province and population.
func (s *Handler) ComuniSearch(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	q, problem := readComuniQuery(r)
	d := comuniData{Query: q, Credit: istatCredit}
	status := http.StatusOK
	if problem != "" {
		d.Error = l.T(problem)
		status = http.StatusBadRequest
	} else if q != "" {
		res := s.istat.Search(q, comuniPageLimit+1)
		d.More = len(res) > comuniPageLimit
		d.Results = res[:min(len(res), comuniPageLimit)]
	}
	s.Render(w, r, status, "insight_comuni", core.Page{L: l, Title: l.T("insight.comuni.title"), Description: l.T("insight.comuni.description"), Data: d})
}

type comuneJSON struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	CadastralCode string `json:"cadastral_code"`
	Province      string `json:"province"`
	ProvinceCode  string `json:"province_code"`
	Region        string `json:"region"`
	Zone          string `json:"zone"`
	Population    int    `json:"population"`
	Band          string `json:"band"`
}

func comuneToJSON(c istat.Comune) comuneJSON {
	return comuneJSON{Code: c.Code, Name: c.Name, CadastralCode: c.CadastralCode, Province: c.ProvinceName,
		ProvinceCode: c.ProvinceSigla, Region: c.RegionName, Zone: c.ZoneName, Population: c.Population, Band: string(c.Band())}
}

// ComuniJSON feeds the type-ahead: up to ten matches, with what a body form
// fills in (code, province, region, population).
func (s *Handler) ComuniJSON(w http.ResponseWriter, r *http.Request) {
	q, problem := readComuniQuery(r)
	if problem != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": s.Localizer(r).T(problem)})
		return
	}
	out := []comuneJSON{}
	if q != "" {
		for _, c := range s.istat.Search(q, comuniJSONLimit) {
			out = append(out, comuneToJSON(c))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": q, "comuni": out, "credit": istatCredit})
}
