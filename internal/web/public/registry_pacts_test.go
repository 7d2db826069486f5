package public_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"

	"golang.org/x/net/html"
)

// addPact writes one published pact of Genova with a file and a draft; it
// returns the pact's slug, the file's id and the draft's slug.
func addPact(t *testing.T, s *store.Store) (slug string, file int64, draft string) {
	t.Helper()
	ctx := context.Background()
	genova := bodyIDOf(t, s, "comune-di-genova")
	kinds, err := s.CommonsKinds(ctx)
	if err != nil || len(kinds) == 0 {
		t.Fatal(kinds, err)
	}
	signed := time.Date(2023, 4, 12, 0, 0, 0, 0, time.UTC)
	lat, lon, months, count := 44.4056, 8.9463, 24, 3
	id, err := s.CreatePact(ctx, coordinator, store.PactInput{BodyID: genova, Title: "Cura dei giardini di via Roma",
		Summary: "I residenti curano le aiuole.", CommonsKindID: &kinds[0].ID,
		Place:        domain.Place{Address: "Via Roma 1", Municipality: "Genova", Neighbourhood: "Centro", Latitude: &lat, Longitude: &lon},
		ProposerKind: domain.ProposerAssociation, ProposerCount: &count, ProposerOrgs: []string{"Associazione Aiuole Fiorite"},
		Status: domain.PactSigned, SignedOn: &signed, StatusOn: &signed, DurationMonths: &months,
		Act: domain.Act{Number: "45/2023", URL: "https://example.it/patto.pdf"}, Monitoring: "Tre incontri all'anno.", Published: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.PactByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	file, err = s.AddOwnerAttachment(ctx, coordinator, store.AttachmentOwner{Kind: store.OwnerPact, ID: id},
		store.RegistryFile{Section: "pact", Filename: "patto firmato.pdf", Title: "Patto firmato", ContentType: "application/pdf", Data: []byte("%PDF-1.4 patto")})
	if err != nil {
		t.Fatal(err)
	}
	did, err := s.CreatePact(ctx, coordinator, store.PactInput{BodyID: genova, Title: "Bozza riservata", Status: domain.PactProposed})
	if err != nil {
		t.Fatal(err)
	}
	dd, err := s.PactByID(ctx, did)
	if err != nil {
		t.Fatal(err)
	}
	return d.Slug, file, dd.Slug
}

func TestPactPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		// The default network has no pacts: the page says what it is for and how a body adds its own.
		code, body := s.Get(t, "/patti")
		if code != 200 {
			t.Fatalf("GET /patti = %d", code)
		}
		main := ParseDOM(t, body).Main().Text()
		for _, want := range []string{"accordo con cui un ente", "referente nell'area riservata", "Nessun ente della rete ha ancora pubblicato"} {
			if !strings.Contains(main, want) {
				t.Errorf("empty /patti lacks %q", want)
			}
		}
		for _, bad := range []string{"/patti?stato=firmato", "/patti?anno=duemila", "/patti?provincia=genova", "/patti?ente=A%20B", "/patti?dopo=-3"} {
			if code, _ := s.Get(t, bad); code != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", bad, code)
			}
		}

		slug, file, draft := addPact(t, s.Store)
		code, body = s.Get(t, "/patti/"+slug)
		if code != 200 {
			t.Fatalf("GET /patti/%s = %d", slug, code)
		}
		page := ParseDOM(t, body).Main()
		facts := page.Facts()
		for term, want := range map[string]string{
			"Ente": "Comune di Genova", "Stato": "Sottoscritto, 12 aprile 2023", "Indirizzo": "Via Roma 1",
			"Proponenti": "Associazione (3)", "Organizzazioni proponenti": "Associazione Aiuole Fiorite",
			"Sottoscritto il": "12 aprile 2023", "Durata": "24 mesi", "Scadenza": "12 aprile 2025",
		} {
			if facts[term] != want {
				t.Errorf("%s = %q, want %q", term, facts[term], want)
			}
		}
		if got := page.Labelled("history-title").Items(); len(got) != 1 || !strings.Contains(got[0], "12 aprile 2023: Sottoscritto") {
			t.Errorf("history = %q", got)
		}
		if got := page.Labelled("regulation-title").Text(); !strings.Contains(got, "non indicato") {
			t.Errorf("regulation of an unknown body = %q", got)
		}
		hrefs := page.Labelled("files-title").Hrefs()
		if len(hrefs) != 1 {
			t.Fatalf("files = %q", hrefs)
		}
		res, data := Fetch(t, s, hrefs[0], nil)
		if res.StatusCode != 200 || data != "%PDF-1.4 patto" || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("GET %s = %d %q %q", hrefs[0], res.StatusCode, res.Header.Get("Content-Type"), data)
		}
		if code, _ := s.Get(t, "/patti/"+draft); code != 404 {
			t.Errorf("a draft's page = %d, want 404", code)
		}
		_ = file

		_, body = s.Get(t, "/patti?regione=Liguria")
		page = ParseDOM(t, body).Main()
		if !strings.Contains(page.Text(), "1 patto") || strings.Contains(page.Text(), "Bozza riservata") {
			t.Errorf("filtered list = %q", Excerpt(page.Text(), "patt"))
		}
		if !strings.Contains(body, "<svg") || !strings.Contains(body, "/patti/"+slug) {
			t.Error("the map of pacts is missing")
		}
		_, body = s.Get(t, "/enti/comune-di-genova")
		if got := ParseDOM(t, body).Main().Labelled("pacts-title").Hrefs(); len(got) != 2 || got[0] != "/patti/"+slug {
			t.Errorf("body page pacts = %q", got)
		}
	})
}

// With thousands of pacts, the list walks every page by cursor and each
// filter shows its counts.
func TestPactListManyPacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.OpenDefault(t, d)
		if err := st.LoadSyntheticPacts(context.Background(), 3000, 7); err != nil {
			t.Fatal(err)
		}
		s := NewSiteOn(t, st)
		all, err := st.Pacts(context.Background(), store.PactFilter{Status: domain.PactSigned, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		path, seen, pages := "/patti?stato=sottoscritto", map[string]bool{}, 0
		for path != "" && pages < 100 {
			code, body := s.Get(t, path)
			if code != 200 {
				t.Fatalf("GET %s = %d", path, code)
			}
			pages++
			page := ParseDOM(t, body).Main()
			if pages == 1 {
				sel := page.Find(func(n *html.Node) bool { return n.Data == "select" && AttrOf(n, "name") == "stato" })
				if !strings.Contains(sel.Text(), "Sottoscritto ("+strconv.Itoa(all.Total)+")") {
					t.Errorf("status facet = %q, want %d signed", sel.Text(), all.Total)
				}
			}
			for _, th := range page.First("tbody").Tag("th") {
				h := th.Hrefs()
				if len(h) == 0 || seen[h[0]] {
					t.Fatalf("row %q repeated or without a link", th.Text())
				}
				seen[h[0]] = true
			}
			path = ""
			for _, a := range page.Tag("a") {
				if a.Attr("rel") == "next" {
					u, _ := url.Parse(a.Attr("href"))
					path = u.RequestURI()
				}
			}
		}
		if len(seen) != all.Total {
			t.Errorf("walked %d pacts in %d pages, want %d", len(seen), pages, all.Total)
		}
	})
}
