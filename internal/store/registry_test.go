package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

var coordinator = &auth.User{Email: "coord@example.org", Role: auth.Coordinator}

// Migration 0008 moves today's regulation values: a date (or the flag)
// makes an adopted record; every other body has none, so it reads as not
// known instead of "not adopted".
func TestRegulationMigrationMovesTodaysValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s, err := store.Open(ctx, storetest.Location(t, d))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.MigrateUpTo(ctx, 7); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		for _, b := range []struct {
			slug    string
			adopted bool
			on      any
		}{{"with-date", true, "2019-05-20"}, {"flag-only", true, nil}, {"nothing", false, nil}} {
			if err := s.ExecForTest(ctx, `INSERT INTO bodies (slug, name, kind, regulation_adopted, regulation_adopted_on, created_at, updated_at)
VALUES (?, ?, 'comune', ?, ?, ?, ?)`, b.slug, b.slug, b.adopted, b.on, now, now); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Migrate(ctx, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		want := map[string]domain.RegulationStatus{"with-date": domain.RegulationAdopted, "flag-only": domain.RegulationAdopted, "nothing": domain.RegulationUnknown}
		for slug, status := range want {
			b, err := s.Body(ctx, slug)
			if err != nil {
				t.Fatal(err)
			}
			if b.Regulation != status || b.RegulationAdopted != (status == domain.RegulationAdopted) {
				t.Errorf("%s: regulation %q (adopted %v), want %q", slug, b.Regulation, b.RegulationAdopted, status)
			}
		}
		b, _ := s.Body(ctx, "with-date")
		if b.RegulationAdoptedOn == nil || b.RegulationAdoptedOn.Format(time.DateOnly) != "2019-05-20" {
			t.Errorf("with-date: adopted on %v, want 2019-05-20", b.RegulationAdoptedOn)
		}
		if b.Regulation.Known() == false || domain.RegulationUnknown.Known() {
			t.Error("Known is wrong")
		}
	})
}

func TestRegulationRecordRightsRevisionsAndSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri, chivasso := bodyID(t, s, "comune-di-chieri"), bodyID(t, s, "comune-di-chivasso")
		if b, _ := s.Body(ctx, "comune-di-chieri"); b.Regulation.Known() {
			t.Fatalf("default data: regulation %q, want not known", b.Regulation)
		}
		in := store.RegulationInput{Status: domain.RegulationAdopted, Title: "Regolamento beni comuni", ActNumber: "42",
			ActDate: day("2018-03-01"), URL: "https://example.org/reg.pdf", Offices: "Ufficio beni comuni",
			Revisions: []store.RevisionInput{{ActNumber: "7", ActDate: *day("2022-02-02")}, {ActNumber: "3", ActDate: *day("2020-01-10")}}}
		other := &auth.User{Role: auth.Referent, Bodies: []int64{chivasso}}
		if err := s.SetRegulation(ctx, other, chieri, in); !errors.Is(err, store.ErrForbidden) {
			t.Fatalf("referent of another body: %v, want ErrForbidden", err)
		}
		own := &auth.User{Role: auth.Referent, Bodies: []int64{chieri}}
		if err := s.SetRegulation(ctx, own, chieri, in); err != nil {
			t.Fatal(err)
		}
		r, ok, err := s.Regulation(ctx, chieri)
		if err != nil || !ok {
			t.Fatalf("Regulation = %v, %v", ok, err)
		}
		if r.Status != domain.RegulationAdopted || r.ActNumber != "42" || len(r.Revisions) != 2 || r.Revisions[0].ActNumber != "3" {
			t.Errorf("regulation = %+v", r)
		}
		b, _ := s.Body(ctx, "comune-di-chieri")
		if !b.RegulationAdopted || b.RegulationAdoptedOn.Format(time.DateOnly) != "2018-03-01" {
			t.Errorf("derived body fields = %v %v", b.RegulationAdopted, b.RegulationAdoptedOn)
		}
		res, err := s.Search(ctx, store.SearchQuery{Text: "regolamento", Kind: store.SearchRegulation})
		if err != nil || res.Total != 1 || res.Hits[0].Slug != "comune-di-chieri" {
			t.Fatalf("search regulation = %+v, %v", res, err)
		}
		// the old body form: unchecking "adopted" records "not adopted"
		bi, err := s.BodyInputByID(ctx, chieri)
		if err != nil {
			t.Fatal(err)
		}
		bi.RegulationAdopted, bi.RegulationAdoptedOn = false, nil
		if err := s.UpdateBody(ctx, store.Actor{}, chieri, bi); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.Body(ctx, "comune-di-chieri"); b.Regulation != domain.RegulationNotAdopted {
			t.Errorf("after unchecking: %q, want not_adopted", b.Regulation)
		}
		// saving a body with no record leaves it not known
		bi, _ = s.BodyInputByID(ctx, chivasso)
		if err := s.UpdateBody(ctx, store.Actor{}, chivasso, bi); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.Body(ctx, "comune-di-chivasso"); b.Regulation.Known() {
			t.Errorf("saving an untouched body made its regulation %q", b.Regulation)
		}
		if err := s.DeleteRegulation(ctx, coordinator, chieri); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Regulation(ctx, chieri); ok {
			t.Error("regulation still there after delete")
		}
	})
}

// The archive carries regulations with their revisions; an old archive's
// regulation_adopted_on still makes an adopted record.
func TestRegulationArchiveRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		in := store.RegulationInput{Status: domain.RegulationAdopted, ActNumber: "42", ActDate: day("2018-03-01"),
			Revisions: []store.RevisionInput{{ActNumber: "7", ActDate: *day("2022-02-02"), URL: "https://example.org/r"}}}
		if err := s.SetRegulation(ctx, coordinator, chieri, in); err != nil {
			t.Fatal(err)
		}
		if err := s.SetRegulation(ctx, coordinator, bodyID(t, s, "comune-di-chivasso"), store.RegulationInput{Status: domain.RegulationNotAdopted}); err != nil {
			t.Fatal(err)
		}
		ds, err := s.Export(ctx, store.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// an old-format body: only the date
		for i := range ds.Bodies {
			if ds.Bodies[i].Slug == "comune-di-collegno" {
				ds.Bodies[i].RegulationAdoptedOn = "2017-01-02"
			}
		}
		t2 := storetest.Open(t, d)
		if err := t2.Import(ctx, ds); err != nil {
			t.Fatal(err)
		}
		got := map[string]domain.RegulationStatus{}
		for _, slug := range []string{"comune-di-chieri", "comune-di-chivasso", "comune-di-collegno", "comune-di-druento"} {
			b, err := t2.Body(ctx, slug)
			if err != nil {
				t.Fatal(err)
			}
			got[slug] = b.Regulation
		}
		want := map[string]domain.RegulationStatus{"comune-di-chieri": domain.RegulationAdopted, "comune-di-chivasso": domain.RegulationNotAdopted,
			"comune-di-collegno": domain.RegulationAdopted, "comune-di-druento": domain.RegulationUnknown}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s after import: %q, want %q", k, got[k], v)
			}
		}
		r, _, _ := t2.Regulation(ctx, bodyID(t, t2, "comune-di-chieri"))
		if len(r.Revisions) != 1 || r.Revisions[0].URL != "https://example.org/r" || r.ActNumber != "42" {
			t.Errorf("imported regulation = %+v", r)
		}
	})
}
