package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// AttachmentInfo describes a stored file without its bytes.
type AttachmentInfo struct {
	ID          int64
	ActivityID  int64
	Section     string // "activity", "outcome" or "training" (slides, handouts); see OwnerAttachments for the registry's
	Filename    string
	Title       string
	ContentType string
	Size        int64
	SHA256      string
	CreatedAt   time.Time
}

// Attachment is a stored file with its bytes.
type Attachment struct {
	AttachmentInfo
	Data []byte
}

// NewAttachment is a file to store. Files live in the database so every
// instance on PostgreSQL serves the same ones without a shared disk.
type NewAttachment struct {
	ActivityID  int64
	Section     string
	Filename    string
	Title       string
	ContentType string
	Data        []byte
}

// AddAttachment stores a file and its audit record in one transaction.
func (s *Store) AddAttachment(ctx context.Context, who Actor, a NewAttachment) (int64, error) {
	if a.Section != "activity" && a.Section != "outcome" && a.Section != "training" {
		return 0, fmt.Errorf("add attachment: unknown section %q", a.Section)
	}
	sum := sha256.Sum256(a.Data)
	hash := hex.EncodeToString(sum[:])
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID(ctx, `INSERT INTO attachments (activity_id, section, filename, title, content_type, size, sha256, data, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ActivityID, a.Section, a.Filename, a.Title, a.ContentType, len(a.Data), hash, a.Data, time.Now().UTC())
		if err != nil {
			return fmt.Errorf("add attachment %q to activity %d: %w", a.Filename, a.ActivityID, err)
		}
		return tx.Audit(ctx, who, "create", "attachment", id, a.Filename, nil,
			map[string]any{"activity_id": a.ActivityID, "section": a.Section, "filename": a.Filename, "content_type": a.ContentType, "size": len(a.Data), "sha256": hash})
	})
	return id, err
}

const attachmentInfoColumns = `id, activity_id, section, filename, title, content_type, size, sha256, created_at`

func scanAttachmentInfo(sc interface{ Scan(...any) error }, extra ...any) (AttachmentInfo, error) {
	var a AttachmentInfo
	err := sc.Scan(append([]any{&a.ID, &a.ActivityID, &a.Section, &a.Filename, &a.Title, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt}, extra...)...)
	return a, err
}

// Attachments lists the files of an activity, without their bytes.
func (s *Store) Attachments(ctx context.Context, activityID int64) ([]AttachmentInfo, error) {
	rows, err := s.query(ctx, `SELECT `+attachmentInfoColumns+` FROM attachments WHERE activity_id = ? ORDER BY section, id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("list attachments of activity %d: %w", activityID, err)
	}
	defer rows.Close()
	var out []AttachmentInfo
	for rows.Next() {
		a, err := scanAttachmentInfo(rows)
		if err != nil {
			return nil, fmt.Errorf("list attachments of activity %d: %w", activityID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentFile returns one file with its bytes.
func (s *Store) AttachmentFile(ctx context.Context, id int64) (Attachment, error) {
	var a Attachment
	info, err := scanAttachmentInfo(s.queryRow(ctx, `SELECT `+attachmentInfoColumns+`, data FROM attachments WHERE id = ? AND activity_id IS NOT NULL`, id), &a.Data)
	if err != nil {
		return a, fmt.Errorf("load attachment %d: %w", id, scanOne(err))
	}
	a.AttachmentInfo = info
	return a, nil
}

// DeleteAttachment removes a file.
func (s *Store) DeleteAttachment(ctx context.Context, who Actor, id int64) (AttachmentInfo, error) {
	var info AttachmentInfo
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		info, err = scanAttachmentInfo(tx.queryRow(ctx, `SELECT `+attachmentInfoColumns+` FROM attachments WHERE id = ? AND activity_id IS NOT NULL`, id))
		if err != nil {
			return fmt.Errorf("load attachment %d: %w", id, scanOne(err))
		}
		if _, err := tx.exec(ctx, `DELETE FROM attachments WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete attachment %d: %w", id, err)
		}
		return tx.Audit(ctx, who, "delete", "attachment", id, info.Filename,
			map[string]any{"activity_id": info.ActivityID, "filename": info.Filename, "sha256": info.SHA256}, nil)
	})
	return info, err
}
