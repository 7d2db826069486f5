package store

import (
	"context"
	"fmt"
	"time"

	"benicommunity/internal/auth"
)

// Failed logins are counted in the database, so that several instances
// behind one load balancer count as one. The policy (how many failures, how
// long a wait) is auth.LoginThrottle; keys are auth.LoginEmailKey and
// auth.ClientKey, applied here so every caller counts alike.

// RecordLoginFailure counts one failed login of email from client at now.
func (s *Store) RecordLoginFailure(ctx context.Context, email, client string, now time.Time) error {
	now = now.UTC()
	_, err := s.exec(ctx, `INSERT INTO login_failures (email, client, failed_at, expires_at) VALUES (?, ?, ?, ?)`,
		auth.LoginEmailKey(email), auth.ClientKey(client), now, now.Add(auth.LoginThrottle.Window))
	if err != nil {
		return fmt.Errorf("record failed login: %w", err)
	}
	return nil
}

// LoginWait returns how long a login of email from client must wait at now
// before its password is even checked (0: check it now).
func (s *Store) LoginWait(ctx context.Context, email, client string, now time.Time) (time.Duration, error) {
	now = now.UTC()
	c := auth.ClientKey(client)
	pair, err := s.loginFailures(ctx, `email = ? AND client = ?`, now, auth.LoginEmailKey(email), c)
	if err != nil {
		return 0, err
	}
	all, err := s.loginFailures(ctx, `client = ?`, now, c)
	if err != nil {
		return 0, err
	}
	return auth.LoginThrottle.Wait(pair, all, now), nil
}

func (s *Store) loginFailures(ctx context.Context, where string, now time.Time, args ...any) (auth.Failures, error) {
	var f auth.Failures
	args = append(args, now)
	cond := ` FROM login_failures WHERE ` + where + ` AND expires_at > ?`
	if err := s.queryRow(ctx, `SELECT COUNT(*)`+cond, args...).Scan(&f.N); err != nil {
		return f, fmt.Errorf("count failed logins: %w", mapError(err))
	}
	if f.N == 0 {
		return f, nil
	}
	// Not MAX(): SQLite would return the aggregate as text, not a time.
	if err := s.queryRow(ctx, `SELECT failed_at`+cond+` ORDER BY failed_at DESC LIMIT 1`, args...).Scan(&f.Last); err != nil {
		return f, fmt.Errorf("read last failed login: %w", mapError(err))
	}
	return f, nil
}

// ClearLoginFailures forgets the failures of email from client, after a
// successful login. Failures of that client on other accounts still count.
func (s *Store) ClearLoginFailures(ctx context.Context, email, client string) error {
	if _, err := s.exec(ctx, `DELETE FROM login_failures WHERE email = ? AND client = ?`,
		auth.LoginEmailKey(email), auth.ClientKey(client)); err != nil {
		return fmt.Errorf("clear failed logins: %w", err)
	}
	return nil
}

// DeleteExpiredLoginFailures removes failures that no longer count.
func (s *Store) DeleteExpiredLoginFailures(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM login_failures WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete expired failed logins: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
