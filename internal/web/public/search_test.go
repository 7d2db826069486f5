package public_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/browsertest"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
	"github.com/chromedp/chromedp"
)

func TestSearchPageFindsInflectedWordsAndHighlights(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/cerca?q=comunicare")
		if code != 200 {
			t.Fatalf("GET /cerca?q=comunicare = %d", code)
		}
		for _, want := range []string{
			`value="comunicare"`,
			`<mark>Comunicazione</mark> esterna`,
			`href="/tappe/collegno-2021#tables-title"`,
			`risultati per «comunicare»`,
			`<span class="badge bg-secondary">Tavolo di lavoro</span>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("search page lacks %q", want)
			}
		}
		_, acts := s.Get(t, "/cerca?q=beni+immateriali&categoria=attivita")
		if !strings.Contains(acts, `href="/tappe/chieri-2020">Primo tavolo`) || strings.Contains(acts, "In: Primo tavolo") {
			t.Error("an activity result should link to its stage and not say it is part of itself")
		}
		theme := `href="/cerca?categoria=attivita&amp;q=Beni&#43;comuni&#43;immateriali"`
		_, all := s.Get(t, "/cerca?q=beni+immateriali")
		if !strings.Contains(all, theme) {
			t.Error("a theme result should link to the activities on the theme")
		}
		if code, onTheme := s.Get(t, "/cerca?categoria=attivita&q=Beni+comuni+immateriali"); code != 200 || !strings.Contains(onTheme, `href="/tappe/collegno-2021"`) {
			t.Errorf("the theme's link = %d, without the activities on the theme", code)
		}
		_, bodies := s.Get(t, "/cerca?q=genova&categoria=ente")
		if strings.Count(bodies, `badge bg-secondary">Ente<`) == 0 || strings.Contains(bodies, `badge bg-secondary">Attività<`) {
			t.Error("categoria=ente should list bodies only")
		}
		_, typed := s.Get(t, "/cerca?q=amministrazione&tipo=formazione")
		if !strings.Contains(typed, "· <span>Formazione</span></p>") || strings.Contains(typed, "· <span>Co-progettazione</span></p>") {
			t.Error("tipo=formazione should list Formazione results only")
		}
	})
}

func TestSearchPageEscapesWhatItHighlights(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		err := s.Store.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateBody(ctx, store.NewBody{Slug: "pericolosa", Name: `Associazione <script>alert(1)</script> Lanterna`,
				Kind: domain.KindAssociazione, Description: `Cura della <b>lanterna</b> & del porto`})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, body := s.Get(t, "/cerca?q=lanterna")
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>lanterna") {
			t.Fatal("the search page shows stored HTML unescaped")
		}
		for _, want := range []string{`&lt;script&gt;alert(1)&lt;/script&gt; <mark>Lanterna</mark>`, `Cura della &lt;b&gt;<mark>lanterna</mark>&lt;/b&gt; &amp; del porto`} {
			if !strings.Contains(body, want) {
				t.Errorf("search page lacks %q", want)
			}
		}
	})
}

func TestSearchPageRejectsBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		long := strings.Repeat("a", 201)
		for _, query := range []string{"q=", "q=+++", "q=&categoria=attivita"} {
			code, body := s.Get(t, "/cerca?"+query)
			if code != 200 || !strings.Contains(body, "Scrivi almeno una parola") || !strings.Contains(body, `id="search-q"`) {
				t.Errorf("/cerca?%s = %d: an empty search must show the form asking for words", query, code)
			}
		}
		for _, c := range []struct{ query, message string }{
			{"q=" + long, "al massimo 200 caratteri"},
			{"q=patti&pagina=zero", "numero di pagina"},
			{"q=patti&pagina=-1", "numero di pagina"},
			{"q=patti&categoria=evento", "La categoria indicata non esiste"},
			{"q=patti&tipo=concerti", "Il tipo di attività indicato non esiste"},
		} {
			code, body := s.Get(t, "/cerca?"+c.query)
			if code != 400 {
				t.Errorf("/cerca?%s = %d, want 400", c.query, code)
			}
			if !strings.Contains(body, c.message) {
				t.Errorf("/cerca?%s does not say %q", c.query, c.message)
			}
			if !strings.Contains(body, `id="search-q"`) {
				t.Errorf("/cerca?%s does not show the form again", c.query)
			}
		}
		if code, body := s.Get(t, "/cerca?q=patti&categoria=evento"); code != 400 || !strings.Contains(body, `value="patti"`) {
			t.Error("a rejected search loses what was typed")
		}
		if code, _ := s.Get(t, "/cerca?q="+url.QueryEscape("è")+"&pagina=1"); code != 200 {
			t.Errorf("a query of stop words = %d, want 200 with a hint", code)
		}
		if code, _ := s.Get(t, "/cerca?q=patti&pagina=50"); code != 404 {
			t.Errorf("a page past the last = %d, want 404", code)
		}
		if code, body := s.Get(t, "/cerca"); code != 200 || !strings.Contains(body, `id="search-q"`) {
			t.Errorf("/cerca without a query = %d", code)
		}
	})
}

func TestSearchPagePaginates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		err := s.Store.InTx(ctx, func(tx *store.Tx) error {
			for i := range 25 {
				if _, err := tx.CreateBody(ctx, store.NewBody{Slug: "giardino-" + string(rune('a'+i)), Name: "Giardino condiviso " + string(rune('A'+i)), Kind: domain.KindAssociazione}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		_, first := s.Get(t, "/cerca?q=giardini")
		_, second := s.Get(t, "/cerca?q=giardini&pagina=2")
		if n := strings.Count(first, `<mark>Giardino</mark>`); n != 20 {
			t.Errorf("first page shows %d results, want 20", n)
		}
		if n := strings.Count(second, `<mark>Giardino</mark>`); n != 5 {
			t.Errorf("second page shows %d results, want 5", n)
		}
		if !strings.Contains(first, `href="/cerca?pagina=2&amp;q=giardini"`) || !strings.Contains(first, "25 risultati") {
			t.Error("first page lacks the link to the next one or the total")
		}
	})
}

func TestBrowserHeaderSearch(t *testing.T) {
	s := NewSite(t, store.SQLite)
	ctx := browsertest.Timeout(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/enti"),
		chromedp.SendKeys(chromedp.CSS(`#header-search-q`), "beni immateriali"),
		chromedp.Submit(chromedp.CSS(`#header-search-q`)),
		chromedp.WaitVisible(chromedp.CSS(`.bc-search-results`)),
	); err != nil {
		t.Fatal(err)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".bc-search-results h2 mark")).map(e => e.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`label[for="header-search-q"]`)))
	if err != nil {
		t.Fatal(err)
	}
	value, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#search-q`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) == 0 || !strings.EqualFold(marks[0], "Beni") {
		t.Errorf("highlighted words in result titles = %q", marks)
	}
	if value != "beni immateriali" {
		t.Errorf("the search page's box holds %q", value)
	}
	if label == "" {
		t.Error("the header search box has no label")
	}
}
