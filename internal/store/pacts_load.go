package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// PactInputByID loads the editable fields of a pact (draft or published),
// for the backoffice form.
func (s *Store) PactInputByID(ctx context.Context, id int64) (PactInput, error) {
	return s.conn.pactInput(ctx, id)
}

func (c conn) pactInput(ctx context.Context, id int64) (PactInput, error) {
	var (
		in                                  PactInput
		kind, ptype, count, months          sql.NullInt64
		lat, lon                            sql.NullFloat64
		proposer, source                    sql.NullString
		orgs                                string
		statusOn, signedOn, endsOn, actDate sql.NullTime
	)
	err := c.queryRow(ctx, `SELECT body_id, slug, title, summary, commons_kind_id, pact_type_id, address, municipality_istat, municipality,
neighbourhood, district, latitude, longitude, proposer_kind, proposer_count, proposer_orgs, status, status_on, signed_on, duration_months,
ends_on, act_number, act_date, act_url, monitoring, results, published, source_id FROM pacts WHERE id = ?`, id).Scan(
		&in.BodyID, &in.Slug, &in.Title, &in.Summary, &kind, &ptype, &in.Place.Address, &in.Place.MunicipalityISTAT, &in.Place.Municipality,
		&in.Place.Neighbourhood, &in.Place.District, &lat, &lon, &proposer, &count, &orgs, &in.Status, &statusOn, &signedOn, &months,
		&endsOn, &in.Act.Number, &actDate, &in.Act.URL, &in.Monitoring, &in.Results, &in.Published, &source)
	if err != nil {
		return in, fmt.Errorf("load pact %d: %w", id, scanOne(err))
	}
	in.CommonsKindID, in.PactTypeID = nullInt64(kind), nullInt64(ptype)
	if lat.Valid && lon.Valid {
		in.Place.Latitude, in.Place.Longitude = &lat.Float64, &lon.Float64
	}
	in.ProposerKind = domain.ProposerKind(proposer.String)
	in.ProposerCount, in.DurationMonths = nullInt(count), nullInt(months)
	in.ProposerOrgs = splitOrgs(orgs)
	in.StatusOn, in.SignedOn, in.EndsOn, in.Act.Date = nullDay(statusOn), nullDay(signedOn), nullDay(endsOn), nullDay(actDate)
	in.SourceID = source.String
	if in.ThemeIDs, err = c.ids(ctx, `SELECT theme_id FROM pact_themes WHERE pact_id = ? ORDER BY theme_id`, id); err != nil {
		return in, fmt.Errorf("load pact %d: themes: %w", id, err)
	}
	if in.ActivityIDs, err = c.ids(ctx, `SELECT activity_id FROM pact_activities WHERE pact_id = ? ORDER BY activity_id`, id); err != nil {
		return in, fmt.Errorf("load pact %d: activities: %w", id, err)
	}
	return in, nil
}

func splitOrgs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func nullInt64(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	x := v.Int64
	return &x
}

func nullInt(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	x := int(v.Int64)
	return &x
}

func nullDay(v sql.NullTime) *time.Time {
	if !v.Valid {
		return nil
	}
	t := civilDate(v.Time)
	return &t
}
