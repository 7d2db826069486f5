package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// exportRegulations adds each body's regulation record, with its revisions
// and attached texts, to the archive's bodies.
func (c conn) exportRegulations(ctx context.Context, list []dataset.Body) error {
	bySlug := map[int64]*dataset.Body{}
	for i := range list {
		bySlug[list[i].ID] = &list[i]
	}
	rows, err := c.query(ctx, `SELECT `+regulationColumns+` FROM regulations r ORDER BY r.id`)
	if err != nil {
		return fmt.Errorf("regulations: %w", err)
	}
	regs := map[int64]*dataset.Regulation{}
	var ids []int64
	for rows.Next() {
		r, err := scanRegulation(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("regulations: %w", err)
		}
		x := &dataset.Regulation{Status: string(r.Status), Title: r.Title, ActNumber: r.ActNumber, URL: r.URL, Offices: r.Offices,
			CreatedAt: instant(r.CreatedAt), UpdatedAt: instant(r.UpdatedAt)}
		if r.ActDate != nil {
			x.ActDate = r.ActDate.Format(time.DateOnly)
		}
		if b := bySlug[r.BodyID]; b != nil {
			b.Regulation = x
		}
		regs[r.ID] = x
		ids = append(ids, r.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("regulations: %w", err)
	}
	revs, err := c.revisions(ctx, ids)
	if err != nil {
		return err
	}
	for id, x := range regs {
		for _, v := range revs[id] {
			x.Revisions = append(x.Revisions, dataset.Revision{ActNumber: v.ActNumber, ActDate: v.ActDate.Format(time.DateOnly), URL: v.URL, Note: v.Note})
		}
	}
	arows, err := c.query(ctx, `SELECT regulation_id, id, section, filename, title, content_type, size, sha256, data, created_at
FROM attachments WHERE regulation_id IS NOT NULL ORDER BY regulation_id, id`)
	if err != nil {
		return fmt.Errorf("regulation attachments: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var (
			rid     int64
			x       dataset.Attachment
			created time.Time
		)
		if err := arows.Scan(&rid, &x.ID, &x.Section, &x.Filename, &x.Title, &x.ContentType, &x.Size, &x.SHA256, &x.Data, &created); err != nil {
			return fmt.Errorf("regulation attachments: %w", err)
		}
		x.CreatedAt = instant(created)
		if r := regs[rid]; r != nil {
			r.Attachments = append(r.Attachments, x)
		}
	}
	return arows.Err()
}

// loadRegulation writes a body's regulation record from an archive.
func (tx *Tx) loadRegulation(ctx context.Context, bodyID int64, x *dataset.Regulation) error {
	if x == nil {
		return nil
	}
	in := RegulationInput{Status: domain.RegulationStatus(x.Status), Title: x.Title, ActNumber: x.ActNumber, URL: x.URL, Offices: x.Offices}
	if x.ActDate != "" {
		d, err := time.Parse(time.DateOnly, x.ActDate)
		if err != nil {
			return fmt.Errorf("regulation act date: %w", err)
		}
		in.ActDate = &d
	}
	for _, v := range x.Revisions {
		d, err := time.Parse(time.DateOnly, v.ActDate)
		if err != nil {
			return fmt.Errorf("regulation revision date: %w", err)
		}
		in.Revisions = append(in.Revisions, RevisionInput{ActNumber: v.ActNumber, ActDate: d, URL: v.URL, Note: v.Note})
	}
	if err := in.validate(); err != nil {
		return err
	}
	updated, err := parseInstant(x.UpdatedAt)
	if err != nil {
		return fmt.Errorf("regulation updated_at: %w", err)
	}
	if updated.IsZero() {
		updated = time.Now().UTC()
	}
	id, err := tx.writeRegulation(ctx, bodyID, in, updated)
	if err != nil {
		return err
	}
	if created, err := parseInstant(x.CreatedAt); err == nil && !created.IsZero() {
		if _, err := tx.exec(ctx, `UPDATE regulations SET created_at = ? WHERE id = ?`, created, id); err != nil {
			return fmt.Errorf("regulation created_at: %w", err)
		}
	}
	for _, a := range x.Attachments {
		sum := sha256.Sum256(a.Data)
		created, err := parseInstant(a.CreatedAt)
		if err != nil || created.IsZero() {
			created = time.Now().UTC()
		}
		if _, err := tx.exec(ctx, withID(a.ID, `INSERT INTO attachments (regulation_id, section, filename, title, content_type, size, sha256, data, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), withIDArgs(a.ID, id, a.Section, a.Filename, a.Title, a.ContentType, len(a.Data),
			hex.EncodeToString(sum[:]), a.Data, created)...); err != nil {
			return fmt.Errorf("regulation attachment %q: %w", a.Filename, err)
		}
	}
	return tx.reindexRegulation(ctx, id)
}
