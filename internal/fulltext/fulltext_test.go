package fulltext

import (
	"slices"
	"strings"
	"testing"
)

func TestStemJoinsInflections(t *testing.T) {
	groups := [][]string{
		{"comunicazione", "comunicazioni", "comunicare", "comunicatore", "comunicatori"},
		{"città", "citta", "CITTÀ"},
		{"patto", "patti"},
		{"bene", "beni"},
		{"immateriale", "immateriali"},
		{"metropolitana", "metropolitane"},
		{"amministrazione", "amministrazioni"},
	}
	for _, g := range groups {
		want := Stem(g[0])
		if want == "" {
			t.Fatalf("Stem(%q) is empty", g[0])
		}
		for _, w := range g[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q like Stem(%q)", w, got, want, g[0])
			}
		}
	}
}

func TestStemKeepsCommunicationApartFromComune(t *testing.T) {
	if Stem("comunicazione") == Stem("comune") {
		t.Errorf("comunicazione and comune share the term %q", Stem("comune"))
	}
}

func TestTermsDropStopwordsAndPunctuation(t *testing.T) {
	got := Terms("Il Comune di Genova e la Città metropolitana: l'amministrazione è più condivisa")
	want := []string{Stem("Comune"), Stem("Genova"), Stem("Città"), Stem("metropolitana"), Stem("amministrazione"), Stem("condivisa")}
	if !slices.Equal(strings.Fields(got), want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	if len(QueryTerms("di la il e")) != 0 {
		t.Errorf("a query of stop words has terms: %q", QueryTerms("di la il e"))
	}
	if q := QueryTerms("beni beni comuni"); len(q) != 2 {
		t.Errorf("QueryTerms repeats terms: %q", q)
	}
	if got := Terms("2021, 010025 A1"); got != "2021 010025 a1" {
		t.Errorf("numbers: Terms = %q", got)
	}
}

func joined(segs []Segment) (text, marked string) {
	var a, b strings.Builder
	for _, s := range segs {
		a.WriteString(s.Text)
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		}
	}
	return a.String(), b.String()
}

func TestHighlightMarksInflectedWordsAndKeepsText(t *testing.T) {
	text := "Comunicare l'amministrazione: <b>comunicazioni</b> & città"
	segs := Highlight(text, QueryTerms("comunicazione citta"))
	got, marked := joined(segs)
	if got != text {
		t.Errorf("Highlight changed the text: %q", got)
	}
	if marked != "[Comunicare][comunicazioni][città]" {
		t.Errorf("marked %q", marked)
	}
}

func TestSnippetCutsAroundTheFirstMatch(t *testing.T) {
	words := make([]string, 200)
	for i := range words {
		words[i] = "parola"
	}
	words[150] = "**patti**"
	segs := Snippet(strings.Join(words, " "), QueryTerms("patto"), 20)
	text, marked := joined(segs)
	if marked != "[patti]" {
		t.Errorf("marked %q in %q", marked, text)
	}
	if !strings.HasPrefix(text, "… ") || !strings.HasSuffix(text, " …") {
		t.Errorf("a cut excerpt lacks its ellipses: %q", text)
	}
	if n := len(strings.Fields(text)); n > 23 {
		t.Errorf("excerpt has %d words: %q", n, text)
	}
	if strings.Contains(text, "*") {
		t.Errorf("Markdown left in the excerpt: %q", text)
	}
	head, _ := joined(Snippet("## Un [link](https://example.org/x)\n> e basta, a > b", nil, 20))
	if head != "Un link e basta, a > b" {
		t.Errorf("no match: %q", head)
	}
}
