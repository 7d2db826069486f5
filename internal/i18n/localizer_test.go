package i18n

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

func TestT(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	tests := []struct {
		name string
		l    *Localizer
		id   string
		args []any
		want string
	}{
		{"plain it", it, "nav.stages", nil, "Tappe"},
		{"plain en", en, "nav.stages", nil, "Stages"},
		{"accented", it, "nav.activities", nil, "Attività"},
		{"args", it, "stage.figures", []any{"People", 50, "Bodies", 24}, "50 partecipanti da 24 enti"},
		{"args formatted", it, "stage.figures", []any{"People", 1234, "Bodies", uint8(7)}, "1.234 partecipanti da 7 enti"},
		{"args en", en, "stage.figures", []any{"People", int64(1234), "Bodies", 24}, "1,234 participants from 24 bodies"},
		{"string arg", it, "page.title", []any{"Title", "Tappe", "Site", "benicommunity"}, "Tappe | benicommunity"},
		{"missing id", it, "no.such.id", nil, "⟦no.such.id⟧"},
		{"missing id en", en, "no.such.id", nil, "⟦no.such.id⟧"},
		{"missing arg", it, "stage.figures", []any{"People", 50}, "⟦stage.figures⟧"},
		{"odd args", it, "stage.figures", []any{"People", 50, "Bodies"}, "⟦stage.figures⟧"},
		{"non-string key", it, "stage.figures", []any{1, 50, "Bodies", 24}, "⟦stage.figures⟧"},
		{"plural id without count", it, "noun.stages", nil, "tappe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.T(tt.id, tt.args...); got != tt.want {
				t.Errorf("T(%q, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
			}
		})
	}
}

func TestN(t *testing.T) {
	b := mustBundle(t)
	it, en := b.Localizer("it"), b.Localizer("en")
	tests := []struct {
		l     *Localizer
		id    string
		count int
		want  string
	}{
		{it, "count.participants", 1, "1 partecipante"},
		{it, "count.participants", 2, "2 partecipanti"},
		{it, "count.participants", 0, "0 partecipanti"},
		{it, "count.participants", 1234, "1.234 partecipanti"},
		{it, "count.participants", 1000000, "1.000.000 partecipanti"},
		{it, "count.bodies", 1, "1 ente"},
		{it, "count.bodies", 24, "24 enti"},
		{it, "count.bodies", 0, "0 enti"},
		{it, "count.activities", 1, "1 attività"},
		{it, "count.activities", 35, "35 attività"},
		{it, "count.activities", 0, "0 attività"},
		{it, "noun.stages", 1, "tappa"},
		{it, "noun.stages", 5, "tappe"},
		{it, "noun.stages", 0, "tappe"},
		{en, "count.participants", 1, "1 participant"},
		{en, "count.participants", 0, "0 participants"},
		{en, "count.bodies", 1234, "1,234 bodies"},
		{en, "noun.stages", 1, "stage"},
		{it, "no.such.id", 2, "⟦no.such.id⟧"},
	}
	for _, tt := range tests {
		if got := tt.l.N(tt.id, tt.count); got != tt.want {
			t.Errorf("%s N(%q, %d) = %q, want %q", tt.l.Lang(), tt.id, tt.count, got, tt.want)
		}
	}
}

func TestNArgs(t *testing.T) {
	b := newTestBundle(t,
		`{"x": {"one": "{{.Count}} ente a {{.Place}}", "other": "{{.Count}} enti a {{.Place}}"}}`,
		`{}`)
	it := b.Localizer("it")
	if got, want := it.N("x", 3, "Place", "Chieri"), "3 enti a Chieri"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// .Count belongs to N; an argument must not replace it silently.
	if got, want := it.N("x", 3, "Count", 9, "Place", "Chieri"), "⟦x⟧"; got != want {
		t.Errorf("Count argument: got %q, want %q", got, want)
	}
}

func TestPluralMany(t *testing.T) {
	// Italian picks "many" for exact millions when a message provides it.
	b := newTestBundle(t,
		`{"people": {"one": "{{.Count}} persona", "many": "{{.Count}} di persone", "other": "{{.Count}} persone"}}`,
		`{}`)
	it := b.Localizer("it")
	for count, want := range map[int]string{
		1: "1 persona", 2: "2 persone", 1000000: "1.000.000 di persone", 1000001: "1.000.001 persone",
	} {
		if got := it.N("people", count); got != want {
			t.Errorf("N(%d) = %q, want %q", count, got, want)
		}
	}
}

func TestEnglishFallsBackToItalian(t *testing.T) {
	b := newTestBundle(t,
		`{"both": "entrambi", "only.it": "solo italiano", "plural.it": {"one": "{{.Count}} tappa", "other": "{{.Count}} tappe"}}`,
		`{"both": "both"}`)
	en := b.Localizer("en")
	tests := []struct{ got, want string }{
		{en.T("both"), "both"},
		{en.T("only.it"), "solo italiano"},
		// The Italian text keeps the Italian plural rule; the count is
		// formatted for the page, in English.
		{en.N("plural.it", 1), "1 tappa"},
		{en.N("plural.it", 1234), "1,234 tappe"},
		{en.T("missing"), "⟦missing⟧"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestLocalizerInHTMLTemplate(t *testing.T) {
	b := mustBundle(t)
	tmpl := template.Must(template.New("page").Parse(
		`<html lang="{{.L.Lang}}"><a href="#main">{{.L.T "skip.content"}}</a>` +
			`<p>{{.L.T "stage.figures" "People" 50 "Bodies" 24}}; {{.L.N "count.bodies" .Bodies}}; ` +
			`{{.L.Date .When}} ({{.L.Weekday .When}}), {{.L.DateShort .When}}, {{.L.MonthYear .When}}; ` +
			`{{.L.Number 1234}} {{.L.Decimal 1234.5 2}} {{.L.Percent 0.125}}; {{.L.T "page.title" "Title" .Title "Site" "benicommunity"}}</p>`))
	data := map[string]any{
		"L":      b.Localizer("it"),
		"Bodies": 24,
		"When":   time.Date(2020, time.December, 11, 15, 0, 0, 0, time.UTC),
		"Title":  "<Tappe & enti>",
	}
	var out strings.Builder
	if err := tmpl.Execute(&out, data); err != nil {
		t.Fatalf("execute: %v", err)
	}
	want := `<html lang="it"><a href="#main">Vai al contenuto principale</a>` +
		`<p>50 partecipanti da 24 enti; 24 enti; 11 dicembre 2020 (venerdì), 11 dic 2020, dicembre 2020; ` +
		`1.234 1.234,50 12,5%; &lt;Tappe &amp; enti&gt; | benicommunity</p>`
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLocalizerConcurrentUse(t *testing.T) {
	// Run with -race: one Localizer serves every request in its language.
	l := mustBundle(t).Localizer("it")
	done := make(chan string)
	for i := range 8 {
		go func() {
			var got string
			for range 50 {
				got = l.N("count.bodies", i) + " " + l.T("stage.figures", "People", i, "Bodies", 2) + " " + l.Decimal(float64(i), 1)
			}
			done <- got
		}()
	}
	seen := map[string]bool{}
	for range 8 {
		seen[<-done] = true
	}
	for _, want := range []string{"0 enti 0 partecipanti da 2 enti 0,0", "1 ente 1 partecipanti da 2 enti 1,0", "7 enti 7 partecipanti da 2 enti 7,0"} {
		if !seen[want] {
			t.Errorf("no goroutine produced %q; got %v", want, seen)
		}
	}
}
