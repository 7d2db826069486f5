package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// InsightFilter narrows the network overview (/rete) to one community and a
// period. Zero values mean "every community" and "no bound".
type InsightFilter struct {
	CommunityID int64
	From, To    time.Time // inclusive calendar dates; zero = open
}

// Key identifies the filter in caches.
func (f InsightFilter) Key() string {
	return fmt.Sprintf("%d|%s|%s", f.CommunityID, dateKey(f.From), dateKey(f.To))
}

func dateKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// InsightStage is one published stage in the overview, with what its
// organisers declared.
type InsightStage struct {
	ID             int64
	Slug           string
	Title          string
	StartsOn       time.Time
	CommunitySlug  string
	CommunityName  string
	DeclaredPeople *int
	PeopleApprox   bool
	DeclaredBodies *int
	BodiesApprox   bool
	// Declared people by role group (politici, tecnici, altri): Present
	// says the group took part, People sums the figures declared for it
	// (nil when no figure was declared for any of its roles).
	Roles map[domain.RoleGroup]DeclaredGroup
}

// DeclaredGroup is what is declared of one role group at a stage.
type DeclaredGroup struct {
	Present bool
	People  *int
}

// InsightBody is a member body as the overview needs it.
type InsightBody struct {
	ID           int64
	Slug         string
	Name         string
	Kind         domain.BodyKind
	ISTATCode    string
	Province     string
	ProvinceCode string
	Region       string
	Latitude     *float64
	Longitude    *float64
}

// InsightAttendance says that a member body took part in a stage, in a
// member role (host, co-organiser or attendee), directly or through one of
// its offices.
type InsightAttendance struct {
	Stage  int // index into InsightData.Stages
	BodyID int64
	Host   bool
}

// InsightData is the raw material of the overview: the stages in scope,
// the member bodies that took part, and who took part where.
type InsightData struct {
	Stages     []InsightStage
	Bodies     map[int64]InsightBody
	Attendance []InsightAttendance // ordered by stage, then body id
}

// InsightDataVersion returns a number that changes whenever the tables the
// overview reads are written (triggers of migration 0004 bump it), so every
// instance can tell cheaply whether cached figures are stale.
func (s *Store) InsightDataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.queryRow(ctx, `SELECT version FROM insight_data_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read data version: %w", scanOne(err))
	}
	return v, nil
}

// stageWhere selects the counted stages in scope: /rete shows what has
// happened, not what is planned.
func (s *Store) stageWhere(f InsightFilter) (string, []any) {
	conds := []string{"a.is_stage = ?", s.countedSQL("a")}
	args := []any{true}
	if f.CommunityID != 0 {
		conds = append(conds, "a.community_id = ?")
		args = append(args, f.CommunityID)
	}
	if !f.From.IsZero() {
		conds = append(conds, "a.starts_on >= ?")
		args = append(args, f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		conds = append(conds, "a.starts_on <= ?")
		args = append(args, f.To.Format(time.DateOnly))
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// InsightData loads the stages in scope with four queries, whatever the
// size of the network: stages, declared roles, and member attendance
// grouped by stage and member body.
func (s *Store) InsightData(ctx context.Context, f InsightFilter) (InsightData, error) {
	var d InsightData
	where, args := s.stageWhere(f)
	rows, err := s.query(ctx, `
SELECT a.id, a.slug, a.title, a.starts_on, COALESCE(c.slug, ''), COALESCE(c.name, ''),
       a.declared_people, a.declared_people_approx, a.declared_bodies, a.declared_bodies_approx
FROM activities a LEFT JOIN communities c ON c.id = a.community_id`+where+`
ORDER BY a.starts_on, a.id`, args...)
	if err != nil {
		return d, fmt.Errorf("insight stages: %w", err)
	}
	index := map[int64]int{}
	for rows.Next() {
		var (
			st             InsightStage
			people, bodies sql.NullInt64
		)
		if err := rows.Scan(&st.ID, &st.Slug, &st.Title, &st.StartsOn, &st.CommunitySlug, &st.CommunityName,
			&people, &st.PeopleApprox, &bodies, &st.BodiesApprox); err != nil {
			rows.Close()
			return d, fmt.Errorf("insight stages: %w", err)
		}
		st.StartsOn = civilDate(st.StartsOn)
		if people.Valid {
			n := int(people.Int64)
			st.DeclaredPeople = &n
		}
		if bodies.Valid {
			n := int(bodies.Int64)
			st.DeclaredBodies = &n
		}
		st.Roles = map[domain.RoleGroup]DeclaredGroup{}
		index[st.ID] = len(d.Stages)
		d.Stages = append(d.Stages, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("insight stages: %w", err)
	}
	d.Bodies = map[int64]InsightBody{}
	if len(d.Stages) == 0 {
		return d, nil
	}

	rows, err = s.query(ctx, `
SELECT r.activity_id, r.role, r.people
FROM declared_roles r JOIN activities a ON a.id = r.activity_id`+where, args...)
	if err != nil {
		return d, fmt.Errorf("insight declared roles: %w", err)
	}
	for rows.Next() {
		var (
			id     int64
			role   domain.PersonRole
			people sql.NullInt64
		)
		if err := rows.Scan(&id, &role, &people); err != nil {
			rows.Close()
			return d, fmt.Errorf("insight declared roles: %w", err)
		}
		st := &d.Stages[index[id]]
		g := st.Roles[role.Group()]
		g.Present = true
		if people.Valid {
			n := int(people.Int64)
			if g.People != nil {
				n += *g.People
			}
			g.People = &n
		}
		st.Roles[role.Group()] = g
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("insight declared roles: %w", err)
	}

	rows, err = s.query(ctx, `
SELECT a.id, COALESCE(b.parent_id, b.id), MAX(CASE WHEN p.role = 'host' THEN 1 ELSE 0 END)
FROM participations p
JOIN bodies b ON b.id = p.body_id
JOIN activities a ON a.id = p.activity_id`+where+` AND p.role IN (`+memberRolesSQL()+`)
GROUP BY a.id, COALESCE(b.parent_id, b.id)`, args...)
	if err != nil {
		return d, fmt.Errorf("insight attendance: %w", err)
	}
	members := map[int64]bool{}
	for rows.Next() {
		var (
			id, body int64
			host     int
		)
		if err := rows.Scan(&id, &body, &host); err != nil {
			rows.Close()
			return d, fmt.Errorf("insight attendance: %w", err)
		}
		d.Attendance = append(d.Attendance, InsightAttendance{Stage: index[id], BodyID: body, Host: host == 1})
		members[body] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("insight attendance: %w", err)
	}
	sortAttendance(d.Attendance)

	// Bodies are few (a network of every Comune has about 8,000), so all
	// are read in one pass and the members kept: cheaper than filtering
	// them by the scope again, and no statement carries thousands of ids.
	rows, err = s.query(ctx, `
SELECT mb.id, mb.slug, mb.name, mb.kind, COALESCE(mb.istat_code, ''), mb.province, mb.province_code, mb.region,
       mb.latitude, mb.longitude
FROM bodies mb`)
	if err != nil {
		return d, fmt.Errorf("insight bodies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			b        InsightBody
			lat, lon sql.NullFloat64
		)
		if err := rows.Scan(&b.ID, &b.Slug, &b.Name, &b.Kind, &b.ISTATCode, &b.Province, &b.ProvinceCode, &b.Region, &lat, &lon); err != nil {
			return d, fmt.Errorf("insight bodies: %w", err)
		}
		if !members[b.ID] {
			continue
		}
		if lat.Valid && lon.Valid {
			b.Latitude, b.Longitude = &lat.Float64, &lon.Float64
		}
		d.Bodies[b.ID] = b
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("insight bodies: %w", err)
	}
	for id := range members {
		if _, ok := d.Bodies[id]; !ok {
			return d, fmt.Errorf("insight bodies: member %d not loaded", id)
		}
	}
	return d, nil
}

// NetworkProvinceCentres returns, for each province abbreviation, the mean
// position of the network's bodies in that province that have coordinates.
// It places a Comune without coordinates until a coordinator sets them.
func (s *Store) NetworkProvinceCentres(ctx context.Context) (map[string][2]float64, error) {
	rows, err := s.query(ctx, `SELECT province_code, AVG(latitude), AVG(longitude) FROM bodies
WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND province_code <> '' GROUP BY province_code`)
	if err != nil {
		return nil, fmt.Errorf("province centres: %w", err)
	}
	defer rows.Close()
	out := map[string][2]float64{}
	for rows.Next() {
		var (
			code     string
			lat, lon float64
		)
		if err := rows.Scan(&code, &lat, &lon); err != nil {
			return nil, fmt.Errorf("province centres: %w", err)
		}
		out[code] = [2]float64{lat, lon}
	}
	return out, rows.Err()
}

// CommunityBySlug returns one community.
func (s *Store) CommunityBySlug(ctx context.Context, slug string) (domain.Community, error) {
	var c domain.Community
	err := s.queryRow(ctx, `SELECT id, slug, name, description, position FROM communities WHERE slug = ?`, slug).
		Scan(&c.ID, &c.Slug, &c.Name, &c.Description, &c.Position)
	if err != nil {
		return c, fmt.Errorf("load community %q: %w", slug, scanOne(err))
	}
	return c, nil
}

// ComuneISTATCodes returns the ISTAT code of every body of kind comune
// that has one, by slug, to check them against the registry.
func (s *Store) ComuneISTATCodes(ctx context.Context) (map[string]string, error) {
	rows, err := s.query(ctx, `SELECT slug, istat_code FROM bodies WHERE kind = 'comune' AND istat_code IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("list ISTAT codes: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var slug, code string
		if err := rows.Scan(&slug, &code); err != nil {
			return nil, fmt.Errorf("list ISTAT codes: %w", err)
		}
		out[slug] = code
	}
	return out, rows.Err()
}

// SetBodyCoordinates records (or, with nil, clears) where a body is. A
// Comune without coordinates is shown at its province's centre until set.
func (c conn) SetBodyCoordinates(ctx context.Context, bodyID int64, lat, lon *float64) error {
	if (lat == nil) != (lon == nil) {
		return fmt.Errorf("set coordinates of body %d: latitude and longitude go together", bodyID)
	}
	if lat != nil && (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
		return fmt.Errorf("set coordinates of body %d: %v, %v is not a position on Earth", bodyID, *lat, *lon)
	}
	res, err := c.exec(ctx, `UPDATE bodies SET latitude = ?, longitude = ?, updated_at = ? WHERE id = ?`, lat, lon, time.Now().UTC(), bodyID)
	if err != nil {
		return fmt.Errorf("set coordinates of body %d: %w", bodyID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set coordinates of body %d: %w", bodyID, ErrNotFound)
	}
	return nil
}
