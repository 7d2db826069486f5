package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// The queries behind the public JSON API and the CSV files. Lists use keyset
// pagination: a page starts after the last row of the previous one, so a
// client walking the pages never sees a row twice or misses one when rows are
// added in between, and every page costs the same on the indexes.

// ActivityKey is the position of an activity in the public order (date, then id).
type ActivityKey struct {
	StartsOn time.Time
	ID       int64
}

// PublicActivityFilter narrows the published activities. Zero values mean "any".
type PublicActivityFilter struct {
	TypeID      int64
	CommunityID int64
	BodyID      int64 // the body or one of its offices took part, in any role
	Format      domain.Format
	From, To    *time.Time // calendar days, both inclusive
	Stage       *bool
	After       *ActivityKey
	Limit       int
}

func (f PublicActivityFilter) where(withCursor bool) (string, []any) {
	conds := []string{"a.status = 'published'"}
	var args []any
	if f.TypeID != 0 {
		conds = append(conds, "a.type_id = ?")
		args = append(args, f.TypeID)
	}
	if f.CommunityID != 0 {
		conds = append(conds, "a.community_id = ?")
		args = append(args, f.CommunityID)
	}
	if f.BodyID != 0 {
		conds = append(conds, `EXISTS (SELECT 1 FROM participations bp JOIN bodies bb ON bb.id = bp.body_id
WHERE bp.activity_id = a.id AND (bb.id = ? OR bb.parent_id = ?))`)
		args = append(args, f.BodyID, f.BodyID)
	}
	if f.Format != "" {
		conds = append(conds, "a.format = ?")
		args = append(args, string(f.Format))
	}
	if f.From != nil {
		conds = append(conds, "a.starts_on >= ?")
		args = append(args, f.From.Format(time.DateOnly))
	}
	if f.To != nil {
		conds = append(conds, "a.starts_on <= ?")
		args = append(args, f.To.Format(time.DateOnly))
	}
	if f.Stage != nil {
		conds = append(conds, "a.is_stage = ?")
		args = append(args, *f.Stage)
	}
	if withCursor && f.After != nil {
		// A row-value comparison lets both databases seek the
		// (status, starts_on, id) index instead of scanning earlier pages.
		conds = append(conds, "(a.starts_on, a.id) > (?, ?)")
		args = append(args, f.After.StartsOn.Format(time.DateOnly), f.After.ID)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// PublicActivities returns up to f.Limit published activities after f.After
// in (date, id) order, with their hosts, and how many match the filter in all.
func (s *Store) PublicActivities(ctx context.Context, f PublicActivityFilter) ([]ActivitySummary, int, error) {
	where, args := f.where(false)
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM activities a`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count public activities: %w", err)
	}
	where, args = f.where(true)
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.query(ctx, `SELECT `+activityColumns+activityFrom+where+` ORDER BY a.starts_on, a.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list public activities: %w", err)
	}
	defer rows.Close()
	var out []ActivitySummary
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list public activities: %w", err)
		}
		out = append(out, ActivitySummary{Activity: a})
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list public activities: %w", err)
	}
	if err := s.fillSummaries(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// BodyKey is the position of a body in the public order (name, then id).
type BodyKey struct {
	Name string
	ID   int64
}

// PublicBodyFilter narrows the bodies. Zero values mean "any".
type PublicBodyFilter struct {
	Kind         domain.BodyKind
	ProvinceCode string
	Region       string
	After        *BodyKey
	Limit        int
}

func (f PublicBodyFilter) where(withCursor bool) (string, []any) {
	var conds []string
	var args []any
	if f.Kind != "" {
		conds = append(conds, "b.kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.ProvinceCode != "" {
		conds = append(conds, "b.province_code = ?")
		args = append(args, f.ProvinceCode)
	}
	if f.Region != "" {
		conds = append(conds, "b.region = ?")
		args = append(args, f.Region)
	}
	if withCursor && f.After != nil {
		conds = append(conds, "(b.name, b.id) > (?, ?)")
		args = append(args, f.After.Name, f.After.ID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// PublicBodies returns up to f.Limit bodies after f.After in (name, id) order,
// and how many match the filter in all.
func (s *Store) PublicBodies(ctx context.Context, f PublicBodyFilter) ([]domain.Body, int, error) {
	where, args := f.where(false)
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM bodies b`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count public bodies: %w", err)
	}
	where, args = f.where(true)
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.query(ctx, `SELECT `+bodyColumns+bodyFrom+where+` ORDER BY b.name, b.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list public bodies: %w", err)
	}
	defer rows.Close()
	var out []domain.Body
	for rows.Next() {
		b, err := scanBody(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list public bodies: %w", err)
		}
		out = append(out, b)
	}
	return out, total, rows.Err()
}

// BodyActivityCounts returns, for each of the given bodies, how many published
// activities it (or one of its offices) took part in.
func (s *Store) BodyActivityCounts(ctx context.Context, bodyIDs []int64) (map[int64]int, error) {
	out := make(map[int64]int, len(bodyIDs))
	if len(bodyIDs) == 0 {
		return out, nil
	}
	ids := make([]any, len(bodyIDs))
	for i, id := range bodyIDs {
		ids[i] = id
	}
	rows, err := s.query(ctx, `
SELECT t.id, COUNT(DISTINCT p.activity_id)
FROM bodies t
JOIN bodies b ON b.id = t.id OR b.parent_id = t.id
JOIN participations p ON p.body_id = b.id
JOIN activities a ON a.id = p.activity_id
WHERE `+s.countedSQL("a")+` AND t.id IN (`+placeholders(len(ids))+`)
GROUP BY t.id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("activity counts of %d bodies: %w", len(bodyIDs), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("activity counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// ParticipationsOf returns the participations of the given activities, in one
// query, grouped by activity and ordered by body name.
func (s *Store) ParticipationsOf(ctx context.Context, activityIDs []int64) (map[int64][]domain.Participation, error) {
	out := make(map[int64][]domain.Participation, len(activityIDs))
	if len(activityIDs) == 0 {
		return out, nil
	}
	ids := make([]any, len(activityIDs))
	for i, id := range activityIDs {
		ids[i] = id
	}
	rows, err := s.query(ctx, `SELECT p.activity_id, b.id, b.slug, b.name, b.kind, p.role, p.note
FROM participations p JOIN bodies b ON b.id = p.body_id
WHERE p.activity_id IN (`+placeholders(len(ids))+`) ORDER BY p.activity_id, b.name, b.id, p.role`, ids...)
	if err != nil {
		return nil, fmt.Errorf("participations of %d activities: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var p domain.Participation
		if err := rows.Scan(&p.ActivityID, &p.Body.ID, &p.Body.Slug, &p.Body.Name, &p.Body.Kind, &p.Role, &p.Note); err != nil {
			return nil, fmt.Errorf("participations of activities: %w", err)
		}
		out[p.ActivityID] = append(out[p.ActivityID], p)
	}
	return out, rows.Err()
}

// CommunitySummary is a community with the number of its published stages.
type CommunitySummary struct {
	domain.Community
	Stages int
}

// CommunitySummaries returns the communities in display order with their
// published stage counts, in one grouped query.
func (s *Store) CommunitySummaries(ctx context.Context) ([]CommunitySummary, error) {
	rows, err := s.query(ctx, `
SELECT c.id, c.slug, c.name, c.description, c.position, COUNT(a.id)
FROM communities c
LEFT JOIN activities a ON a.community_id = c.id AND a.is_stage = ? AND a.status = 'published'
GROUP BY c.id, c.slug, c.name, c.description, c.position
ORDER BY c.position, c.name`, true)
	if err != nil {
		return nil, fmt.Errorf("list communities with stages: %w", err)
	}
	defer rows.Close()
	var out []CommunitySummary
	for rows.Next() {
		var c CommunitySummary
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name, &c.Description, &c.Position, &c.Stages); err != nil {
			return nil, fmt.Errorf("list communities with stages: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// NetworkFigures are the network's public totals, all derived from the data.
type NetworkFigures struct {
	Members               int // bodies that joined (first counted participation in a member role)
	Bodies                int // every body the network knows, members or not
	Communities           int
	ActivitiesPublished   int // published on the platform, their day over (counted)
	ActivitiesCounted     int // published plus every type's baseline: the public counters' sum
	Stages                int // counted stages
	Participations        int // body roles at counted activities
	PeopleDeclared        int // sum of declared people at counted activities
	BodiesDeclared        int // sum of declared bodies at counted activities
	ActivitiesWithFigures int // counted activities that declare a number of people
}

// NetworkFigures computes the network's totals in one round trip.
func (s *Store) NetworkFigures(ctx context.Context) (NetworkFigures, error) {
	var f NetworkFigures
	counted := s.countedSQL("a")
	err := s.queryRow(ctx, `SELECT
 (SELECT COUNT(*) FROM bodies mb WHERE `+s.memberCountsSQL("mb")+`),
 (SELECT COUNT(*) FROM bodies),
 (SELECT COUNT(*) FROM communities),
 (SELECT COUNT(*) FROM activities a WHERE `+counted+`),
 (SELECT COALESCE(SUM(baseline_count), 0) FROM activity_types),
 (SELECT COUNT(*) FROM activities a WHERE `+counted+` AND a.is_stage = ?),
 (SELECT COUNT(*) FROM participations p JOIN activities a ON a.id = p.activity_id WHERE `+counted+`),
 (SELECT COALESCE(SUM(a.declared_people), 0) FROM activities a WHERE `+counted+`),
 (SELECT COALESCE(SUM(a.declared_bodies), 0) FROM activities a WHERE `+counted+`),
 (SELECT COUNT(*) FROM activities a WHERE `+counted+` AND a.declared_people IS NOT NULL)`, true).
		Scan(&f.Members, &f.Bodies, &f.Communities, &f.ActivitiesPublished, &f.ActivitiesCounted, &f.Stages,
			&f.Participations, &f.PeopleDeclared, &f.BodiesDeclared, &f.ActivitiesWithFigures)
	if err != nil {
		return f, fmt.Errorf("network figures: %w", err)
	}
	f.ActivitiesCounted += f.ActivitiesPublished
	return f, nil
}

// Secret returns the deployment's secret of the given name, creating a random
// one on first use. It lives in the database so that every instance behind a
// load balancer, and every restart, signs and checks with the same key.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	key := "secret." + name
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("generate secret %q: %w", name, err)
	}
	// Two instances may race here: the first insert wins, and both read it back.
	if _, err := s.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, key, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("store secret %q: %w", name, err)
	}
	var v string
	if err := s.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v); err != nil {
		return nil, fmt.Errorf("load secret %q: %w", name, scanOne(err))
	}
	out, err := hex.DecodeString(v)
	if err != nil || len(out) < 16 {
		return nil, fmt.Errorf("secret %q in settings is not a hex key of at least 16 bytes", name)
	}
	return out, nil
}
