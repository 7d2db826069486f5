package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/pactimport"
)

// ImportResult tells what an import did (or, on a dry run, would do).
type ImportResult struct {
	Created   int
	Updated   int
	Unchanged int
}

// ImportPacts writes a body's file of pacts (converted by pactimport) in
// one transaction: every row or none. A row matches an existing pact by
// body and source id: a new one is created (published, since the file is
// the body's public monitoring), a changed one is updated in the fields the
// file's columns fill (a new status is recorded in the history, without
// the transition rule: the file is the body's record), an identical one is
// left alone, so importing the same file twice changes nothing. Kinds of
// commons and pact types are matched by slug or name; an unknown one stops
// the import with the row's line. With dryRun nothing is written.
func (s *Store) ImportPacts(ctx context.Context, who *auth.User, bodyID int64, b pactimport.Batch, dryRun bool) (ImportResult, error) {
	var res ImportResult
	if err := mayEditBody(who, bodyID); err != nil {
		return res, err
	}
	err := s.InTx(ctx, func(tx *Tx) error {
		kinds, err := tx.lookupNames(ctx, `SELECT id, slug, name FROM commons_kinds`)
		if err != nil {
			return err
		}
		types, err := tx.lookupNames(ctx, `SELECT id, slug, name FROM pact_types WHERE body_id = ?
OR (body_id IS NULL AND NOT EXISTS (SELECT 1 FROM pact_types o WHERE o.body_id = ?))`, bodyID, bodyID)
		if err != nil {
			return err
		}
		existing := map[string]int64{}
		rows, err := tx.query(ctx, `SELECT source_id, id FROM pacts WHERE body_id = ? AND source_id IS NOT NULL`, bodyID)
		if err != nil {
			return fmt.Errorf("import pacts: %w", err)
		}
		for rows.Next() {
			var src string
			var id int64
			if err := rows.Scan(&src, &id); err != nil {
				rows.Close()
				return fmt.Errorf("import pacts: %w", err)
			}
			existing[src] = id
		}
		rows.Close()
		now := time.Now().UTC()
		for _, r := range b.Records {
			if err := tx.importRow(ctx, who, bodyID, b, r, kinds, types, existing, now, &res); err != nil {
				return err
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	return res, err
}

var errDryRun = fmt.Errorf("dry run")

func (c conn) lookupNames(ctx context.Context, q string, args ...any) (map[string]int64, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("import pacts: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var slug, name string
		if err := rows.Scan(&id, &slug, &name); err != nil {
			return nil, fmt.Errorf("import pacts: %w", err)
		}
		out[pactimport.Normalise(slug)] = id
		out[pactimport.Normalise(strings.ReplaceAll(slug, "-", " "))] = id
		out[pactimport.Normalise(name)] = id
	}
	return out, rows.Err()
}

func (c conn) importRow(ctx context.Context, who *auth.User, bodyID int64, b pactimport.Batch, r pactimport.Record,
	kinds, types map[string]int64, existing map[string]int64, now time.Time, res *ImportResult) error {
	rowErr := func(f pactimport.Field, it, en string) error {
		return &pactimport.RowError{Line: r.Line, Column: string(f), It: it, En: en}
	}
	var in PactInput
	id, found := existing[r.SourceID]
	if found {
		var err error
		if in, err = c.pactInput(ctx, id); err != nil {
			return err
		}
	} else {
		in = PactInput{BodyID: bodyID, Published: true, SourceID: r.SourceID, Status: r.Status}
	}
	before, _ := json.Marshal(in)
	set := func(f pactimport.Field, apply func()) {
		if b.Has(f) {
			apply()
		}
	}
	set(pactimport.FieldTitle, func() { in.Title = r.Title })
	set(pactimport.FieldSummary, func() { in.Summary = r.Summary })
	set(pactimport.FieldMonitoring, func() { in.Monitoring = r.Monitoring })
	set(pactimport.FieldAddress, func() { in.Place.Address = r.Address })
	set(pactimport.FieldMunicipality, func() { in.Place.Municipality = r.Municipality })
	set(pactimport.FieldNeighbourhood, func() { in.Place.Neighbourhood = r.Neighbourhood })
	set(pactimport.FieldDistrict, func() { in.Place.District = r.District })
	set(pactimport.FieldLatitude, func() { in.Place.Latitude, in.Place.Longitude = r.Latitude, r.Longitude })
	set(pactimport.FieldProposerKind, func() { in.ProposerKind = r.ProposerKind })
	set(pactimport.FieldProposerCount, func() { in.ProposerCount = r.ProposerCount })
	set(pactimport.FieldOrganisations, func() { in.ProposerOrgs = r.Organisations })
	set(pactimport.FieldSignedOn, func() { in.SignedOn = r.SignedOn })
	set(pactimport.FieldDuration, func() { in.DurationMonths = r.Duration })
	set(pactimport.FieldEndsOn, func() { in.EndsOn = r.EndsOn })
	set(pactimport.FieldActNumber, func() { in.Act.Number = r.ActNumber })
	set(pactimport.FieldActDate, func() { in.Act.Date = r.ActDate })
	set(pactimport.FieldURL, func() { in.Act.URL = r.URL })
	if b.Has(pactimport.FieldCommonsKind) {
		in.CommonsKindID = nil
		if r.CommonsKind != "" {
			k, ok := kinds[pactimport.Normalise(r.CommonsKind)]
			if !ok {
				return rowErr(pactimport.FieldCommonsKind, fmt.Sprintf("tipo di bene «%s» sconosciuto", r.CommonsKind), fmt.Sprintf("unknown kind of commons %q", r.CommonsKind))
			}
			in.CommonsKindID = &k
		}
	}
	if b.Has(pactimport.FieldPactType) {
		in.PactTypeID = nil
		if r.PactType != "" {
			t, ok := types[pactimport.Normalise(r.PactType)]
			if !ok {
				return rowErr(pactimport.FieldPactType, fmt.Sprintf("tipo di patto «%s» sconosciuto per questo ente", r.PactType), fmt.Sprintf("unknown pact type %q for this body", r.PactType))
			}
			in.PactTypeID = &t
		}
	}
	if in.EndsOn != nil && b.Has(pactimport.FieldDuration) && !b.Has(pactimport.FieldEndsOn) {
		in.EndsOn = nil // derived again from the new signing date and duration
	}
	oldStatus := in.Status
	statusOn := r.StatusOn
	if !found {
		in.StatusOn = statusOn
		if in.StatusOn == nil {
			in.StatusOn = r.SignedOn
		}
	}
	if err := in.Validate(); err != nil {
		return &pactimport.RowError{Line: r.Line, It: "riga non valida: " + strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "), En: err.Error()}
	}
	if !found {
		id, err := c.insertPact(ctx, in, now)
		if err != nil {
			return &pactimport.RowError{Line: r.Line, It: "riga non salvata: " + err.Error(), En: err.Error()}
		}
		res.Created++
		existing[r.SourceID] = id
		return c.Audit(ctx, actorOf(who), "import", "pact", id, in.Title, nil, in)
	}
	after, _ := json.Marshal(in)
	changedFields := string(before) != string(after)
	changedStatus := r.Status != oldStatus
	if !changedFields && !changedStatus {
		res.Unchanged++
		return nil
	}
	if changedFields {
		if err := c.updatePact(ctx, id, in, now); err != nil {
			return &pactimport.RowError{Line: r.Line, It: "riga non salvata: " + err.Error(), En: err.Error()}
		}
	}
	if changedStatus {
		on := now
		if statusOn != nil {
			on = *statusOn
		}
		if err := c.recordPactStatus(ctx, id, in, r.Status, on, "import"); err != nil {
			return err
		}
	}
	res.Updated++
	var beforeIn PactInput
	_ = json.Unmarshal(before, &beforeIn)
	return c.Audit(ctx, actorOf(who), "import", "pact", id, in.Title, beforeIn, map[string]any{"pact": in, "status": r.Status})
}
