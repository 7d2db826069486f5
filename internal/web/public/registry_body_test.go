package public_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// coordinator writes the registry in tests (no account behind it).
var coordinator = &auth.User{Role: auth.Coordinator, Email: "coordinamento@example.it"}

func bodyIDOf(t *testing.T, s *store.Store, slug string) int64 {
	t.Helper()
	b, err := s.Body(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

// A body's page shows its regulation's status in three values: "non
// indicato" when there is no record (never "no"), the details when adopted.
func TestBodyPageRegulation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/enti/comune-di-genova")
		page := ParseDOM(t, body).Main()
		if got := page.Facts()["Regolamento sull'amministrazione condivisa"]; got != "non indicato" {
			t.Errorf("unknown regulation shown as %q, want non indicato", got)
		}
		sec := page.Labelled("regulation-title").Text()
		if !strings.Contains(sec, "non indicato") || !strings.Contains(sec, "referente") {
			t.Errorf("regulation section = %q", sec)
		}
		if got := page.Labelled("pacts-title").Text(); !strings.Contains(got, "non ha ancora pubblicato patti") {
			t.Errorf("pacts section without pacts = %q", got)
		}

		ctx := context.Background()
		on := time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)
		err := s.Store.SetRegulation(ctx, coordinator, bodyIDOf(t, s.Store, "comune-di-genova"), store.RegulationInput{
			Status: "adopted", Title: "Regolamento sulla collaborazione", ActNumber: "12", ActDate: &on,
			URL: "https://example.it/regolamento.pdf", Offices: "Ufficio beni comuni",
			Revisions: []store.RevisionInput{{ActNumber: "7", ActDate: time.Date(2020, 5, 4, 0, 0, 0, 0, time.UTC), Note: "Nuovi tipi di patto"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		_, body = s.Get(t, "/enti/comune-di-genova")
		page = ParseDOM(t, body).Main()
		if got := page.Facts()["Regolamento sull'amministrazione condivisa"]; got != "adottato" {
			t.Errorf("adopted regulation shown as %q", got)
		}
		sec = page.Labelled("regulation-title").Text()
		for _, want := range []string{"Regolamento sulla collaborazione", "n. 12", "1 marzo 2016", "Ufficio beni comuni", "4 maggio 2020", "Nuovi tipi di patto"} {
			if !strings.Contains(sec, want) {
				t.Errorf("regulation section lacks %q: %q", want, sec)
			}
		}

		if err := s.Store.SetRegulation(ctx, coordinator, bodyIDOf(t, s.Store, "comune-di-genova"), store.RegulationInput{Status: "not_adopted"}); err != nil {
			t.Fatal(err)
		}
		_, body = s.Get(t, "/enti/comune-di-genova")
		if got := ParseDOM(t, body).Main().Facts()["Regolamento sull'amministrazione condivisa"]; got != "non adottato" {
			t.Errorf("not adopted shown as %q", got)
		}
	})
}
