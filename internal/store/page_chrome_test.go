package store_test

import (
	"context"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// TestPageChrome: the network, its contacts and the data version in one
// read; the version moves when a body changes, the contacts when the about
// page is written.
func TestPageChrome(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		c, err := s.PageChrome(ctx)
		if err != nil || c.Network.Name == "" || c.ContactEmail != "" || c.ContactOffice != "" {
			t.Fatalf("before the about page: %+v, %v", c, err)
		}
		if err := s.UpdateAbout(ctx, coordinatorActor, store.About{ContactEmail: "rete@example.it", ContactOffice: "Via Roma 1, Torino"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		after, err := s.PageChrome(ctx)
		if err != nil || after.ContactEmail != "rete@example.it" || after.ContactOffice != "Via Roma 1, Torino" || after.Network != c.Network {
			t.Fatalf("after the about page: %+v, %v", after, err)
		}
		b, err := s.Body(ctx, "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateBodyAudited(ctx, coordinatorActor, store.BodyInput{Slug: "ente-di-prova", Name: "Ente di prova", Kind: string(b.Kind), Region: "Sardegna"}); err != nil {
			t.Fatal(err)
		}
		if moved, _ := s.PageChrome(ctx); moved.DataVersion == after.DataVersion {
			t.Error("the data version did not move when a body was added")
		}
	})
}
