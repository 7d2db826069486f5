package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// exportJoinRequests writes every join request with all its columns, for
// the personal section of an archive.
func (c conn) exportJoinRequests(ctx context.Context) ([]dataset.JoinRequest, error) {
	rows, err := c.query(ctx, `SELECT j.id, j.istat_code, j.body_name, j.body_kind, j.body_place, j.requester_name, j.email,
j.requester_role, j.has_regulation, j.regulation_url, j.message, j.consent_version, j.consent_at, j.client_hash, j.status,
COALESCE(j.confirm_hash, ''), j.confirm_expires_at, j.confirmed_at, j.decision_message, j.decided_by, j.decided_by_email,
j.decided_at, COALESCE(b.slug, ''), j.invited_user_id, j.joined_on, j.created_at, j.updated_at
FROM join_requests j LEFT JOIN bodies b ON b.id = j.body_id ORDER BY j.id`)
	if err != nil {
		return nil, fmt.Errorf("join requests: %w", err)
	}
	defer rows.Close()
	var out []dataset.JoinRequest
	for rows.Next() {
		var (
			j                                  dataset.JoinRequest
			consent, expires, created, updated time.Time
			confirmed, decided                 sql.NullTime
			decidedBy, invited                 sql.NullInt64
		)
		if err := rows.Scan(&j.ID, &j.ISTATCode, &j.BodyName, &j.BodyKind, &j.BodyPlace, &j.RequesterName, &j.Email,
			&j.RequesterRole, &j.HasRegulation, &j.RegulationURL, &j.Message, &j.ConsentVersion, &consent, &j.ClientHash, &j.Status,
			&j.ConfirmHash, &expires, &confirmed, &j.DecisionMessage, &decidedBy, &j.DecidedByEmail,
			&decided, &j.Body, &invited, &j.JoinedOn, &created, &updated); err != nil {
			return nil, fmt.Errorf("join requests: %w", err)
		}
		j.ConsentAt, j.ConfirmExpiresAt, j.CreatedAt, j.UpdatedAt = instant(consent), instant(expires), instant(created), instant(updated)
		j.ConfirmedAt, j.DecidedAt = optInstant(confirmed), optInstant(decided)
		j.DecidedBy, j.InvitedUserID = decidedBy.Int64, invited.Int64
		out = append(out, j)
	}
	return out, rows.Err()
}

func (tx *Tx) importJoinRequest(ctx context.Context, j dataset.JoinRequest, bodies map[string]int64) error {
	if !domain.JoinStatus(j.Status).Valid() {
		return fmt.Errorf("unknown status %q", j.Status)
	}
	if !domain.RegulationAnswer(j.HasRegulation).Valid() {
		return fmt.Errorf("unknown regulation answer %q", j.HasRegulation)
	}
	var bodyID any
	if j.Body != "" {
		id, ok := bodies[j.Body]
		if !ok {
			return fmt.Errorf("unknown body %q", j.Body)
		}
		bodyID = id
	}
	var times [6]any
	for i, v := range []string{j.ConsentAt, j.ConfirmExpiresAt, j.ConfirmedAt, j.DecidedAt, j.CreatedAt, j.UpdatedAt} {
		t, err := timeArg(v)
		if err != nil {
			return err
		}
		times[i] = t
	}
	if times[0] == nil || times[1] == nil || times[4] == nil || times[5] == nil {
		return fmt.Errorf("consent_at, confirm_expires_at, created_at and updated_at are required")
	}
	_, err := tx.exec(ctx, withID(j.ID, `INSERT INTO join_requests (istat_code, body_name, body_kind, body_place, requester_name,
email, requester_role, has_regulation, regulation_url, message, consent_version, consent_at, client_hash, status, confirm_hash,
confirm_expires_at, confirmed_at, decision_message, decided_by, decided_by_email, decided_at, body_id, invited_user_id,
joined_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		withIDArgs(j.ID, j.ISTATCode, j.BodyName, j.BodyKind, j.BodyPlace, j.RequesterName, NormalizeEmail(j.Email), j.RequesterRole,
			j.HasRegulation, j.RegulationURL, j.Message, j.ConsentVersion, times[0], j.ClientHash, j.Status, nullString(j.ConfirmHash),
			times[1], times[2], j.DecisionMessage, nullID(j.DecidedBy), j.DecidedByEmail, times[3], bodyID, nullID(j.InvitedUserID),
			j.JoinedOn, times[4], times[5])...)
	return err
}
