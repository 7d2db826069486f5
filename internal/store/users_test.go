package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestUsersAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		body, err := s.Body(ctx, "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.CreateUser(ctx, store.NewUser{Email: " Anna@Example.IT ", Name: "Anna", Role: auth.Referent, PasswordHash: "h", Bodies: []int64{body.ID, body.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, store.NewUser{Email: "anna@example.it", Role: auth.Participant}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second account with the same e-mail: err = %v, want ErrConflict", err)
		}
		u, err := s.UserByEmail(ctx, "ANNA@example.it")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != id || u.Email != "anna@example.it" || u.PasswordHash != "h" || len(u.Bodies) != 1 || u.Bodies[0] != body.ID {
			t.Errorf("loaded user = %+v", u)
		}

		now := time.Now()
		if err := s.CreateSession(ctx, "live", id, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, "old", id, now.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		su, err := s.SessionUser(ctx, "live", now)
		if err != nil || su.ID != id || !su.CanEditBody(body.ID) {
			t.Errorf("live session: user %+v, err %v", su, err)
		}
		if _, err := s.SessionUser(ctx, "old", now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session: err = %v, want ErrNotFound", err)
		}
		if n, err := s.DeleteExpiredSessions(ctx, now); err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
		if err := s.SetPassword(ctx, id, "h2"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, "live", now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a password change leaves the session alive: %v", err)
		}

		rows, total, err := s.Users(ctx, store.UserFilter{Query: "ann"})
		if err != nil || total != 1 || len(rows) != 1 || !rows[0].HasPassword {
			t.Errorf("Users(ann) = %+v, %d, %v", rows, total, err)
		}
		if _, total, _ := s.Users(ctx, store.UserFilter{Role: auth.Coordinator}); total != 0 {
			t.Errorf("coordinators = %d, want 0", total)
		}
	})
}

func TestSingleUseTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		id, err := s.CreateUser(ctx, store.NewUser{Email: "b@example.it", Role: auth.Participant})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := s.CreateUserToken(ctx, "first", id, store.TokenReset, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUserToken(ctx, "second", id, store.TokenReset, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UseUserToken(ctx, "first", store.TokenReset, now); !errors.Is(err, store.ErrTokenInvalid) {
			t.Errorf("an older link still works: %v", err)
		}
		if _, err := s.UseUserToken(ctx, "second", store.TokenInvite, now); !errors.Is(err, store.ErrTokenInvalid) {
			t.Errorf("a reset link works as an invitation: %v", err)
		}
		if u, err := s.PeekUserToken(ctx, "second", store.TokenReset, now); err != nil || u.ID != id {
			t.Errorf("peek = %+v, %v", u, err)
		}
		if got, err := s.UseUserToken(ctx, "second", store.TokenReset, now); err != nil || got != id {
			t.Errorf("first use = %d, %v", got, err)
		}
		if _, err := s.UseUserToken(ctx, "second", store.TokenReset, now); !errors.Is(err, store.ErrTokenInvalid) {
			t.Errorf("a link works twice: %v", err)
		}
		if err := s.CreateUserToken(ctx, "late", id, store.TokenInvite, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UseUserToken(ctx, "late", store.TokenInvite, now.Add(2*time.Hour)); !errors.Is(err, store.ErrTokenInvalid) {
			t.Errorf("an expired link works: %v", err)
		}
	})
}

func TestAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		id, err := s.CreateUser(ctx, store.NewUser{Email: "c@example.it", Role: auth.Coordinator})
		if err != nil {
			t.Fatal(err)
		}
		who := store.Actor{UserID: id, Email: "c@example.it"}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.Audit(ctx, who, "create", "body", 7, "Comune di Prova", nil, map[string]string{"name": "Comune di Prova"}); err != nil {
				return err
			}
			return tx.Audit(ctx, who, "update", "activity", 3, "Tappa", map[string]int{"n": 1}, map[string]int{"n": 2})
		})
		if err != nil {
			t.Fatal(err)
		}
		all, total, err := s.AuditLog(ctx, store.AuditFilter{})
		if err != nil || total != 2 || all[0].Action != "update" {
			t.Fatalf("AuditLog = %+v, %d, %v (want newest first)", all, total, err)
		}
		if all[0].Before != `{"n":1}` || all[0].After != `{"n":2}` || all[0].Email != "c@example.it" {
			t.Errorf("entry = %+v", all[0])
		}
		bodies, total, err := s.AuditLog(ctx, store.AuditFilter{Entity: "body", Query: "prova"})
		if err != nil || total != 1 || bodies[0].EntityID != 7 || bodies[0].Before != "" {
			t.Errorf("filtered = %+v, %d, %v", bodies, total, err)
		}
		// A failed transaction leaves no record behind.
		_ = s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.Audit(ctx, who, "delete", "body", 7, "x", nil, nil); err != nil {
				return err
			}
			return errors.New("rollback")
		})
		if _, total, _ := s.AuditLog(ctx, store.AuditFilter{}); total != 2 {
			t.Errorf("after a rolled back change the log has %d entries, want 2", total)
		}
	})
}
