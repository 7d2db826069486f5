package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// ExportOptions choose what an archive holds.
type ExportOptions struct {
	// IncludePersonal adds the data about people (accounts, registrations).
	IncludePersonal bool
}

// Export reads the whole network into an archive, from one consistent
// snapshot. Every list has a fixed order (communities and types by
// position, themes and bodies by creation, activities by date), so
// exporting the same data twice, or from the other database after an
// import, gives the same document byte for byte.
func (s *Store) Export(ctx context.Context, opt ExportOptions) (dataset.Dataset, error) {
	ds := dataset.Dataset{Format: dataset.ArchiveFormat, Version: dataset.ArchiveVersion}
	var txOpt *sql.TxOptions
	if s.dialect == Postgres {
		txOpt = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	sqlTx, err := s.db.BeginTx(ctx, txOpt)
	if err != nil {
		return ds, fmt.Errorf("export: begin: %w", err)
	}
	defer sqlTx.Rollback()
	c := conn{q: sqlTx, d: s.dialect}
	steps := []func(context.Context, *dataset.Dataset) error{
		c.exportNetwork, c.exportSettings, c.exportCommunities, c.exportTypes, c.exportThemes, c.exportBodies, c.exportActivities,
		c.exportAbout, c.exportNews,
	}
	if opt.IncludePersonal {
		steps = append(steps, c.exportPersonal)
	} else {
		steps = append(steps, c.exportErasedRegistrations)
	}
	for _, step := range steps {
		if err := step(ctx, &ds); err != nil {
			return ds, fmt.Errorf("export: %w", err)
		}
	}
	return ds, nil
}

// ErrNotEmpty means an import was refused because the database holds data.
var ErrNotEmpty = errors.New("the database is not empty")

// checkEmpty returns ErrNotEmpty unless the database holds no network, data,
// accounts or registrations: imports and generated networks write only into
// a new database.
func (c conn) checkEmpty(ctx context.Context) error {
	full, err := c.holdsData(ctx)
	if err != nil {
		return fmt.Errorf("check the database is empty: %w", err)
	}
	if full {
		return fmt.Errorf("%w: it already holds a network, accounts or registrations", ErrNotEmpty)
	}
	return nil
}

// Import loads an archive into an empty database in one transaction: all of
// it, or nothing. A database that already holds a network is refused.
func (s *Store) Import(ctx context.Context, ds dataset.Dataset) error {
	if err := ds.CheckArchive(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		if err := tx.checkEmpty(ctx); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		return tx.importAll(ctx, ds)
	})
}

// IsEmpty tells whether the database holds no network, accounts or
// registrations: what Import and a restore without --force accept.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	full, err := conn{q: s.db, d: s.dialect}.holdsData(ctx)
	if err != nil {
		return false, fmt.Errorf("check the database is empty: %w", err)
	}
	return !full, nil
}

func (c conn) holdsData(ctx context.Context) (bool, error) {
	var rows int
	err := c.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM network) + (SELECT COUNT(*) FROM bodies) +
(SELECT COUNT(*) FROM activities) + (SELECT COUNT(*) FROM themes) + (SELECT COUNT(*) FROM activity_types) +
(SELECT COUNT(*) FROM communities) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM registrations) +
(SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM settings WHERE key = 'initial_data')`).Scan(&rows)
	return rows > 0, err
}

func (tx *Tx) importAll(ctx context.Context, ds dataset.Dataset) error {
	if err := tx.LoadDataset(ctx, ds); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := tx.importRegistrationsAndPersonal(ctx, ds); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := tx.resetIDSequences(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// An archive from a hand-made or older network may not say how it
	// started; record the import so serve never adds the default data.
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ('initial_data', 'import') ON CONFLICT (key) DO NOTHING`)
	return err
}

func instant(t time.Time) string { return t.UTC().Format(dataset.TimeLayout) }

func (c conn) exportNetwork(ctx context.Context, ds *dataset.Dataset) error {
	n := &ds.Network
	err := c.queryRow(ctx, `SELECT name, tagline, description, area FROM network WHERE id = 1`).Scan(&n.Name, &n.Tagline, &n.Description, &n.Area)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("the database holds no network")
	}
	return err
}

func (c conn) exportSettings(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT key, value FROM settings ORDER BY key`)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		if derivedSettings[k] || secretSetting(k) {
			continue
		}
		if ds.Settings == nil {
			ds.Settings = map[string]string{}
		}
		ds.Settings[k] = v
	}
	return rows.Err()
}

func (c conn) exportCommunities(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT id, slug, name, description FROM communities ORDER BY position, id`)
	if err != nil {
		return fmt.Errorf("communities: %w", err)
	}
	defer rows.Close()
	ds.Communities = []dataset.Community{}
	for rows.Next() {
		var x dataset.Community
		if err := rows.Scan(&x.ID, &x.Slug, &x.Name, &x.Description); err != nil {
			return fmt.Errorf("communities: %w", err)
		}
		ds.Communities = append(ds.Communities, x)
	}
	return rows.Err()
}

func (c conn) exportTypes(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT id, slug, name, description, baseline_count FROM activity_types ORDER BY position, id`)
	if err != nil {
		return fmt.Errorf("activity types: %w", err)
	}
	defer rows.Close()
	ds.ActivityTypes = []dataset.ActivityType{}
	for rows.Next() {
		var x dataset.ActivityType
		if err := rows.Scan(&x.ID, &x.Slug, &x.Name, &x.Description, &x.Baseline); err != nil {
			return fmt.Errorf("activity types: %w", err)
		}
		ds.ActivityTypes = append(ds.ActivityTypes, x)
	}
	return rows.Err()
}

func (c conn) exportThemes(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT id, slug, name FROM themes ORDER BY id`)
	if err != nil {
		return fmt.Errorf("themes: %w", err)
	}
	defer rows.Close()
	ds.Themes = []dataset.Theme{}
	for rows.Next() {
		var x dataset.Theme
		if err := rows.Scan(&x.ID, &x.Slug, &x.Name); err != nil {
			return fmt.Errorf("themes: %w", err)
		}
		ds.Themes = append(ds.Themes, x)
	}
	return rows.Err()
}

func (c conn) exportBodies(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT b.id, b.slug, b.name, b.kind, COALESCE(p.slug, ''), COALESCE(b.istat_code, ''), b.province,
b.province_code, b.region, b.latitude, b.longitude, b.website, b.description,
b.contact_office, b.created_at, b.updated_at
FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id ORDER BY b.id`)
	if err != nil {
		return fmt.Errorf("bodies: %w", err)
	}
	defer rows.Close()
	var list []dataset.Body
	for rows.Next() {
		var (
			x                dataset.Body
			lat, lon         sql.NullFloat64
			created, updated time.Time
		)
		if err := rows.Scan(&x.ID, &x.Slug, &x.Name, &x.Kind, &x.Parent, &x.ISTATCode, &x.Province, &x.ProvinceCode, &x.Region,
			&lat, &lon, &x.Website, &x.Description, &x.ContactOffice, &created, &updated); err != nil {
			return fmt.Errorf("bodies: %w", err)
		}
		if lat.Valid {
			x.Latitude = &lat.Float64
		}
		if lon.Valid {
			x.Longitude = &lon.Float64
		}
		x.CreatedAt, x.UpdatedAt = instant(created), instant(updated)
		list = append(list, x)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("bodies: %w", err)
	}
	if err := c.exportLogos(ctx, list); err != nil {
		return err
	}
	if err := c.exportRegulations(ctx, list); err != nil {
		return err
	}
	ds.Bodies = parentsFirst(list)
	return nil
}

// parentsFirst orders bodies so that a body's parent comes before it, as
// an import needs, keeping creation order otherwise.
func parentsFirst(list []dataset.Body) []dataset.Body {
	index := map[string]int{}
	for i, b := range list {
		index[b.Slug] = i
	}
	out := make([]dataset.Body, 0, len(list))
	done := make([]bool, len(list))
	var visit func(i int, depth int)
	visit = func(i int, depth int) {
		if done[i] || depth > len(list) {
			return
		}
		if p, ok := index[list[i].Parent]; ok && list[i].Parent != "" {
			visit(p, depth+1)
		}
		if !done[i] {
			done[i] = true
			out = append(out, list[i])
		}
	}
	for i := range list {
		visit(i, 0)
	}
	return out
}

func (c conn) exportActivities(ctx context.Context, ds *dataset.Dataset) error {
	rows, err := c.query(ctx, `SELECT a.id, a.slug, a.title, t.slug, COALESCE(c.slug, ''), a.is_stage, a.status, a.starts_on,
COALESCE(a.start_time, ''), COALESCE(a.end_time, ''), a.format, a.venue, a.online_note, a.headline, a.summary, a.description,
a.outcome_shared, a.outcome_report, a.declared_people, a.declared_people_approx, a.declared_bodies, a.declared_bodies_approx,
a.published_at, a.created_at, a.updated_at, a.online_link, a.registrations_enabled, a.registrations_capacity,
a.registrations_open_from, a.registrations_close_at, a.outcome_sent_at
FROM activities a JOIN activity_types t ON t.id = a.type_id LEFT JOIN communities c ON c.id = a.community_id
ORDER BY a.starts_on, a.id`)
	if err != nil {
		return fmt.Errorf("activities: %w", err)
	}
	byID := map[int64]*dataset.Activity{}
	var order []int64
	ds.Activities = []dataset.Activity{}
	for rows.Next() {
		var (
			id                             int64
			x                              dataset.Activity
			day                            time.Time
			people, bodies                 sql.NullInt64
			published                      sql.NullTime
			created, updated               time.Time
			capacity                       sql.NullInt64
			regEnabled                     bool
			openFrom, closeAt, outcomeSent sql.NullTime
		)
		if err := rows.Scan(&id, &x.Slug, &x.Title, &x.Type, &x.Community, &x.Stage, &x.Status, &day, &x.StartTime, &x.EndTime,
			&x.Format, &x.Venue, &x.OnlineNote, &x.Headline, &x.Summary, &x.Description, &x.OutcomeShared, &x.OutcomeReport,
			&people, &x.Declared.PeopleApprox, &bodies, &x.Declared.BodiesApprox, &published, &created, &updated,
			&x.OnlineLink, &regEnabled, &capacity, &openFrom, &closeAt, &outcomeSent); err != nil {
			rows.Close()
			return fmt.Errorf("activities: %w", err)
		}
		x.Date = civilDate(day).Format(time.DateOnly)
		if people.Valid {
			n := int(people.Int64)
			x.Declared.People = &n
		}
		if bodies.Valid {
			n := int(bodies.Int64)
			x.Declared.Bodies = &n
		}
		if published.Valid {
			x.PublishedAt = instant(published.Time)
		}
		x.CreatedAt, x.UpdatedAt = instant(created), instant(updated)
		x.ID = id
		x.Registrations = registrationSettings(regEnabled, capacity, openFrom, closeAt, outcomeSent)
		x.Participations = []dataset.Participation{}
		byID[id] = &x
		order = append(order, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("activities: %w", err)
	}
	if err := c.exportActivityParts(ctx, byID); err != nil {
		return err
	}
	for _, id := range order {
		ds.Activities = append(ds.Activities, *byID[id])
	}
	return nil
}

// exportActivityParts loads the themes, tables, roles and participations
// of every activity, one query each.
func (c conn) exportActivityParts(ctx context.Context, byID map[int64]*dataset.Activity) error {
	parts := []struct {
		name, sql string
		scan      func(*sql.Rows) error
	}{
		{"themes", `SELECT at.activity_id, th.slug FROM activity_themes at JOIN themes th ON th.id = at.theme_id
ORDER BY at.activity_id, at.position, th.id`, func(r *sql.Rows) error {
			var id int64
			var slug string
			if err := r.Scan(&id, &slug); err != nil {
				return err
			}
			byID[id].Themes = append(byID[id].Themes, slug)
			return nil
		}},
		{"tables", `SELECT bt.activity_id, bt.id, bt.title, COALESCE(th.slug, ''), bt.outcome FROM breakout_tables bt
LEFT JOIN themes th ON th.id = bt.theme_id ORDER BY bt.activity_id, bt.position, bt.id`, func(r *sql.Rows) error {
			var id int64
			var t dataset.BreakoutTable
			if err := r.Scan(&id, &t.ID, &t.Title, &t.Theme, &t.Outcome); err != nil {
				return err
			}
			byID[id].Tables = append(byID[id].Tables, t)
			return nil
		}},
		{"roles", `SELECT activity_id, role, people FROM declared_roles ORDER BY activity_id, ` + roleOrder("role", personRoleOrder), func(r *sql.Rows) error {
			var id int64
			var role dataset.DeclaredRole
			var people sql.NullInt64
			if err := r.Scan(&id, &role.Role, &people); err != nil {
				return err
			}
			if people.Valid {
				n := int(people.Int64)
				role.People = &n
			}
			byID[id].Roles = append(byID[id].Roles, role)
			return nil
		}},
		{"participations", `SELECT p.activity_id, b.slug, p.role, p.note FROM participations p JOIN bodies b ON b.id = p.body_id
ORDER BY p.activity_id, ` + roleOrder("p.role", participationRoleOrder) + `, b.slug`, func(r *sql.Rows) error {
			var id int64
			var p dataset.Participation
			if err := r.Scan(&id, &p.Body, &p.Role, &p.Note); err != nil {
				return err
			}
			byID[id].Participations = append(byID[id].Participations, p)
			return nil
		}},
	}
	parts = append(parts, struct {
		name, sql string
		scan      func(*sql.Rows) error
	}{"attachments", `SELECT activity_id, id, section, filename, title, content_type, size, sha256, data, created_at
FROM attachments WHERE activity_id IS NOT NULL ORDER BY activity_id, id`, func(r *sql.Rows) error {
		var id int64
		var x dataset.Attachment
		var created time.Time
		if err := r.Scan(&id, &x.ID, &x.Section, &x.Filename, &x.Title, &x.ContentType, &x.Size, &x.SHA256, &x.Data, &created); err != nil {
			return err
		}
		x.CreatedAt = instant(created)
		byID[id].Attachments = append(byID[id].Attachments, x)
		return nil
	}})
	for _, part := range parts {
		rows, err := c.query(ctx, part.sql)
		if err != nil {
			return fmt.Errorf("activity %s: %w", part.name, err)
		}
		for rows.Next() {
			if err := part.scan(rows); err != nil {
				rows.Close()
				return fmt.Errorf("activity %s: %w", part.name, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("activity %s: %w", part.name, err)
		}
	}
	return nil
}

var (
	personRoleOrder        = asStrings(domain.PersonRoles)
	participationRoleOrder = asStrings(domain.ParticipationRoles)
)

func asStrings[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// roleOrder sorts a role column in its display order rather than
// alphabetically. The roles are the domain's own constants, never input.
func roleOrder(column string, roles []string) string {
	var b strings.Builder
	b.WriteString("CASE " + column)
	for i, r := range roles {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", r, i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(roles))
	return b.String()
}
