package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"benicommunity/internal/auth"
)

// Attachments of the registry use the same table and storage as those of
// activities (bytes in the database, SHA-256, sniffed content type), with
// another owner column: a pact (sections "pact" for the signed text,
// "photo"), a regulation ("regulation": the text) or a practice
// ("practice": templates, forms). Activity attachments keep their own
// methods (AddAttachment, Attachments, AttachmentFile, DeleteAttachment).

// Owner kinds of registry attachments.
const (
	OwnerPact       = "pact"
	OwnerRegulation = "regulation"
	OwnerPractice   = "practice"
)

// AttachmentOwner names the pact, regulation or practice a file belongs to.
type AttachmentOwner struct {
	Kind string // OwnerPact, OwnerRegulation or OwnerPractice
	ID   int64
}

func (o AttachmentOwner) column() (string, error) {
	switch o.Kind {
	case OwnerPact:
		return "pact_id", nil
	case OwnerRegulation:
		return "regulation_id", nil
	case OwnerPractice:
		return "practice_id", nil
	}
	return "", fmt.Errorf("%w: unknown attachment owner %q", ErrInvalid, o.Kind)
}

func (o AttachmentOwner) sectionValid(section string) bool {
	switch o.Kind {
	case OwnerPact:
		return section == "pact" || section == "photo"
	case OwnerRegulation:
		return section == "regulation"
	case OwnerPractice:
		return section == "practice"
	}
	return false
}

// ownerBody is the body whose referents may change the owner's files.
func (c conn) ownerBody(ctx context.Context, o AttachmentOwner) (int64, error) {
	table := map[string]string{OwnerPact: "pacts", OwnerRegulation: "regulations", OwnerPractice: "practices"}[o.Kind]
	if table == "" {
		return 0, fmt.Errorf("%w: unknown attachment owner %q", ErrInvalid, o.Kind)
	}
	var body int64
	if err := c.queryRow(ctx, `SELECT body_id FROM `+table+` WHERE id = ?`, o.ID).Scan(&body); err != nil {
		return 0, fmt.Errorf("load %s %d: %w", o.Kind, o.ID, scanOne(err))
	}
	return body, nil
}

// RegistryFile is a file to attach to a pact, a regulation or a practice.
type RegistryFile struct {
	Section     string // see AttachmentOwner.sectionValid
	Filename    string
	Title       string
	ContentType string // sniffed by the caller
	Data        []byte
}

// AddOwnerAttachment stores a file of a pact, regulation or practice with
// its audit record. Only a coordinator or a referent of the owner's body may.
func (s *Store) AddOwnerAttachment(ctx context.Context, who *auth.User, o AttachmentOwner, f RegistryFile) (int64, error) {
	col, err := o.column()
	if err != nil {
		return 0, err
	}
	if !o.sectionValid(f.Section) {
		return 0, fmt.Errorf("%w: section %q for a %s attachment", ErrInvalid, f.Section, o.Kind)
	}
	sum := sha256.Sum256(f.Data)
	hash := hex.EncodeToString(sum[:])
	var id int64
	err = s.InTx(ctx, func(tx *Tx) error {
		body, err := tx.ownerBody(ctx, o)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, body); err != nil {
			return err
		}
		id, err = tx.insertID(ctx, `INSERT INTO attachments (`+col+`, section, filename, title, content_type, size, sha256, data, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.ID, f.Section, f.Filename, f.Title, f.ContentType, len(f.Data), hash, f.Data, time.Now().UTC())
		if err != nil {
			return fmt.Errorf("add attachment %q to %s %d: %w", f.Filename, o.Kind, o.ID, err)
		}
		return tx.Audit(ctx, actorOf(who), "create", "attachment", id, f.Filename, nil,
			map[string]any{o.Kind + "_id": o.ID, "section": f.Section, "filename": f.Filename, "content_type": f.ContentType, "size": len(f.Data), "sha256": hash})
	})
	return id, err
}

// OwnerAttachments lists the files of a pact, regulation or practice, without bytes.
func (s *Store) OwnerAttachments(ctx context.Context, o AttachmentOwner) ([]AttachmentInfo, error) {
	col, err := o.column()
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+ownerAttachmentColumns+` FROM attachments WHERE `+col+` = ? ORDER BY section, id`, o.ID)
	if err != nil {
		return nil, fmt.Errorf("list attachments of %s %d: %w", o.Kind, o.ID, err)
	}
	defer rows.Close()
	var out []AttachmentInfo
	for rows.Next() {
		a, err := scanAttachmentInfo(rows)
		if err != nil {
			return nil, fmt.Errorf("list attachments of %s %d: %w", o.Kind, o.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// activity_id is NULL for these files: read it as 0
const ownerAttachmentColumns = `id, COALESCE(activity_id, 0), section, filename, title, content_type, size, sha256, created_at`

// OwnerAttachmentFile returns one file of a pact, regulation or practice with
// its bytes. A file of a draft pact or practice is public only through the
// backoffice: pass public = true from public pages to get ErrNotFound then.
func (s *Store) OwnerAttachmentFile(ctx context.Context, id int64, public bool) (Attachment, AttachmentOwner, error) {
	var (
		a                    Attachment
		pact, reg, practice  *int64
		pactPub, practicePub *bool
	)
	info, err := scanAttachmentInfo(s.queryRow(ctx, `SELECT `+ownerAttachmentColumns+`, data, pact_id, regulation_id, practice_id,
(SELECT published FROM pacts WHERE id = attachments.pact_id), (SELECT published FROM practices WHERE id = attachments.practice_id)
FROM attachments WHERE id = ? AND activity_id IS NULL`, id), &a.Data, &pact, &reg, &practice, &pactPub, &practicePub)
	if err != nil {
		return a, AttachmentOwner{}, fmt.Errorf("load attachment %d: %w", id, scanOne(err))
	}
	a.AttachmentInfo = info
	var o AttachmentOwner
	switch {
	case pact != nil:
		o = AttachmentOwner{Kind: OwnerPact, ID: *pact}
	case reg != nil:
		o = AttachmentOwner{Kind: OwnerRegulation, ID: *reg}
	case practice != nil:
		o = AttachmentOwner{Kind: OwnerPractice, ID: *practice}
	}
	if public && ((pactPub != nil && !*pactPub) || (practicePub != nil && !*practicePub)) {
		return Attachment{}, o, fmt.Errorf("load attachment %d: %w", id, ErrNotFound)
	}
	return a, o, nil
}

// DeleteOwnerAttachment removes a file of a pact, regulation or practice.
func (s *Store) DeleteOwnerAttachment(ctx context.Context, who *auth.User, id int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var (
			filename            string
			pact, reg, practice *int64
		)
		if err := tx.queryRow(ctx, `SELECT filename, pact_id, regulation_id, practice_id FROM attachments WHERE id = ? AND activity_id IS NULL`, id).
			Scan(&filename, &pact, &reg, &practice); err != nil {
			return fmt.Errorf("load attachment %d: %w", id, scanOne(err))
		}
		o := AttachmentOwner{Kind: OwnerPact}
		switch {
		case pact != nil:
			o.ID = *pact
		case reg != nil:
			o = AttachmentOwner{Kind: OwnerRegulation, ID: *reg}
		case practice != nil:
			o = AttachmentOwner{Kind: OwnerPractice, ID: *practice}
		}
		body, err := tx.ownerBody(ctx, o)
		if err != nil {
			return err
		}
		if err := mayEditBody(who, body); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM attachments WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete attachment %d: %w", id, err)
		}
		return tx.Audit(ctx, actorOf(who), "delete", "attachment", id, filename, map[string]any{o.Kind + "_id": o.ID, "filename": filename}, nil)
	})
}
