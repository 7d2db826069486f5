package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// PactInput is every field of a pact the backoffice and the import write.
// Status and StatusOn are the initial status on create; on update they are
// ignored (SetPactStatus changes the status and records the change).
type PactInput struct {
	BodyID         int64               `json:"body_id"`
	Slug           string              `json:"slug"` // empty: made from the title
	Title          string              `json:"title"`
	Summary        string              `json:"summary,omitempty"`
	CommonsKindID  *int64              `json:"commons_kind_id,omitempty"`
	PactTypeID     *int64              `json:"pact_type_id,omitempty"`
	Place          domain.Place        `json:"place"`
	ProposerKind   domain.ProposerKind `json:"proposer_kind,omitempty"`
	ProposerCount  *int                `json:"proposer_count,omitempty"`
	ProposerOrgs   []string            `json:"proposer_orgs,omitempty"`
	Status         domain.PactStatus   `json:"status"`
	StatusOn       *time.Time          `json:"status_on,omitempty"`
	SignedOn       *time.Time          `json:"signed_on,omitempty"`
	DurationMonths *int                `json:"duration_months,omitempty"`
	EndsOn         *time.Time          `json:"ends_on,omitempty"`
	Act            domain.Act          `json:"act"`
	Monitoring     string              `json:"monitoring,omitempty"`
	Results        string              `json:"results,omitempty"`
	Published      bool                `json:"published"`
	SourceID       string              `json:"source_id,omitempty"`
	ThemeIDs       []int64             `json:"theme_ids,omitempty"`
	ActivityIDs    []int64             `json:"activity_ids,omitempty"`
}

// Validate checks the rules of a pact that need no database: a title, a
// known status and proposer kind, no organisation names for a private
// citizen, coordinates in range and consistent dates. It fills EndsOn when
// it can be derived.
func (in *PactInput) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" {
		return fmt.Errorf("%w: a pact needs a title", ErrInvalid)
	}
	if !in.Status.Valid() {
		return fmt.Errorf("%w: unknown pact status %q", ErrInvalid, in.Status)
	}
	if in.ProposerKind != "" && !in.ProposerKind.Valid() {
		return fmt.Errorf("%w: unknown proposer kind %q", ErrInvalid, in.ProposerKind)
	}
	var orgs []string
	for _, o := range in.ProposerOrgs {
		if o = strings.TrimSpace(o); o != "" {
			orgs = append(orgs, o)
		}
	}
	in.ProposerOrgs = orgs
	if len(orgs) > 0 && (in.ProposerKind == "" || !in.ProposerKind.MayNameOrganisations()) {
		return fmt.Errorf("%w: organisation names are recorded only for organisations, never for a private citizen", ErrInvalid)
	}
	if in.ProposerCount != nil && *in.ProposerCount < 0 {
		return fmt.Errorf("%w: the number of proposers cannot be negative", ErrInvalid)
	}
	p := in.Place
	if (p.Latitude == nil) != (p.Longitude == nil) {
		return fmt.Errorf("%w: give both latitude and longitude, or neither", ErrInvalid)
	}
	if p.Latitude != nil && (*p.Latitude < -90 || *p.Latitude > 90 || *p.Longitude < -180 || *p.Longitude > 180) {
		return fmt.Errorf("%w: coordinates %v, %v are out of range", ErrInvalid, *p.Latitude, *p.Longitude)
	}
	if in.SignedOn != nil && !in.Status.IsSigned() && in.Status != domain.PactArchived {
		return fmt.Errorf("%w: a pact in status %q has no signing date", ErrInvalid, in.Status)
	}
	ends, err := domain.ValidatePactDates(in.SignedOn, in.DurationMonths, in.EndsOn)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	in.EndsOn = ends
	return nil
}

func orgsText(orgs []string) string { return strings.Join(orgs, "\n") }

func (c conn) pactSlug(ctx context.Context, in PactInput, exceptID int64) (string, error) {
	slug := strings.TrimSpace(in.Slug)
	if slug != "" {
		return slug, nil
	}
	base := slugOf(in.Title)
	if base == "" {
		base = "patto"
	}
	slug = base
	for i := 2; ; i++ {
		var n int
		if err := c.queryRow(ctx, `SELECT COUNT(*) FROM pacts WHERE slug = ? AND id <> ?`, slug, exceptID).Scan(&n); err != nil {
			return "", fmt.Errorf("choose slug for pact %q: %w", in.Title, err)
		}
		if n == 0 {
			return slug, nil
		}
		slug = fmt.Sprintf("%s-%d", base, i)
	}
}

func (c conn) checkPactRefs(ctx context.Context, in PactInput) error {
	if in.PactTypeID != nil {
		var body *int64
		if err := c.queryRow(ctx, `SELECT body_id FROM pact_types WHERE id = ?`, *in.PactTypeID).Scan(&body); err != nil {
			return fmt.Errorf("%w: pact type %d: %w", ErrInvalid, *in.PactTypeID, scanOne(err))
		}
		if body != nil && *body != in.BodyID {
			return fmt.Errorf("%w: pact type %d belongs to another body", ErrInvalid, *in.PactTypeID)
		}
	}
	return nil
}

// CreatePact inserts a pact with its first status change, themes and links,
// records it in the audit log and indexes it when published. Only a
// coordinator or a referent of the pact's body may.
func (s *Store) CreatePact(ctx context.Context, who *auth.User, in PactInput) (int64, error) {
	if err := mayEditBody(who, in.BodyID); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertPact(ctx, in, time.Now().UTC())
		if err != nil {
			return err
		}
		return tx.Audit(ctx, actorOf(who), "create", "pact", id, in.Title, nil, in)
	})
	return id, err
}

func (c conn) insertPact(ctx context.Context, in PactInput, now time.Time) (int64, error) {
	if err := c.checkPactRefs(ctx, in); err != nil {
		return 0, err
	}
	slug, err := c.pactSlug(ctx, in, 0)
	if err != nil {
		return 0, err
	}
	statusOn := in.StatusOn
	if statusOn == nil {
		d := civilDate(now)
		statusOn = &d
	}
	var source any
	if in.SourceID != "" {
		source = in.SourceID
	}
	p := in.Place
	id, err := c.insertID(ctx, `INSERT INTO pacts (body_id, slug, title, summary, commons_kind_id, pact_type_id, address, municipality_istat,
municipality, neighbourhood, district, latitude, longitude, proposer_kind, proposer_count, proposer_orgs, status, status_on, signed_on,
duration_months, ends_on, year, act_number, act_date, act_url, monitoring, results, published, source_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.BodyID, slug, in.Title, in.Summary, in.CommonsKindID, in.PactTypeID, p.Address, p.MunicipalityISTAT,
		p.Municipality, p.Neighbourhood, p.District, p.Latitude, p.Longitude, nullString(string(in.ProposerKind)), in.ProposerCount,
		orgsText(in.ProposerOrgs), string(in.Status), dateArg(statusOn), dateArg(in.SignedOn), in.DurationMonths, dateArg(in.EndsOn),
		yearArg(in.SignedOn, statusOn), in.Act.Number, dateArg(in.Act.Date), in.Act.URL, in.Monitoring, in.Results, in.Published, source, now, now)
	if err != nil {
		return 0, fmt.Errorf("create pact %q: %w", in.Title, mapError(err))
	}
	if _, err := c.exec(ctx, `INSERT INTO pact_status_changes (pact_id, status, changed_on) VALUES (?, ?, ?)`,
		id, string(in.Status), dateArg(statusOn)); err != nil {
		return 0, fmt.Errorf("create pact %q: history: %w", in.Title, err)
	}
	if err := c.writePactLinks(ctx, id, in); err != nil {
		return 0, err
	}
	return id, c.reindexPact(ctx, id)
}

func yearArg(signedOn, statusOn *time.Time) any {
	if y := domain.PactYear(signedOn, statusOn); y != 0 {
		return y
	}
	return nil
}

func (c conn) writePactLinks(ctx context.Context, id int64, in PactInput) error {
	if _, err := c.exec(ctx, `DELETE FROM pact_themes WHERE pact_id = ?`, id); err != nil {
		return fmt.Errorf("write themes of pact %d: %w", id, err)
	}
	for _, t := range uniqueIDs(in.ThemeIDs) {
		if _, err := c.exec(ctx, `INSERT INTO pact_themes (pact_id, theme_id) VALUES (?, ?)`, id, t); err != nil {
			return fmt.Errorf("write themes of pact %d: %w", id, mapError(err))
		}
	}
	if _, err := c.exec(ctx, `DELETE FROM pact_activities WHERE pact_id = ?`, id); err != nil {
		return fmt.Errorf("write activities of pact %d: %w", id, err)
	}
	for _, a := range uniqueIDs(in.ActivityIDs) {
		if _, err := c.exec(ctx, `INSERT INTO pact_activities (pact_id, activity_id) VALUES (?, ?)`, id, a); err != nil {
			return fmt.Errorf("write activities of pact %d: %w", id, mapError(err))
		}
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// pactBody returns the body of a pact, for the rights check.
func (c conn) pactBody(ctx context.Context, id int64) (int64, string, error) {
	var body int64
	var title string
	if err := c.queryRow(ctx, `SELECT body_id, title FROM pacts WHERE id = ?`, id).Scan(&body, &title); err != nil {
		return 0, "", fmt.Errorf("load pact %d: %w", id, scanOne(err))
	}
	return body, title, nil
}

// UpdatePact replaces every field of a pact except its status. Moving a
// pact to another body needs the right to edit both.
func (s *Store) UpdatePact(ctx context.Context, who *auth.User, id int64, in PactInput) error {
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.pactInput(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, before.BodyID); err != nil {
			return err
		}
		if err := mayEditBody(who, in.BodyID); err != nil {
			return err
		}
		in.Status, in.StatusOn = before.Status, before.StatusOn
		if err := in.Validate(); err != nil {
			return err
		}
		if err := tx.updatePact(ctx, id, in, time.Now().UTC()); err != nil {
			return err
		}
		return tx.Audit(ctx, actorOf(who), "update", "pact", id, in.Title, before, in)
	})
}

func (c conn) updatePact(ctx context.Context, id int64, in PactInput, now time.Time) error {
	if err := c.checkPactRefs(ctx, in); err != nil {
		return err
	}
	slug, err := c.pactSlug(ctx, in, id)
	if err != nil {
		return err
	}
	var source any
	if in.SourceID != "" {
		source = in.SourceID
	}
	p := in.Place
	_, err = c.exec(ctx, `UPDATE pacts SET body_id = ?, slug = ?, title = ?, summary = ?, commons_kind_id = ?, pact_type_id = ?, address = ?,
municipality_istat = ?, municipality = ?, neighbourhood = ?, district = ?, latitude = ?, longitude = ?, proposer_kind = ?, proposer_count = ?,
proposer_orgs = ?, signed_on = ?, duration_months = ?, ends_on = ?, year = ?, act_number = ?, act_date = ?, act_url = ?, monitoring = ?,
results = ?, published = ?, source_id = ?, updated_at = ? WHERE id = ?`,
		in.BodyID, slug, in.Title, in.Summary, in.CommonsKindID, in.PactTypeID, p.Address, p.MunicipalityISTAT, p.Municipality,
		p.Neighbourhood, p.District, p.Latitude, p.Longitude, nullString(string(in.ProposerKind)), in.ProposerCount, orgsText(in.ProposerOrgs),
		dateArg(in.SignedOn), in.DurationMonths, dateArg(in.EndsOn), yearArg(in.SignedOn, in.StatusOn), in.Act.Number, dateArg(in.Act.Date),
		in.Act.URL, in.Monitoring, in.Results, in.Published, source, now, id)
	if err != nil {
		return fmt.Errorf("update pact %d: %w", id, mapError(err))
	}
	if err := c.writePactLinks(ctx, id, in); err != nil {
		return err
	}
	return c.reindexPact(ctx, id)
}

// SetPactStatus moves a pact to a new status on a day, records the change
// in its history and the audit log. The move must be allowed by
// domain.CheckTransition; reaching "sottoscritto" without a signing date
// sets it to that day.
func (s *Store) SetPactStatus(ctx context.Context, who *auth.User, id int64, status domain.PactStatus, on time.Time, note string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.pactInput(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, before.BodyID); err != nil {
			return err
		}
		if err := domain.CheckTransition(before.Status, status); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if err := tx.recordPactStatus(ctx, id, before, status, on, note); err != nil {
			return err
		}
		return tx.Audit(ctx, actorOf(who), "set_status", "pact", id, before.Title,
			map[string]any{"status": before.Status}, map[string]any{"status": status, "on": on.Format(time.DateOnly), "note": note})
	})
}

func (c conn) recordPactStatus(ctx context.Context, id int64, before PactInput, status domain.PactStatus, on time.Time, note string) error {
	day := civilDate(on)
	signed := before.SignedOn
	if status == domain.PactSigned && signed == nil {
		signed = &day
	}
	ends, err := domain.ValidatePactDates(signed, before.DurationMonths, before.EndsOn)
	if err != nil {
		ends = before.EndsOn
	}
	if _, err := c.exec(ctx, `UPDATE pacts SET status = ?, status_on = ?, signed_on = ?, ends_on = ?, year = ?, updated_at = ? WHERE id = ?`,
		string(status), day.Format(time.DateOnly), dateArg(signed), dateArg(ends), yearArg(signed, &day), time.Now().UTC(), id); err != nil {
		return fmt.Errorf("set status of pact %d: %w", id, err)
	}
	if _, err := c.exec(ctx, `INSERT INTO pact_status_changes (pact_id, status, changed_on, note) VALUES (?, ?, ?, ?)`,
		id, string(status), day.Format(time.DateOnly), strings.TrimSpace(note)); err != nil {
		return fmt.Errorf("set status of pact %d: history: %w", id, err)
	}
	return c.reindexPact(ctx, id)
}

// SetPactPublished publishes a pact or takes it back to draft.
func (s *Store) SetPactPublished(ctx context.Context, who *auth.User, id int64, published bool) error {
	return s.InTx(ctx, func(tx *Tx) error {
		body, title, err := tx.pactBody(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, body); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE pacts SET published = ?, updated_at = ? WHERE id = ?`, published, time.Now().UTC(), id); err != nil {
			return fmt.Errorf("publish pact %d: %w", id, err)
		}
		if err := tx.reindexPact(ctx, id); err != nil {
			return err
		}
		action := "publish"
		if !published {
			action = "unpublish"
		}
		return tx.Audit(ctx, actorOf(who), action, "pact", id, title, nil, nil)
	})
}

// DeletePact removes a pact with its history, themes, links and attachments.
func (s *Store) DeletePact(ctx context.Context, who *auth.User, id int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.pactInput(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, before.BodyID); err != nil {
			return err
		}
		// explicit deletes do not rely on SQLite's foreign_keys pragma
		for _, table := range []string{"search_documents", "attachments", "pact_status_changes", "pact_themes", "pact_activities", "practice_links"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE pact_id = ?`, id); err != nil {
				return fmt.Errorf("delete pact %d: %s: %w", id, table, err)
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM pacts WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete pact %d: %w", id, err)
		}
		return tx.Audit(ctx, actorOf(who), "delete", "pact", id, before.Title, before, nil)
	})
}
