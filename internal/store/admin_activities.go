package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// ActivityInput is everything the backoffice form of an activity sets.
type ActivityInput struct {
	Slug           string                `json:"slug"`
	Title          string                `json:"title"`
	TypeID         int64                 `json:"type_id"`
	CommunityID    *int64                `json:"community_id,omitempty"`
	IsStage        bool                  `json:"is_stage"`
	StartsOn       time.Time             `json:"starts_on"`
	StartTime      string                `json:"start_time,omitempty"`
	EndTime        string                `json:"end_time,omitempty"`
	Format         domain.Format         `json:"format"`
	Venue          string                `json:"venue,omitempty"`
	OnlineNote     string                `json:"online_note,omitempty"`
	Headline       string                `json:"headline,omitempty"`
	Summary        string                `json:"summary,omitempty"`
	Description    string                `json:"description,omitempty"`
	OutcomeShared  bool                  `json:"outcome_shared"`
	OutcomeReport  string                `json:"outcome_report,omitempty"`
	Declared       domain.Figures        `json:"declared"`
	Themes         []string              `json:"themes,omitempty"` // theme names; unknown ones are created
	Tables         []TableInput          `json:"tables,omitempty"`
	Roles          []domain.DeclaredRole `json:"roles,omitempty"`
	Participations []ParticipationInput  `json:"participations,omitempty"`
	// OnlineLink is sent to registered people only and never shown on the
	// site; it is not part of ActivityDetail, which public pages and the API use.
	OnlineLink string `json:"online_link,omitempty"`
}

// TableInput is one breakout table of an activity.
type TableInput struct {
	Title   string `json:"title"`
	Theme   string `json:"theme,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

// ParticipationInput is one body's role at an activity.
type ParticipationInput struct {
	BodyID int64                    `json:"body_id"`
	Role   domain.ParticipationRole `json:"role"`
	Note   string                   `json:"note,omitempty"`
}

// ActivityInputOf turns a loaded activity back into form input (for editing
// and for the audit log's before/after).
func ActivityInputOf(d ActivityDetail) ActivityInput {
	in := ActivityInput{Slug: d.Slug, Title: d.Title, TypeID: d.Type.ID, IsStage: d.IsStage, StartsOn: d.StartsOn,
		StartTime: d.StartTime, EndTime: d.EndTime, Format: d.Format, Venue: d.Venue, OnlineNote: d.OnlineNote,
		Headline: d.Headline, Summary: d.Summary, Description: d.Description, OutcomeShared: d.OutcomeShared,
		OutcomeReport: d.OutcomeReport, Declared: d.Declared, Roles: d.Roles}
	if d.Community != nil {
		id := d.Community.ID
		in.CommunityID = &id
	}
	for _, t := range d.Themes {
		in.Themes = append(in.Themes, t.Name)
	}
	for _, t := range d.Tables {
		ti := TableInput{Title: t.Title, Outcome: t.Outcome}
		if t.Theme != nil {
			ti.Theme = t.Theme.Name
		}
		in.Tables = append(in.Tables, ti)
	}
	for _, p := range d.Participations {
		in.Participations = append(in.Participations, ParticipationInput{BodyID: p.Body.ID, Role: p.Role, Note: p.Note})
	}
	return in
}

// activitySnapshot is what the audit log keeps of an activity.
type activitySnapshot struct {
	ActivityInput
	Status domain.Status `json:"status"`
}

// ActivitySlugByID returns the slug of an activity.
func (s *Store) ActivitySlugByID(ctx context.Context, id int64) (string, error) {
	var slug string
	if err := s.queryRow(ctx, `SELECT slug FROM activities WHERE id = ?`, id).Scan(&slug); err != nil {
		return "", fmt.Errorf("load activity %d: %w", id, scanOne(err))
	}
	return slug, nil
}

// ActivityOnlineLink returns the link for joining an activity online, which
// only registered people receive (for the backoffice form).
func (s *Store) ActivityOnlineLink(ctx context.Context, id int64) (string, error) {
	var link string
	if err := s.queryRow(ctx, `SELECT online_link FROM activities WHERE id = ?`, id).Scan(&link); err != nil {
		return "", fmt.Errorf("load online link of activity %d: %w", id, scanOne(err))
	}
	return link, nil
}

// ActivityDetailByID loads an activity by id, whatever its status.
func (s *Store) ActivityDetailByID(ctx context.Context, id int64) (ActivityDetail, error) {
	slug, err := s.ActivitySlugByID(ctx, id)
	if err != nil {
		return ActivityDetail{}, err
	}
	return s.ActivityDetail(ctx, slug)
}

// CreateActivity writes a new draft activity with everything attached, and
// its audit record, in one transaction.
func (s *Store) CreateActivity(ctx context.Context, who Actor, in ActivityInput) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		now := time.Now().UTC()
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO activities (slug, title, type_id, community_id, is_stage, status, starts_on,
start_time, end_time, format, venue, online_note, headline, summary, description, outcome_shared, outcome_report,
declared_people, declared_people_approx, declared_bodies, declared_bodies_approx, online_link, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Slug, in.Title, in.TypeID, in.CommunityID, in.IsStage, in.StartsOn.Format(time.DateOnly),
			nullString(in.StartTime), nullString(in.EndTime), string(in.Format), in.Venue, in.OnlineNote, in.Headline, in.Summary,
			in.Description, in.OutcomeShared, in.OutcomeReport, in.Declared.People, in.Declared.PeopleApprox,
			in.Declared.Bodies, in.Declared.BodiesApprox, strings.TrimSpace(in.OnlineLink), now, now)
		if err != nil {
			return fmt.Errorf("create activity %q: %w", in.Slug, err)
		}
		if err := tx.writeActivityParts(ctx, id, in); err != nil {
			return err
		}
		// a draft is not searchable, but the themes it created are
		if err := tx.reindexActivity(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "create", "activity", id, in.Title, nil, activitySnapshot{in, domain.StatusDraft})
	})
	return id, err
}

// UpdateActivity replaces every field and every attached list of an activity.
func (s *Store) UpdateActivity(ctx context.Context, who Actor, id int64, in ActivityInput) error {
	before, err := s.ActivityDetailByID(ctx, id)
	if err != nil {
		return err
	}
	beforeIn := ActivityInputOf(before)
	if beforeIn.OnlineLink, err = s.ActivityOnlineLink(ctx, id); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE activities SET slug = ?, title = ?, type_id = ?, community_id = ?, is_stage = ?, starts_on = ?,
start_time = ?, end_time = ?, format = ?, venue = ?, online_note = ?, headline = ?, summary = ?, description = ?,
outcome_shared = ?, outcome_report = ?, declared_people = ?, declared_people_approx = ?, declared_bodies = ?,
declared_bodies_approx = ?, online_link = ?, updated_at = ? WHERE id = ?`,
			in.Slug, in.Title, in.TypeID, in.CommunityID, in.IsStage, in.StartsOn.Format(time.DateOnly),
			nullString(in.StartTime), nullString(in.EndTime), string(in.Format), in.Venue, in.OnlineNote, in.Headline, in.Summary,
			in.Description, in.OutcomeShared, in.OutcomeReport, in.Declared.People, in.Declared.PeopleApprox,
			in.Declared.Bodies, in.Declared.BodiesApprox, strings.TrimSpace(in.OnlineLink), time.Now().UTC(), id)
		if err != nil {
			return fmt.Errorf("update activity %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("update activity %d: %w", id, ErrNotFound)
		}
		for _, table := range []string{"activity_themes", "breakout_tables", "declared_roles", "participations"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE activity_id = ?`, id); err != nil {
				return fmt.Errorf("update activity %d: clear %s: %w", id, table, err)
			}
		}
		if err := tx.writeActivityParts(ctx, id, in); err != nil {
			return err
		}
		if err := tx.reindexActivity(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "update", "activity", id, in.Title,
			activitySnapshot{beforeIn, before.Status}, activitySnapshot{in, before.Status})
	})
}

// themeID returns the id of a theme by name, creating it when new.
func (tx *Tx) themeID(ctx context.Context, name string, cache map[string]int64) (int64, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if id, ok := cache[key]; ok {
		return id, nil
	}
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM themes WHERE LOWER(name) = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		slug := slugOf(name)
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM themes WHERE slug = ? OR slug LIKE ?`, slug, slug+"-%").Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			slug = fmt.Sprintf("%s-%d", slug, n+1)
		}
		id, err = tx.insertID(ctx, `INSERT INTO themes (slug, name) VALUES (?, ?)`, slug, strings.TrimSpace(name))
		if err == nil {
			// a theme created on the fly is searchable at once; the activities
			// linking it are re-indexed by their own write
			err = tx.indexTheme(ctx, id)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("theme %q: %w", name, mapError(err))
	}
	cache[key] = id
	return id, nil
}

func (tx *Tx) writeActivityParts(ctx context.Context, id int64, in ActivityInput) error {
	cache := map[string]int64{}
	seen := map[int64]bool{}
	for i, name := range in.Themes {
		tid, err := tx.themeID(ctx, name, cache)
		if err != nil {
			return err
		}
		if seen[tid] {
			continue
		}
		seen[tid] = true
		if _, err := tx.exec(ctx, `INSERT INTO activity_themes (activity_id, theme_id, position) VALUES (?, ?, ?)`, id, tid, i+1); err != nil {
			return fmt.Errorf("theme %q: %w", name, err)
		}
	}
	for i, t := range in.Tables {
		var themeID *int64
		if strings.TrimSpace(t.Theme) != "" {
			tid, err := tx.themeID(ctx, t.Theme, cache)
			if err != nil {
				return err
			}
			themeID = &tid
		}
		if _, err := tx.exec(ctx, `INSERT INTO breakout_tables (activity_id, position, title, theme_id, outcome) VALUES (?, ?, ?, ?, ?)`,
			id, i+1, t.Title, themeID, t.Outcome); err != nil {
			return fmt.Errorf("table %q: %w", t.Title, err)
		}
	}
	for _, r := range in.Roles {
		if _, err := tx.exec(ctx, `INSERT INTO declared_roles (activity_id, role, people) VALUES (?, ?, ?)`, id, string(r.Role), r.People); err != nil {
			return fmt.Errorf("role %q: %w", r.Role, err)
		}
	}
	for _, p := range in.Participations {
		if _, err := tx.exec(ctx, `INSERT INTO participations (activity_id, body_id, role, note) VALUES (?, ?, ?, ?)`, id, p.BodyID, string(p.Role), p.Note); err != nil {
			return fmt.Errorf("participation of body %d as %s: %w", p.BodyID, p.Role, err)
		}
	}
	return nil
}

// SetActivityStatus publishes, unpublishes (back to draft) or cancels an
// activity. Publishing raises its type's counter; published_at keeps the
// first publication.
func (s *Store) SetActivityStatus(ctx context.Context, who Actor, id int64, status domain.Status, action string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var (
			title, slug string
			before      domain.Status
			isStage     bool
		)
		if err := tx.queryRow(ctx, `SELECT title, slug, status, is_stage FROM activities WHERE id = ?`, id).Scan(&title, &slug, &before, &isStage); err != nil {
			return fmt.Errorf("load activity %d: %w", id, scanOne(err))
		}
		now := time.Now().UTC()
		if status == domain.StatusPublished {
			if err := tx.announceActivity(ctx, slug, title, isStage, now); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE activities SET status = ?, published_at = CASE WHEN ? AND published_at IS NULL THEN ? ELSE published_at END, updated_at = ? WHERE id = ?`,
			string(status), status == domain.StatusPublished, now, now, id); err != nil {
			return fmt.Errorf("set status of activity %d: %w", id, err)
		}
		// only published activities are indexed: this adds or removes it
		if err := tx.reindexActivity(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, who, action, "activity", id, title, map[string]any{"status": before}, map[string]any{"status": status})
	})
}

// announceActivity puts a published activity (or stage) in the news
// queue; it is announced once, even if it is unpublished and published again.
func (tx *Tx) announceActivity(ctx context.Context, slug, title string, isStage bool, now time.Time) error {
	item := NewsItem{Kind: domain.NewsActivity, Ref: slug, Title: title, URLPath: "/attivita/" + slug, PublishedAt: now}
	if isStage {
		item.Kind, item.URLPath = domain.NewsStage, "/tappe/"+slug
	}
	_, err := tx.PublishNews(ctx, item)
	return err
}

// DeleteActivity removes an activity and everything attached to it.
func (s *Store) DeleteActivity(ctx context.Context, who Actor, id int64) error {
	before, err := s.ActivityDetailByID(ctx, id)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		// the documents cascade too; deleting them first does not depend on
		// the foreign-key setting of the connection
		if _, err := tx.exec(ctx, `DELETE FROM search_documents WHERE activity_id = ?`, id); err != nil {
			return fmt.Errorf("delete activity %d: unindex: %w", id, err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM activities WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete activity %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "delete", "activity", id, before.Title, activitySnapshot{ActivityInputOf(before), before.Status}, nil)
	})
}

// AdminActivityFilter narrows and orders the backoffice list of activities.
type AdminActivityFilter struct {
	Query  string
	Status domain.Status
	Sort   string // "date" (default), "title", "type", "status"
	Desc   bool
	Limit  int
	Offset int
}

// AdminActivityRow is an activity as listed in the backoffice.
type AdminActivityRow struct {
	ID       int64
	Slug     string
	Title    string
	TypeName string
	IsStage  bool
	Status   domain.Status
	StartsOn time.Time
}

// AdminActivities returns one page of activities of any status.
func (s *Store) AdminActivities(ctx context.Context, f AdminActivityFilter) ([]AdminActivityRow, int, error) {
	var c conditions
	c.contains(f.Query, "a.title", "a.slug")
	if f.Status != "" {
		c.add("a.status = ?", string(f.Status))
	}
	where, args := c.where(), c.args
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM activities a`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count activities: %w", err)
	}
	order := map[string]string{"date": "a.starts_on", "title": "a.title", "type": "t.name", "status": "a.status"}[f.Sort]
	if order == "" {
		order = "a.starts_on"
	}
	if f.Desc {
		order += " DESC"
	}
	rows, err := s.query(ctx, `SELECT a.id, a.slug, a.title, t.name, a.is_stage, a.status, a.starts_on
FROM activities a JOIN activity_types t ON t.id = a.type_id`+where+` ORDER BY `+order+`, a.id LIMIT ? OFFSET ?`,
		append(args, limitOr(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var out []AdminActivityRow
	for rows.Next() {
		var a AdminActivityRow
		if err := rows.Scan(&a.ID, &a.Slug, &a.Title, &a.TypeName, &a.IsStage, &a.Status, &a.StartsOn); err != nil {
			return nil, 0, fmt.Errorf("list activities: %w", err)
		}
		a.StartsOn = civilDate(a.StartsOn)
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// slugOf makes a URL-safe lowercase slug of a name ("Città di Genova" → "citta-di-genova").
func slugOf(name string) string {
	repl := strings.NewReplacer("à", "a", "á", "a", "è", "e", "é", "e", "ì", "i", "í", "i", "ò", "o", "ó", "o", "ù", "u", "ú", "u", "'", "-", "’", "-")
	s := repl.Replace(strings.ToLower(strings.TrimSpace(name)))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 80 {
		out = strings.TrimSuffix(out[:80], "-")
	}
	if out == "" {
		out = "x"
	}
	return out
}

// Slugify is slugOf for the layers above.
func Slugify(name string) string { return slugOf(name) }
