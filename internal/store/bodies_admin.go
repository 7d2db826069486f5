package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// BodyRefsByID returns the short form of the given bodies, by name.
func (s *Store) BodyRefsByID(ctx context.Context, ids []int64) ([]domain.BodyRef, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, `SELECT id, slug, name, kind FROM bodies WHERE id IN (`+placeholders(len(ids))+`) ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("load bodies by id: %w", err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

// AllBodyRefs returns every body, by name, for choosing one in a form.
func (s *Store) AllBodyRefs(ctx context.Context) ([]domain.BodyRef, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name, kind FROM bodies ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list bodies: %w", err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

// BodyInput is every field of a body the backoffice edits.
type BodyInput struct {
	Slug                string     `json:"slug"`
	Name                string     `json:"name"`
	Kind                string     `json:"kind"`
	ParentID            *int64     `json:"parent_id,omitempty"`
	ISTATCode           string     `json:"istat_code,omitempty"`
	Province            string     `json:"province,omitempty"`
	ProvinceCode        string     `json:"province_code,omitempty"`
	Region              string     `json:"region,omitempty"`
	Latitude            *float64   `json:"latitude,omitempty"`
	Longitude           *float64   `json:"longitude,omitempty"`
	Website             string     `json:"website,omitempty"`
	Description         string     `json:"description,omitempty"`
	ContactOffice       string     `json:"contact_office,omitempty"`
	RegulationAdopted   bool       `json:"regulation_adopted"`
	RegulationAdoptedOn *time.Time `json:"regulation_adopted_on,omitempty"`
}

// BodyProfile is the part of a body its referents may edit.
type BodyProfile struct {
	Description         string     `json:"description"`
	Website             string     `json:"website"`
	ContactOffice       string     `json:"contact_office"`
	RegulationAdopted   bool       `json:"regulation_adopted"`
	RegulationAdoptedOn *time.Time `json:"regulation_adopted_on,omitempty"`
}

// BodyInputByID loads the editable fields of a body.
func (c conn) BodyInputByID(ctx context.Context, id int64) (BodyInput, error) {
	var (
		b         BodyInput
		parent    sql.NullInt64
		istat     sql.NullString
		lat, lon  sql.NullFloat64
		regOn     sql.NullTime
		regStatus domain.RegulationStatus
	)
	err := c.queryRow(ctx, `SELECT slug, name, kind, parent_id, istat_code, province, province_code, region, latitude, longitude,
website, description, contact_office, COALESCE((SELECT status FROM regulations WHERE body_id = bodies.id), ''),
(SELECT act_date FROM regulations WHERE body_id = bodies.id) FROM bodies WHERE id = ?`, id).
		Scan(&b.Slug, &b.Name, &b.Kind, &parent, &istat, &b.Province, &b.ProvinceCode, &b.Region, &lat, &lon,
			&b.Website, &b.Description, &b.ContactOffice, &regStatus, &regOn)
	if err != nil {
		return b, fmt.Errorf("load body %d: %w", id, scanOne(err))
	}
	if parent.Valid {
		b.ParentID = &parent.Int64
	}
	b.ISTATCode = istat.String
	if lat.Valid && lon.Valid {
		b.Latitude, b.Longitude = &lat.Float64, &lon.Float64
	}
	b.RegulationAdopted = regStatus.Adopted()
	if regOn.Valid && b.RegulationAdopted {
		t := civilDate(regOn.Time)
		b.RegulationAdoptedOn = &t
	}
	return b, nil
}

func dateArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}

// CreateBodyAudited creates a body and records it.
func (s *Store) CreateBodyAudited(ctx context.Context, who Actor, in BodyInput) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.CreateBody(ctx, NewBody{Slug: in.Slug, Name: in.Name, Kind: domain.BodyKind(in.Kind), ParentID: in.ParentID,
			ISTATCode: in.ISTATCode, Province: in.Province, ProvinceCode: in.ProvinceCode, Region: in.Region,
			Latitude: in.Latitude, Longitude: in.Longitude, Website: in.Website, Description: in.Description,
			RegulationAdopted: in.RegulationAdopted, RegulationAdoptedOn: in.RegulationAdoptedOn})
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE bodies SET contact_office = ? WHERE id = ?`, in.ContactOffice, id); err != nil {
			return fmt.Errorf("create body %q: %w", in.Slug, err)
		}
		return tx.Audit(ctx, who, "create", "body", id, in.Name, nil, in)
	})
	return id, err
}

// UpdateBody replaces every editable field of a body (coordinators).
func (s *Store) UpdateBody(ctx context.Context, who Actor, id int64, in BodyInput) error {
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.BodyInputByID(ctx, id)
		if err != nil {
			return err
		}
		var istat any
		if in.ISTATCode != "" {
			istat = in.ISTATCode
		}
		_, err = tx.exec(ctx, `UPDATE bodies SET slug = ?, name = ?, kind = ?, parent_id = ?, istat_code = ?, province = ?, province_code = ?,
region = ?, latitude = ?, longitude = ?, website = ?, description = ?, contact_office = ?, updated_at = ? WHERE id = ?`,
			in.Slug, in.Name, in.Kind, in.ParentID, istat, in.Province, in.ProvinceCode, in.Region, in.Latitude, in.Longitude,
			in.Website, in.Description, in.ContactOffice, time.Now().UTC(), id)
		if err != nil {
			return fmt.Errorf("update body %d: %w", id, err)
		}
		if err := tx.syncRegulationFlag(ctx, id, in.RegulationAdopted, in.RegulationAdoptedOn); err != nil {
			return err
		}
		if err := tx.reindexBody(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "update", "body", id, in.Name, before, in)
	})
}

// UpdateBodyProfile changes only the public profile of a body (referents).
func (s *Store) UpdateBodyProfile(ctx context.Context, who Actor, id int64, p BodyProfile) error {
	return s.InTx(ctx, func(tx *Tx) error {
		b, err := tx.BodyInputByID(ctx, id)
		if err != nil {
			return err
		}
		before := BodyProfile{Description: b.Description, Website: b.Website, ContactOffice: b.ContactOffice,
			RegulationAdopted: b.RegulationAdopted, RegulationAdoptedOn: b.RegulationAdoptedOn}
		_, err = tx.exec(ctx, `UPDATE bodies SET description = ?, website = ?, contact_office = ?, updated_at = ? WHERE id = ?`,
			p.Description, p.Website, p.ContactOffice, time.Now().UTC(), id)
		if err != nil {
			return fmt.Errorf("update profile of body %d: %w", id, err)
		}
		if err := tx.syncRegulationFlag(ctx, id, p.RegulationAdopted, p.RegulationAdoptedOn); err != nil {
			return err
		}
		if err := tx.reindexBody(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "update_profile", "body", id, b.Name, before, p)
	})
}

// MergeBodies folds a duplicate body into the one kept: its participations
// (without doubling a role the kept body already has), offices, referents
// and logo move over, then the duplicate is deleted.
func (s *Store) MergeBodies(ctx context.Context, who Actor, keepID, dupID int64) error {
	if keepID == dupID {
		return fmt.Errorf("merge body %d into itself: %w", keepID, ErrConflict)
	}
	return s.InTx(ctx, func(tx *Tx) error {
		keep, err := tx.BodyInputByID(ctx, keepID)
		if err != nil {
			return err
		}
		dup, err := tx.BodyInputByID(ctx, dupID)
		if err != nil {
			return err
		}
		steps := []struct{ what, sql string }{
			{"participations", `INSERT INTO participations (activity_id, body_id, role, note)
SELECT p.activity_id, ?, p.role, p.note FROM participations p WHERE p.body_id = ?
AND NOT EXISTS (SELECT 1 FROM participations k WHERE k.activity_id = p.activity_id AND k.body_id = ? AND k.role = p.role)`},
			{"referents", `INSERT INTO body_referents (user_id, body_id)
SELECT r.user_id, ? FROM body_referents r WHERE r.body_id = ?
AND NOT EXISTS (SELECT 1 FROM body_referents k WHERE k.user_id = r.user_id AND k.body_id = ?)`},
			{"logo", `INSERT INTO body_logos (body_id, content_type, sha256, data, updated_at)
SELECT ?, l.content_type, l.sha256, l.data, l.updated_at FROM body_logos l WHERE l.body_id = ?
AND NOT EXISTS (SELECT 1 FROM body_logos k WHERE k.body_id = ?)`},
		}
		for _, st := range steps {
			if _, err := tx.exec(ctx, st.sql, keepID, dupID, keepID); err != nil {
				return fmt.Errorf("merge body %d into %d: move %s: %w", dupID, keepID, st.what, err)
			}
		}
		if err := tx.mergeRegistry(ctx, keepID, dupID); err != nil {
			return fmt.Errorf("merge body %d into %d: %w", dupID, keepID, err)
		}
		if _, err := tx.exec(ctx, `UPDATE bodies SET parent_id = ? WHERE parent_id = ? AND id <> ?`, keepID, dupID, keepID); err != nil {
			return fmt.Errorf("merge body %d into %d: move offices: %w", dupID, keepID, err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM bodies WHERE id = ?`, dupID); err != nil {
			return fmt.Errorf("merge body %d into %d: delete duplicate: %w", dupID, keepID, err)
		}
		// the duplicate's document goes with it (ON DELETE CASCADE); the
		// explicit delete does not rely on SQLite's foreign_keys pragma
		if _, err := tx.exec(ctx, `DELETE FROM search_documents WHERE body_id = ?`, dupID); err != nil {
			return fmt.Errorf("merge body %d into %d: unindex duplicate: %w", dupID, keepID, err)
		}
		if err := tx.reindexBody(ctx, keepID); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "merge", "body", keepID, keep.Name, map[string]any{"kept": keep, "duplicate_id": dupID, "duplicate": dup}, map[string]any{"kept_id": keepID})
	})
}

// AdminBodyFilter narrows and orders the backoffice list of bodies.
type AdminBodyFilter struct {
	Query  string
	IDs    []int64 // only these (a referent's bodies); nil means all
	Sort   string  // "name" (default), "kind", "region", "updated"
	Desc   bool
	Limit  int
	Offset int
}

// AdminBodies returns one page of bodies for the backoffice.
func (s *Store) AdminBodies(ctx context.Context, f AdminBodyFilter) ([]domain.Body, int, error) {
	var c conditions
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(strings.ToLower(q)) + "%"
		// An exact ISTAT code finds its body too.
		c.add("(LOWER(b.name) LIKE ? OR LOWER(b.slug) LIKE ? OR COALESCE(b.istat_code, '') = ?)", like, like, q)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, 0, nil
		}
		ids := make([]any, len(f.IDs))
		for i, id := range f.IDs {
			ids[i] = id
		}
		c.add("b.id IN ("+placeholders(len(f.IDs))+")", ids...)
	}
	where, args := c.where(), c.args
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM bodies b`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count bodies: %w", err)
	}
	order := map[string]string{"name": "b.name", "kind": "b.kind", "region": "b.region", "updated": "b.updated_at"}[f.Sort]
	if order == "" {
		order = "b.name"
	}
	if f.Desc {
		order += " DESC"
	}
	rows, err := s.query(ctx, `SELECT `+bodyColumns+bodyFrom+where+` ORDER BY `+order+`, b.id LIMIT ? OFFSET ?`, append(args, limitOr(f.Limit), f.Offset)...)
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

// BodyLogo is a body's logo image.
type BodyLogo struct {
	ContentType string
	SHA256      string
	Data        []byte
}

// SetBodyLogo stores or replaces a body's logo.
func (s *Store) SetBodyLogo(ctx context.Context, who Actor, bodyID int64, contentType string, data []byte) error {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	return s.InTx(ctx, func(tx *Tx) error {
		b, err := tx.BodyInputByID(ctx, bodyID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM body_logos WHERE body_id = ?`, bodyID); err != nil {
			return fmt.Errorf("replace logo of body %d: %w", bodyID, err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO body_logos (body_id, content_type, sha256, data, updated_at) VALUES (?, ?, ?, ?, ?)`,
			bodyID, contentType, hash, data, time.Now().UTC()); err != nil {
			return fmt.Errorf("store logo of body %d: %w", bodyID, err)
		}
		return tx.Audit(ctx, who, "set_logo", "body", bodyID, b.Name, nil, map[string]any{"content_type": contentType, "size": len(data), "sha256": hash})
	})
}

// Logo returns a body's logo, or ErrNotFound.
func (s *Store) Logo(ctx context.Context, bodyID int64) (BodyLogo, error) {
	var l BodyLogo
	err := s.queryRow(ctx, `SELECT content_type, sha256, data FROM body_logos WHERE body_id = ?`, bodyID).Scan(&l.ContentType, &l.SHA256, &l.Data)
	if err != nil {
		return l, fmt.Errorf("load logo of body %d: %w", bodyID, scanOne(err))
	}
	return l, nil
}

// BodyExtras are the profile facts added by the backoffice that the public
// page of a body shows beside its registry data.
type BodyExtras struct {
	ContactOffice string
	HasLogo       bool
}

// BodyExtras loads a body's contact office and whether it has a logo, in one query.
func (s *Store) BodyExtras(ctx context.Context, bodyID int64) (BodyExtras, error) {
	var e BodyExtras
	err := s.queryRow(ctx, `SELECT b.contact_office, l.body_id IS NOT NULL FROM bodies b LEFT JOIN body_logos l ON l.body_id = b.id WHERE b.id = ?`, bodyID).
		Scan(&e.ContactOffice, &e.HasLogo)
	if err != nil {
		return e, fmt.Errorf("load profile of body %d: %w", bodyID, scanOne(err))
	}
	return e, nil
}
