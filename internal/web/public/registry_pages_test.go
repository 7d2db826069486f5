package public_test

import (
	"context"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestRegulationsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		if err := s.Store.SetRegulation(context.Background(), coordinator, bodyIDOf(t, s.Store, "comune-di-genova"), store.RegulationInput{Status: "adopted"}); err != nil {
			t.Fatal(err)
		}
		code, body := s.Get(t, "/regolamenti?ordina=stato")
		if code != 200 {
			t.Fatalf("GET /regolamenti = %d", code)
		}
		page := ParseDOM(t, body).Main()
		rows := page.First("tbody").Tag("tr")
		if len(rows) == 0 {
			t.Fatal("no member listed")
		}
		// "adottato" sorts first; every other member is not known, never "non adottato".
		if got := rows[0].Text(); !strings.Contains(got, "Comune di Genova") || !strings.Contains(got, "adottato") {
			t.Errorf("first row = %q", got)
		}
		for _, r := range rows[1:] {
			if !strings.Contains(r.Text(), "non indicato") {
				t.Errorf("row %q: want non indicato", r.Text())
			}
		}
		cov := page.Labelled("coverage-title").Text()
		if !strings.Contains(cov, "1 enti hanno adottato") && !strings.Contains(cov, "Oggi: 1") {
			t.Errorf("coverage = %q", cov)
		}
		if !strings.Contains(body, "<svg") {
			t.Error("no map")
		}
		_, body = s.Get(t, "/regolamenti?regione=Liguria")
		for _, r := range ParseDOM(t, body).Main().First("tbody").Tag("tr") {
			if !strings.Contains(r.Text(), "Liguria") {
				t.Errorf("region filter kept %q", r.Text())
			}
		}
		for _, bad := range []string{"/regolamenti?ordina=colore", "/regolamenti?regione=Atlantide", "/regolamenti?provincia=XX"} {
			if code, _ := s.Get(t, bad); code != 400 {
				t.Errorf("GET %s = %d, want 400", bad, code)
			}
		}
	})
}

func TestPracticesPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/buone-pratiche")
		text := ParseDOM(t, body).Main().Text()
		if !strings.Contains(text, "Nessuna buona pratica") || !strings.Contains(text, "referente nell'area riservata") {
			t.Errorf("empty library = %q", text)
		}
		id, err := s.Store.CreatePractice(context.Background(), coordinator, store.PracticeInput{BodyID: bodyIDOf(t, s.Store, "comune-di-genova"),
			Title: "Orti condivisi nelle scuole", Problem: "Cortili vuoti.", Actions: "Un patto con i genitori.", Published: true})
		if err != nil {
			t.Fatal(err)
		}
		_ = id
		_, body = s.Get(t, "/buone-pratiche")
		hrefs := ParseDOM(t, body).Main().Labelled("practices-title").Hrefs()
		if len(hrefs) == 0 || !strings.HasPrefix(hrefs[0], "/buone-pratiche/") {
			t.Fatalf("practices = %q", hrefs)
		}
		code, body := s.Get(t, hrefs[0])
		if code != 200 || !strings.Contains(ParseDOM(t, body).Main().Labelled("actions-title").Text(), "Un patto con i genitori") {
			t.Errorf("GET %s = %d", hrefs[0], code)
		}
		if code, _ := s.Get(t, "/buone-pratiche?tema=non-esiste"); code != 400 {
			t.Errorf("unknown theme = %d, want 400", code)
		}
	})
}

// Training materials are shown under their own heading, apart from the
// outcome report's files.
func TestActivityTrainingMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		a, err := s.Store.ActivityDetail(ctx, "genova-2021")
		if err != nil {
			t.Fatal(err)
		}
		who := store.Actor{Email: "coordinamento@example.it"}
		for _, f := range []store.NewAttachment{
			{ActivityID: a.ID, Section: "training", Filename: "slide.pdf", Title: "Slide del corso", ContentType: "application/pdf", Data: []byte("%PDF slide")},
			{ActivityID: a.ID, Section: "outcome", Filename: "verbale.pdf", Title: "Verbale", ContentType: "application/pdf", Data: []byte("%PDF verbale")},
		} {
			if _, err := s.Store.AddAttachment(ctx, who, f); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Store.AddTrainingLink(ctx, coordinator, a.ID, "Registrazione", "https://example.it/video"); err != nil {
			t.Fatal(err)
		}
		_, body := s.Get(t, "/tappe/genova-2021")
		page := ParseDOM(t, body).Main()
		training := page.Labelled("training-title").Items()
		if len(training) != 2 || !strings.Contains(training[0], "Slide del corso") || !strings.Contains(training[1], "Registrazione") {
			t.Errorf("training = %q", training)
		}
		files := page.Labelled("attachments-title").Items()
		if len(files) != 1 || !strings.Contains(files[0], "Verbale") {
			t.Errorf("attachments = %q", files)
		}
	})
}

// Search finds pacts, regulations and practices, says their kind, filters
// by it and links each to its page (a regulation to its body's).
func TestSearchFindsTheRegistry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		slug, _, _ := addPact(t, s.Store)
		genova := bodyIDOf(t, s.Store, "comune-di-genova")
		if err := s.Store.SetRegulation(ctx, coordinator, genova, store.RegulationInput{Status: "adopted", Title: "Regolamento giardini condivisi"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Store.CreatePractice(ctx, coordinator, store.PracticeInput{BodyID: genova, Title: "Giardini scolastici aperti", Published: true}); err != nil {
			t.Fatal(err)
		}
		for param, want := range map[string]string{"patto": "/patti/" + slug, "regolamento": "/enti/comune-di-genova#regulation-title", "buona-pratica": "/buone-pratiche/giardini-scolastici-aperti"} {
			code, body := s.Get(t, "/cerca?q=giardini&categoria="+param)
			if code != 200 {
				t.Fatalf("search %s = %d", param, code)
			}
			main := ParseDOM(t, body).Main()
			found := false
			for _, h := range main.Hrefs() {
				found = found || h == want
			}
			if !found {
				t.Errorf("search in %s: no link to %s in %q", param, want, main.Hrefs())
			}
		}
		_, body := s.Get(t, "/cerca?q=giardini")
		text := ParseDOM(t, body).Main().Text()
		for _, kind := range []string{"Patto di collaborazione", "Regolamento", "Buona pratica"} {
			if !strings.Contains(text, kind) {
				t.Errorf("results do not say the kind %q", kind)
			}
		}
	})
}
