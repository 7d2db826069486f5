package store_test

import (
	"context"
	"errors"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestPracticesLibrary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri, chivasso := bodyID(t, s, "comune-di-chieri"), bodyID(t, s, "comune-di-chivasso")
		themes, _ := s.ThemeIDs(ctx, []string{"beni-comuni-immateriali", "comunicazione-interna"})
		own := &auth.User{Role: auth.Referent, Bodies: []int64{chieri}}
		in := store.PracticeInput{BodyID: chieri, Title: "Modulo unico per i patti", Problem: "Troppi moduli", Tools: "Modello di patto ordinario, art. 5",
			Published: true, ThemeIDs: []int64{themes["beni-comuni-immateriali"]}}
		if _, err := s.CreatePractice(ctx, &auth.User{Role: auth.Referent, Bodies: []int64{chivasso}}, in); !errors.Is(err, store.ErrForbidden) {
			t.Fatalf("referent of another body = %v", err)
		}
		id, err := s.CreatePractice(ctx, own, in)
		if err != nil {
			t.Fatal(err)
		}
		draft := in
		draft.Title, draft.Published, draft.ThemeIDs = "Bozza di pratica", false, []int64{themes["comunicazione-interna"]}
		if _, err := s.CreatePractice(ctx, coordinator, draft); err != nil {
			t.Fatal(err)
		}
		list, total, err := s.Practices(ctx, store.PracticeFilter{})
		if err != nil || total != 1 || list[0].ID != id || len(list[0].Themes) != 1 {
			t.Fatalf("public practices = %+v (%d), %v", list, total, err)
		}
		if _, n, _ := s.Practices(ctx, store.PracticeFilter{Theme: "comunicazione-interna"}); n != 0 {
			t.Errorf("a draft is listed by theme")
		}
		if _, n, _ := s.Practices(ctx, store.PracticeFilter{WithDrafts: true, Body: "comune-di-chieri"}); n != 2 {
			t.Errorf("backoffice list = %d, want 2", n)
		}
		if _, err := s.PracticeBySlug(ctx, "bozza-di-pratica"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("draft by slug = %v", err)
		}
		p, err := s.PracticeBySlug(ctx, "modulo-unico-per-i-patti")
		if err != nil || p.Tools != in.Tools || p.Body.ID != chieri {
			t.Fatalf("practice = %+v, %v", p, err)
		}
		if res, _ := s.Search(ctx, store.SearchQuery{Text: "moduli", Kind: store.SearchPractice}); res.Total != 1 || res.Hits[0].Slug != "modulo-unico-per-i-patti" {
			t.Errorf("search = %+v", res)
		}
		in.Published = false
		if err := s.UpdatePractice(ctx, own, id, in); err != nil {
			t.Fatal(err)
		}
		if res, _ := s.Search(ctx, store.SearchQuery{Text: "moduli", Kind: store.SearchPractice}); res.Total != 0 {
			t.Errorf("an unpublished practice is still searchable")
		}
		if err := s.DeletePractice(ctx, own, id); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTrainingMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		a, err := s.Activity(ctx, "chieri-2020")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTrainingLink(ctx, &auth.User{Role: auth.Referent}, a.ID, "Video", "https://example.org/v"); !errors.Is(err, store.ErrForbidden) {
			t.Errorf("referent adds a recording = %v", err)
		}
		if _, err := s.AddTrainingLink(ctx, coordinator, a.ID, "Video", "javascript:x"); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad address = %v", err)
		}
		if _, err := s.AddTrainingLink(ctx, coordinator, a.ID, "Registrazione", "https://example.org/v"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAttachment(ctx, store.Actor{}, store.NewAttachment{ActivityID: a.ID, Section: "training", Filename: "slide.pdf",
			ContentType: "application/pdf", Data: []byte("%PDF slide")}); err != nil {
			t.Fatal(err)
		}
		m, err := s.TrainingOf(ctx, []int64{a.ID})
		if err != nil || len(m[a.ID].Files) != 1 || len(m[a.ID].Links) != 1 {
			t.Fatalf("training = %+v, %v", m, err)
		}
		themes, err := s.ActivityThemeSlugs(ctx, a.ID)
		if err != nil || len(themes) == 0 {
			t.Skipf("the activity has no theme: %v", err)
		}
		refs, mats, err := s.TrainingOnTheme(ctx, themes[0])
		if err != nil || len(refs) != 1 || len(mats[a.ID].Links) != 1 {
			t.Errorf("training on theme = %+v %+v, %v", refs, mats, err)
		}
	})
}
