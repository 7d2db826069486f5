package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// syntheticWords is the vocabulary of the synthetic network: words of the
// network's own field, in several inflections, so stemming has work to do.
var syntheticWords = strings.Fields(`amministrazione amministrazioni condivisa condivise beni bene comuni comune
patto patti collaborazione collaborazioni cittadini cittadinanza attiva regolamento regolamenti comunicazione
comunicare comunicazioni formazione formativo percorso percorsi tavolo tavoli restituzione giardino giardini
piazza piazze scuola scuole biblioteca biblioteche volontari volontariato quartiere quartieri cura manutenzione
verde urbano rigenerazione spazi spazio pubblico pubblici progetto progettazione co-progettazione associazione
associazioni rete incontro incontri laboratorio laboratori sicurezza responsabilità assicurazione immateriali
digitale digitali sportello uffici ufficio dirigenti funzionari sindaci assessori territorio montagna valle
lago fiume sentiero sentieri memoria cultura culturale festa mercato orti orto energia comunità`)

var syntheticPlaces = strings.Fields(`Torino Genova Milano Aosta Cuneo Asti Alessandria Novara Biella Vercelli Savona
Imperia Spezia Bergamo Brescia Como Lecco Lodi Mantova Pavia Sondrio Varese Cremona Chieri Collegno Barge Ivrea`)

// fillerWords are 4,096 made-up words (three syllables and a vowel) that
// give the texts a realistic spread: one word in ten is a word of the
// field, so a common stem such as "comunic" is in about a third of the
// long activity texts rather than in all of them.
var fillerWords = func() []string {
	syl := strings.Fields("ba ce di fo gu la me ni po ru sa te vi zo ca re")
	var out []string
	for _, a := range syl {
		for _, b := range syl {
			for _, c := range syl {
				out = append(out, a+b+c+"o")
			}
		}
	}
	return out
}()

func syntheticText(r *rand.Rand, words int) string {
	parts := make([]string, words)
	for i := range parts {
		if r.IntN(10) == 0 {
			parts[i] = syntheticWords[r.IntN(len(syntheticWords))]
		} else {
			parts[i] = fillerWords[r.IntN(len(fillerWords))]
		}
	}
	return strings.Join(parts, " ")
}

// syntheticNetwork is the default network grown to n activities, with
// 1,500 bodies, 40 themes and tables and reports on most activities.
func syntheticNetwork(b *testing.B, n int) dataset.Dataset {
	ds, err := dataset.Default()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		ds.Themes = append(ds.Themes, dataset.Theme{Slug: fmt.Sprintf("tema-%d", i), Name: syntheticText(r, 4)})
	}
	for i := range 1500 {
		place := syntheticPlaces[r.IntN(len(syntheticPlaces))]
		ds.Bodies = append(ds.Bodies, dataset.Body{Slug: fmt.Sprintf("ente-%d", i), Name: fmt.Sprintf("%s %s %d", strings.ToUpper(syntheticText(r, 1)[:1])+syntheticText(r, 1), place, i),
			Kind: "associazione", Province: place, Description: syntheticText(r, 25)})
	}
	day := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a := dataset.Activity{
			Slug: fmt.Sprintf("attivita-%d", i), Title: syntheticText(r, 6) + " a " + syntheticPlaces[r.IntN(len(syntheticPlaces))],
			Type: ds.ActivityTypes[r.IntN(len(ds.ActivityTypes))].Slug, Status: "published",
			Date: day.AddDate(0, 0, i/8).Format(time.DateOnly), Format: "online",
			Headline: syntheticText(r, 10), Summary: syntheticText(r, 30), Description: syntheticText(r, 120),
			Participations: []dataset.Participation{{Body: fmt.Sprintf("ente-%d", r.IntN(1500)), Role: "host"}},
		}
		if i%10 == 9 {
			a.Status = "draft"
		}
		if i%2 == 0 {
			a.OutcomeReport = syntheticText(r, 80)
		}
		for k := range r.IntN(3) {
			a.Tables = append(a.Tables, dataset.BreakoutTable{Title: syntheticText(r, 4), Theme: fmt.Sprintf("tema-%d", (i+k)%40), Outcome: syntheticText(r, 30)})
		}
		ds.Activities = append(ds.Activities, a)
	}
	return ds
}

// BenchmarkSearch10k measures search on a network of 10,000 activities
// (about 24,000 indexed documents) on both databases. Loading the network
// is set-up, outside the timings. Figures: docs/benchmarks.md.
func BenchmarkSearch10k(b *testing.B) {
	ds := syntheticNetwork(b, 10_000)
	ctx := context.Background()
	for _, d := range storetest.Dialects {
		s := storetest.Open(b, d)
		start := time.Now()
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, ds) }); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded and indexed 10,000 activities in %v", d, time.Since(start).Round(time.Millisecond))
		for _, c := range []struct {
			name string
			q    store.SearchQuery
		}{
			{"common-word", store.SearchQuery{Text: "comunicazione"}},
			{"two-words", store.SearchQuery{Text: "beni comuni"}},
			{"rare-words", store.SearchQuery{Text: "sentieri montagna memoria"}},
			{"place", store.SearchQuery{Text: "Genova"}},
			{"kind-and-type", store.SearchQuery{Text: "giardini", Kind: store.SearchTable, TypeSlug: "formazione"}},
			{"page-10", store.SearchQuery{Text: "patti", Offset: 180}},
		} {
			c.q.Limit = 20
			b.Run(string(d)+"/"+c.name, func(b *testing.B) {
				var total int
				for b.Loop() {
					res, err := s.Search(ctx, c.q)
					if err != nil {
						b.Fatal(err)
					}
					total = res.Total
				}
				if total == 0 {
					b.Fatalf("%q finds nothing", c.q.Text)
				}
				b.ReportMetric(float64(total), "results")
			})
		}
	}
}
