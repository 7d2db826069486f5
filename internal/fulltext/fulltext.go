// Package fulltext turns Italian text into search terms and marks the words
// of a text that match a query. Both databases index the terms it produces,
// so a word is folded, lower-cased and stemmed the same way whichever
// database answers: SQLite has no Italian stemmer, and PostgreSQL's "italian"
// configuration, which we also apply there, leaves these terms unchanged.
package fulltext

import (
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/italian"
	"golang.org/x/text/unicode/norm"
)

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(italianStopwords) {
		m[fold(w)] = true
	}
	return m
}()

// envPool reuses stemmer environments: Stem is called for every word indexed.
var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// fold lower-cases a word and removes its accents: "Città" → "citta".
func fold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Stem returns the search term of one word, or "" for a word that carries
// no meaning on its own (a stop word). The Snowball Italian stemmer is
// applied until the word stops changing: that merges forms a single pass
// keeps apart (comunicare → comunic → comun, like comunicazione → comun)
// and makes PostgreSQL's own stemming of the term a no-op.
func Stem(word string) string {
	w := fold(word)
	if w == "" || stopwords[w] {
		return ""
	}
	if !isLetters(w) {
		return w // numbers and codes are kept as they are, as PostgreSQL does
	}
	w = verbOfNoun(w)
	env := envPool.Get().(*snowballstem.Env)
	defer envPool.Put(env)
	for range 8 {
		env.SetCurrent(w)
		italian.Stem(env)
		next := env.Current()
		if next == w {
			break
		}
		w = next
	}
	if stopwords[w] {
		return ""
	}
	return w
}

// nounSuffixes are endings of nouns made from verbs in -icare. Snowball cuts
// them together with the "ic" before them (comunicazione → comun), which
// joins them to unrelated words (comune → comun) and parts them from their
// verb (comunicare → comunic). Turning them back into the verb first keeps
// comunicazione, comunicazioni, comunicatore and comunicare together.
var nounSuffixes = []string{"icazione", "icazioni", "icatore", "icatori", "icatrice", "icatrici"}

func verbOfNoun(w string) string {
	for _, suf := range nounSuffixes {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 {
			return stem + "icare"
		}
	}
	return w
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isWordRune tells which characters make up words; everything else
// (spaces, punctuation, apostrophes, Markdown) separates them.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Terms returns the search terms of a text, in order, separated by spaces:
// the form stored in the index.
func Terms(text string) string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		if t := Stem(w); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}

// QueryTerms returns the distinct terms of what a person typed, in order.
// An empty result means the query has no word worth searching for.
func QueryTerms(q string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.Fields(Terms(q)) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
