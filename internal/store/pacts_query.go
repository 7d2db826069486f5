package store

import (
	"context"
	"database/sql"
	"fmt"

	"strings"

	"benicommunity/internal/domain"
)

// PactFilter narrows the public list of pacts (/patti). Every field is
// optional; slugs and codes are those of the public schema
// (docs/registry.md). Public queries never return drafts.
type PactFilter struct {
	Body       string            // body slug
	Region     string            // the body's region
	Province   string            // the body's province code (e.g. "GE")
	Status     domain.PactStatus // status code
	Type       string            // pact type slug (the same slug across bodies)
	Kind       string            // commons kind slug
	Theme      string            // theme slug
	Year       int               // the pact's year (domain.Pact.Year)
	Limit      int               // page size, 50 when 0
	Offset     int               // offset pagination …
	Before     int64             // … or keyset: only pacts with an id below this (PactPage.Next)
	WithDrafts bool              // backoffice only: include drafts
	BodyIDs    []int64           // backoffice only: the pacts of these bodies (a referent's); nil for all, empty for none
	Query      string            // backoffice only: words of the title or source id
}

// The dimensions of the facets, each a PactFilter field.
const (
	FacetBody     = "body"
	FacetRegion   = "region"
	FacetProvince = "province"
	FacetStatus   = "status"
	FacetType     = "type"
	FacetKind     = "kind"
	FacetTheme    = "theme"
	FacetYear     = "year"
)

const pactFrom = ` FROM pacts p JOIN bodies b ON b.id = p.body_id
LEFT JOIN commons_kinds k ON k.id = p.commons_kind_id LEFT JOIN pact_types pt ON pt.id = p.pact_type_id`

// conditions of the filter, leaving out one dimension (for its facet).
// Every condition is on the pacts table itself (subqueries on the small
// tables), so counts and facets join only what they show.
func (f PactFilter) conditions(except string) conditions {
	var c conditions
	if !f.WithDrafts {
		c.add("p.published = ?", true)
	}
	if f.BodyIDs != nil {
		if len(f.BodyIDs) == 0 {
			c.add("1 = 0")
		} else {
			c.add("p.body_id IN ("+placeholders(len(f.BodyIDs))+")", int64Args(f.BodyIDs)...)
		}
	}
	c.contains(f.Query, "p.title", "COALESCE(p.source_id, '')")
	if f.Body != "" && except != FacetBody {
		c.add("p.body_id = (SELECT id FROM bodies WHERE slug = ?)", f.Body)
	}
	if f.Region != "" && except != FacetRegion {
		c.add("p.body_id IN (SELECT id FROM bodies WHERE region = ?)", f.Region)
	}
	if f.Province != "" && except != FacetProvince {
		c.add("p.body_id IN (SELECT id FROM bodies WHERE province_code = ?)", f.Province)
	}
	if f.Status != "" && except != FacetStatus {
		c.add("p.status = ?", string(f.Status))
	}
	if f.Type != "" && except != FacetType {
		c.add("p.pact_type_id IN (SELECT id FROM pact_types WHERE slug = ?)", f.Type)
	}
	if f.Kind != "" && except != FacetKind {
		c.add("p.commons_kind_id = (SELECT id FROM commons_kinds WHERE slug = ?)", f.Kind)
	}
	if f.Theme != "" && except != FacetTheme {
		c.add("p.id IN (SELECT x.pact_id FROM pact_themes x JOIN themes th ON th.id = x.theme_id WHERE th.slug = ?)", f.Theme)
	}
	if f.Year != 0 && except != FacetYear {
		c.add("p.year = ?", f.Year)
	}
	return c
}

// PactPage is one page of pacts, newest first, and how many match in all.
type PactPage struct {
	Pacts []domain.Pact
	Total int
	Next  int64 // pass as PactFilter.Before for the next page; 0 on the last page
}

const pactColumns = `p.id, p.slug, p.title, p.summary, b.id, b.slug, b.name, b.kind, k.id, k.slug, k.name, k.position,
pt.id, pt.body_id, pt.slug, pt.name, pt.position, p.address, p.municipality_istat, p.municipality, p.neighbourhood, p.district,
p.latitude, p.longitude, p.proposer_kind, p.proposer_count, p.proposer_orgs, p.status, p.status_on, p.signed_on, p.duration_months,
p.ends_on, p.act_number, p.act_date, p.act_url, p.monitoring, p.results, p.published, p.source_id, p.created_at, p.updated_at`

func scanPact(sc interface{ Scan(...any) error }) (domain.Pact, error) {
	var (
		p                                   domain.Pact
		kID, kPos, tID, tBody, tPos         sql.NullInt64
		kSlug, kName, tSlug, tName          sql.NullString
		lat, lon                            sql.NullFloat64
		proposer, source                    sql.NullString
		count, months                       sql.NullInt64
		orgs                                string
		statusOn, signedOn, endsOn, actDate sql.NullTime
	)
	err := sc.Scan(&p.ID, &p.Slug, &p.Title, &p.Summary, &p.Body.ID, &p.Body.Slug, &p.Body.Name, &p.Body.Kind,
		&kID, &kSlug, &kName, &kPos, &tID, &tBody, &tSlug, &tName, &tPos, &p.Place.Address, &p.Place.MunicipalityISTAT,
		&p.Place.Municipality, &p.Place.Neighbourhood, &p.Place.District, &lat, &lon, &proposer, &count, &orgs, &p.Status,
		&statusOn, &signedOn, &months, &endsOn, &p.Act.Number, &actDate, &p.Act.URL, &p.Monitoring, &p.Results, &p.Published,
		&source, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	if kID.Valid {
		p.CommonsKind = &domain.CommonsKind{ID: kID.Int64, Slug: kSlug.String, Name: kName.String, Position: int(kPos.Int64)}
	}
	if tID.Valid {
		p.Type = &domain.PactType{ID: tID.Int64, BodyID: tBody.Int64, Slug: tSlug.String, Name: tName.String, Position: int(tPos.Int64)}
	}
	if lat.Valid && lon.Valid {
		p.Place.Latitude, p.Place.Longitude = &lat.Float64, &lon.Float64
	}
	p.ProposerKind = domain.ProposerKind(proposer.String)
	p.ProposerCount, p.DurationMonths = nullInt(count), nullInt(months)
	p.ProposerOrgs = splitOrgs(orgs)
	p.StatusOn, p.SignedOn, p.EndsOn, p.Act.Date = nullDay(statusOn), nullDay(signedOn), nullDay(endsOn), nullDay(actDate)
	p.SourceID = source.String
	return p, nil
}

// Pacts returns one page of pacts, newest first (by id), with their body,
// kind, type and themes, in three queries whatever the page size.
func (s *Store) Pacts(ctx context.Context, f PactFilter) (PactPage, error) {
	var page PactPage
	c := f.conditions("")
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM pacts p`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("count pacts: %w", err)
	}
	if f.Before > 0 {
		c.add("p.id < ?", f.Before)
	}
	limit := limitOr(f.Limit)
	q := `SELECT ` + pactColumns + pactFrom + c.where() + ` ORDER BY p.id DESC LIMIT ?`
	args := append(c.args, limit+1)
	if f.Before == 0 && f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("list pacts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPact(rows)
		if err != nil {
			return page, fmt.Errorf("list pacts: %w", err)
		}
		page.Pacts = append(page.Pacts, p)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list pacts: %w", err)
	}
	if len(page.Pacts) > limit {
		page.Pacts = page.Pacts[:limit]
		page.Next = page.Pacts[limit-1].ID
	}
	return page, s.attachPactThemes(ctx, page.Pacts)
}

func (s *Store) attachPactThemes(ctx context.Context, pacts []domain.Pact) error {
	if len(pacts) == 0 {
		return nil
	}
	ids := make([]int64, len(pacts))
	at := map[int64]int{}
	for i, p := range pacts {
		ids[i], at[p.ID] = p.ID, i
	}
	rows, err := s.query(ctx, `SELECT x.pact_id, th.id, th.slug, th.name FROM pact_themes x JOIN themes th ON th.id = x.theme_id
WHERE x.pact_id IN (`+placeholders(len(ids))+`) ORDER BY th.name, th.id`, int64Args(ids)...)
	if err != nil {
		return fmt.Errorf("themes of pacts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var t domain.Theme
		if err := rows.Scan(&pid, &t.ID, &t.Slug, &t.Name); err != nil {
			return fmt.Errorf("themes of pacts: %w", err)
		}
		pacts[at[pid]].Themes = append(pacts[at[pid]].Themes, t)
	}
	return rows.Err()
}

// FacetValue is one value of a filter with the number of pacts it would
// give, the other filters applied.
type FacetValue struct {
	Key   string // the value to pass in PactFilter (slug, code, year)
	Label string // a name to show; for statuses the code (translate with domain.PactStatus.LabelKey)
	Count int
}

// PactFacets are, for each dimension of PactFilter, its values and counts.
type PactFacets map[string][]FacetValue

// PactFacetCounts counts the pacts for every value of every filter, each
// dimension counted with the other filters applied (so choosing a value
// shows what the others would give), in one query.
func (s *Store) PactFacetCounts(ctx context.Context, f PactFilter) (PactFacets, error) {
	// Each dimension groups the pacts by their own column, then names the
	// groups: the join is on a few hundred groups, not on every pact.
	dims := []struct{ name, key, label, from string }{
		{FacetBody, "b.slug", "b.name", ` FROM (SELECT p.body_id AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.body_id) c JOIN bodies b ON b.id = c.g`},
		{FacetRegion, "b.region", "b.region", ` FROM (SELECT p.body_id AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.body_id) c JOIN bodies b ON b.id = c.g`},
		{FacetProvince, "b.province_code", "b.province", ` FROM (SELECT p.body_id AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.body_id) c JOIN bodies b ON b.id = c.g`},
		{FacetStatus, "c.g", "c.g", ` FROM (SELECT p.status AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.status) c`},
		{FacetType, "pt.slug", "MIN(pt.name)", ` FROM (SELECT p.pact_type_id AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.pact_type_id) c JOIN pact_types pt ON pt.id = c.g`},
		{FacetKind, "k.slug", "MIN(k.name)", ` FROM (SELECT p.commons_kind_id AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.commons_kind_id) c JOIN commons_kinds k ON k.id = c.g`},
		{FacetTheme, "th.slug", "th.name", ` FROM (SELECT x.theme_id AS g, COUNT(*) AS n FROM pacts p JOIN pact_themes x ON x.pact_id = p.id%s GROUP BY x.theme_id) c JOIN themes th ON th.id = c.g`},
		{FacetYear, "c.g", "c.g", ` FROM (SELECT p.year AS g, COUNT(*) AS n FROM pacts p%s GROUP BY p.year) c`},
	}
	var parts []string
	var args []any
	for _, d := range dims {
		c := f.conditions(d.name)
		group := d.key
		if !strings.HasPrefix(d.label, "MIN(") && d.label != d.key {
			group += ", " + d.label
		}
		parts = append(parts, `SELECT '`+d.name+`' AS dim, `+castText(d.key)+` AS k, `+castText(d.label)+` AS l, SUM(c.n) AS n`+
			fmt.Sprintf(d.from, c.where())+` WHERE c.g IS NOT NULL GROUP BY `+group)
		args = append(args, c.args...)
	}
	rows, err := s.query(ctx, strings.Join(parts, "\nUNION ALL\n")+` ORDER BY 1, 4 DESC, 3`, args...)
	if err != nil {
		return nil, fmt.Errorf("pact facets: %w", err)
	}
	defer rows.Close()
	out := PactFacets{}
	for rows.Next() {
		var dim string
		var v FacetValue
		if err := rows.Scan(&dim, &v.Key, &v.Label, &v.Count); err != nil {
			return nil, fmt.Errorf("pact facets: %w", err)
		}
		if v.Key == "" {
			continue
		}
		out[dim] = append(out[dim], v)
	}
	return out, rows.Err()
}

func castText(expr string) string { return "CAST(" + expr + " AS TEXT)" }

// PactDetail is one pact with everything its page shows.
type PactDetail struct {
	domain.Pact
	History     []domain.PactStatusChange // oldest first
	Attachments []AttachmentInfo          // sections "pact" (signed text) and "photo"
	Activities  []domain.ActivityRef      // published activities where it was presented
	Regulation  *domain.Regulation        // the body's regulation, when recorded
}

// PactBySlug returns a published pact by slug with its history,
// attachments, themes, activities and the body's regulation. A draft is
// ErrNotFound: use PactByID in the backoffice.
func (s *Store) PactBySlug(ctx context.Context, slug string) (PactDetail, error) {
	return s.pactDetail(ctx, `p.slug = ? AND p.published = ?`, slug, true)
}

// PactByID returns a pact, draft or published, with its details (backoffice).
func (s *Store) PactByID(ctx context.Context, id int64) (PactDetail, error) {
	return s.pactDetail(ctx, `p.id = ?`, id)
}

func (s *Store) pactDetail(ctx context.Context, cond string, args ...any) (PactDetail, error) {
	var d PactDetail
	p, err := scanPact(s.queryRow(ctx, `SELECT `+pactColumns+pactFrom+` WHERE `+cond, args...))
	if err != nil {
		return d, fmt.Errorf("load pact %v: %w", args[0], scanOne(err))
	}
	list := []domain.Pact{p}
	if err := s.attachPactThemes(ctx, list); err != nil {
		return d, err
	}
	d.Pact = list[0]
	rows, err := s.query(ctx, `SELECT status, changed_on, note FROM pact_status_changes WHERE pact_id = ? ORDER BY changed_on, id`, p.ID)
	if err != nil {
		return d, fmt.Errorf("history of pact %d: %w", p.ID, err)
	}
	for rows.Next() {
		var h domain.PactStatusChange
		if err := rows.Scan(&h.Status, &h.On, &h.Note); err != nil {
			rows.Close()
			return d, fmt.Errorf("history of pact %d: %w", p.ID, err)
		}
		h.On = civilDate(h.On)
		d.History = append(d.History, h)
	}
	rows.Close()
	if d.Attachments, err = s.OwnerAttachments(ctx, AttachmentOwner{Kind: OwnerPact, ID: p.ID}); err != nil {
		return d, err
	}
	arows, err := s.query(ctx, `SELECT a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name FROM pact_activities x
JOIN activities a ON a.id = x.activity_id JOIN activity_types t ON t.id = a.type_id
WHERE x.pact_id = ? AND a.status = 'published' ORDER BY a.starts_on, a.id`, p.ID)
	if err != nil {
		return d, fmt.Errorf("activities of pact %d: %w", p.ID, err)
	}
	for arows.Next() {
		var a domain.ActivityRef
		if err := arows.Scan(&a.ID, &a.Slug, &a.Title, &a.IsStage, &a.StartsOn, &a.Format, &a.TypeName); err != nil {
			arows.Close()
			return d, fmt.Errorf("activities of pact %d: %w", p.ID, err)
		}
		a.StartsOn = civilDate(a.StartsOn)
		d.Activities = append(d.Activities, a)
	}
	arows.Close()
	if r, ok, err := s.Regulation(ctx, p.Body.ID); err != nil {
		return d, err
	} else if ok {
		d.Regulation = &r
	}
	return d, nil
}

// PactMarker is a published pact with coordinates, for a map.
type PactMarker struct {
	Slug      string
	Title     string
	Status    domain.PactStatus
	Body      string // body name
	Latitude  float64
	Longitude float64
}

// PactMarkers returns every published pact with coordinates that matches
// the filter (paging fields are ignored), in one query.
func (s *Store) PactMarkers(ctx context.Context, f PactFilter) ([]PactMarker, error) {
	c := f.conditions("")
	c.add("p.latitude IS NOT NULL AND p.longitude IS NOT NULL")
	rows, err := s.query(ctx, `SELECT p.slug, p.title, p.status, b.name, p.latitude, p.longitude`+pactFrom+c.where()+` ORDER BY p.id`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("pact markers: %w", err)
	}
	defer rows.Close()
	var out []PactMarker
	for rows.Next() {
		var m PactMarker
		if err := rows.Scan(&m.Slug, &m.Title, &m.Status, &m.Body, &m.Latitude, &m.Longitude); err != nil {
			return nil, fmt.Errorf("pact markers: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// PactCount is how many published pacts have a year, status and kind.
type PactCount struct {
	Year   int // 0 when the pact has no date
	Status domain.PactStatus
	Kind   string // commons kind slug, "" when not given
	Count  int
}

// PactCounts groups the published pacts matching the filter by year, status
// and kind, for charts, in one query.
func (s *Store) PactCounts(ctx context.Context, f PactFilter) ([]PactCount, error) {
	c := f.conditions("")
	rows, err := s.query(ctx, `SELECT COALESCE(p.year, 0), p.status, COALESCE(k.slug, ''), COUNT(*)`+pactFrom+c.where()+
		` GROUP BY COALESCE(p.year, 0), p.status, COALESCE(k.slug, '') ORDER BY 1, 2, 3`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("pact counts: %w", err)
	}
	defer rows.Close()
	var out []PactCount
	for rows.Next() {
		var pc PactCount
		if err := rows.Scan(&pc.Year, &pc.Status, &pc.Kind, &pc.Count); err != nil {
			return nil, fmt.Errorf("pact counts: %w", err)
		}
		out = append(out, pc)
	}
	return out, rows.Err()
}
