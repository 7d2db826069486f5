package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Actor is who makes a change, as recorded in the audit log.
type Actor struct {
	UserID int64
	Email  string
}

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	Email    string
	Action   string // create, update, delete, publish, unpublish, cancel, merge, invite, …
	Entity   string // activity, body, user, community, activity_type, attachment, …
	EntityID int64
	Label    string // a human name of the changed thing (title, name, e-mail)
	Before   string // JSON, empty when nothing existed before
	After    string // JSON, empty when nothing exists after
}

// Audit records a change inside the caller's transaction, so the change and
// its record are written together or not at all.
func (c conn) Audit(ctx context.Context, who Actor, action, entity string, entityID int64, label string, before, after any) error {
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	var uid any
	if who.UserID != 0 {
		uid = who.UserID
	}
	_, err = c.exec(ctx, `INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, label, before_json, after_json)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, time.Now().UTC(), uid, who.Email, action, entity, entityID, label, b, a)
	if err != nil {
		return fmt.Errorf("record %s of %s %d: %w", action, entity, entityID, err)
	}
	return nil
}

func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit snapshot: %w", err)
	}
	return string(b), nil
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Action   string
	Query    string // part of the e-mail of who acted or of the label
	Since    *time.Time
	Until    *time.Time // exclusive
	Asc      bool
	Limit    int
	Offset   int
}

// AuditLog returns one page of the audit log, newest first, and how many match.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error) {
	var c conditions
	if f.Entity != "" {
		c.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		c.add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		c.add("action = ?", f.Action)
	}
	c.contains(f.Query, "user_email", "label")
	if f.Since != nil {
		c.add("at >= ?", f.Since.UTC())
	}
	if f.Until != nil {
		c.add("at < ?", f.Until.UTC())
	}
	where, args := c.where(), c.args
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit log: %w", err)
	}
	order := " ORDER BY at DESC, id DESC"
	if f.Asc {
		order = " ORDER BY at, id"
	}
	rows, err := s.query(ctx, `SELECT id, at, user_id, user_email, action, entity, entity_id, label, before_json, after_json FROM audit_log`+
		where+order+` LIMIT ? OFFSET ?`, append(args, limitOr(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var (
			e        AuditEntry
			uid, eid sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &e.At, &uid, &e.Email, &e.Action, &e.Entity, &eid, &e.Label, &e.Before, &e.After); err != nil {
			return nil, 0, fmt.Errorf("list audit log: %w", err)
		}
		e.UserID, e.EntityID = uid.Int64, eid.Int64
		out = append(out, e)
	}
	return out, total, rows.Err()
}
