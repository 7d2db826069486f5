package insight_test

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/dataset"
	"benicommunity/internal/geo"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestInsightPageShowsTheNetwork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/rete")
		if code != 200 {
			t.Fatalf("GET /rete = %d\n%s", code, body)
		}
		for _, want := range []string{
			"<h1>La rete in sintesi</h1>",
			`class="geo-map"`, "Chieri ★", "Cogoleto", // map markers, hosts starred
			"Confini regionali:", // map credit (CC BY 4.0)
			"Fonte: ISTAT",       // registry credit (CC BY 3.0 IT)
			`data-json="crescita"`, `data-json="partecipazione"`, `data-json="mappa"`,
			`data-json="coinvolgimento-ranking"`, `data-json="coinvolgimento-pairs"`,
			`href="/rete/crescita.json"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/rete lacks %q", want)
			}
		}
		if n := strings.Count(body, `class="chart-step"`); n != 5 {
			t.Errorf("growth chart has %d steps, want one per stage (5)", n)
		}
		if n := strings.Count(body, `role="img"`) + strings.Count(body, `class="geo-map" `); n < 12 {
			t.Errorf("/rete has %d charts and maps, want the map and 11 charts", n)
		}
	})
}

func TestInsightJSONEndpoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		var g struct {
			Scope  struct{ Stages, Members int }
			Stages []struct {
				Slug       string
				New        int `json:"new_members"`
				Cumulative int `json:"cumulative_members"`
				Hosts      []struct{ Slug string }
			}
		}
		if code := s.GetJSON(t, "/rete/crescita.json", &g); code != 200 {
			t.Fatalf("crescita.json = %d", code)
		}
		if len(g.Stages) != 5 || g.Stages[0].Slug != "chieri-2020" || g.Stages[4].Slug != "barge-2022" {
			t.Fatalf("stages = %+v", g.Stages)
		}
		// Chieri hosted 6 attendees: 7 members at the first stage.
		if g.Stages[0].New != 7 || g.Stages[0].Cumulative != 7 {
			t.Errorf("first stage = %+v, want 7 new, 7 members", g.Stages[0])
		}
		if g.Stages[2].Hosts[0].Slug != "comune-di-genova" {
			t.Errorf("Genova's stage hosted by %+v, want the Comune through its school", g.Stages[2].Hosts)
		}
		last := g.Stages[4].Cumulative
		if last != g.Scope.Members {
			t.Errorf("last cumulative %d != members %d", last, g.Scope.Members)
		}
		var p struct {
			Totals struct {
				Members, Comuni, Provinces, Regions int
				DeclaredPeople                      int `json:"declared_people"`
			}
			Stages []struct {
				DeclaredPeople *int `json:"declared_people"`
				CountedBodies  int  `json:"counted_bodies"`
				Politici       struct{ Present bool }
			}
			ByKind []struct {
				Key    string
				Bodies int
			} `json:"by_kind"`
		}
		if code := s.GetJSON(t, "/rete/partecipazione.json", &p); code != 200 {
			t.Fatalf("partecipazione.json = %d", code)
		}
		if p.Totals.DeclaredPeople != 50+60+41+50 {
			t.Errorf("declared people = %d, want the sum of declared figures", p.Totals.DeclaredPeople)
		}
		if p.Stages[0].DeclaredPeople != nil || !p.Stages[1].Politici.Present {
			t.Errorf("stage figures = %+v", p.Stages[:2])
		}
		if p.Totals.Regions != 2 || p.Totals.Members != last {
			t.Errorf("totals = %+v", p.Totals)
		}
		var e struct {
			Ranking []struct {
				Slug   string
				Stages int
			}
			Pairs []struct {
				A, B   struct{ Slug string }
				Stages int
			}
			OnceOnlyTotal int `json:"once_only_total"`
		}
		if code := s.GetJSON(t, "/rete/coinvolgimento.json", &e); code != 200 {
			t.Fatalf("coinvolgimento.json = %d", code)
		}
		if len(e.Ranking) == 0 || e.Ranking[0].Stages < e.Ranking[len(e.Ranking)-1].Stages || len(e.Pairs) == 0 {
			t.Errorf("engagement = %+v", e)
		}
		var m struct {
			Regions []string
			Bodies  []struct {
				Slug     string
				Position string
			}
		}
		if code := s.GetJSON(t, "/rete/mappa.json", &m); code != 200 {
			t.Fatalf("mappa.json = %d", code)
		}
		if strings.Join(m.Regions, ",") == "" || len(m.Bodies) != last {
			t.Errorf("map = %+v", m)
		}
	})
}

func TestInsightFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		var g struct {
			Stages []struct{ Slug string }
		}
		if code := s.GetJSON(t, "/rete/crescita.json?comunita=amministratori&dal=2021-03-01&al=2021-12-31", &g); code != 200 {
			t.Fatalf("filtered growth = %d", code)
		}
		if len(g.Stages) != 3 || g.Stages[0].Slug != "collegno-2021" {
			t.Errorf("filtered stages = %+v", g.Stages)
		}
		for path, want := range map[string]string{
			"/rete?dal=2021-13-01":                    "non è una data valida",
			"/rete?dal=2022-01-01&al=2021-01-01":      "viene prima",
			"/rete?comunita=nessuna":                  "non esiste",
			"/rete?comunita=nessuna&dal=ieri&al=oggi": "«ieri» non è una data valida",
		} {
			code, body := s.Get(t, path)
			if code != 400 || !strings.Contains(body, want) {
				t.Errorf("GET %s = %d, want 400 saying %q", path, code, want)
			}
			if strings.Contains(path, "dal=ieri") && !strings.Contains(body, `value="ieri"`) {
				t.Errorf("GET %s does not show back what was typed", path)
			}
		}
		var e struct{ Errors map[string]string }
		if code := s.GetJSON(t, "/rete/mappa.json?al=x", &e); code != 400 || e.Errors["al"] == "" {
			t.Errorf("bad JSON filter = %d %+v", code, e)
		}
	})
}

func TestComuniSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/enti/comuni?q=leini")
		if code != 200 || !strings.Contains(body, "Leinì") || !strings.Contains(body, "001130") || !strings.Contains(body, "Fonte: ISTAT") {
			t.Errorf("search leini = %d, lacks Leinì 001130 or the credit", code)
		}
		if code, body := s.Get(t, "/enti/comuni?q=a"); code != 400 || !strings.Contains(body, "almeno 2 lettere") || !strings.Contains(body, `value="a"`) {
			t.Errorf("one-letter search = %d", code)
		}
		if code, _ := s.Get(t, "/enti/comuni"); code != 200 {
			t.Errorf("empty search page = %d", code)
		}
		var j struct {
			Comuni []struct {
				Code, Name   string
				ProvinceCode string `json:"province_code"`
				Population   int
			}
		}
		if code := s.GetJSON(t, "/enti/comuni.json?q=chieri", &j); code != 200 || len(j.Comuni) == 0 || j.Comuni[0].Code != "001078" || j.Comuni[0].ProvinceCode != "TO" || j.Comuni[0].Population == 0 {
			t.Errorf("comuni.json?q=chieri = %d %+v", code, j)
		}
		if code := s.GetJSON(t, "/enti/comuni.json?q="+strings.Repeat("x", 81), &j); code != 400 {
			t.Errorf("long query = %d, want 400", code)
		}
	})
}

func TestBodyPageShowsInsight(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		reg, err := istat.Load()
		if err != nil {
			t.Fatal(err)
		}
		chieri, ok := reg.ByCode("001078")
		if !ok {
			t.Fatal("Chieri is not in the registry")
		}
		code, body := s.Get(t, "/enti/comune-di-chieri")
		if code != 200 {
			t.Fatalf("GET body = %d", code)
		}
		pop := strconv.Itoa(chieri.Population)
		pop = pop[:len(pop)-3] + "." + pop[len(pop)-3:]
		for _, want := range []string{"Codice catastale", chieri.CadastralCode, chieri.ZoneName, pop, `class="geo-map"`, "Confini regionali:",
			"è entrato nella rete con", "ha ospitato", "Fonte: ISTAT"} {
			if !strings.Contains(body, want) {
				t.Errorf("Chieri's page lacks %q", want)
			}
		}
		code, body = s.Get(t, "/enti/anci-piemonte")
		if code != 200 || strings.Contains(body, "Codice catastale") {
			t.Errorf("ANCI's page = %d, shows ISTAT facts of no Comune", code)
		}
	})
}

func TestHomeShowsNetworkNumbers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/")
		for _, want := range []string{"La rete in numeri", `href="/rete"`, "persone raggiunte (dichiarate)", "201</span>"} {
			if !strings.Contains(body, want) {
				t.Errorf("home lacks %q", want)
			}
		}
	})
}

// TestInsightMarkersFallInTheirRegion checks the projection end to end: every
// seed body is placed by /rete/mappa.json inside the outline of its region
// (coastal towns within 5 km, the outlines being generalised to about 2 km).
func TestInsightMarkersFallInTheirRegion(t *testing.T) {
	m, err := geo.Load()
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		var mj struct {
			Bodies []struct {
				Slug, Name, Region  string
				Latitude, Longitude *float64
			}
		}
		if code := s.GetJSON(t, "/rete/mappa.json", &mj); code != 200 {
			t.Fatalf("mappa.json = %d", code)
		}
		seen := map[string]bool{}
		for _, b := range mj.Bodies {
			if b.Latitude == nil {
				t.Errorf("%s has no position", b.Slug)
				continue
			}
			want, ok := m.Lookup(b.Region)
			if !ok {
				t.Errorf("%s: region %q unknown to the map", b.Slug, b.Region)
				continue
			}
			got, ok := m.RegionNear(*b.Latitude, *b.Longitude, 5)
			if !ok || got != want.ID {
				t.Errorf("%s at %v,%v falls in %q, want %q", b.Slug, *b.Latitude, *b.Longitude, got, want.ID)
			}
			seen[b.Slug] = true
		}
		for slug, region := range map[string]string{"comune-di-chieri": "Piemonte", "comune-di-cogoleto": "Liguria"} {
			if !seen[slug] {
				t.Errorf("%s (%s) is not on the map", slug, region)
			}
		}
		// Chieri is inland: strictly inside Piemonte, no tolerance needed.
		if id, ok := m.RegionAt(45.0126, 7.8242); !ok || id != "piedmont" {
			t.Errorf("Chieri falls in %q", id)
		}
	})
}

// TestInsightCacheFollowsWrites runs two instances on one database: after a
// write through the second, the first serves fresh figures, not its cache.
func TestInsightCacheFollowsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		a := NewSite(t, d)
		other, err := store.Open(context.Background(), a.Store.Location())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { other.Close() })
		b := NewSiteOn(t, other)
		type mapBody struct {
			Slug     string
			Latitude *float64
		}
		chieriLat := func(s *Site) float64 {
			var m struct{ Bodies []mapBody }
			s.GetJSON(t, "/rete/mappa.json", &m)
			for _, x := range m.Bodies {
				if x.Slug == "comune-di-chieri" && x.Latitude != nil {
					return *x.Latitude
				}
			}
			t.Fatal("Chieri not on the map")
			return 0
		}
		before := chieriLat(a) // fills a's cache
		chieri, err := b.Store.Body(context.Background(), "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		lat, lon := before+0.01, 7.83
		if err := b.Store.SetBodyCoordinates(context.Background(), chieri.ID, &lat, &lon); err != nil {
			t.Fatal(err)
		}
		// Instance a learns of another instance's write from the database's
		// notification (PostgreSQL) or its poll of the data version (SQLite,
		// every 250 ms), not by asking on every request: within a second.
		deadline := time.Now().Add(2 * time.Second)
		for after := chieriLat(a); after != lat; after = chieriLat(a) {
			if time.Now().After(deadline) {
				t.Fatalf("instance a still shows Chieri at %v two seconds after the write, want %v (was %v)", after, lat, before)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

func TestInsightPagesInEnglish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		for path, want := range map[string]string{
			"/rete?lang=en":                    "The network at a glance",
			"/enti/comuni?q=susa&lang=en":      "comuni found for",
			"/enti/comune-di-cogoleto?lang=en": "ISTAT facts about the Comune",
		} {
			code, body := s.Get(t, path)
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("GET %s = %d, lacks %q", path, code, want)
			}
		}
	})
}

// TestComuneWithoutCoordinatesAtProvinceCentre: a Comune with no position is
// drawn at the mean position of the network's bodies of its province.
func TestComuneWithoutCoordinatesAtProvinceCentre(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ctx := context.Background()
		if _, err := s.Store.CreateBody(ctx, store.NewBody{Slug: "comune-di-rivoli", Name: "Comune di Rivoli", Kind: "comune",
			ISTATCode: "001219", Province: "Torino", ProvinceCode: "TO", Region: "Piemonte"}); err != nil {
			t.Fatal(err)
		}
		centres, err := s.Store.NetworkProvinceCentres(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := dataset.Default()
		if err != nil {
			t.Fatal(err)
		}
		var lat, lon float64
		n := 0
		for _, b := range ds.Bodies {
			if b.ProvinceCode == "TO" && b.Latitude != nil {
				lat, lon, n = lat+*b.Latitude, lon+*b.Longitude, n+1
			}
		}
		to, ok := centres["TO"]
		if !ok || n == 0 || math.Abs(to[0]-lat/float64(n)) > 1e-9 || math.Abs(to[1]-lon/float64(n)) > 1e-9 {
			t.Fatalf("centre of TO = %v, want the mean of the %d located Turin bodies (%v, %v)", to, n, lat/float64(n), lon/float64(n))
		}
		code, body := s.Get(t, "/enti/comune-di-rivoli")
		if code != 200 || !strings.Contains(body, "è collocato al centro della sua provincia") || !strings.Contains(body, `class="geo-map"`) {
			t.Errorf("page of a Comune without coordinates = %d, lacks the province-centre map", code)
		}
	})
}

func TestInsightOnAnEmptyNetwork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		if err := st.EnsureInitialData(context.Background(), store.InitialEmpty, nil, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		s := NewSiteOn(t, st)
		for _, p := range []string{"/rete", "/rete/mappa.json", "/rete/crescita.json", "/rete/partecipazione.json", "/rete/coinvolgimento.json", "/"} {
			if code, body := s.Get(t, p); code != 200 {
				t.Errorf("GET %s on an empty network = %d\n%s", p, code, Excerpt(body, "<main"))
			}
		}
		var g struct{ Stages []any }
		if s.GetJSON(t, "/rete/crescita.json", &g); g.Stages == nil || len(g.Stages) != 0 {
			t.Errorf("growth of an empty network = %#v, want an empty list", g.Stages)
		}
	})
}
