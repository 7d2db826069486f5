package store_test

import (
	"context"
	"errors"
	"testing"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// A draft pact's files are not public; a published pact's are, with their
// owner; deleting a file needs the right on the pact's body.
func TestPactAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		id, err := s.CreatePact(ctx, coordinator, store.PactInput{BodyID: bodyID(t, s, "comune-di-chieri"), Title: "Patto", Status: domain.PactProposed})
		if err != nil {
			t.Fatal(err)
		}
		owner := store.AttachmentOwner{Kind: store.OwnerPact, ID: id}
		if _, err := s.AddOwnerAttachment(ctx, coordinator, owner, store.RegistryFile{Section: "outcome", Filename: "x.pdf", Data: []byte("x")}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a wrong section = %v", err)
		}
		fid, err := s.AddOwnerAttachment(ctx, coordinator, owner, store.RegistryFile{Section: "pact", Filename: "patto.pdf", ContentType: "application/pdf", Data: []byte("%PDF firmato")})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.OwnerAttachmentFile(ctx, fid, true); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a draft's file in public = %v", err)
		}
		if err := s.SetPactPublished(ctx, coordinator, id, true); err != nil {
			t.Fatal(err)
		}
		f, o, err := s.OwnerAttachmentFile(ctx, fid, true)
		if err != nil || string(f.Data) != "%PDF firmato" || o != owner {
			t.Fatalf("file = %q %+v, %v", f.Data, o, err)
		}
		if _, err := s.AttachmentFile(ctx, fid); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a pact's file through the activity method = %v", err)
		}
		list, err := s.OwnerAttachments(ctx, owner)
		if err != nil || len(list) != 1 {
			t.Errorf("list = %v, %v", list, err)
		}
		if err := s.DeleteOwnerAttachment(ctx, nil, fid); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("delete by nobody = %v", err)
		}
		if err := s.DeleteOwnerAttachment(ctx, coordinator, fid); err != nil {
			t.Fatal(err)
		}
	})
}
