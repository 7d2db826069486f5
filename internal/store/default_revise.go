package store

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"benicommunity/internal/dataset"
)

// settingDefaultRevision records which revision of the default texts a
// database loaded from the default network holds (absent means 1).
const settingDefaultRevision = "default_data_revision"

// textRevision is one stored text of the default network that changed
// between two revisions of default.json.
type textRevision struct {
	table, keyColumn string // keyColumn "" means the single network row
	key, column      string
	old, new         string
}

// reviseDefaultData brings the default texts of a database loaded from an
// older revision of default.json up to date. A text is replaced only where
// it still reads exactly as the old revision wrote it: anything a
// coordinator has edited is left alone. Corrected activities and bodies are
// reindexed and every change is written to the audit log; the revision is
// recorded so the step runs once.
func (tx *Tx) reviseDefaultData(ctx context.Context, log *slog.Logger) error {
	var mode string
	if err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = 'initial_data'`).Scan(&mode); err != nil {
		return fmt.Errorf("read initial data setting: %w", scanOne(err))
	}
	if mode != string(InitialDefault) {
		return nil
	}
	rev, err := tx.defaultRevision(ctx)
	if err != nil {
		return err
	}
	for ; rev < dataset.DefaultRevision; rev++ {
		old, ok, err := dataset.DefaultAt(rev)
		if err != nil || !ok {
			return fmt.Errorf("default data revision %d: not known (%v)", rev, err)
		}
		cur, _, err := dataset.DefaultAt(rev + 1)
		if err != nil {
			return fmt.Errorf("default data revision %d: %w", rev+1, err)
		}
		changed, kept, err := tx.applyTextRevisions(ctx, textRevisions(old, cur))
		if err != nil {
			return fmt.Errorf("revise default data to revision %d: %w", rev+1, err)
		}
		if err := tx.reviseOutcomeShared(ctx, old, cur); err != nil {
			return fmt.Errorf("revise default data to revision %d: %w", rev+1, err)
		}
		log.Info("revised the default network texts", "revision", rev+1, "corrected", changed, "left_as_edited", kept)
	}
	return tx.setDefaultRevision(ctx, dataset.DefaultRevision)
}

func (c conn) defaultRevision(ctx context.Context) (int, error) {
	var v string
	err := c.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, settingDefaultRevision).Scan(&v)
	if err != nil {
		if scanOne(err) == ErrNotFound {
			return 1, nil
		}
		return 0, fmt.Errorf("read default data revision: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("read default data revision %q: %w", v, err)
	}
	return n, nil
}

func (c conn) setDefaultRevision(ctx context.Context, rev int) error {
	_, err := c.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingDefaultRevision, strconv.Itoa(rev))
	if err != nil {
		return fmt.Errorf("record default data revision: %w", err)
	}
	return nil
}

// textRevisions lists the texts that differ between two revisions.
func textRevisions(old, cur dataset.Dataset) []textRevision {
	var out []textRevision
	add := func(table, keyColumn, key, column, o, n string) {
		if o != n {
			out = append(out, textRevision{table, keyColumn, key, column, o, n})
		}
	}
	add("network", "", "", "tagline", old.Network.Tagline, cur.Network.Tagline)
	add("network", "", "", "description", old.Network.Description, cur.Network.Description)
	add("network", "", "", "area", old.Network.Area, cur.Network.Area)
	for _, o := range old.Communities {
		for _, n := range cur.Communities {
			if o.Slug == n.Slug {
				add("communities", "slug", o.Slug, "name", o.Name, n.Name)
				add("communities", "slug", o.Slug, "description", o.Description, n.Description)
			}
		}
	}
	for _, o := range old.ActivityTypes {
		for _, n := range cur.ActivityTypes {
			if o.Slug == n.Slug {
				add("activity_types", "slug", o.Slug, "description", o.Description, n.Description)
			}
		}
	}
	for _, o := range old.Themes {
		for _, n := range cur.Themes {
			if o.Slug == n.Slug {
				add("themes", "slug", o.Slug, "name", o.Name, n.Name)
			}
		}
	}
	for _, o := range old.Bodies {
		for _, n := range cur.Bodies {
			if o.Slug == n.Slug {
				add("bodies", "slug", o.Slug, "description", o.Description, n.Description)
			}
		}
	}
	for _, o := range old.Activities {
		for _, n := range cur.Activities {
			if o.Slug == n.Slug {
				add("activities", "slug", o.Slug, "title", o.Title, n.Title)
				add("activities", "slug", o.Slug, "headline", o.Headline, n.Headline)
				add("activities", "slug", o.Slug, "summary", o.Summary, n.Summary)
				add("activities", "slug", o.Slug, "description", o.Description, n.Description)
				add("activities", "slug", o.Slug, "online_note", o.OnlineNote, n.OnlineNote)
			}
		}
	}
	return out
}

// applyTextRevisions replaces each text that still reads as the old
// revision wrote it; it returns how many were corrected and how many were
// left because someone had edited them.
func (tx *Tx) applyTextRevisions(ctx context.Context, revs []textRevision) (changed, kept int, err error) {
	now := time.Now().UTC()
	touched := map[string]map[string]bool{}
	for _, r := range revs {
		q := `UPDATE ` + r.table + ` SET ` + r.column + ` = ? WHERE ` + r.column + ` = ?`
		args := []any{r.new, r.old}
		if r.keyColumn == "" {
			q += ` AND id = 1`
		} else {
			q += ` AND ` + r.keyColumn + ` = ?`
			args = append(args, r.key)
		}
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return changed, kept, fmt.Errorf("revise %s.%s of %q: %w", r.table, r.column, r.key, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			kept++
			continue
		}
		changed++
		id := int64(1)
		if r.keyColumn != "" {
			if err := tx.queryRow(ctx, `SELECT id FROM `+r.table+` WHERE `+r.keyColumn+` = ?`, r.key).Scan(&id); err != nil {
				return changed, kept, fmt.Errorf("revise %s %q: %w", r.table, r.key, scanOne(err))
			}
		}
		if touched[r.table] == nil {
			touched[r.table] = map[string]bool{}
		}
		touched[r.table][r.key] = true
		if err := tx.Audit(ctx, Actor{}, "revise_default", revisionEntity(r.table), id, r.table+" "+r.key+" "+r.column,
			map[string]string{r.column: r.old}, map[string]string{r.column: r.new}); err != nil {
			return changed, kept, err
		}
	}
	for slug := range touched["activities"] {
		var id int64
		if err := tx.queryRow(ctx, `SELECT id FROM activities WHERE slug = ?`, slug).Scan(&id); err != nil {
			return changed, kept, fmt.Errorf("revise activity %q: %w", slug, scanOne(err))
		}
		if _, err := tx.exec(ctx, `UPDATE activities SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return changed, kept, fmt.Errorf("revise activity %q: %w", slug, err)
		}
		if err := tx.reindexActivity(ctx, id); err != nil {
			return changed, kept, err
		}
	}
	for slug := range touched["bodies"] {
		var id int64
		if err := tx.queryRow(ctx, `SELECT id FROM bodies WHERE slug = ?`, slug).Scan(&id); err != nil {
			return changed, kept, fmt.Errorf("revise body %q: %w", slug, scanOne(err))
		}
		if _, err := tx.exec(ctx, `UPDATE bodies SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return changed, kept, fmt.Errorf("revise body %q: %w", slug, err)
		}
		if err := tx.reindexBody(ctx, id); err != nil {
			return changed, kept, err
		}
	}
	return changed, kept, nil
}

// reviseOutcomeShared withdraws the claim that an outcome report was shared
// where the old revision made it and the new one does not, but only on an
// activity nobody has touched: no outcome report written and the
// description still the default one.
func (tx *Tx) reviseOutcomeShared(ctx context.Context, old, cur dataset.Dataset) error {
	for _, o := range old.Activities {
		for _, n := range cur.Activities {
			if o.Slug != n.Slug || o.OutcomeShared == n.OutcomeShared {
				continue
			}
			var id int64
			err := tx.queryRow(ctx, `SELECT id FROM activities
WHERE slug = ? AND outcome_shared = ? AND outcome_report = '' AND description = ?`,
				o.Slug, o.OutcomeShared, n.Description).Scan(&id)
			if scanOne(err) == ErrNotFound {
				continue // edited, or gone: left as it is
			}
			if err != nil {
				return fmt.Errorf("revise outcome of %q: %w", o.Slug, err)
			}
			if _, err := tx.exec(ctx, `UPDATE activities SET outcome_shared = ? WHERE id = ?`, n.OutcomeShared, id); err != nil {
				return fmt.Errorf("revise outcome of %q: %w", o.Slug, err)
			}
			if err := tx.reindexActivity(ctx, id); err != nil {
				return err
			}
			if err := tx.Audit(ctx, Actor{}, "revise_default", "activity", id, "activities "+o.Slug+" outcome_shared",
				map[string]bool{"outcome_shared": o.OutcomeShared}, map[string]bool{"outcome_shared": n.OutcomeShared}); err != nil {
				return err
			}
		}
	}
	return nil
}

func revisionEntity(table string) string {
	switch table {
	case "activities":
		return "activity"
	case "bodies":
		return "body"
	case "communities":
		return "community"
	case "activity_types":
		return "activity_type"
	case "themes":
		return "theme"
	}
	return table
}
