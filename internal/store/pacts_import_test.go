package store_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/pactimport"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func batchOf(t *testing.T, data string) pactimport.Batch {
	t.Helper()
	tab, err := pactimport.Parse(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	m, err := pactimport.DetectMapping(tab.Header, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pactimport.Convert(tab, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readSample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../pactimport/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportPactsWindows1252TwiceAndChanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		file := readSample(t, "genova-1252.csv")
		b := batchOf(t, file)
		stranger := &auth.User{Role: auth.Referent, Bodies: []int64{bodyID(t, s, "comune-di-chivasso")}}
		if _, err := s.ImportPacts(ctx, stranger, chieri, b, false); !errors.Is(err, store.ErrForbidden) {
			t.Fatalf("import by a stranger = %v", err)
		}
		res, err := s.ImportPacts(ctx, coordinator, chieri, b, true)
		if err != nil || res.Created != 3 {
			t.Fatalf("dry run = %+v, %v", res, err)
		}
		if page, _ := s.Pacts(ctx, store.PactFilter{}); page.Total != 0 {
			t.Fatalf("a dry run wrote %d pacts", page.Total)
		}
		res, err = s.ImportPacts(ctx, coordinator, chieri, b, false)
		if err != nil || res.Created != 3 || res.Updated != 0 {
			t.Fatalf("first import = %+v, %v", res, err)
		}
		page, err := s.Pacts(ctx, store.PactFilter{Body: "comune-di-chieri"})
		if err != nil || page.Total != 3 {
			t.Fatalf("list after import = %d, %v", page.Total, err)
		}
		var first domain.Pact
		for _, p := range page.Pacts {
			if p.SourceID == "P-1" {
				first = p
			}
		}
		if first.Title != "Cura dell'aiuola di piazza Libertà" || first.Status != domain.PactSigned || first.SignedOn.Format("02/01/2006") != "15/03/2023" ||
			first.EndsOn.Format("2006-01-02") != "2024-03-15" || *first.Place.Latitude != 44.4056 || first.CommonsKind == nil || first.CommonsKind.Slug != "area-verde" ||
			len(first.ProposerOrgs) != 1 || first.ProposerOrgs[0] != "Amici della città" {
			t.Errorf("imported pact = %+v", first)
		}
		res, err = s.ImportPacts(ctx, coordinator, chieri, b, false)
		if err != nil || res.Unchanged != 3 || res.Created+res.Updated != 0 {
			t.Fatalf("second import = %+v, %v", res, err)
		}
		// one row changes status and title: it is updated, with a history step
		b2 := batchOf(t, "Id;Titolo proposta;Stato di avanzamento;Data stato\nP-2;Murale della scuola;patto stipulato;01/06/2024\n")
		res, err = s.ImportPacts(ctx, coordinator, chieri, b2, false)
		if err != nil || res.Updated != 1 {
			t.Fatalf("changed import = %+v, %v", res, err)
		}
		page, _ = s.Pacts(ctx, store.PactFilter{Body: "comune-di-chieri"})
		if page.Total != 3 {
			t.Errorf("a changed row made a new pact: %d", page.Total)
		}
		for _, p := range page.Pacts {
			if p.SourceID != "P-2" {
				continue
			}
			dt, err := s.PactByID(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if dt.Title != "Murale della scuola" || dt.Status != domain.PactSigned || len(dt.History) != 2 || dt.Place.Neighbourhood != "Sampierdarena" {
				t.Errorf("updated pact = %+v, history %+v", dt.Pact, dt.History)
			}
		}
	})
}

func TestImportPactsBadRowWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		// the parser's error names the row
		tab, err := pactimport.Parse(strings.NewReader(readSample(t, "bad-date.csv")))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := pactimport.DetectMapping(tab.Header, nil)
		if _, err := pactimport.Convert(tab, m); err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Fatalf("convert = %v", err)
		}
		// a row the store refuses (an unknown kind of commons) rolls back the rows before it
		b := batchOf(t, "Id;Titolo;Stato;Tipo di bene\nA;Primo;proposta;area verde\nB;Secondo;proposta;astronave\n")
		_, err = s.ImportPacts(ctx, coordinator, chieri, b, false)
		var re *pactimport.RowError
		if !errors.As(err, &re) || re.Line != 3 || !strings.Contains(re.Italian(), "astronave") {
			t.Fatalf("import = %v, want a row error on line 3", err)
		}
		if page, _ := s.Pacts(ctx, store.PactFilter{WithDrafts: true}); page.Total != 0 {
			t.Errorf("a failed import wrote %d pacts", page.Total)
		}
	})
}

func TestImportPactsPalermo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		res, err := s.ImportPacts(ctx, coordinator, chieri, batchOf(t, readSample(t, "palermo.csv")), false)
		if err != nil || res.Created != 4 {
			t.Fatalf("import = %+v, %v", res, err)
		}
		markers, _ := s.PactMarkers(ctx, store.PactFilter{Body: "comune-di-chieri"})
		if len(markers) != 3 {
			t.Errorf("markers = %d, want 3 (one row has no coordinates)", len(markers))
		}
		res, err = s.ImportPacts(ctx, coordinator, chieri, batchOf(t, readSample(t, "palermo.csv")), false)
		if err != nil || res.Unchanged != 4 {
			t.Errorf("second import = %+v, %v", res, err)
		}
		if r, _ := s.Search(ctx, store.SearchQuery{Text: "Rossi"}); r.Total != 0 {
			t.Errorf("a representative's name is searchable: %+v", r.Hits)
		}
	})
}
