package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// PracticeInput is every field of a good practice. Referents write the
// practices of their bodies, coordinators any.
type PracticeInput struct {
	BodyID        int64   `json:"body_id"`
	Slug          string  `json:"slug"` // empty: made from the title
	Title         string  `json:"title"`
	Problem       string  `json:"problem,omitempty"`
	Actions       string  `json:"actions,omitempty"`
	Tools         string  `json:"tools,omitempty"`
	Results       string  `json:"results,omitempty"`
	ContactOffice string  `json:"contact_office,omitempty"`
	Published     bool    `json:"published"`
	ThemeIDs      []int64 `json:"theme_ids,omitempty"`
	PactIDs       []int64 `json:"pact_ids,omitempty"`
	ActivityIDs   []int64 `json:"activity_ids,omitempty"` // where it was presented
}

func (in *PracticeInput) validate() error {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" {
		return fmt.Errorf("%w: a practice needs a title", ErrInvalid)
	}
	return nil
}

func (c conn) practiceSlug(ctx context.Context, in PracticeInput, exceptID int64) (string, error) {
	if s := strings.TrimSpace(in.Slug); s != "" {
		return s, nil
	}
	base := slugOf(in.Title)
	if base == "" {
		base = "pratica"
	}
	slug := base
	for i := 2; ; i++ {
		var n int
		if err := c.queryRow(ctx, `SELECT COUNT(*) FROM practices WHERE slug = ? AND id <> ?`, slug, exceptID).Scan(&n); err != nil {
			return "", fmt.Errorf("choose slug for practice %q: %w", in.Title, err)
		}
		if n == 0 {
			return slug, nil
		}
		slug = fmt.Sprintf("%s-%d", base, i)
	}
}

// CreatePractice inserts a practice with its themes and links, audited and
// indexed when published.
func (s *Store) CreatePractice(ctx context.Context, who *auth.User, in PracticeInput) (int64, error) {
	if err := mayEditBody(who, in.BodyID); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		slug, err := tx.practiceSlug(ctx, in, 0)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		id, err = tx.insertID(ctx, `INSERT INTO practices (body_id, slug, title, problem, actions, tools, results, contact_office, published,
created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.BodyID, slug, in.Title, in.Problem, in.Actions, in.Tools, in.Results,
			in.ContactOffice, in.Published, now, now)
		if err != nil {
			return fmt.Errorf("create practice %q: %w", in.Title, mapError(err))
		}
		if err := tx.writePracticeLinks(ctx, id, in); err != nil {
			return err
		}
		if err := tx.reindexPractice(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actorOf(who), "create", "practice", id, in.Title, nil, in)
	})
	return id, err
}

func (c conn) writePracticeLinks(ctx context.Context, id int64, in PracticeInput) error {
	for _, table := range []string{"practice_themes", "practice_links"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE practice_id = ?`, id); err != nil {
			return fmt.Errorf("write links of practice %d: %w", id, err)
		}
	}
	for _, t := range uniqueIDs(in.ThemeIDs) {
		if _, err := c.exec(ctx, `INSERT INTO practice_themes (practice_id, theme_id) VALUES (?, ?)`, id, t); err != nil {
			return fmt.Errorf("write themes of practice %d: %w", id, mapError(err))
		}
	}
	for _, p := range uniqueIDs(in.PactIDs) {
		if _, err := c.exec(ctx, `INSERT INTO practice_links (practice_id, pact_id) VALUES (?, ?)`, id, p); err != nil {
			return fmt.Errorf("write pacts of practice %d: %w", id, mapError(err))
		}
	}
	for _, a := range uniqueIDs(in.ActivityIDs) {
		if _, err := c.exec(ctx, `INSERT INTO practice_links (practice_id, activity_id) VALUES (?, ?)`, id, a); err != nil {
			return fmt.Errorf("write activities of practice %d: %w", id, mapError(err))
		}
	}
	return nil
}

// PracticeInputByID loads the editable fields of a practice (backoffice).
func (s *Store) PracticeInputByID(ctx context.Context, id int64) (PracticeInput, error) {
	return s.conn.practiceInput(ctx, id)
}

func (c conn) practiceInput(ctx context.Context, id int64) (PracticeInput, error) {
	var in PracticeInput
	err := c.queryRow(ctx, `SELECT body_id, slug, title, problem, actions, tools, results, contact_office, published FROM practices WHERE id = ?`, id).
		Scan(&in.BodyID, &in.Slug, &in.Title, &in.Problem, &in.Actions, &in.Tools, &in.Results, &in.ContactOffice, &in.Published)
	if err != nil {
		return in, fmt.Errorf("load practice %d: %w", id, scanOne(err))
	}
	if in.ThemeIDs, err = c.ids(ctx, `SELECT theme_id FROM practice_themes WHERE practice_id = ? ORDER BY theme_id`, id); err != nil {
		return in, fmt.Errorf("load practice %d: %w", id, err)
	}
	if in.PactIDs, err = c.ids(ctx, `SELECT pact_id FROM practice_links WHERE practice_id = ? AND pact_id IS NOT NULL ORDER BY pact_id`, id); err != nil {
		return in, fmt.Errorf("load practice %d: %w", id, err)
	}
	if in.ActivityIDs, err = c.ids(ctx, `SELECT activity_id FROM practice_links WHERE practice_id = ? AND activity_id IS NOT NULL ORDER BY activity_id`, id); err != nil {
		return in, fmt.Errorf("load practice %d: %w", id, err)
	}
	return in, nil
}

// UpdatePractice replaces every field of a practice.
func (s *Store) UpdatePractice(ctx context.Context, who *auth.User, id int64, in PracticeInput) error {
	if err := in.validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.practiceInput(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, before.BodyID); err != nil {
			return err
		}
		if err := mayEditBody(who, in.BodyID); err != nil {
			return err
		}
		slug, err := tx.practiceSlug(ctx, in, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE practices SET body_id = ?, slug = ?, title = ?, problem = ?, actions = ?, tools = ?, results = ?,
contact_office = ?, published = ?, updated_at = ? WHERE id = ?`, in.BodyID, slug, in.Title, in.Problem, in.Actions, in.Tools, in.Results,
			in.ContactOffice, in.Published, time.Now().UTC(), id); err != nil {
			return fmt.Errorf("update practice %d: %w", id, mapError(err))
		}
		if err := tx.writePracticeLinks(ctx, id, in); err != nil {
			return err
		}
		if err := tx.reindexPractice(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actorOf(who), "update", "practice", id, in.Title, before, in)
	})
}

// DeletePractice removes a practice with its themes, links and attachments.
func (s *Store) DeletePractice(ctx context.Context, who *auth.User, id int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.practiceInput(ctx, id)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, before.BodyID); err != nil {
			return err
		}
		for _, table := range []string{"search_documents", "attachments", "practice_themes", "practice_links"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE practice_id = ?`, id); err != nil {
				return fmt.Errorf("delete practice %d: %s: %w", id, table, err)
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM practices WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete practice %d: %w", id, err)
		}
		return tx.Audit(ctx, actorOf(who), "delete", "practice", id, before.Title, before, nil)
	})
}

// PracticeFilter narrows the public list of practices.
type PracticeFilter struct {
	Theme      string // theme slug
	Body       string // body slug
	Limit      int
	Offset     int
	WithDrafts bool    // backoffice only
	BodyIDs    []int64 // backoffice only: the practices of these bodies (a referent's); nil for all, empty for none
	ID         int64   // backoffice only: one practice (with its themes)
	Query      string  // backoffice only: words of the title
}

const practiceColumns = `p.id, p.slug, p.title, p.problem, p.actions, p.tools, p.results, p.contact_office, p.published,
p.created_at, p.updated_at, b.id, b.slug, b.name, b.kind`

// Practices returns one page of practices, newest first, with their themes,
// and how many match; drafts only WithDrafts.
func (s *Store) Practices(ctx context.Context, f PracticeFilter) ([]domain.Practice, int, error) {
	var c conditions
	if !f.WithDrafts {
		c.add("p.published = ?", true)
	}
	if f.Body != "" {
		c.add("b.slug = ?", f.Body)
	}
	if f.BodyIDs != nil {
		if len(f.BodyIDs) == 0 {
			c.add("1 = 0")
		} else {
			c.add("p.body_id IN ("+placeholders(len(f.BodyIDs))+")", int64Args(f.BodyIDs)...)
		}
	}
	if f.ID != 0 {
		c.add("p.id = ?", f.ID)
	}
	c.contains(f.Query, "p.title")
	if f.Theme != "" {
		c.add("p.id IN (SELECT x.practice_id FROM practice_themes x JOIN themes th ON th.id = x.theme_id WHERE th.slug = ?)", f.Theme)
	}
	from := ` FROM practices p JOIN bodies b ON b.id = p.body_id`
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*)`+from+c.where(), c.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count practices: %w", err)
	}
	rows, err := s.query(ctx, `SELECT `+practiceColumns+from+c.where()+` ORDER BY p.id DESC LIMIT ? OFFSET ?`,
		append(c.args, limitOr(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list practices: %w", err)
	}
	var out []domain.Practice
	at := map[int64]int{}
	for rows.Next() {
		var p domain.Practice
		if err := rows.Scan(&p.ID, &p.Slug, &p.Title, &p.Problem, &p.Actions, &p.Tools, &p.Results, &p.ContactOffice, &p.Published,
			&p.CreatedAt, &p.UpdatedAt, &p.Body.ID, &p.Body.Slug, &p.Body.Name, &p.Body.Kind); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("list practices: %w", err)
		}
		at[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list practices: %w", err)
	}
	if len(out) == 0 {
		return out, total, nil
	}
	ids := make([]int64, 0, len(out))
	for _, p := range out {
		ids = append(ids, p.ID)
	}
	trows, err := s.query(ctx, `SELECT x.practice_id, th.id, th.slug, th.name FROM practice_themes x JOIN themes th ON th.id = x.theme_id
WHERE x.practice_id IN (`+placeholders(len(ids))+`) ORDER BY th.name, th.id`, int64Args(ids)...)
	if err != nil {
		return nil, 0, fmt.Errorf("themes of practices: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var pid int64
		var t domain.Theme
		if err := trows.Scan(&pid, &t.ID, &t.Slug, &t.Name); err != nil {
			return nil, 0, fmt.Errorf("themes of practices: %w", err)
		}
		out[at[pid]].Themes = append(out[at[pid]].Themes, t)
	}
	return out, total, trows.Err()
}

// PracticeDetail is a practice with what its page shows.
type PracticeDetail struct {
	domain.Practice
	Attachments []AttachmentInfo     // templates, forms (section "practice")
	Pacts       []PactRef            // published pacts it refers to
	Activities  []domain.ActivityRef // published activities where it was presented
}

// PactRef is the short form of a pact.
type PactRef struct {
	ID    int64
	Slug  string
	Title string
}

// PracticeBySlug returns a published practice by slug with its attachments
// and links; a draft is ErrNotFound.
func (s *Store) PracticeBySlug(ctx context.Context, slug string) (PracticeDetail, error) {
	var d PracticeDetail
	list, _, err := s.practicesWhere(ctx, `p.slug = ? AND p.published = ?`, slug, true)
	if err != nil {
		return d, err
	}
	if len(list) == 0 {
		return d, fmt.Errorf("load practice %q: %w", slug, ErrNotFound)
	}
	d.Practice = list[0]
	if d.Attachments, err = s.OwnerAttachments(ctx, AttachmentOwner{Kind: OwnerPractice, ID: d.ID}); err != nil {
		return d, err
	}
	rows, err := s.query(ctx, `SELECT pa.id, pa.slug, pa.title FROM practice_links x JOIN pacts pa ON pa.id = x.pact_id
WHERE x.practice_id = ? AND pa.published = ? ORDER BY pa.title`, d.ID, true)
	if err != nil {
		return d, fmt.Errorf("pacts of practice %d: %w", d.ID, err)
	}
	for rows.Next() {
		var r PactRef
		if err := rows.Scan(&r.ID, &r.Slug, &r.Title); err != nil {
			rows.Close()
			return d, fmt.Errorf("pacts of practice %d: %w", d.ID, err)
		}
		d.Pacts = append(d.Pacts, r)
	}
	rows.Close()
	arows, err := s.query(ctx, `SELECT a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name FROM practice_links x
JOIN activities a ON a.id = x.activity_id JOIN activity_types t ON t.id = a.type_id
WHERE x.practice_id = ? AND a.status = 'published' ORDER BY a.starts_on, a.id`, d.ID)
	if err != nil {
		return d, fmt.Errorf("activities of practice %d: %w", d.ID, err)
	}
	defer arows.Close()
	for arows.Next() {
		var a domain.ActivityRef
		if err := arows.Scan(&a.ID, &a.Slug, &a.Title, &a.IsStage, &a.StartsOn, &a.Format, &a.TypeName); err != nil {
			return d, fmt.Errorf("activities of practice %d: %w", d.ID, err)
		}
		a.StartsOn = civilDate(a.StartsOn)
		d.Activities = append(d.Activities, a)
	}
	return d, arows.Err()
}

func (s *Store) practicesWhere(ctx context.Context, cond string, args ...any) ([]domain.Practice, int, error) {
	rows, err := s.query(ctx, `SELECT `+practiceColumns+` FROM practices p JOIN bodies b ON b.id = p.body_id WHERE `+cond, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("load practice: %w", err)
	}
	defer rows.Close()
	var out []domain.Practice
	for rows.Next() {
		var p domain.Practice
		if err := rows.Scan(&p.ID, &p.Slug, &p.Title, &p.Problem, &p.Actions, &p.Tools, &p.Results, &p.ContactOffice, &p.Published,
			&p.CreatedAt, &p.UpdatedAt, &p.Body.ID, &p.Body.Slug, &p.Body.Name, &p.Body.Kind); err != nil {
			return nil, 0, fmt.Errorf("load practice: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	for i := range out {
		themes, err := s.conn.themesOf(ctx, "practice_themes", "practice_id", out[i].ID)
		if err != nil {
			return nil, 0, err
		}
		out[i].Themes = themes
	}
	return out, len(out), nil
}

func (c conn) themesOf(ctx context.Context, table, column string, id int64) ([]domain.Theme, error) {
	rows, err := c.query(ctx, `SELECT th.id, th.slug, th.name FROM `+table+` x JOIN themes th ON th.id = x.theme_id WHERE x.`+column+` = ? ORDER BY th.name, th.id`, id)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	defer rows.Close()
	var out []domain.Theme
	for rows.Next() {
		var t domain.Theme
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("themes: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
