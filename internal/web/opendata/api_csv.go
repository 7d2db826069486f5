package opendata

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// The CSV files hold the same public data as the API, one row per activity,
// body or participation (a body's role at an activity): aggregates about
// bodies, never people. They follow RFC 4180 (encoding/csv: CRLF line ends,
// quotes where needed), UTF-8, with a header row. ?sep=; gives what Italian
// spreadsheet programs expect: semicolons, decimal commas and a byte order
// mark so the encoding is recognised.

const (
	contentCSV   = "text/csv; charset=utf-8; header=present"
	csvBatchSize = 200
)

// csvFormat is the dialect a request asked for.
type csvFormat struct {
	comma   rune
	decimal string
}

// readCSVFormat reads ?sep=. A literal ";" in a query is not a separator
// for Go's parser (it drops the pair), so it is escaped before parsing.
func (s *Handler) readCSVFormat(w http.ResponseWriter, r *http.Request) (csvFormat, bool) {
	q, err := url.ParseQuery(strings.ReplaceAll(r.URL.RawQuery, ";", "%3B"))
	l := s.NegotiatedLocalizer(r)
	f := csvFormat{comma: ',', decimal: "."}
	var bad []core.InvalidParam
	if err != nil {
		bad = append(bad, core.InvalidParam{Name: "", Reason: l.T("api.param_error.query")})
	}
	for name, vs := range q {
		switch {
		case name != "sep":
			bad = append(bad, core.InvalidParam{Name: name, Reason: l.T("api.param_error.unknown")})
		case len(vs) > 1:
			bad = append(bad, core.InvalidParam{Name: name, Reason: l.T("api.param_error.repeated")})
		case vs[0] == ",":
		case vs[0] == ";":
			f = csvFormat{comma: ';', decimal: ","}
		default:
			bad = append(bad, core.InvalidParam{Name: name, Reason: l.T("api.param_error.sep")})
		}
	}
	if len(bad) > 0 {
		s.apiBadParams(w, r, bad)
		return f, false
	}
	return f, true
}

func (f csvFormat) float(v *float64) string {
	if v == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', -1, 64), ".", f.decimal, 1)
}

func csvInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// csvCell stops a text cell from being run as a formula when the file is
// opened in a spreadsheet: a cell starting with =, +, -, @, tab or carriage
// return gets a leading apostrophe. Numbers (a negative figure, with a point
// or a comma) are left as they are.
func csvCell(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return c
	}
	if _, err := strconv.ParseFloat(strings.Replace(c, ",", ".", 1), 64); err == nil && strings.Trim(c, "+-0123456789.,") == "" {
		return c
	}
	return "'" + c
}

// sendCSV writes the rows produced by fill as one CSV file named filename.
func (s *Handler) sendCSV(w http.ResponseWriter, r *http.Request, filename string, header []string,
	fill func(ctx context.Context, f csvFormat, write func([]string) error) error) {
	f, ok := s.readCSVFormat(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if f.comma == ';' {
		buf.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(&buf)
	cw.Comma = f.comma
	cw.UseCRLF = true
	write := func(rec []string) error {
		for i, c := range rec {
			rec[i] = csvCell(c)
		}
		return cw.Write(rec)
	}
	if err := write(header); err != nil {
		s.apiServerError(w, r, err)
		return
	}
	if err := fill(r.Context(), f, write); err != nil {
		s.apiServerError(w, r, err)
		return
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.apiServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	s.apiWrite(w, r, http.StatusOK, contentCSV, buf.Bytes())
}

// eachPublicActivity walks every published activity in (date, id) order, a
// batch at a time, so memory does not grow with the network.
func (s *Handler) eachPublicActivity(ctx context.Context, fn func([]store.ActivitySummary) error) error {
	var after *store.ActivityKey
	for {
		list, _, err := s.Store.PublicActivities(ctx, store.PublicActivityFilter{After: after, Limit: csvBatchSize})
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return nil
		}
		if err := fn(list); err != nil {
			return err
		}
		last := list[len(list)-1]
		after = &store.ActivityKey{StartsOn: last.StartsOn, ID: last.ID}
	}
}

var activityCSVHeader = []string{"id", "slug", "title", "type", "type_name", "community", "is_stage", "starts_on", "start_time",
	"end_time", "format", "venue", "headline", "declared_people", "declared_people_approximate", "declared_bodies",
	"declared_bodies_approximate", "named_bodies", "hosts", "outcome_shared"}

// CSVActivities serves /dati/attivita.csv: every published activity.
func (s *Handler) CSVActivities(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "attivita.csv", activityCSVHeader, func(ctx context.Context, f csvFormat, write func([]string) error) error {
		return s.eachPublicActivity(ctx, func(list []store.ActivitySummary) error {
			for _, a := range list {
				community := ""
				if a.Community != nil {
					community = a.Community.Slug
				}
				hosts := make([]string, len(a.Hosts))
				for i, h := range a.Hosts {
					hosts[i] = h.Name
				}
				d := a.Declared
				err := write([]string{strconv.FormatInt(a.ID, 10), a.Slug, a.Title, a.Type.Slug, a.Type.Name, community,
					strconv.FormatBool(a.IsStage), isoDay(a.StartsOn), a.StartTime, a.EndTime, string(a.Format), a.Venue, a.Headline,
					csvInt(d.People), strconv.FormatBool(d.PeopleApprox), csvInt(d.Bodies), strconv.FormatBool(d.BodiesApprox),
					strconv.Itoa(a.NamedBodies), strings.Join(hosts, ", "), strconv.FormatBool(a.OutcomeShared)})
				if err != nil {
					return err
				}
			}
			return nil
		})
	})
}

var participationCSVHeader = []string{"activity_id", "activity_slug", "activity_title", "starts_on", "type", "is_stage",
	"body_id", "body_slug", "body_name", "body_kind", "role"}

// CSVParticipations serves /dati/partecipazioni.csv: each body's roles at
// published activities, loaded a batch of activities at a time.
func (s *Handler) CSVParticipations(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "partecipazioni.csv", participationCSVHeader, func(ctx context.Context, f csvFormat, write func([]string) error) error {
		return s.eachPublicActivity(ctx, func(list []store.ActivitySummary) error {
			ids := make([]int64, len(list))
			for i, a := range list {
				ids[i] = a.ID
			}
			parts, err := s.Store.ParticipationsOf(ctx, ids)
			if err != nil {
				return err
			}
			for _, a := range list {
				for _, p := range parts[a.ID] {
					err := write([]string{strconv.FormatInt(a.ID, 10), a.Slug, a.Title, isoDay(a.StartsOn), a.Type.Slug,
						strconv.FormatBool(a.IsStage), strconv.FormatInt(p.Body.ID, 10), p.Body.Slug, p.Body.Name,
						string(p.Body.Kind), string(p.Role)})
					if err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
}

var bodyCSVHeader = []string{"id", "slug", "name", "kind", "parent_slug", "istat_code", "province", "province_code", "region",
	"latitude", "longitude", "website", "regulation_adopted", "regulation_adopted_on", "member", "joined_on",
	"joined_activity", "activities"}

// CSVBodies serves /dati/enti.csv: every body with its membership, a batch at a time.
func (s *Handler) CSVBodies(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "enti.csv", bodyCSVHeader, func(ctx context.Context, f csvFormat, write func([]string) error) error {
		var after *store.BodyKey
		for {
			bodies, _, err := s.Store.PublicBodies(ctx, store.PublicBodyFilter{After: after, Limit: csvBatchSize})
			if err != nil {
				return err
			}
			if len(bodies) == 0 {
				return nil
			}
			rows, err := s.apiBodyRows(r.WithContext(ctx), bodies)
			if err != nil {
				return err
			}
			for i, b := range rows {
				parent, regOn, joinedOn, joinedSlug := "", "", "", ""
				if b.Parent != nil {
					parent = b.Parent.Slug
				}
				if b.RegulationAdoptedOn != nil {
					regOn = *b.RegulationAdoptedOn
				}
				if b.JoinedAt != nil {
					joinedOn, joinedSlug = b.JoinedAt.StartsOn, b.JoinedAt.Slug
				}
				istat := ""
				if b.ISTATCode != nil {
					istat = *b.ISTATCode
				}
				err := write([]string{strconv.FormatInt(b.ID, 10), b.Slug, b.Name, b.Kind, parent, istat, b.Province,
					b.ProvinceCode, b.Region, f.float(bodies[i].Latitude), f.float(bodies[i].Longitude), b.Website,
					bodies[i].Regulation.CSV(), regOn, strconv.FormatBool(b.Member), joinedOn, joinedSlug,
					strconv.Itoa(b.Activities)})
				if err != nil {
					return err
				}
			}
			last := bodies[len(bodies)-1]
			after = &store.BodyKey{Name: last.Name, ID: last.ID}
		}
	})
}
