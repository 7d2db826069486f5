package public_test

import (
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestBodyPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)

		code, body := s.Get(t, "/enti/comune-di-genova")
		if code != 200 {
			t.Fatalf("GET /enti/comune-di-genova = %d", code)
		}
		genova := ParseDOM(t, body).Main()
		if h1 := genova.Tag("h1"); len(h1) != 1 || h1[0].Text() != "Comune di Genova" {
			t.Errorf("h1 = %q", Texts(h1))
		}
		facts := genova.Facts()
		for term, want := range map[string]string{
			"Tipo di ente":   "Comune",
			"Provincia":      "Genova (GE)",
			"Regione":        "Liguria",
			"Codice ISTAT":   "010025",
			"Nella rete dal": "Entrato nella rete con Formazione a Genova: amministrazione condivisa e adempimenti amministrativi, 21 settembre 2021",
			"Regolamento sull'amministrazione condivisa": "non indicato",
		} {
			if facts[term] != want {
				t.Errorf("%s = %q, want %q", term, facts[term], want)
			}
		}
		if got := genova.Labelled("offices-title").Items(); !slices.Equal(got, []string{"Scuola di Amministrazione del Comune di Genova"}) {
			t.Errorf("offices = %q", got)
		}
		// The stage was hosted by the city's school: it counts for the city.
		if got := genova.Labelled("hosted-title").Items(); len(got) != 1 || !strings.HasPrefix(got[0], "Formazione a Genova") || !strings.HasSuffix(got[0], "21 settembre 2021") {
			t.Errorf("hosted = %q", got)
		}
		rows := participationRows(genova)
		want := [][]string{
			{"21 settembre 2021", "Formazione a Genova: amministrazione condivisa e adempimenti amministrativi", "Ente ospitante (tramite Scuola di Amministrazione del Comune di Genova)"},
			{"21 settembre 2021", "Formazione a Genova: amministrazione condivisa e adempimenti amministrativi", "Partecipante"},
		}
		if !slices.EqualFunc(rows, want, slices.Equal) {
			t.Errorf("participations = %q\nwant %q", rows, want)
		}

		// An office: part of its parent, and in the network with it.
		_, body = s.Get(t, "/enti/scuola-di-amministrazione-del-comune-di-genova")
		office := ParseDOM(t, body).Main().Facts()
		if office["Fa parte di"] != "Comune di Genova" || office["Tipo di ente"] != "Ufficio o struttura di un ente" {
			t.Errorf("office facts = %q", office)
		}
		if !strings.Contains(office["Nella rete dal"], "21 settembre 2021") {
			t.Errorf("office membership = %q, want its parent's", office["Nella rete dal"])
		}

		// A founder that hosted the first stage and attended later ones.
		_, body = s.Get(t, "/enti/comune-di-chieri")
		chieri := ParseDOM(t, body).Main()
		if got := chieri.Facts()["Nella rete dal"]; !strings.HasSuffix(got, "11 dicembre 2020") {
			t.Errorf("Chieri joined = %q", got)
		}
		if got := chieri.Labelled("hosted-title").Items(); len(got) != 1 || !strings.HasPrefix(got[0], "Primo tavolo intercomunale") {
			t.Errorf("Chieri hosted = %q", got)
		}
		if got := participationRows(chieri); len(got) != 2 || got[0][2] != "Ente ospitante" || got[1][2] != "Partecipante" {
			t.Errorf("Chieri participations = %q", got)
		}

		// A guest speaker is not a member.
		_, body = s.Get(t, "/enti/comune-di-verona")
		verona := ParseDOM(t, body).Main()
		if got := verona.Facts()["Nella rete dal"]; !strings.Contains(got, "Non è membro della rete") {
			t.Errorf("Verona membership = %q", got)
		}
		if got := participationRows(verona); len(got) != 1 || got[0][2] != "Relatore o ospite" {
			t.Errorf("Verona participations = %q", got)
		}
		if !strings.Contains(verona.Labelled("hosted-title").Text(), "Nessuna tappa ospitata") {
			t.Errorf("Verona hosted = %q", verona.Labelled("hosted-title").Text())
		}

		code, body = s.Get(t, "/enti/comune-di-atlantide")
		if code != 404 || !strings.Contains(body, "Pagina non trovata") {
			t.Errorf("unknown body = %d", code)
		}
	})
}

// participationRows reads a body's participations table: date, activity, role.
func participationRows(page DOM) [][]string {
	var out [][]string
	for _, tr := range page.Labelled("part-title").First("tbody").Tag("tr") {
		var cells []string
		for _, c := range tr.FindAll(func(n *HTMLNode) bool { return n.Data == "td" || n.Data == "th" }) {
			cells = append(cells, c.Text())
		}
		out = append(out, cells)
	}
	return out
}
