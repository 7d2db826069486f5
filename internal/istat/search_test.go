package istat

import (
	"slices"
	"strings"
	"testing"
)

func TestSearchPrefixByPopulation(t *testing.T) {
	r := mustLoad(t)
	got := r.Search("geno", 10)
	if len(got) == 0 || got[0].Name != "Genova" {
		t.Fatalf("Search(geno) = %v, want Genova first", names(got))
	}
	// Genova, Genola and Genoni all start with "geno"; then come names
	// where only a later word starts with it.
	if want := []string{"Genova", "Genola", "Genoni", "Castiglione del Genovesi"}; len(got) < len(want) || !slices.Equal(names(got[:len(want)]), want) {
		t.Errorf("Search(geno) starts %v, want %v", names(got), want)
	}
}

func TestSearchAccents(t *testing.T) {
	r := mustLoad(t)
	got := names(r.Search("citta", 0))
	for _, want := range []string{"Città di Castello", "Città della Pieve", "Città Sant'Angelo", "Cittadella"} {
		if !slices.Contains(got, want) {
			t.Errorf("Search(citta) = %v, missing %q", got, want)
		}
	}
	// The accented query finds the same names.
	if accented := names(r.Search("CITTÀ", 0)); !slices.Equal(accented, got) {
		t.Errorf("Search(CITTÀ) = %v, want %v", accented, got)
	}
}

func TestSearchWordPrefix(t *testing.T) {
	r := mustLoad(t)
	got := names(r.Search("antonino", 0))
	if !slices.Contains(got, "Sant'Antonino di Susa") {
		t.Errorf("Search(antonino) = %v, want Sant'Antonino di Susa", got)
	}
}

func TestSearchEmpty(t *testing.T) {
	r := mustLoad(t)
	for _, q := range []string{"", "   ", "'-'", "zzzqqq"} {
		if got := r.Search(q, 10); got != nil {
			t.Errorf("Search(%q) = %v, want nil", q, names(got))
		}
	}
}

// The ordering rule, checked over whole result lists: prefix matches, then
// word-prefix, then substring; most populous first within each group; and
// nothing that contains the query is left out.
func TestSearchOrderAndCompleteness(t *testing.T) {
	r := mustLoad(t)
	for _, q := range []string{"san", "monte", "castel", "a", "ove", "d'a", "Vallée"} {
		got := r.Search(q, 0)
		key := searchKey(q)
		want := 0
		for _, c := range r.All() {
			if strings.Contains(searchKey(c.Name), key) {
				want++
			}
		}
		if len(got) != want {
			t.Errorf("Search(%q) returned %d comuni, want %d", q, len(got), want)
		}
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			ta, tb := matchGroup(a.Name, key), matchGroup(b.Name, key)
			if ta > tb || ta == tb && a.Population < b.Population {
				t.Errorf("Search(%q): %s (group %d, %d) before %s (group %d, %d)",
					q, a.Name, ta, a.Population, b.Name, tb, b.Population)
				break
			}
		}
		if limited := r.Search(q, 7); !slices.Equal(limited, got[:min(7, len(got))]) {
			t.Errorf("Search(%q, 7) = %v, want the first 7 of the full result", q, names(limited))
		}
	}
}

// matchGroup classifies a name as the test understands the rule, not
// through the registry's own indexes.
func matchGroup(name, key string) int {
	k := searchKey(name)
	if strings.HasPrefix(k, key) {
		return 0
	}
	for i := 1; i < len(k); i++ {
		if k[i-1] == ' ' && strings.HasPrefix(k[i:], key) {
			return 1
		}
	}
	return 2
}

func names(cs []Comune) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

func TestSearchKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Leinì", "leini"},
		{"Sant'Antonino di Susa", "sant antonino di susa"},
		{"  Sant’Antonino--di  Susa ", "sant antonino di susa"},
		{"Gressoney-La-Trinité", "gressoney la trinite"},
		{"Valle d'Aosta/Vallée d'Aoste", "valle d aosta vallee d aoste"},
		{"ÀÉÎÕÜ Ç ß Œ Ł", "aeiou c ss oe l"},
		{"Citta\u0300", "citta"}, // decomposed accent
		{"Bozen 39100", "bozen 39100"},
		{"'-/", ""},
	}
	for _, tt := range tests {
		if got := searchKey(tt.in); got != tt.want {
			t.Errorf("searchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	r := mustLoad(b)
	for _, q := range []string{"san", "geno", "città di"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if len(r.Search(q, 10)) == 0 {
					b.Fatal("no results")
				}
			}
		})
	}
}

func BenchmarkFind(b *testing.B) {
	r := mustLoad(b)
	for b.Loop() {
		if _, ok := r.Find("Sant'Antonino di Susa", "TO"); !ok {
			b.Fatal("not found")
		}
	}
}
