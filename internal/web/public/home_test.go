package public_test

import (
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestHomeShowsStagesAndCounters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/")
		if code != 200 {
			t.Fatalf("GET / = %d", code)
		}
		last := -1
		for _, date := range []string{"11 dicembre 2020", "12 marzo 2021", "21 settembre 2021", "15 dicembre 2021", "17 febbraio 2022"} {
			i := strings.Index(body, date)
			if i < 0 {
				t.Errorf("home lacks the stage date %q", date)
				continue
			}
			if i < last {
				t.Errorf("stage dated %q is out of order", date)
			}
			last = i
		}
		for _, c := range []struct{ value, label string }{{"35", "Eventi pubblici"}, {"34", "Formazione"}, {"128", "Co-progettazione"}, {"3", "Beni community"}, {"35", "Networking"}} {
			want := `<span class="bc-counter-value">` + c.value + `</span>
          <span class="bc-counter-label">` + c.label + `</span>`
			if !strings.Contains(body, want) {
				t.Errorf("home lacks counter %s %s", c.value, c.label)
			}
		}
		if !strings.Contains(body, "50 partecipanti da 24 enti") {
			t.Error("home lacks Barge's declared figures")
		}
	})
}
