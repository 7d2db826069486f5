package quality_test

import (
	"slices"
	"strings"
	"testing"
)

func TestFormSubmissions(t *testing.T) {
	tests := []struct {
		name, form string
		want       []string
	}{
		{"selects: as shown, then each set to its first choice",
			`<form action="/enti"><select name="tipo"><option value="">Tutti</option><option value="comune">Comune</option></select>` +
				`<select name="regione"><option value="">Tutte</option><option value="Liguria" selected>Liguria</option><option value="Piemonte">Piemonte</option></select><button>Filtra</button></form>`,
			[]string{"/enti?regione=Liguria&tipo=", "/enti?regione=Liguria&tipo=comune"}},
		{"text field keeps its value", `<form action="/cerca" method="GET"><input type="search" name="q" value="orti"></form>`,
			[]string{"/cerca?q=orti"}},
		{"required field left empty: not submitted", `<form action="/cerca"><input name="q" required></form>`, nil},
		{"POST forms change data: never submitted", `<form action="/login" method="post"><input name="email" value="x"></form>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, _, err := pageRefs([]byte("<!doctype html><html><body>" + tt.form + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range refs {
				if strings.Contains(r, "?") {
					got = append(got, r)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("submissions = %q, want %q", got, tt.want)
			}
		})
	}
}
