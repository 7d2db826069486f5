package store

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// InitialData says what a new, empty database starts with.
type InitialData string

const (
	InitialDefault InitialData = "default" // the network the platform ships with
	InitialEmpty   InitialData = "empty"   // nothing but the network's name
)

// EnsureInitialData fills a new database once. The first start records its
// choice in settings inside the same transaction as the data, so a restart,
// or a second instance starting at the same moment on PostgreSQL, never loads
// the data twice.
func (s *Store) EnsureInitialData(ctx context.Context, mode InitialData, ds func() (dataset.Dataset, error), log *slog.Logger) error {
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ('initial_data', ?) ON CONFLICT (key) DO NOTHING`, string(mode))
		if err != nil {
			return fmt.Errorf("record initial data: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return tx.reviseDefaultData(ctx, log)
		}
		if mode == InitialEmpty {
			_, err := tx.exec(ctx, `INSERT INTO network (id, name) VALUES (1, 'benicommunity')`)
			log.Info("started with an empty network")
			return err
		}
		data, err := ds()
		if err != nil {
			return err
		}
		if err := tx.LoadDataset(ctx, data); err != nil {
			return err
		}
		if err := tx.setDefaultRevision(ctx, dataset.DefaultRevision); err != nil {
			return err
		}
		log.Info("loaded the default dataset", "bodies", len(data.Bodies), "activities", len(data.Activities))
		return nil
	})
}

// LoadDataset writes a whole dataset into an empty database. It checks every
// reference and fails with the first broken one, writing nothing (the caller's
// transaction is rolled back).
func (tx *Tx) LoadDataset(ctx context.Context, ds dataset.Dataset) error {
	n := ds.Network
	if _, err := tx.exec(ctx, `INSERT INTO network (id, name, tagline, description, area) VALUES (1, ?, ?, ?, ?)`,
		n.Name, n.Tagline, n.Description, n.Area); err != nil {
		return fmt.Errorf("load network: %w", err)
	}
	for _, key := range sortedKeys(ds.Settings) {
		if derivedSettings[key] {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, key, ds.Settings[key]); err != nil {
			return fmt.Errorf("load setting %q: %w", key, err)
		}
	}
	communities := map[string]int64{}
	for i, c := range ds.Communities {
		id, err := tx.insertID(ctx, withID(c.ID, `INSERT INTO communities (slug, name, description, position) VALUES (?, ?, ?, ?)`),
			withIDArgs(c.ID, c.Slug, c.Name, c.Description, i+1)...)
		if err != nil {
			return fmt.Errorf("load community %q: %w", c.Slug, err)
		}
		communities[c.Slug] = id
	}
	types := map[string]int64{}
	for i, t := range ds.ActivityTypes {
		id, err := tx.insertID(ctx, withID(t.ID, `INSERT INTO activity_types (slug, name, description, baseline_count, position) VALUES (?, ?, ?, ?, ?)`),
			withIDArgs(t.ID, t.Slug, t.Name, t.Description, t.Baseline, i+1)...)
		if err != nil {
			return fmt.Errorf("load activity type %q: %w", t.Slug, err)
		}
		types[t.Slug] = id
	}
	themes := map[string]int64{}
	for _, t := range ds.Themes {
		id, err := tx.insertID(ctx, withID(t.ID, `INSERT INTO themes (slug, name) VALUES (?, ?)`), withIDArgs(t.ID, t.Slug, t.Name)...)
		if err != nil {
			return fmt.Errorf("load theme %q: %w", t.Slug, err)
		}
		themes[t.Slug] = id
		if err := tx.indexTheme(ctx, id); err != nil { // no activity yet
			return err
		}
	}
	bodies := map[string]int64{}
	var err error
	for _, b := range ds.Bodies {
		nb := NewBody{ID: b.ID, Slug: b.Slug, Name: b.Name, Kind: domain.BodyKind(b.Kind), ISTATCode: b.ISTATCode,
			Province: b.Province, ProvinceCode: b.ProvinceCode, Region: b.Region, Latitude: b.Latitude, Longitude: b.Longitude,
			Website: b.Website, Description: b.Description,
			RegulationAdopted: b.Regulation == nil && (b.RegulationAdopted || b.RegulationAdoptedOn != "")}
		if !nb.Kind.Valid() {
			return fmt.Errorf("load body %q: unknown kind %q", b.Slug, b.Kind)
		}
		if b.Parent != "" {
			pid, ok := bodies[b.Parent]
			if !ok {
				return fmt.Errorf("load body %q: parent %q must be listed before it", b.Slug, b.Parent)
			}
			nb.ParentID = &pid
		}
		if b.RegulationAdoptedOn != "" && b.Regulation == nil {
			d, err := time.Parse(time.DateOnly, b.RegulationAdoptedOn)
			if err != nil {
				return fmt.Errorf("load body %q: regulation date: %w", b.Slug, err)
			}
			nb.RegulationAdoptedOn = &d
		}
		if nb.CreatedAt, err = parseInstant(b.CreatedAt); err != nil {
			return fmt.Errorf("load body %q: created_at: %w", b.Slug, err)
		}
		if nb.UpdatedAt, err = parseInstant(b.UpdatedAt); err != nil {
			return fmt.Errorf("load body %q: updated_at: %w", b.Slug, err)
		}
		id, err := tx.CreateBody(ctx, nb)
		if err != nil {
			return err
		}
		bodies[b.Slug] = id
		if err := tx.loadBodyExtras(ctx, id, b); err != nil {
			return fmt.Errorf("load body %q: %w", b.Slug, err)
		}
		if err := tx.loadRegulation(ctx, id, b.Regulation); err != nil {
			return fmt.Errorf("load body %q: %w", b.Slug, err)
		}
	}
	for _, a := range ds.Activities {
		if err := tx.loadActivity(ctx, a, types, communities, themes, bodies); err != nil {
			return fmt.Errorf("load activity %q: %w", a.Slug, err)
		}
	}
	if err := tx.loadAbout(ctx, ds.About); err != nil {
		return err
	}
	return tx.markSearchIndex(ctx)
}

func (tx *Tx) loadActivity(ctx context.Context, a dataset.Activity, types, communities, themes, bodies map[string]int64) error {
	typeID, ok := types[a.Type]
	if !ok {
		return fmt.Errorf("unknown activity type %q", a.Type)
	}
	var communityID *int64
	if a.Community != "" {
		id, ok := communities[a.Community]
		if !ok {
			return fmt.Errorf("unknown community %q", a.Community)
		}
		communityID = &id
	}
	day, err := time.Parse(time.DateOnly, a.Date)
	if err != nil {
		return fmt.Errorf("date %q: %w", a.Date, err)
	}
	if !domain.Format(a.Format).Valid() {
		return fmt.Errorf("unknown format %q", a.Format)
	}
	switch domain.Status(a.Status) {
	case domain.StatusDraft, domain.StatusPublished, domain.StatusCancelled:
	default:
		return fmt.Errorf("unknown status %q", a.Status)
	}
	now := time.Now().UTC()
	var publishedAt any
	if a.PublishedAt != "" {
		t, err := time.Parse(time.RFC3339Nano, a.PublishedAt)
		if err != nil {
			return fmt.Errorf("published_at: %w", err)
		}
		publishedAt = t.UTC()
	} else if domain.Status(a.Status) == domain.StatusPublished {
		publishedAt = now
	}
	created, err := parseInstant(a.CreatedAt)
	if err != nil {
		return fmt.Errorf("created_at: %w", err)
	}
	updated, err := parseInstant(a.UpdatedAt)
	if err != nil {
		return fmt.Errorf("updated_at: %w", err)
	}
	id, err := tx.insertID(ctx, withID(a.ID, `INSERT INTO activities (slug, title, type_id, community_id, is_stage, status, starts_on,
start_time, end_time, format, venue, online_note, headline, summary, description, outcome_shared, outcome_report,
declared_people, declared_people_approx, declared_bodies, declared_bodies_approx, published_at, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), withIDArgs(a.ID,
		a.Slug, a.Title, typeID, communityID, a.Stage, a.Status, day.Format(time.DateOnly),
		nullString(a.StartTime), nullString(a.EndTime), a.Format, a.Venue, a.OnlineNote, a.Headline, a.Summary, a.Description,
		a.OutcomeShared, a.OutcomeReport, a.Declared.People, a.Declared.PeopleApprox, a.Declared.Bodies, a.Declared.BodiesApprox,
		publishedAt, created, updated)...)
	if err != nil {
		return err
	}
	if err := tx.loadActivityExtras(ctx, id, a); err != nil {
		return err
	}
	for i, slug := range a.Themes {
		tid, ok := themes[slug]
		if !ok {
			return fmt.Errorf("unknown theme %q", slug)
		}
		if _, err := tx.exec(ctx, `INSERT INTO activity_themes (activity_id, theme_id, position) VALUES (?, ?, ?)`, id, tid, i+1); err != nil {
			return fmt.Errorf("theme %q: %w", slug, err)
		}
	}
	for i, t := range a.Tables {
		var themeID *int64
		if t.Theme != "" {
			tid, ok := themes[t.Theme]
			if !ok {
				return fmt.Errorf("table %q: unknown theme %q", t.Title, t.Theme)
			}
			themeID = &tid
		}
		if _, err := tx.exec(ctx, withID(t.ID, `INSERT INTO breakout_tables (activity_id, position, title, theme_id, outcome) VALUES (?, ?, ?, ?, ?)`),
			withIDArgs(t.ID, id, i+1, t.Title, themeID, t.Outcome)...); err != nil {
			return fmt.Errorf("table %q: %w", t.Title, err)
		}
	}
	for _, r := range a.Roles {
		if !domain.PersonRole(r.Role).Valid() {
			return fmt.Errorf("unknown person role %q", r.Role)
		}
		if _, err := tx.exec(ctx, `INSERT INTO declared_roles (activity_id, role, people) VALUES (?, ?, ?)`, id, r.Role, r.People); err != nil {
			return fmt.Errorf("role %q: %w", r.Role, err)
		}
	}
	for _, p := range a.Participations {
		bid, ok := bodies[p.Body]
		if !ok {
			return fmt.Errorf("unknown body %q", p.Body)
		}
		if !domain.ParticipationRole(p.Role).Valid() {
			return fmt.Errorf("body %q: unknown role %q", p.Body, p.Role)
		}
		if _, err := tx.exec(ctx, `INSERT INTO participations (activity_id, body_id, role, note) VALUES (?, ?, ?, ?)`, id, bid, p.Role, p.Note); err != nil {
			return fmt.Errorf("participation of %q as %s: %w", p.Body, p.Role, err)
		}
	}
	return tx.reindexActivity(ctx, id)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// derivedSettings are recomputed by the database that holds them, never
// carried from one database to another.
var derivedSettings = map[string]bool{"search_index_version": true}

// parseInstant reads an archive's timestamp; an empty one means now.
func parseInstant(v string) (time.Time, error) {
	if v == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	return t.UTC(), err
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
