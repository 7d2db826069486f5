package store_test

import (
	"context"
	"errors"
	"testing"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestDriverErrorsBecomeSentinels checks both databases answer the same
// broken writes with the same errors, and write nothing.
func TestDriverErrorsBecomeSentinels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		body := store.NewBody{Slug: "comune-di-alfa", Name: "Comune di Alfa", Kind: domain.KindComune}
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.CreateBody(ctx, body); return err }); err != nil {
			t.Fatal(err)
		}
		err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.CreateBody(ctx, body); return err })
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("a second body with the same slug: %v, want ErrConflict", err)
		}
		missing := int64(999999)
		orphan := store.NewBody{Slug: "ufficio", Name: "Ufficio", Kind: domain.KindUfficio, ParentID: &missing}
		err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.CreateBody(ctx, orphan); return err })
		if !errors.Is(err, store.ErrInUse) {
			t.Errorf("a body whose parent does not exist: %v, want the foreign-key error ErrInUse", err)
		}
		// A failure half-way rolls the whole transaction back.
		err = s.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.CreateBody(ctx, store.NewBody{Slug: "comune-di-beta", Name: "Comune di Beta", Kind: domain.KindComune}); err != nil {
				return err
			}
			_, err := tx.CreateBody(ctx, body)
			return err
		})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("second write: %v", err)
		}
		if _, err := s.Body(ctx, "comune-di-beta"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the first write of a failed transaction was kept: %v", err)
		}
		if _, err := s.Body(ctx, "nessuno"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown slug: %v, want ErrNotFound", err)
		}
		if _, err := s.Activity(ctx, "nessuna"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown activity: %v, want ErrNotFound", err)
		}
	})
}
