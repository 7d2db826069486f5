package store

import (
	"context"
	"fmt"
	"time"

	"benicommunity/internal/auth"
)

// CreateSession records a logged-in session under the hash of its cookie token.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID int64, expires time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash, userID, time.Now().UTC(), expires.UTC())
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser returns the account of a live session, or ErrNotFound when the
// session is unknown or has expired.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now time.Time) (auth.User, error) {
	var (
		u       auth.User
		expires time.Time
	)
	err := s.queryRow(ctx, `SELECT u.id, u.email, u.name, u.role, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = ?`, tokenHash).Scan(&u.ID, &u.Email, &u.Name, &u.Role, &expires)
	if err != nil {
		return u, fmt.Errorf("load session: %w", scanOne(err))
	}
	if !now.Before(expires) {
		return u, fmt.Errorf("load session: expired: %w", ErrNotFound)
	}
	if u.Bodies, err = s.userBodies(ctx, u.ID); err != nil {
		return u, err
	}
	return u, nil
}

// DeleteSession ends one session (logout).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of an account (logout everywhere).
func (c conn) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := c.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry and returns how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
