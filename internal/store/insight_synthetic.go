package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// SyntheticComune is one body of a synthetic network (benchmarks take them
// from the ISTAT registry, so the network has every Italian Comune).
type SyntheticComune struct {
	Code, Name, Province, ProvinceCode, Region string
}

// SyntheticSpec sizes a synthetic network.
type SyntheticSpec struct {
	Comuni         []SyntheticComune
	Activities     int // of which one in StageEvery is a stage, or exactly Stages (none when both are 0)
	StageEvery     int
	Stages         int // when set, exactly this many stages, spread evenly
	Participations int // spread evenly over the activities
	Registrations  int // confirmed registrations of people of the bodies, half marked present
	Seed           uint64
}

// isStage tells whether the i-th activity (from 0) is a stage.
func (spec SyntheticSpec) isStage(i int) bool {
	if spec.Stages > 0 {
		return i*spec.Stages/spec.Activities != (i+1)*spec.Stages/spec.Activities
	}
	return spec.StageEvery > 0 && i%spec.StageEvery == 0
}

// check refuses a spec that cannot make a network.
func (spec SyntheticSpec) check() error {
	switch {
	case len(spec.Comuni) == 0 || spec.Activities <= 0:
		return fmt.Errorf("synthetic network: at least one body and one activity are needed")
	case spec.Stages > spec.Activities:
		return fmt.Errorf("synthetic network: %d stages but only %d activities (a stage is an activity)", spec.Stages, spec.Activities)
	case spec.Participations < 0 || spec.Registrations < 0:
		return fmt.Errorf("synthetic network: negative size")
	case spec.Participations/spec.Activities > len(spec.Comuni):
		return fmt.Errorf("synthetic network: %d participations per activity but only %d bodies (a body takes part once per activity)",
			spec.Participations/spec.Activities, len(spec.Comuni))
	}
	return nil
}

// LoadSynthetic fills an empty database with a large, deterministic network
// for benchmarks: one body per given Comune (with made-up coordinates inside
// Italy's bounding box: positions are not what is measured), four
// communities, the activities one day apart, and the participations drawn at
// random (the first body of each activity hosts it, one in twenty is a
// partner, the others attend), then the registrations. Rows go in multi-row
// INSERTs in one transaction, which is what portable database/sql code can
// do quickly. The same spec gives the same rows on either database; a
// database that already holds data is refused with ErrNotEmpty.
func (s *Store) LoadSynthetic(ctx context.Context, spec SyntheticSpec) error {
	if err := spec.check(); err != nil {
		return err
	}
	per := spec.Participations / spec.Activities
	rng := rand.New(rand.NewPCG(spec.Seed, 1))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return s.InTx(ctx, func(tx *Tx) error {
		if err := tx.checkEmpty(ctx); err != nil {
			return fmt.Errorf("synthetic network: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO network (id, name) VALUES (1, 'Rete sintetica')`); err != nil {
			return fmt.Errorf("synthetic network: %w", err)
		}
		for i := 1; i <= 4; i++ {
			if _, err := tx.exec(ctx, `INSERT INTO communities (id, slug, name, position) VALUES (?, ?, ?, ?)`,
				i, fmt.Sprintf("comunita-%d", i), fmt.Sprintf("Comunità %d", i), i); err != nil {
				return fmt.Errorf("synthetic communities: %w", err)
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO activity_types (id, slug, name, position) VALUES (1, 'incontro', 'Incontro', 1)`); err != nil {
			return fmt.Errorf("synthetic type: %w", err)
		}
		bodies := make([][]any, len(spec.Comuni))
		for i, c := range spec.Comuni {
			lat, lon := 37+rng.Float64()*9.5, 7+rng.Float64()*11
			bodies[i] = []any{i + 1, "comune-" + c.Code, "Comune di " + c.Name, "comune", c.Code, c.Province, c.ProvinceCode, c.Region, lat, lon, now, now}
		}
		if err := tx.insertRows(ctx, "bodies", []string{"id", "slug", "name", "kind", "istat_code", "province", "province_code", "region",
			"latitude", "longitude", "created_at", "updated_at"}, bodies); err != nil {
			return err
		}
		start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		acts := make([][]any, spec.Activities)
		for i := range spec.Activities {
			var people any
			if i%3 != 0 {
				people = 20 + rng.IntN(80)
			}
			acts[i] = []any{i + 1, fmt.Sprintf("attivita-%d", i+1), fmt.Sprintf("Attività %d", i+1), 1, i%4 + 1,
				spec.isStage(i), "published", start.AddDate(0, 0, i).Format(time.DateOnly), "online", people, now, now}
		}
		if err := tx.insertRows(ctx, "activities", []string{"id", "slug", "title", "type_id", "community_id", "is_stage", "status",
			"starts_on", "format", "declared_people", "created_at", "updated_at"}, acts); err != nil {
			return err
		}
		var parts [][]any
		for a := 1; a <= spec.Activities; a++ {
			chosen := map[int]bool{}
			for k := 0; k < per; k++ {
				b := 1 + rng.IntN(len(spec.Comuni))
				for chosen[b] {
					b = 1 + rng.IntN(len(spec.Comuni))
				}
				chosen[b] = true
				role := "attendee"
				switch {
				case k == 0:
					role = "host"
				case rng.IntN(20) == 0:
					role = "partner"
				}
				parts = append(parts, []any{a, b, role})
			}
		}
		if err := tx.insertRows(ctx, "participations", []string{"activity_id", "body_id", "role"}, parts); err != nil {
			return err
		}
		if err := tx.insertSyntheticRegistrations(ctx, spec, rng, now); err != nil {
			return err
		}
		if s.dialect == Postgres {
			// Explicit ids leave the identity sequences behind.
			for _, t := range []string{"communities", "activity_types", "bodies", "activities", "registrations"} {
				if _, err := tx.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM `+t+`), false)`); err != nil {
					return fmt.Errorf("synthetic sequences: %w", err)
				}
			}
		}
		_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ('initial_data', 'synthetic')`)
		return err
	})
}

// syntheticRoles are the roles of generated registrations.
var syntheticRoles = []string{"sindaco", "assessore", "consigliere", "dirigente", "funzionario", "altro"}

// insertSyntheticRegistrations adds spec.Registrations confirmed
// registrations of people of random bodies at random activities; every
// other one is marked present, so it counts as its body's attendance.
func (c conn) insertSyntheticRegistrations(ctx context.Context, spec SyntheticSpec, rng *rand.Rand, now time.Time) error {
	if spec.Registrations == 0 {
		return nil
	}
	rows := make([][]any, spec.Registrations)
	for i := range rows {
		rows[i] = []any{i + 1, 1 + rng.IntN(spec.Activities), fmt.Sprintf("Persona %d", i+1),
			fmt.Sprintf("persona-%d@example.invalid", i+1), 1 + rng.IntN(len(spec.Comuni)),
			syntheticRoles[rng.IntN(len(syntheticRoles))], "sintetico", now, "confirmed", now, i%2 == 0, now, now}
	}
	return c.insertRows(ctx, "registrations", []string{"id", "activity_id", "name", "email", "body_id", "role",
		"consent_version", "consent_at", "status", "confirmed_at", "attended", "created_at", "updated_at"}, rows)
}

// insertRows writes rows with multi-row INSERTs, as many rows per statement
// as the placeholder limits of both databases allow.
func (c conn) insertRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	const maxParams = 30000 // SQLite allows 32766, PostgreSQL 65535
	per := max(1, maxParams/len(cols))
	one := "(" + placeholders(len(cols)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args := make([]any, 0, (end-start)*len(cols))
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		q := head + strings.TrimSuffix(strings.Repeat(one+", ", end-start), ", ")
		if _, err := c.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("insert %d rows into %s: %w", end-start, table, err)
		}
	}
	return nil
}
