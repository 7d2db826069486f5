package store_test

import (
	"context"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
)

// registryRows gives the archive fixture a row in every registry table.
func registryRows(t *testing.T, s *store.Store, who *auth.User, body, activity int64) {
	t.Helper()
	ctx := context.Background()
	if err := s.SetRegulation(ctx, who, body, store.RegulationInput{Status: domain.RegulationAdopted, ActNumber: "12", ActDate: day("2019-05-20"),
		Revisions: []store.RevisionInput{{ActNumber: "30", ActDate: *day("2023-06-01")}}}); err != nil {
		t.Fatal(err)
	}
	reg, _, err := s.Regulation(ctx, body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOwnerAttachment(ctx, who, store.AttachmentOwner{Kind: store.OwnerRegulation, ID: reg.ID},
		store.RegistryFile{Section: "regulation", Filename: "regolamento.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 regolamento")}); err != nil {
		t.Fatal(err)
	}
	themes, err := s.ThemeIDs(ctx, []string{"beni-comuni-immateriali"})
	if err != nil || len(themes) == 0 {
		t.Fatalf("theme: %v", err)
	}
	pact, err := s.CreatePact(ctx, who, store.PactInput{BodyID: body, Title: "Patto del giardino", Status: domain.PactProposed, Published: true,
		ThemeIDs: []int64{themes["beni-comuni-immateriali"]}, ActivityIDs: []int64{activity}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePractice(ctx, who, store.PracticeInput{BodyID: body, Title: "Un modulo semplice", Published: true,
		ThemeIDs: []int64{themes["beni-comuni-immateriali"]}, PactIDs: []int64{pact}, ActivityIDs: []int64{activity}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTrainingLink(ctx, who, activity, "Registrazione", "https://example.org/video"); err != nil {
		t.Fatal(err)
	}
}
