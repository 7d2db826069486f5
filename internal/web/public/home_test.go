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
		// The stages in order along the paths (the next or last stage is
		// shown once more above them).
		paths := body[strings.Index(body, `id="path-`):]
		last := -1
		for _, date := range []string{"11 dicembre 2020", "12 marzo 2021", "21 settembre 2021", "15 dicembre 2021", "17 febbraio 2022"} {
			i := strings.Index(paths, date)
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

// TestHomeFrontDoor: the home says what the network is under a visible
// heading, shows the next stage (or the last one) and the ways in.
func TestHomeFrontDoor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/")
		main := ParseDOM(t, body).Main()
		if h1 := main.First("h1").Text(); !strings.HasPrefix(h1, "benicommunity") || !strings.Contains(h1, "Amministrazione condivisa dei beni comuni") {
			t.Errorf("h1 = %q", h1)
		}
		if lead := main.First("p").Text(); !strings.Contains(lead, "amministrazione condivisa dei beni comuni") {
			t.Errorf("first paragraph = %q", lead)
		}
		// The default data has no stage planned: the last one is shown.
		next := main.Labelled("next-title")
		if !next.OK() || next.First("h2").Text() != "L'ultima tappa" || len(next.Hrefs()) == 0 {
			t.Fatalf("next stage section: %q", next.Text())
		}
		ways := main.Labelled("waysin-title").Hrefs()
		if len(ways) != 3 || !strings.HasPrefix(ways[0], "/tappe") || ways[1] != "/aderisci" || ways[2] != "/iscriviti-alle-novita" {
			t.Errorf("ways in: %q", ways)
		}
		// The header lists the regions of the member bodies.
		header := ParseDOM(t, body).First("header").Text()
		for _, region := range []string{"Liguria", "Piemonte"} {
			if !strings.Contains(header, region) {
				t.Errorf("header lacks region %s: %q", region, header)
			}
		}
	})
}
