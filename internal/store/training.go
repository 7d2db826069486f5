package store

import (
	"context"
	"fmt"
	"strings"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
)

// Training materials of an activity are kept apart from its outcome
// report: slides and handouts are attachments in the section "training"
// (AddAttachment with Section "training"), recordings are links
// (training_links). Activities belong to the network, so coordinators
// manage their materials.

// TrainingMaterials are an activity's training files and recordings.
type TrainingMaterials struct {
	Files []AttachmentInfo
	Links []domain.TrainingLink
}

// AddTrainingLink adds a recording (or other online material) to an
// activity, at the end of its list (coordinators only).
func (s *Store) AddTrainingLink(ctx context.Context, who *auth.User, activityID int64, title, url string) (int64, error) {
	if err := mayCurate(who); err != nil {
		return 0, err
	}
	title, url = strings.TrimSpace(title), strings.TrimSpace(url)
	if title == "" || !(strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) {
		return 0, fmt.Errorf("%w: a recording needs a title and a web address (http:// or https://)", ErrInvalid)
	}
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO training_links (activity_id, title, url, position)
VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM training_links WHERE activity_id = ?))`, activityID, title, url, activityID)
		if err != nil {
			return fmt.Errorf("add training link to activity %d: %w", activityID, mapError(err))
		}
		return tx.Audit(ctx, actorOf(who), "create", "training_link", id, title, nil, map[string]any{"activity_id": activityID, "title": title, "url": url})
	})
	return id, err
}

// DeleteTrainingLink removes a recording (coordinators only).
func (s *Store) DeleteTrainingLink(ctx context.Context, who *auth.User, id int64) error {
	if err := mayCurate(who); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		var l domain.TrainingLink
		if err := tx.queryRow(ctx, `SELECT activity_id, title, url FROM training_links WHERE id = ?`, id).Scan(&l.ActivityID, &l.Title, &l.URL); err != nil {
			return fmt.Errorf("load training link %d: %w", id, scanOne(err))
		}
		if _, err := tx.exec(ctx, `DELETE FROM training_links WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete training link %d: %w", id, err)
		}
		return tx.Audit(ctx, actorOf(who), "delete", "training_link", id, l.Title, l, nil)
	})
}

// TrainingOf returns the training materials of activities by id, in two
// queries (an activity page passes one id, a theme page all of its own).
func (s *Store) TrainingOf(ctx context.Context, activityIDs []int64) (map[int64]TrainingMaterials, error) {
	out := map[int64]TrainingMaterials{}
	if len(activityIDs) == 0 {
		return out, nil
	}
	args := int64Args(activityIDs)
	rows, err := s.query(ctx, `SELECT `+attachmentInfoColumns+` FROM attachments WHERE section = 'training'
AND activity_id IN (`+placeholders(len(activityIDs))+`) ORDER BY activity_id, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("training files: %w", err)
	}
	for rows.Next() {
		a, err := scanAttachmentInfo(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("training files: %w", err)
		}
		m := out[a.ActivityID]
		m.Files = append(m.Files, a)
		out[a.ActivityID] = m
	}
	rows.Close()
	lrows, err := s.query(ctx, `SELECT id, activity_id, title, url, position FROM training_links
WHERE activity_id IN (`+placeholders(len(activityIDs))+`) ORDER BY activity_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("training links: %w", err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var l domain.TrainingLink
		if err := lrows.Scan(&l.ID, &l.ActivityID, &l.Title, &l.URL, &l.Position); err != nil {
			return nil, fmt.Errorf("training links: %w", err)
		}
		m := out[l.ActivityID]
		m.Links = append(m.Links, l)
		out[l.ActivityID] = m
	}
	return out, lrows.Err()
}

// TrainingOnTheme lists the published activities on a theme that have
// training materials, newest first, with their materials: the library shows
// them next to the theme's practices (PracticeFilter{Theme: …}).
func (s *Store) TrainingOnTheme(ctx context.Context, themeSlug string) ([]domain.ActivityRef, map[int64]TrainingMaterials, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name FROM activities a
JOIN activity_types t ON t.id = a.type_id JOIN activity_themes x ON x.activity_id = a.id JOIN themes th ON th.id = x.theme_id
WHERE th.slug = ? AND a.status = 'published' AND (EXISTS (SELECT 1 FROM attachments f WHERE f.activity_id = a.id AND f.section = 'training')
OR EXISTS (SELECT 1 FROM training_links l WHERE l.activity_id = a.id)) ORDER BY a.starts_on DESC, a.id DESC`, themeSlug)
	if err != nil {
		return nil, nil, fmt.Errorf("training on theme %q: %w", themeSlug, err)
	}
	var refs []domain.ActivityRef
	var ids []int64
	for rows.Next() {
		var a domain.ActivityRef
		if err := rows.Scan(&a.ID, &a.Slug, &a.Title, &a.IsStage, &a.StartsOn, &a.Format, &a.TypeName); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("training on theme %q: %w", themeSlug, err)
		}
		a.StartsOn = civilDate(a.StartsOn)
		refs = append(refs, a)
		ids = append(ids, a.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	mats, err := s.TrainingOf(ctx, ids)
	return refs, mats, err
}

// ActivityThemeSlugs lists the slugs of an activity's themes, in order.
func (s *Store) ActivityThemeSlugs(ctx context.Context, activityID int64) ([]string, error) {
	out, err := s.strings(ctx, `SELECT th.slug FROM activity_themes x JOIN themes th ON th.id = x.theme_id WHERE x.activity_id = ? ORDER BY x.position, th.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("themes of activity %d: %w", activityID, err)
	}
	return out, nil
}
