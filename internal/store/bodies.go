package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

const bodyColumns = `b.id, b.slug, b.name, b.kind, p.id, p.slug, p.name, p.kind, COALESCE(b.istat_code, ''),
b.province, b.province_code, b.region, b.latitude, b.longitude, b.website, b.description,
COALESCE(r.status, ''), r.act_date, b.created_at, b.updated_at`

const bodyFrom = ` FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id LEFT JOIN regulations r ON r.body_id = b.id `

func scanBody(sc interface{ Scan(...any) error }) (domain.Body, error) {
	var (
		b                   domain.Body
		pID                 sql.NullInt64
		pSlug, pName, pKind sql.NullString
		lat, lon            sql.NullFloat64
		regOn               sql.NullTime
	)
	err := sc.Scan(&b.ID, &b.Slug, &b.Name, &b.Kind, &pID, &pSlug, &pName, &pKind, &b.ISTATCode,
		&b.Province, &b.ProvinceCode, &b.Region, &lat, &lon, &b.Website, &b.Description,
		&b.Regulation, &regOn, &b.CreatedAt, &b.UpdatedAt)
	if err != nil {
		return b, err
	}
	if pID.Valid {
		b.Parent = &domain.BodyRef{ID: pID.Int64, Slug: pSlug.String, Name: pName.String, Kind: domain.BodyKind(pKind.String)}
	}
	if lat.Valid && lon.Valid {
		b.Latitude, b.Longitude = &lat.Float64, &lon.Float64
	}
	b.RegulationAdopted = b.Regulation.Adopted()
	if regOn.Valid && b.RegulationAdopted {
		t := regOn.Time
		b.RegulationAdoptedOn = &t
	}
	return b, nil
}

// Body returns one body by slug.
func (s *Store) Body(ctx context.Context, slug string) (domain.Body, error) {
	b, err := scanBody(s.queryRow(ctx, `SELECT `+bodyColumns+bodyFrom+`WHERE b.slug = ?`, slug))
	if err != nil {
		return b, fmt.Errorf("load body %q: %w", slug, scanOne(err))
	}
	return b, nil
}

// BodyFilter narrows a list of bodies.
type BodyFilter struct {
	Kind   domain.BodyKind
	Region string
	Limit  int
	Offset int
}

func (f BodyFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Kind != "" {
		conds = append(conds, "b.kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.Region != "" {
		conds = append(conds, "b.region = ?")
		args = append(args, f.Region)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Bodies returns one page of bodies ordered by name, and how many match in all.
func (s *Store) Bodies(ctx context.Context, f BodyFilter) ([]domain.Body, int, error) {
	where, args := f.where()
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM bodies b`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count bodies: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.query(ctx, `SELECT `+bodyColumns+bodyFrom+where+` ORDER BY b.name, b.id LIMIT ? OFFSET ?`,
		append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list bodies: %w", err)
	}
	defer rows.Close()
	var out []domain.Body
	for rows.Next() {
		b, err := scanBody(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list bodies: %w", err)
		}
		out = append(out, b)
	}
	return out, total, rows.Err()
}

// BodyRegions returns the regions that have at least one body, for filters.
func (s *Store) BodyRegions(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT region FROM bodies WHERE region <> '' ORDER BY region`)
	if err != nil {
		return nil, fmt.Errorf("list body regions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// BodyOffices returns the offices that belong to a body.
func (s *Store) BodyOffices(ctx context.Context, bodyID int64) ([]domain.BodyRef, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name, kind FROM bodies WHERE parent_id = ? ORDER BY name`, bodyID)
	if err != nil {
		return nil, fmt.Errorf("list offices of body %d: %w", bodyID, err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

func scanBodyRefs(rows *sql.Rows) ([]domain.BodyRef, error) {
	var out []domain.BodyRef
	for rows.Next() {
		var r domain.BodyRef
		if err := rows.Scan(&r.ID, &r.Slug, &r.Name, &r.Kind); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// NewBody is what is needed to create a body.
type NewBody struct {
	ID                  int64 // kept when set (an import); 0 lets the database choose
	Slug                string
	Name                string
	Kind                domain.BodyKind
	ParentID            *int64
	ISTATCode           string
	Province            string
	ProvinceCode        string
	Region              string
	Latitude, Longitude *float64
	Website             string
	Description         string
	// RegulationAdopted and RegulationAdoptedOn are the old two-valued
	// form: when set, the body gets an adopted regulation record (see
	// syncRegulationFlag); otherwise it has none (not known).
	RegulationAdopted   bool
	RegulationAdoptedOn *time.Time
	CreatedAt           time.Time // zero means now (an import passes the original)
	UpdatedAt           time.Time
}

// CreateBody inserts a body and returns its id. Call it on a Tx: it also
// writes the body's search document, which must commit with the body.
func (c conn) CreateBody(ctx context.Context, b NewBody) (int64, error) {
	now := time.Now().UTC()
	created, updated := b.CreatedAt, b.UpdatedAt
	if created.IsZero() {
		created = now
	}
	if updated.IsZero() {
		updated = now
	}
	var istat any
	if b.ISTATCode != "" {
		istat = b.ISTATCode
	}
	id, err := c.insertID(ctx, withID(b.ID, `INSERT INTO bodies (slug, name, kind, parent_id, istat_code, province, province_code, region,
latitude, longitude, website, description, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), withIDArgs(b.ID,
		b.Slug, b.Name, string(b.Kind), b.ParentID, istat, b.Province, b.ProvinceCode, b.Region,
		b.Latitude, b.Longitude, b.Website, b.Description, created, updated)...)
	if err != nil {
		return 0, fmt.Errorf("create body %q: %w", b.Slug, err)
	}
	if err := c.syncRegulationFlag(ctx, id, b.RegulationAdopted, b.RegulationAdoptedOn); err != nil {
		return 0, err
	}
	if err := c.reindexBody(ctx, id); err != nil {
		return 0, err
	}
	return id, nil
}
