package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"benicommunity/internal/auth"
)

// NewUser is what is needed to create an account. PasswordHash may be empty
// for an invited person who has not chosen a password yet.
type NewUser struct {
	Email        string
	Name         string
	Role         auth.Role
	PasswordHash string
	Bodies       []int64
}

// NormalizeEmail is the form under which addresses are stored and looked up.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser inserts an account with its bodies and returns its id.
// A taken e-mail address gives ErrConflict.
func (c conn) CreateUser(ctx context.Context, u NewUser) (int64, error) {
	if !u.Role.Valid() {
		return 0, fmt.Errorf("create user: unknown role %q", u.Role)
	}
	now := time.Now().UTC()
	id, err := c.insertID(ctx, `INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		NormalizeEmail(u.Email), strings.TrimSpace(u.Name), string(u.Role), u.PasswordHash, now, now)
	if err != nil {
		return 0, fmt.Errorf("create user %q: %w", u.Email, err)
	}
	if err := c.setUserBodies(ctx, id, u.Bodies); err != nil {
		return 0, err
	}
	return id, nil
}

// CreateUser inserts an account in its own transaction.
func (s *Store) CreateUser(ctx context.Context, u NewUser) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.CreateUser(ctx, u)
		return err
	})
	return id, err
}

func (c conn) setUserBodies(ctx context.Context, userID int64, bodies []int64) error {
	if _, err := c.exec(ctx, `DELETE FROM body_referents WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("clear bodies of user %d: %w", userID, err)
	}
	seen := map[int64]bool{}
	for _, b := range bodies {
		if seen[b] {
			continue
		}
		seen[b] = true
		if _, err := c.exec(ctx, `INSERT INTO body_referents (user_id, body_id) VALUES (?, ?)`, userID, b); err != nil {
			return fmt.Errorf("make user %d referent of body %d: %w", userID, b, err)
		}
	}
	return nil
}

// SetUserRole changes an account's role and bodies.
func (c conn) SetUserRole(ctx context.Context, userID int64, role auth.Role, bodies []int64) error {
	if !role.Valid() {
		return fmt.Errorf("set role: unknown role %q", role)
	}
	res, err := c.exec(ctx, `UPDATE users SET role = ?, updated_at = ? WHERE id = ?`, string(role), time.Now().UTC(), userID)
	if err != nil {
		return fmt.Errorf("set role of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set role of user %d: %w", userID, ErrNotFound)
	}
	return c.setUserBodies(ctx, userID, bodies)
}

// UserCredentials is an account with its password hash, for logging in.
type UserCredentials struct {
	auth.User
	PasswordHash string
}

// UserByEmail returns an account and its hash by e-mail address.
func (s *Store) UserByEmail(ctx context.Context, email string) (UserCredentials, error) {
	var u UserCredentials
	err := s.queryRow(ctx, `SELECT id, email, name, role, password_hash FROM users WHERE email = ?`, NormalizeEmail(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash)
	if err != nil {
		return u, fmt.Errorf("load user %q: %w", email, scanOne(err))
	}
	if u.Bodies, err = s.userBodies(ctx, u.ID); err != nil {
		return u, err
	}
	return u, nil
}

// User returns an account by id, with its bodies.
func (s *Store) User(ctx context.Context, id int64) (auth.User, error) {
	var u auth.User
	err := s.queryRow(ctx, `SELECT id, email, name, role FROM users WHERE id = ?`, id).Scan(&u.ID, &u.Email, &u.Name, &u.Role)
	if err != nil {
		return u, fmt.Errorf("load user %d: %w", id, scanOne(err))
	}
	if u.Bodies, err = s.userBodies(ctx, u.ID); err != nil {
		return u, err
	}
	return u, nil
}

func (c conn) userBodies(ctx context.Context, userID int64) ([]int64, error) {
	rows, err := c.query(ctx, `SELECT body_id FROM body_referents WHERE user_id = ? ORDER BY body_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("bodies of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// SetPassword stores a new password hash and ends every session of the
// account, so a reset or change logs out whoever else was in.
func (c conn) SetPassword(ctx context.Context, userID int64, hash string) error {
	res, err := c.exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, time.Now().UTC(), userID)
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set password of user %d: %w", userID, ErrNotFound)
	}
	return c.DeleteUserSessions(ctx, userID)
}

// UserFilter narrows and orders a list of accounts.
type UserFilter struct {
	Query  string // part of the e-mail or the name
	Role   auth.Role
	Sort   string // "email" (default), "name", "role", "created"
	Desc   bool
	Limit  int
	Offset int
}

// UserRow is an account as listed in the backoffice.
type UserRow struct {
	auth.User
	HasPassword bool
	CreatedAt   time.Time
}

// Users returns one page of accounts and how many match in all.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]UserRow, int, error) {
	var c conditions
	c.contains(f.Query, "email", "name")
	if f.Role != "" {
		c.add("role = ?", string(f.Role))
	}
	where, args := c.where(), c.args
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM users`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count users: %w", err)
	}
	order := map[string]string{"email": "email", "name": "name", "role": "role", "created": "created_at"}[f.Sort]
	if order == "" {
		order = "email"
	}
	if f.Desc {
		order += " DESC"
	}
	rows, err := s.query(ctx, `SELECT id, email, name, role, password_hash <> '', created_at FROM users`+where+
		` ORDER BY `+order+`, id LIMIT ? OFFSET ?`, append(args, limitOr(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []UserRow
	for rows.Next() {
		var u UserRow
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.HasPassword, &u.CreatedAt); err != nil {
			return nil, 0, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, total, rows.Err()
}

// CountUsers returns how many accounts exist (zero before the first `user create`).
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count accounts: %w", err)
	}
	return n, nil
}

// TokenPurpose is what a single-use e-mail link is for.
type TokenPurpose string

const (
	TokenInvite TokenPurpose = "invite"
	TokenReset  TokenPurpose = "reset"
)

// CreateUserToken records a single-use link for an account. Earlier unused
// links of the same purpose stop working: only the newest e-mail counts.
func (c conn) CreateUserToken(ctx context.Context, hash string, userID int64, purpose TokenPurpose, expires time.Time) error {
	now := time.Now().UTC()
	if _, err := c.exec(ctx, `UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL`, now, userID, string(purpose)); err != nil {
		return fmt.Errorf("retire earlier %s links: %w", purpose, err)
	}
	if _, err := c.exec(ctx, `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		hash, userID, string(purpose), now, expires.UTC()); err != nil {
		return fmt.Errorf("create %s link: %w", purpose, err)
	}
	return nil
}

// ErrTokenInvalid means an e-mail link is unknown, used or expired.
var ErrTokenInvalid = errors.New("link unknown, already used or expired")

// PeekUserToken returns the account of a valid link without using it (to show the form).
func (s *Store) PeekUserToken(ctx context.Context, hash string, purpose TokenPurpose, now time.Time) (auth.User, error) {
	var (
		userID  int64
		expires time.Time
		used    sql.NullTime
	)
	err := s.queryRow(ctx, `SELECT user_id, expires_at, used_at FROM user_tokens WHERE token_hash = ? AND purpose = ?`, hash, string(purpose)).
		Scan(&userID, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || !now.Before(expires))) {
		return auth.User{}, ErrTokenInvalid
	}
	if err != nil {
		return auth.User{}, fmt.Errorf("check %s link: %w", purpose, err)
	}
	return s.User(ctx, userID)
}

// UseUserToken marks a valid link as used and returns its account. Two
// requests racing with the same link: only one gets the account.
func (c conn) UseUserToken(ctx context.Context, hash string, purpose TokenPurpose, now time.Time) (int64, error) {
	var (
		userID  int64
		expires time.Time
		used    sql.NullTime
	)
	err := c.queryRow(ctx, `SELECT user_id, expires_at, used_at FROM user_tokens WHERE token_hash = ? AND purpose = ?`, hash, string(purpose)).
		Scan(&userID, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || !now.Before(expires))) {
		return 0, ErrTokenInvalid
	}
	if err != nil {
		return 0, fmt.Errorf("use %s link: %w", purpose, err)
	}
	res, err := c.exec(ctx, `UPDATE user_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, now.UTC(), hash)
	if err != nil {
		return 0, fmt.Errorf("use %s link: %w", purpose, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, ErrTokenInvalid
	}
	return userID, nil
}

func limitOr(n int) int {
	if n <= 0 {
		return 50
	}
	return n
}

// escapeLike makes a user's search text literal inside LIKE (with ESCAPE-less
// default, % and _ are removed rather than escaped, which is portable).
func escapeLike(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}
