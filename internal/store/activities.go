package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

const activityColumns = `a.id, a.slug, a.title, t.id, t.slug, t.name, t.description, t.baseline_count, t.position,
c.id, c.slug, c.name, a.is_stage, a.status, a.starts_on, COALESCE(a.start_time, ''), COALESCE(a.end_time, ''),
a.format, a.venue, a.online_note, a.headline, a.summary, a.description, a.outcome_shared, a.outcome_report,
a.declared_people, a.declared_people_approx, a.declared_bodies, a.declared_bodies_approx,
a.published_at, a.created_at, a.updated_at`

const activityFrom = ` FROM activities a JOIN activity_types t ON t.id = a.type_id LEFT JOIN communities c ON c.id = a.community_id `

func scanActivity(sc interface{ Scan(...any) error }) (domain.Activity, error) {
	var (
		a              domain.Activity
		cID            sql.NullInt64
		cSlug, cName   sql.NullString
		people, bodies sql.NullInt64
		published      sql.NullTime
	)
	err := sc.Scan(&a.ID, &a.Slug, &a.Title, &a.Type.ID, &a.Type.Slug, &a.Type.Name, &a.Type.Description, &a.Type.Baseline, &a.Type.Position,
		&cID, &cSlug, &cName, &a.IsStage, &a.Status, &a.StartsOn, &a.StartTime, &a.EndTime,
		&a.Format, &a.Venue, &a.OnlineNote, &a.Headline, &a.Summary, &a.Description, &a.OutcomeShared, &a.OutcomeReport,
		&people, &a.Declared.PeopleApprox, &bodies, &a.Declared.BodiesApprox,
		&published, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return a, err
	}
	a.StartsOn = civilDate(a.StartsOn)
	if cID.Valid {
		a.Community = &domain.Community{ID: cID.Int64, Slug: cSlug.String, Name: cName.String}
	}
	if people.Valid {
		n := int(people.Int64)
		a.Declared.People = &n
	}
	if bodies.Valid {
		n := int(bodies.Int64)
		a.Declared.Bodies = &n
	}
	if published.Valid {
		t := published.Time
		a.PublishedAt = &t
	}
	return a, nil
}

// civilDate keeps only the calendar date, at midnight UTC, whatever zone the
// driver attached: a DATE column means a day in Europe/Rome, not an instant.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ActivityFilter narrows a list of activities.
type ActivityFilter struct {
	TypeSlug      string
	CommunityID   int64
	StagesOnly    bool
	IncludeHidden bool // drafts and cancelled too (backoffice only)
	Descending    bool
	Limit         int
	Offset        int
}

func (f ActivityFilter) where() (string, []any) {
	var conds []string
	var args []any
	if !f.IncludeHidden {
		conds = append(conds, "a.status = 'published'")
	}
	if f.TypeSlug != "" {
		conds = append(conds, "t.slug = ?")
		args = append(args, f.TypeSlug)
	}
	if f.CommunityID != 0 {
		conds = append(conds, "a.community_id = ?")
		args = append(args, f.CommunityID)
	}
	if f.StagesOnly {
		conds = append(conds, "a.is_stage = ?")
		args = append(args, true)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ActivitySummary is an activity as shown in lists: with its hosts and the
// number of bodies named as taking part.
type ActivitySummary struct {
	domain.Activity
	Hosts       []domain.BodyRef
	NamedBodies int
}

// Activities returns one page of activities in date order, and how many match in all.
func (s *Store) Activities(ctx context.Context, f ActivityFilter) ([]ActivitySummary, int, error) {
	where, args := f.where()
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*)`+activityFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count activities: %w", err)
	}
	order := " ORDER BY a.starts_on, a.id"
	if f.Descending {
		order = " ORDER BY a.starts_on DESC, a.id DESC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.query(ctx, `SELECT `+activityColumns+activityFrom+where+order+` LIMIT ? OFFSET ?`, append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var out []ActivitySummary
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list activities: %w", err)
		}
		out = append(out, ActivitySummary{Activity: a})
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}
	if err := s.fillSummaries(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// fillSummaries loads hosts and named-body counts for a page of activities in
// two queries, whatever the page size: the database counts the bodies, so
// only the hosts travel.
func (s *Store) fillSummaries(ctx context.Context, list []ActivitySummary) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]*ActivitySummary, len(list))
	ids := make([]any, len(list))
	for i := range list {
		index[list[i].ID] = &list[i]
		ids[i] = list[i].ID
	}
	rows, err := s.query(ctx, `
SELECT p.activity_id, COUNT(DISTINCT p.body_id) FROM participations p
WHERE p.activity_id IN (`+placeholders(len(ids))+`) GROUP BY p.activity_id`, ids...)
	if err != nil {
		return fmt.Errorf("count bodies of activities: %w", err)
	}
	for rows.Next() {
		var activityID int64
		var n int
		if err := rows.Scan(&activityID, &n); err != nil {
			rows.Close()
			return fmt.Errorf("count bodies of activities: %w", err)
		}
		index[activityID].NamedBodies = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count bodies of activities: %w", err)
	}
	rows, err = s.query(ctx, `
SELECT p.activity_id, b.id, b.slug, b.name, b.kind
FROM participations p JOIN bodies b ON b.id = p.body_id
WHERE p.activity_id IN (`+placeholders(len(ids))+`) AND p.role = 'host'
ORDER BY p.activity_id, b.name`, ids...)
	if err != nil {
		return fmt.Errorf("load hosts of activities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			activityID int64
			b          domain.BodyRef
		)
		if err := rows.Scan(&activityID, &b.ID, &b.Slug, &b.Name, &b.Kind); err != nil {
			return fmt.Errorf("load hosts of activities: %w", err)
		}
		sum := index[activityID]
		sum.Hosts = append(sum.Hosts, b)
	}
	return rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Activity returns one activity by slug, whatever its status.
func (s *Store) Activity(ctx context.Context, slug string) (domain.Activity, error) {
	a, err := scanActivity(s.queryRow(ctx, `SELECT `+activityColumns+activityFrom+`WHERE a.slug = ?`, slug))
	if err != nil {
		return a, fmt.Errorf("load activity %q: %w", slug, scanOne(err))
	}
	return a, nil
}

// ActivityDetail is everything the public page of an activity shows.
type ActivityDetail struct {
	domain.Activity
	StageNumber    int // position on the community's path, 0 when not a stage
	Themes         []domain.Theme
	Tables         []domain.BreakoutTable
	Roles          []domain.DeclaredRole
	Participations []domain.Participation
	NewBodies      []domain.BodyRef
}

// ActivityDetail loads an activity with its themes, tables, roles,
// participations and the bodies that joined the network there.
func (s *Store) ActivityDetail(ctx context.Context, slug string) (ActivityDetail, error) {
	var d ActivityDetail
	a, err := s.Activity(ctx, slug)
	if err != nil {
		return d, err
	}
	d.Activity = a
	if a.IsStage && a.Community != nil && a.Status == domain.StatusPublished {
		err := s.queryRow(ctx, `SELECT COUNT(*) FROM activities
WHERE community_id = ? AND is_stage = ? AND status = 'published' AND (starts_on < ? OR (starts_on = ? AND id <= ?))`,
			a.Community.ID, true, a.StartsOn.Format(time.DateOnly), a.StartsOn.Format(time.DateOnly), a.ID).Scan(&d.StageNumber)
		if err != nil {
			return d, fmt.Errorf("stage number of %q: %w", slug, err)
		}
	}
	if d.Themes, err = s.activityThemes(ctx, a.ID); err != nil {
		return d, err
	}
	if d.Tables, err = s.breakoutTables(ctx, a.ID); err != nil {
		return d, err
	}
	if d.Roles, err = s.declaredRoles(ctx, a.ID); err != nil {
		return d, err
	}
	if d.Participations, err = s.participations(ctx, a.ID); err != nil {
		return d, err
	}
	if d.NewBodies, err = s.NewBodiesAt(ctx, a.ID); err != nil {
		return d, err
	}
	return d, nil
}

func (s *Store) activityThemes(ctx context.Context, activityID int64) ([]domain.Theme, error) {
	rows, err := s.query(ctx, `SELECT th.id, th.slug, th.name FROM activity_themes at JOIN themes th ON th.id = at.theme_id
WHERE at.activity_id = ? ORDER BY at.position, th.name`, activityID)
	if err != nil {
		return nil, fmt.Errorf("themes of activity %d: %w", activityID, err)
	}
	defer rows.Close()
	var out []domain.Theme
	for rows.Next() {
		var t domain.Theme
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) breakoutTables(ctx context.Context, activityID int64) ([]domain.BreakoutTable, error) {
	rows, err := s.query(ctx, `SELECT bt.id, bt.position, bt.title, bt.outcome, th.id, th.slug, th.name
FROM breakout_tables bt LEFT JOIN themes th ON th.id = bt.theme_id
WHERE bt.activity_id = ? ORDER BY bt.position, bt.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("breakout tables of activity %d: %w", activityID, err)
	}
	defer rows.Close()
	var out []domain.BreakoutTable
	for rows.Next() {
		var (
			t            domain.BreakoutTable
			thID         sql.NullInt64
			thSlug, thNm sql.NullString
		)
		if err := rows.Scan(&t.ID, &t.Position, &t.Title, &t.Outcome, &thID, &thSlug, &thNm); err != nil {
			return nil, err
		}
		if thID.Valid {
			t.Theme = &domain.Theme{ID: thID.Int64, Slug: thSlug.String, Name: thNm.String}
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) declaredRoles(ctx context.Context, activityID int64) ([]domain.DeclaredRole, error) {
	rows, err := s.query(ctx, `SELECT role, people FROM declared_roles WHERE activity_id = ?`, activityID)
	if err != nil {
		return nil, fmt.Errorf("declared roles of activity %d: %w", activityID, err)
	}
	defer rows.Close()
	byRole := map[domain.PersonRole]domain.DeclaredRole{}
	for rows.Next() {
		var (
			r      domain.DeclaredRole
			people sql.NullInt64
		)
		if err := rows.Scan(&r.Role, &people); err != nil {
			return nil, err
		}
		if people.Valid {
			n := int(people.Int64)
			r.People = &n
		}
		byRole[r.Role] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []domain.DeclaredRole
	for _, role := range domain.PersonRoles {
		if r, ok := byRole[role]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *Store) participations(ctx context.Context, activityID int64) ([]domain.Participation, error) {
	rows, err := s.query(ctx, `SELECT p.activity_id, b.id, b.slug, b.name, b.kind, p.role, p.note
FROM participations p JOIN bodies b ON b.id = p.body_id WHERE p.activity_id = ? ORDER BY b.name`, activityID)
	if err != nil {
		return nil, fmt.Errorf("participations of activity %d: %w", activityID, err)
	}
	defer rows.Close()
	var out []domain.Participation
	for rows.Next() {
		var p domain.Participation
		if err := rows.Scan(&p.ActivityID, &p.Body.ID, &p.Body.Slug, &p.Body.Name, &p.Body.Kind, &p.Role, &p.Note); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
