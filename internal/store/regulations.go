package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// RegulationInput is every field of a body's regulation record.
type RegulationInput struct {
	Status    domain.RegulationStatus `json:"status"`
	Title     string                  `json:"title,omitempty"`
	ActNumber string                  `json:"act_number,omitempty"`
	ActDate   *time.Time              `json:"act_date,omitempty"`
	URL       string                  `json:"url,omitempty"`
	Offices   string                  `json:"offices,omitempty"`
	Revisions []RevisionInput         `json:"revisions,omitempty"`
}

// RevisionInput is a later revision of a regulation.
type RevisionInput struct {
	ActNumber string    `json:"act_number,omitempty"`
	ActDate   time.Time `json:"act_date"`
	URL       string    `json:"url,omitempty"`
	Note      string    `json:"note,omitempty"`
}

func (in RegulationInput) validate() error {
	if !in.Status.Valid() {
		return fmt.Errorf("%w: regulation status %q (adopted or not_adopted; delete the record for not known)", ErrInvalid, in.Status)
	}
	if in.Status == domain.RegulationNotAdopted && (in.ActNumber != "" || in.ActDate != nil || len(in.Revisions) > 0) {
		return fmt.Errorf("%w: a regulation not adopted has no act or revisions", ErrInvalid)
	}
	for _, r := range in.Revisions {
		if r.ActDate.IsZero() {
			return fmt.Errorf("%w: a revision needs the date of its act", ErrInvalid)
		}
	}
	return nil
}

const regulationColumns = `r.id, r.body_id, r.status, r.title, r.act_number, r.act_date, r.url, r.offices, r.created_at, r.updated_at`

func scanRegulation(sc interface{ Scan(...any) error }) (domain.Regulation, error) {
	var (
		r  domain.Regulation
		on sql.NullTime
	)
	err := sc.Scan(&r.ID, &r.BodyID, &r.Status, &r.Title, &r.ActNumber, &on, &r.URL, &r.Offices, &r.CreatedAt, &r.UpdatedAt)
	if on.Valid {
		t := civilDate(on.Time)
		r.ActDate = &t
	}
	return r, err
}

// Regulation returns a body's regulation with its revisions; ok is false
// when the body has none (its status is not known).
func (s *Store) Regulation(ctx context.Context, bodyID int64) (r domain.Regulation, ok bool, err error) {
	return s.conn.regulation(ctx, bodyID)
}

func (c conn) regulation(ctx context.Context, bodyID int64) (domain.Regulation, bool, error) {
	r, err := scanRegulation(c.queryRow(ctx, `SELECT `+regulationColumns+` FROM regulations r WHERE r.body_id = ?`, bodyID))
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("load regulation of body %d: %w", bodyID, err)
	}
	revs, err := c.revisions(ctx, []int64{r.ID})
	if err != nil {
		return r, false, err
	}
	r.Revisions = revs[r.ID]
	return r, true, nil
}

func (c conn) revisions(ctx context.Context, ids []int64) (map[int64][]domain.RegulationRevision, error) {
	out := map[int64][]domain.RegulationRevision{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := c.query(ctx, `SELECT regulation_id, id, act_number, act_date, url, note FROM regulation_revisions
WHERE regulation_id IN (`+placeholders(len(ids))+`) ORDER BY act_date, id`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("load regulation revisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			rid int64
			v   domain.RegulationRevision
		)
		if err := rows.Scan(&rid, &v.ID, &v.ActNumber, &v.ActDate, &v.URL, &v.Note); err != nil {
			return nil, fmt.Errorf("load regulation revisions: %w", err)
		}
		v.ActDate = civilDate(v.ActDate)
		out[rid] = append(out[rid], v)
	}
	return out, rows.Err()
}

// Regulations returns the regulation records of the given bodies (all
// bodies when ids is nil) with their revisions, in two queries.
func (s *Store) Regulations(ctx context.Context, ids []int64) (map[int64]domain.Regulation, error) {
	q := `SELECT ` + regulationColumns + ` FROM regulations r`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return map[int64]domain.Regulation{}, nil
		}
		q += ` WHERE r.body_id IN (` + placeholders(len(ids)) + `)`
		args = int64Args(ids)
	}
	rows, err := s.query(ctx, q+` ORDER BY r.body_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list regulations: %w", err)
	}
	defer rows.Close()
	out := map[int64]domain.Regulation{}
	var regIDs []int64
	for rows.Next() {
		r, err := scanRegulation(rows)
		if err != nil {
			return nil, fmt.Errorf("list regulations: %w", err)
		}
		out[r.BodyID] = r
		regIDs = append(regIDs, r.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list regulations: %w", err)
	}
	revs, err := s.revisions(ctx, regIDs)
	if err != nil {
		return nil, err
	}
	for b, r := range out {
		r.Revisions = revs[r.ID]
		out[b] = r
	}
	return out, nil
}

// SetRegulation writes a body's regulation record (creating it when the
// body had none), replacing its revisions, with an audit entry. Only a
// coordinator or a referent of the body may.
func (s *Store) SetRegulation(ctx context.Context, who *auth.User, bodyID int64, in RegulationInput) error {
	if err := mayEditBody(who, bodyID); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		before, had, err := tx.regulation(ctx, bodyID)
		if err != nil {
			return err
		}
		id, err := tx.writeRegulation(ctx, bodyID, in, time.Now().UTC())
		if err != nil {
			return err
		}
		if err := tx.reindexRegulation(ctx, id); err != nil {
			return err
		}
		var b any
		if had {
			b = before
		}
		return tx.Audit(ctx, actorOf(who), "update", "regulation", id, tx.bodyName(ctx, bodyID), b, in)
	})
}

func (c conn) writeRegulation(ctx context.Context, bodyID int64, in RegulationInput, now time.Time) (int64, error) {
	_, err := c.exec(ctx, `INSERT INTO regulations (body_id, status, title, act_number, act_date, url, offices, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (body_id) DO UPDATE SET status = excluded.status, title = excluded.title, act_number = excluded.act_number,
act_date = excluded.act_date, url = excluded.url, offices = excluded.offices, updated_at = excluded.updated_at`,
		bodyID, string(in.Status), strings.TrimSpace(in.Title), strings.TrimSpace(in.ActNumber), dateArg(in.ActDate),
		strings.TrimSpace(in.URL), strings.TrimSpace(in.Offices), now, now)
	if err != nil {
		return 0, fmt.Errorf("write regulation of body %d: %w", bodyID, err)
	}
	var id int64
	if err := c.queryRow(ctx, `SELECT id FROM regulations WHERE body_id = ?`, bodyID).Scan(&id); err != nil {
		return 0, fmt.Errorf("write regulation of body %d: %w", bodyID, err)
	}
	if _, err := c.exec(ctx, `DELETE FROM regulation_revisions WHERE regulation_id = ?`, id); err != nil {
		return 0, fmt.Errorf("write regulation of body %d: revisions: %w", bodyID, err)
	}
	for _, r := range in.Revisions {
		if _, err := c.exec(ctx, `INSERT INTO regulation_revisions (regulation_id, act_number, act_date, url, note) VALUES (?, ?, ?, ?, ?)`,
			id, strings.TrimSpace(r.ActNumber), r.ActDate.Format(time.DateOnly), strings.TrimSpace(r.URL), strings.TrimSpace(r.Note)); err != nil {
			return 0, fmt.Errorf("write regulation of body %d: revision: %w", bodyID, err)
		}
	}
	return id, nil
}

// DeleteRegulation removes a body's regulation record: its status becomes
// not known again.
func (s *Store) DeleteRegulation(ctx context.Context, who *auth.User, bodyID int64) error {
	if err := mayEditBody(who, bodyID); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		before, had, err := tx.regulation(ctx, bodyID)
		if err != nil || !had {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM search_documents WHERE regulation_id = ?`, before.ID); err != nil {
			return fmt.Errorf("delete regulation of body %d: %w", bodyID, err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM regulations WHERE id = ?`, before.ID); err != nil {
			return fmt.Errorf("delete regulation of body %d: %w", bodyID, err)
		}
		return tx.Audit(ctx, actorOf(who), "delete", "regulation", before.ID, tx.bodyName(ctx, bodyID), before, nil)
	})
}

// syncRegulationFlag keeps the old two-valued body form working: checking
// "adopted" makes (or keeps) an adopted record with that date; unchecking
// it turns an adopted record into "not adopted"; a body with no record
// that stays unchecked keeps none (not known).
func (c conn) syncRegulationFlag(ctx context.Context, bodyID int64, adopted bool, on *time.Time) error {
	r, had, err := c.regulation(ctx, bodyID)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	switch {
	case adopted:
		if had && r.Status == domain.RegulationAdopted && sameDay(r.ActDate, on) {
			return nil
		}
		_, err = c.exec(ctx, `INSERT INTO regulations (body_id, status, act_date, created_at, updated_at) VALUES (?, 'adopted', ?, ?, ?)
ON CONFLICT (body_id) DO UPDATE SET status = 'adopted', act_date = excluded.act_date, updated_at = excluded.updated_at`,
			bodyID, dateArg(on), now, now)
	case had && r.Status == domain.RegulationAdopted:
		_, err = c.exec(ctx, `UPDATE regulations SET status = 'not_adopted', act_date = NULL, act_number = '', updated_at = ? WHERE body_id = ?`, now, bodyID)
		if err == nil {
			_, err = c.exec(ctx, `DELETE FROM regulation_revisions WHERE regulation_id = ?`, r.ID)
		}
	default:
		return nil
	}
	if err != nil {
		return fmt.Errorf("set regulation of body %d: %w", bodyID, err)
	}
	var id int64
	if err := c.queryRow(ctx, `SELECT id FROM regulations WHERE body_id = ?`, bodyID).Scan(&id); err != nil {
		return fmt.Errorf("set regulation of body %d: %w", bodyID, err)
	}
	return c.reindexRegulation(ctx, id)
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Format(time.DateOnly) == b.Format(time.DateOnly)
}

func (c conn) bodyName(ctx context.Context, id int64) string {
	var name string
	_ = c.queryRow(ctx, `SELECT name FROM bodies WHERE id = ?`, id).Scan(&name)
	return name
}

// RegulationCoverage is, for one year, how many member bodies had adopted a
// regulation by the end of it.
type RegulationCoverage struct {
	Year    int
	Adopted int // member bodies with a regulation adopted on or before 31 December
	Members int // member bodies at the end of the year
}

// RegulationCoverageByYear tells, year by year from the first adoption or
// joining, how many members of the network have an adopted regulation. A
// member is a body that joined (domain.MemberRoles); an adopted regulation
// without a date counts from the year of joining.
func (s *Store) RegulationCoverageByYear(ctx context.Context) ([]RegulationCoverage, error) {
	top, err := s.ids(ctx, `SELECT id FROM bodies WHERE parent_id IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("regulation coverage: %w", err)
	}
	ms, err := s.Memberships(ctx, top)
	if err != nil {
		return nil, err
	}
	regs, err := s.Regulations(ctx, nil)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, nil
	}
	first, last := 9999, time.Now().Year()
	joined := map[int64]int{}
	for _, m := range ms {
		y := m.Activity.StartsOn.Year()
		joined[m.BodyID] = y
		first = min(first, y)
	}
	adoptedIn := map[int64]int{}
	for body, r := range regs {
		if _, member := joined[body]; !member || r.Status != domain.RegulationAdopted {
			continue
		}
		y := joined[body]
		if r.ActDate != nil {
			y = r.ActDate.Year()
		}
		adoptedIn[body] = y
		first = min(first, y)
	}
	var out []RegulationCoverage
	for y := first; y <= last; y++ {
		c := RegulationCoverage{Year: y}
		for body, jy := range joined {
			if jy > y {
				continue
			}
			c.Members++
			if ay, ok := adoptedIn[body]; ok && ay <= y {
				c.Adopted++
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
