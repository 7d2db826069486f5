package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestReplaceWithSwapsTheWholeContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		src := storetest.OpenDefault(t, d)
		if _, err := src.CreateUser(ctx, store.NewUser{Email: "kept@example.it", Role: auth.Coordinator}); err != nil {
			t.Fatal(err)
		}
		ds, err := src.Export(ctx, store.ExportOptions{IncludePersonal: true})
		if err != nil {
			t.Fatal(err)
		}
		dst := storetest.Open(t, d)
		if empty, err := dst.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("a new database: IsEmpty = %v, %v", empty, err)
		}
		if err := dst.EnsureInitialData(ctx, store.InitialEmpty, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.CreateUser(ctx, store.NewUser{Email: "gone@example.it", Role: auth.Coordinator}); err != nil {
			t.Fatal(err)
		}
		dst.RecordLoginFailure(ctx, "gone@example.it", "192.0.2.1", time.Now())
		if empty, _ := dst.IsEmpty(ctx); empty {
			t.Fatal("a database with an account counts as empty")
		}
		if err := dst.ReplaceWith(ctx, ds); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.UserByEmail(ctx, "kept@example.it"); err != nil {
			t.Errorf("the archive's account is missing: %v", err)
		}
		if _, err := dst.UserByEmail(ctx, "gone@example.it"); err == nil {
			t.Errorf("the replaced account is still there")
		}
		want, _ := src.RowCounts(ctx)
		got, err := dst.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"bodies", "activities", "themes", "users", "communities"} {
			if got[table] != want[table] {
				t.Errorf("%s: %d rows after replace, %d in the source", table, got[table], want[table])
			}
		}
		if got["login_failures"] != 0 {
			t.Errorf("login failures of the replaced database survive: %d", got["login_failures"])
		}
		// New rows get fresh ids after the replace.
		if _, err := dst.CreateUser(ctx, store.NewUser{Email: "after@example.it", Role: auth.Referent}); err != nil {
			t.Errorf("create an account after replace: %v", err)
		}
	})
}
