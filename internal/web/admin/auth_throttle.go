package admin

import (
	"context"
	"log/slog"
	"time"

	"benicommunity/internal/store"
)

// throttle slows down password guessing with the failures counted in the
// database (auth.LoginThrottle's policy, store/login_failures.go): per
// account and client, and per client over all accounts, never per account
// alone, so nobody can keep a coordinator out by failing on their address
// from elsewhere. Counted in the database, ten instances give an attacker no
// more tries than one. The client is the address core.Site.ClientIP tells
// (X-Forwarded-For only from a trusted proxy).
type throttle struct {
	store *store.Store
	log   *slog.Logger
}

// wait returns how long a login for this account from this client must wait
// (0: go on), without counting the attempt.
func (t throttle) wait(ctx context.Context, email, client string) (time.Duration, error) {
	return t.store.LoginWait(ctx, email, client, t.store.Now())
}

// failed counts a failed attempt. A failure to count is logged, not shown:
// the person already gets the answer for the wrong password.
func (t throttle) failed(ctx context.Context, email, client string) {
	if err := t.store.RecordLoginFailure(ctx, email, client, t.store.Now()); err != nil {
		t.log.Error("count a failed login", "err", err)
	}
}

// succeeded forgets this client's failures on the account.
func (t throttle) succeeded(ctx context.Context, email, client string) {
	if err := t.store.ClearLoginFailures(ctx, email, client); err != nil {
		t.log.Error("clear failed logins", "err", err)
	}
}
