package opendata

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

// csvText stops a cell typed by a person (a title, an address, a note) from
// being run as a spreadsheet formula when the file is opened: a leading
// =, +, -, @, tab or carriage return gets an apostrophe before it. Numbers,
// dates and codes are written by the site and never touched.
func csvText(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

func csvDay(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func csvOpt(p *string) string {
	if p == nil {
		return ""
	}
	return csvText(*p)
}

var pactCSVHeader = []string{"slug", "body", "body_name", "source_id", "title", "summary", "commons_kind", "pact_type",
	"address", "municipality", "municipality_istat", "neighbourhood", "district", "latitude", "longitude",
	"proposer_kind", "proposer_count", "proposer_orgs", "status", "status_on", "signed_on", "duration_months", "ends_on",
	"year", "act_number", "act_date", "act_url", "monitoring", "results", "themes"}

// CSVPacts serves /dati/patti.csv: every published pact in the one public
// schema, newest first, a batch at a time. Lists are joined with " | ".
func (s *Handler) CSVPacts(w http.ResponseWriter, r *http.Request) {
	s.sendCSV(w, r, "patti.csv", pactCSVHeader, func(ctx context.Context, f csvFormat, write func([]string) error) error {
		filter := store.PactFilter{Limit: csvBatchSize}
		for {
			page, err := s.Store.Pacts(ctx, filter)
			if err != nil {
				return err
			}
			for _, p := range page.Pacts {
				if err := write(pactCSVRow(f, p)); err != nil {
					return err
				}
			}
			if page.Next == 0 {
				return nil
			}
			filter.Before = page.Next
		}
	})
}

func pactCSVRow(f csvFormat, p domain.Pact) []string {
	a := toAPIPact(p)
	orgs := make([]string, len(a.ProposerOrgs))
	for i, o := range a.ProposerOrgs {
		orgs[i] = csvText(o)
	}
	year := ""
	if a.Year != nil {
		year = strconv.Itoa(*a.Year)
	}
	return []string{a.Slug, a.Body.Slug, csvText(a.Body.Name), csvOpt(a.SourceID), csvText(a.Title), csvOpt(a.Summary),
		csvDay(a.CommonsKind), csvDay(a.PactType), csvOpt(a.Address), csvOpt(a.Municipality), csvDay(a.MunicipalityISTAT),
		csvOpt(a.Neighbourhood), csvOpt(a.District), f.float(a.Latitude), f.float(a.Longitude), csvDay(a.ProposerKind),
		csvInt(a.ProposerCount), strings.Join(orgs, " | "), a.Status, csvDay(a.StatusOn), csvDay(a.SignedOn),
		csvInt(a.DurationMonths), csvDay(a.EndsOn), year, csvOpt(a.ActNumber), csvDay(a.ActDate), csvOpt(a.ActURL),
		csvOpt(a.Monitoring), csvOpt(a.Results), strings.Join(a.Themes, " | ")}
}
