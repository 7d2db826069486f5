package public_test

import (
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestCountOfOneIsSingular renders the page of a body that hosted one
// stage: its figures say "1 tappa ospitata", not "1 tappe ospitate", in
// both languages, while a count above one keeps the plural.
func TestCountOfOneIsSingular(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		for _, c := range []struct{ path, one, not string }{
			{"/enti/comune-di-genova", "1 tappa ospitata", "1 tappe"},
			{"/enti/comune-di-genova?lang=en", "1 stage hosted", "1 stages"},
		} {
			_, body := s.Get(t, c.path)
			figures := ParseDOM(t, body).Main().Labelled("figures-title").Text()
			if !strings.Contains(figures, c.one) || strings.Contains(figures, c.not) {
				t.Errorf("%s: figures %q, want %q", c.path, figures, c.one)
			}
		}
		// The home page's figures keep the plural for many.
		_, body := s.Get(t, "/")
		if numbers := ParseDOM(t, body).Main().Labelled("numbers-title").Text(); !strings.Contains(numbers, "enti membri") || !strings.Contains(numbers, "regioni") {
			t.Errorf("home figures: %q", numbers)
		}
	})
}
