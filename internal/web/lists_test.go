package web_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// newSiteWith serves a store holding exactly ds.
func newSiteWith(t *testing.T, d store.Dialect, ds dataset.Dataset) *site {
	t.Helper()
	st := storetest.Open(t, d)
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
		t.Fatalf("load dataset: %v", err)
	}
	return newSiteOn(t, st)
}

func TestStageListShowsEveryStageInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		code, body := s.get(t, "/tappe")
		if code != 200 {
			t.Fatalf("GET /tappe = %d", code)
		}
		page := parseDOM(t, body).main()
		if h1 := page.tag("h1"); len(h1) != 1 || h1[0].text() != "Le tappe della rete" {
			t.Errorf("h1 = %q", texts(h1))
		}
		var stages []string
		for _, h := range page.tag("a") {
			if strings.HasPrefix(h.attr("href"), "/tappe/") {
				stages = append(stages, h.attr("href"))
			}
		}
		want := []string{"/tappe/chieri-2020", "/tappe/collegno-2021", "/tappe/genova-2021", "/tappe/sant-antonino-di-susa-2021", "/tappe/barge-2022"}
		if !slices.Equal(stages, want) {
			t.Errorf("stage links = %q, want %q", stages, want)
		}
		var dates []string
		for _, tm := range page.tag("time") {
			dates = append(dates, tm.attr("datetime")+" "+tm.text())
		}
		if !slices.Equal(dates, []string{"2020-12-11 11 dicembre 2020", "2021-03-12 12 marzo 2021", "2021-09-21 21 settembre 2021",
			"2021-12-15 15 dicembre 2021", "2022-02-17 17 febbraio 2022"}) {
			t.Errorf("dates = %q", dates)
		}
	})
}

var counterExplained = regexp.MustCompile(`Il contatore mostra (\d+) attività: (\d+) pubblicate su questo sito e (\d+) svolte in precedenza`)

// activityLinks returns the links to activity pages in the main content.
func activityLinks(page dom) []string {
	var out []string
	for _, h := range page.hrefs() {
		if strings.HasPrefix(h, "/tappe/") || strings.HasPrefix(h, "/attivita/") {
			out = append(out, h)
		}
	}
	return out
}

func TestEachHomeCounterLeadsToItsList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		_, body := s.get(t, "/")
		home := parseDOM(t, body).main()
		counters := home.labelled("counters-title").tag("a")
		if len(counters) != 5 {
			t.Fatalf("home shows %d counter links, want 5", len(counters))
		}
		published := map[string]int{"eventi-pubblici": 0, "formazione": 1, "co-progettazione": 3, "beni-community": 0, "networking": 1}
		for _, a := range counters {
			href := a.attr("href")
			slug, ok := strings.CutPrefix(href, "/attivita?tipo=")
			if !ok {
				t.Errorf("counter %q links to %q", a.text(), href)
				continue
			}
			shown, err := strconv.Atoi(strings.Fields(a.text())[0])
			if err != nil {
				t.Errorf("counter %q does not start with its number", a.text())
				continue
			}
			code, body := s.get(t, href)
			if code != 200 {
				t.Errorf("GET %s = %d", href, code)
				continue
			}
			list := parseDOM(t, body).main()
			m := counterExplained.FindStringSubmatch(list.text())
			if m == nil {
				t.Errorf("%s does not explain its counter: %q", href, list.text())
				continue
			}
			total, pub, base := atoi(m[1]), atoi(m[2]), atoi(m[3])
			if total != shown || total != pub+base {
				t.Errorf("%s explains %d = %d + %d, home shows %d", href, total, pub, base, shown)
			}
			if pub != published[slug] || len(activityLinks(list)) != pub {
				t.Errorf("%s: %d published, %d listed; want %d", href, pub, len(activityLinks(list)), published[slug])
			}
			if h1 := list.tag("h1"); len(h1) != 1 || !strings.Contains(a.text(), h1[0].text()) {
				t.Errorf("%s heading %q does not name the counter %q", href, texts(h1), a.text())
			}
		}
	})
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func TestActivityListFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		code, body := s.get(t, "/attivita")
		if code != 200 {
			t.Fatalf("GET /attivita = %d", code)
		}
		all := activityLinks(parseDOM(t, body).main())
		// Newest first.
		want := []string{"/tappe/barge-2022", "/tappe/sant-antonino-di-susa-2021", "/tappe/genova-2021", "/tappe/collegno-2021", "/tappe/chieri-2020"}
		if !slices.Equal(all, want) {
			t.Errorf("all activities = %q, want %q", all, want)
		}
		_, body = s.get(t, "/attivita?tipo=co-progettazione")
		if got := activityLinks(parseDOM(t, body).main()); !slices.Equal(got, []string{"/tappe/barge-2022", "/tappe/collegno-2021", "/tappe/chieri-2020"}) {
			t.Errorf("co-progettazione = %q", got)
		}
		_, body = s.get(t, "/attivita?tipo=eventi-pubblici")
		if !strings.Contains(parseDOM(t, body).main().text(), "Nessuna attività pubblicata per questo tipo") {
			t.Error("an empty type does not say so")
		}
		code, body = s.get(t, "/attivita?tipo=sagre")
		if code != 400 || !strings.Contains(body, "Il tipo di attività indicato non esiste") {
			t.Errorf("unknown type = %d, %q", code, excerpt(body, "<h1"))
		}
	})
}

func TestBodyListAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newSite(t, d)
		code, body := s.get(t, "/enti")
		if code != 200 {
			t.Fatalf("GET /enti = %d", code)
		}
		page := parseDOM(t, body).main()
		if !strings.Contains(page.text(), "31 enti") {
			t.Errorf("the list does not say how many bodies: %q", page.text()[:200])
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

		_, body = s.get(t, "/enti?tipo=citta_metropolitana")
		if got := sortedKeys(bodyRows(parseDOM(t, body).main())); !slices.Equal(got, []string{"Città metropolitana di Genova"}) {
			t.Errorf("città metropolitane = %q", got)
		}
		_, body = s.get(t, "/enti?regione=Liguria")
		liguria := bodyRows(parseDOM(t, body).main())
		if len(liguria) != 9 || liguria["Comune di Genova"] == nil || liguria["Comune di Torino"] != nil {
			t.Errorf("Liguria = %q", sortedKeys(liguria))
		}
		_, body = s.get(t, "/enti?tipo=comune&regione=Liguria")
		if got := bodyRows(parseDOM(t, body).main()); len(got) != 6 || got["Città metropolitana di Genova"] != nil {
			t.Errorf("comuni in Liguria = %q", sortedKeys(got))
		}
		sel := parseDOM(t, body).find(func(n *htmlNode) bool { return n.Data == "option" && attrOf(n, "value") == "Liguria" })
		if !sel.ok() || !hasAttr(sel, "selected") {
			t.Error("the chosen region is not selected again in the form")
		}

		for path, says := range map[string]string{
			"/enti?tipo=castello":     "Il tipo di ente indicato non esiste",
			"/enti?regione=Atlantide": "La regione indicata non è tra quelle degli enti",
		} {
			code, body := s.get(t, path)
			if code != 400 || !strings.Contains(body, says) || !strings.Contains(body, "Richiesta non valida") {
				t.Errorf("GET %s = %d, want 400 saying %q", path, code, says)
			}
		}
	})
}

// bodyRows reads the bodies table: name → the other cells.
func bodyRows(page dom) map[string][]string {
	out := map[string][]string{}
	for _, table := range page.tag("table") {
		for _, tr := range table.first("tbody").tag("tr") {
			th := tr.first("th")
			out[th.text()] = texts(tr.tag("td"))
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
		s := newSiteWith(t, d, manyBodies())
		pageOf := func(path string) (dom, []string) {
			t.Helper()
			code, body := s.get(t, path)
			if code != 200 {
				t.Fatalf("GET %s = %d", path, code)
			}
			p := parseDOM(t, body).main()
			return p, sortedKeys(bodyRows(p))
		}
		rel := func(p dom, r string) string {
			return p.find(func(n *htmlNode) bool { return n.Data == "a" && attrOf(n, "rel") == r }).attr("href")
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
		if rel(p3, "next") != "" || !strings.Contains(p3.text(), "Pagina 3 di 3") {
			t.Errorf("page 3: next %q, text %q", rel(p3, "next"), p3.text())
		}

		// Filters survive paging.
		f2, frows := pageOf("/enti?regione=Piemonte&pagina=2")
		if len(frows) != 10 || rel(f2, "prev") != "/enti?regione=Piemonte" {
			t.Errorf("Piemonte page 2: %d rows, prev %q", len(frows), rel(f2, "prev"))
		}

		for _, path := range []string{"/enti?pagina=0", "/enti?pagina=abc", "/enti?pagina=-1", "/enti?pagina=1.5", "/attivita?pagina=0", "/attivita?pagina=x"} {
			code, body := s.get(t, path)
			if code != 400 || !strings.Contains(body, "Il numero di pagina deve essere un numero intero positivo") {
				t.Errorf("GET %s = %d, want 400 saying what to fix", path, code)
			}
		}
		for _, path := range []string{"/enti?pagina=4", "/enti?regione=Piemonte&pagina=3", "/attivita?pagina=2"} {
			code, body := s.get(t, path)
			if code != 404 || !strings.Contains(body, "Pagina non trovata") {
				t.Errorf("GET %s = %d, want the 404 page", path, code)
			}
		}
	})
}
