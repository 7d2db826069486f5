package public_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestStageListShowsEveryStageInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/tappe")
		if code != 200 {
			t.Fatalf("GET /tappe = %d", code)
		}
		page := ParseDOM(t, body).Main()
		if h1 := page.Tag("h1"); len(h1) != 1 || h1[0].Text() != "Le tappe della rete" {
			t.Errorf("h1 = %q", Texts(h1))
		}
		var stages []string
		for _, h := range page.Tag("a") {
			if strings.HasPrefix(h.Attr("href"), "/tappe/") {
				stages = append(stages, h.Attr("href"))
			}
		}
		want := []string{"/tappe/chieri-2020", "/tappe/collegno-2021", "/tappe/genova-2021", "/tappe/sant-antonino-di-susa-2021", "/tappe/barge-2022"}
		if !slices.Equal(stages, want) {
			t.Errorf("stage links = %q, want %q", stages, want)
		}
		var dates []string
		for _, tm := range page.Tag("time") {
			dates = append(dates, tm.Attr("datetime")+" "+tm.Text())
		}
		if !slices.Equal(dates, []string{"2020-12-11 11 dicembre 2020", "2021-03-12 12 marzo 2021", "2021-09-21 21 settembre 2021",
			"2021-12-15 15 dicembre 2021", "2022-02-17 17 febbraio 2022"}) {
			t.Errorf("dates = %q", dates)
		}
	})
}

func TestEachHomeCounterLeadsToItsList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/")
		home := ParseDOM(t, body).Main()
		counters := home.Labelled("counters-title").Tag("a")
		if len(counters) != 5 {
			t.Fatalf("home shows %d counter links, want 5", len(counters))
		}
		published := map[string]int{"eventi-pubblici": 0, "formazione": 1, "co-progettazione": 3, "beni-community": 0, "networking": 1}
		for _, a := range counters {
			href := a.Attr("href")
			slug, ok := strings.CutPrefix(href, "/attivita?tipo=")
			if !ok {
				t.Errorf("counter %q links to %q", a.Text(), href)
				continue
			}
			shown, err := strconv.Atoi(strings.Fields(a.Text())[0])
			if err != nil {
				t.Errorf("counter %q does not start with its number", a.Text())
				continue
			}
			code, body := s.Get(t, href)
			if code != 200 {
				t.Errorf("GET %s = %d", href, code)
				continue
			}
			list := ParseDOM(t, body).Main()
			m := CounterExplained.FindStringSubmatch(list.Text())
			if m == nil {
				t.Errorf("%s does not explain its counter: %q", href, list.Text())
				continue
			}
			total, pub, base := atoi(m[1]), atoi(m[2]), atoi(m[3])
			if total != shown || total != pub+base {
				t.Errorf("%s explains %d = %d + %d, home shows %d", href, total, pub, base, shown)
			}
			if pub != published[slug] || len(ActivityLinks(list)) != pub {
				t.Errorf("%s: %d published, %d listed; want %d", href, pub, len(ActivityLinks(list)), published[slug])
			}
			if h1 := list.Tag("h1"); len(h1) != 1 || !strings.Contains(a.Text(), h1[0].Text()) {
				t.Errorf("%s heading %q does not name the counter %q", href, Texts(h1), a.Text())
			}
		}
	})
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func TestActivityListFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/attivita")
		if code != 200 {
			t.Fatalf("GET /attivita = %d", code)
		}
		all := ActivityLinks(ParseDOM(t, body).Main())
		// Newest first.
		want := []string{"/tappe/barge-2022", "/tappe/sant-antonino-di-susa-2021", "/tappe/genova-2021", "/tappe/collegno-2021", "/tappe/chieri-2020"}
		if !slices.Equal(all, want) {
			t.Errorf("all activities = %q, want %q", all, want)
		}
		_, body = s.Get(t, "/attivita?tipo=co-progettazione")
		if got := ActivityLinks(ParseDOM(t, body).Main()); !slices.Equal(got, []string{"/tappe/barge-2022", "/tappe/collegno-2021", "/tappe/chieri-2020"}) {
			t.Errorf("co-progettazione = %q", got)
		}
		_, body = s.Get(t, "/attivita?tipo=eventi-pubblici")
		if !strings.Contains(ParseDOM(t, body).Main().Text(), "Nessuna attività pubblicata per questo tipo") {
			t.Error("an empty type does not say so")
		}
		code, body = s.Get(t, "/attivita?tipo=sagre")
		if code != 400 || !strings.Contains(body, "Il tipo di attività indicato non esiste") {
			t.Errorf("unknown type = %d, %q", code, Excerpt(body, "<h1"))
		}
	})
}

func TestBodyListAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/enti")
		if code != 200 {
			t.Fatalf("GET /enti = %d", code)
		}
		page := ParseDOM(t, body).Main()
		if !strings.Contains(page.Text(), "31 enti") {
			t.Errorf("the list does not say how many bodies: %q", page.Text()[:200])
		}
		rows := bodyRows(page)
		if len(rows) != 30 {
			t.Errorf("first page has %d rows, want 30", len(rows))
		}
		if got := rows["Comune di Chieri"]; !slices.Equal(got, []string{"Comune", "Torino (TO)", "Piemonte", "11 dicembre 2020"}) {
			t.Errorf("Chieri row = %q", got)
		}
		if got := rows["Comune di Verona"]; len(got) != 4 || got[3] != "non membro" {
			t.Errorf("Verona row = %q", got)
		}
		if got := rows["Comune di Savona"]; len(got) != 4 || got[3] != "15 dicembre 2021" {
			t.Errorf("Savona row = %q", got)
		}

		_, body = s.Get(t, "/enti?tipo=citta_metropolitana")
		if got := SortedKeys(bodyRows(ParseDOM(t, body).Main())); !slices.Equal(got, []string{"Città metropolitana di Genova"}) {
			t.Errorf("città metropolitane = %q", got)
		}
		_, body = s.Get(t, "/enti?regione=Liguria")
		liguria := bodyRows(ParseDOM(t, body).Main())
		if len(liguria) != 9 || liguria["Comune di Genova"] == nil || liguria["Comune di Torino"] != nil {
			t.Errorf("Liguria = %q", SortedKeys(liguria))
		}
		_, body = s.Get(t, "/enti?tipo=comune&regione=Liguria")
		if got := bodyRows(ParseDOM(t, body).Main()); len(got) != 6 || got["Città metropolitana di Genova"] != nil {
			t.Errorf("comuni in Liguria = %q", SortedKeys(got))
		}
		sel := ParseDOM(t, body).Find(func(n *HTMLNode) bool { return n.Data == "option" && AttrOf(n, "value") == "Liguria" })
		if !sel.OK() || !HasAttr(sel, "selected") {
			t.Error("the chosen region is not selected again in the form")
		}

		for path, says := range map[string]string{
			"/enti?tipo=castello":     "Il tipo di ente indicato non esiste",
			"/enti?regione=Atlantide": "La regione indicata non è tra quelle degli enti",
		} {
			code, body := s.Get(t, path)
			if code != 400 || !strings.Contains(body, says) || !strings.Contains(body, "Richiesta non valida") {
				t.Errorf("GET %s = %d, want 400 saying %q", path, code, says)
			}
		}
	})
}

// bodyRows reads the bodies table: name → the other cells.
func bodyRows(page DOM) map[string][]string {
	out := map[string][]string{}
	for _, table := range page.Tag("table") {
		for _, tr := range table.First("tbody").Tag("tr") {
			th := tr.First("th")
			out[th.Text()] = Texts(tr.Tag("td"))
		}
	}
	return out
}

// manyBodies is a network with 65 bodies, 40 of them in Piemonte.
func manyBodies() dataset.Dataset {
	ds := dataset.Dataset{
		Network:       dataset.Network{Name: "Rete grande"},
		ActivityTypes: []dataset.ActivityType{{Slug: "incontri", Name: "Incontri"}},
	}
	for i := 1; i <= 65; i++ {
		region := "Piemonte"
		if i > 40 {
			region = "Liguria"
		}
		ds.Bodies = append(ds.Bodies, dataset.Body{Slug: fmt.Sprintf("comune-%02d", i), Name: fmt.Sprintf("Comune di Prova %02d", i), Kind: "comune", Region: region})
	}
	return ds
}

func TestPagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSiteWith(t, d, manyBodies())
		pageOf := func(path string) (DOM, []string) {
			t.Helper()
			code, body := s.Get(t, path)
			if code != 200 {
				t.Fatalf("GET %s = %d", path, code)
			}
			p := ParseDOM(t, body).Main()
			return p, SortedKeys(bodyRows(p))
		}
		rel := func(p DOM, r string) string {
			return p.Find(func(n *HTMLNode) bool { return n.Data == "a" && AttrOf(n, "rel") == r }).Attr("href")
		}

		p1, rows1 := pageOf("/enti")
		p2, rows2 := pageOf("/enti?pagina=2")
		p3, rows3 := pageOf("/enti?pagina=3")
		if len(rows1) != 30 || len(rows2) != 30 || len(rows3) != 5 {
			t.Fatalf("pages have %d, %d, %d rows; want 30, 30, 5", len(rows1), len(rows2), len(rows3))
		}
		if rows1[0] != "Comune di Prova 01" || rows2[0] != "Comune di Prova 31" || rows3[4] != "Comune di Prova 65" {
			t.Errorf("pages start at %s, %s and end at %s", rows1[0], rows2[0], rows3[4])
		}
		if rel(p1, "prev") != "" || rel(p1, "next") != "/enti?pagina=2" {
			t.Errorf("page 1 links: prev %q next %q", rel(p1, "prev"), rel(p1, "next"))
		}
		if rel(p2, "prev") != "/enti" || rel(p2, "next") != "/enti?pagina=3" {
			t.Errorf("page 2 links: prev %q next %q", rel(p2, "prev"), rel(p2, "next"))
		}
		if rel(p3, "next") != "" || !strings.Contains(p3.Text(), "Pagina 3 di 3") {
			t.Errorf("page 3: next %q, text %q", rel(p3, "next"), p3.Text())
		}

		// Filters survive paging.
		f2, frows := pageOf("/enti?regione=Piemonte&pagina=2")
		if len(frows) != 10 || rel(f2, "prev") != "/enti?regione=Piemonte" {
			t.Errorf("Piemonte page 2: %d rows, prev %q", len(frows), rel(f2, "prev"))
		}

		for _, path := range []string{"/enti?pagina=0", "/enti?pagina=abc", "/enti?pagina=-1", "/enti?pagina=1.5", "/attivita?pagina=0", "/attivita?pagina=x"} {
			code, body := s.Get(t, path)
			if code != 400 || !strings.Contains(body, "Il numero di pagina deve essere un numero intero positivo") {
				t.Errorf("GET %s = %d, want 400 saying what to fix", path, code)
			}
		}
		for _, path := range []string{"/enti?pagina=4", "/enti?regione=Piemonte&pagina=3", "/attivita?pagina=2"} {
			code, body := s.Get(t, path)
			if code != 404 || !strings.Contains(body, "Pagina non trovata") {
				t.Errorf("GET %s = %d, want the 404 page", path, code)
			}
		}
	})
}
