package insight

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"benicommunity/internal/chart"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
)

// The registry on /rete: pacts by year, status and kind of commons, and
// how many members have adopted a regulation, year by year. Always the
// whole network (the page's community and dates filter the stages only).

type registryCountJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type coverageJSON struct {
	Year    int `json:"year"`
	Members int `json:"members"`
	Adopted int `json:"adopted"`
}

type registryJSON struct {
	Pacts    int                 `json:"pacts"`
	ByYear   []registryCountJSON `json:"by_year"`
	ByStatus []registryCountJSON `json:"by_status"`
	ByKind   []registryCountJSON `json:"by_kind"`
	Coverage []coverageJSON      `json:"regulation_coverage"`
}

// registryView is the registry's section of /rete with its charts.
type registryView struct {
	registryJSON
	Charts map[string]template.HTML
}

func (s *Handler) registryOf(ctx context.Context, l *i18n.Localizer) (registryJSON, error) {
	var out registryJSON
	counts, err := s.Store.PactCounts(ctx, store.PactFilter{})
	if err != nil {
		return out, err
	}
	kinds, err := s.Store.CommonsKinds(ctx)
	if err != nil {
		return out, err
	}
	years, statuses, byKind := map[int]int{}, map[domain.PactStatus]int{}, map[string]int{}
	var yearList []int
	for _, c := range counts {
		out.Pacts += c.Count
		if c.Year != 0 {
			if _, ok := years[c.Year]; !ok {
				yearList = append(yearList, c.Year)
			}
			years[c.Year] += c.Count
		}
		statuses[c.Status] += c.Count
		byKind[c.Kind] += c.Count
	}
	for _, y := range yearList { // PactCounts is ordered by year
		out.ByYear = append(out.ByYear, registryCountJSON{Key: strconv.Itoa(y), Label: strconv.Itoa(y), Count: years[y]})
	}
	for _, st := range domain.PactStatuses {
		if n := statuses[st]; n > 0 {
			out.ByStatus = append(out.ByStatus, registryCountJSON{Key: string(st), Label: l.T(st.LabelKey()), Count: n})
		}
	}
	for _, k := range kinds {
		if n := byKind[k.Slug]; n > 0 {
			out.ByKind = append(out.ByKind, registryCountJSON{Key: k.Slug, Label: k.Name, Count: n})
		}
	}
	if n := byKind[""]; n > 0 {
		out.ByKind = append(out.ByKind, registryCountJSON{Key: "", Label: l.T("insight.registry.no_kind"), Count: n})
	}
	cov, err := s.Store.RegulationCoverageByYear(ctx)
	if err != nil {
		return out, err
	}
	for _, c := range cov {
		out.Coverage = append(out.Coverage, coverageJSON{Year: c.Year, Members: c.Members, Adopted: c.Adopted})
	}
	return out, nil
}

func registryCharts(l *i18n.Localizer, r registryJSON) map[string]template.HTML {
	format := countFormat(l)
	c := map[string]template.HTML{}
	bars := func(key, titleID string, in []registryCountJSON, columns bool) {
		var ls []string
		var vs []float64
		for _, v := range in {
			ls = append(ls, v.Label)
			vs = append(vs, float64(v.Count))
		}
		o := chart.Options{Title: l.T(titleID), Description: l.T(titleID + "_desc"), Labels: ls,
			Series: []chart.Series{{Name: l.T("insight.registry.pacts"), Values: vs}}, Format: format}
		if columns {
			c[key] = chart.Columns(o)
		} else {
			c[key] = chart.Bars(o)
		}
	}
	bars("pacts_year", "insight.registry.chart.year", r.ByYear, true)
	bars("pacts_status", "insight.registry.chart.status", r.ByStatus, false)
	bars("pacts_kind", "insight.registry.chart.kind", r.ByKind, false)
	var ls []string
	var members, adopted []float64
	for _, v := range r.Coverage {
		ls = append(ls, strconv.Itoa(v.Year))
		members = append(members, float64(v.Members))
		adopted = append(adopted, float64(v.Adopted))
	}
	c["coverage"] = chart.Columns(chart.Options{Title: l.T("insight.registry.chart.coverage"), Description: l.T("insight.registry.chart.coverage_desc"),
		Labels: ls, Series: []chart.Series{{Name: l.T("insight.registry.members"), Values: members}, {Name: l.T("insight.registry.adopted"), Values: adopted}}, Format: format})
	return c
}

// RegistryJSON is /rete/registro.json: the figures of the registry section.
func (s *Handler) RegistryJSON(w http.ResponseWriter, r *http.Request) {
	out, err := s.registryOf(r.Context(), s.Localizer(r))
	if err != nil {
		s.insightFail(w, r, true, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
