package public_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
	"golang.org/x/net/html"
)

// headData is what an HTML parser finds in a page's head: the JSON-LD
// blocks, the meta properties and the canonical link.
type headData struct {
	JSONLD    []string
	Meta      map[string]string
	Canonical string
	Scripts   int // every <script> element, of any type
}

func parseHead(t *testing.T, page string) headData {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := headData{Meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch n.Data {
			case "script":
				h.Scripts++
				if attr["type"] == "application/ld+json" && n.FirstChild != nil {
					h.JSONLD = append(h.JSONLD, n.FirstChild.Data)
				}
			case "meta":
				if k := attr["property"] + attr["name"]; k != "" {
					h.Meta[k] = attr["content"]
				}
			case "link":
				if attr["rel"] == "canonical" {
					h.Canonical = attr["href"]
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

// pageLD fetches a page and decodes its one JSON-LD block.
func pageLD(t *testing.T, s *Site, path string) map[string]any {
	t.Helper()
	code, body := s.Get(t, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s = %d", path, code)
	}
	h := parseHead(t, body)
	if len(h.JSONLD) != 1 || h.Scripts != 1 {
		t.Fatalf("GET %s: %d JSON-LD blocks among %d scripts, want exactly one", path, len(h.JSONLD), h.Scripts)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(h.JSONLD[0]), &v); err != nil {
		t.Fatalf("GET %s: JSON-LD does not parse: %v\n%s", path, err, h.JSONLD[0])
	}
	if v["@context"] != "https://schema.org" {
		t.Errorf("GET %s: @context = %v", path, v["@context"])
	}
	return v
}

func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object", v)
	}
	return m
}

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func TestActivityPagesCarryEventJSONLD(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)

		ev := pageLD(t, s, "/attivita/serata-ibrida-2023")
		for k, want := range map[string]string{
			"@type":               "Event",
			"name":                NastyTitle,
			"url":                 s.URL + "/attivita/serata-ibrida-2023",
			"startDate":           "2023-10-28T21:00:00+02:00",
			"endDate":             "2023-10-29T00:30:00+02:00",
			"eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
			"description":         "Una serata di formazione in sala e online.",
		} {
			if ev[k] != want {
				t.Errorf("hybrid event %s = %v, want %q", k, ev[k], want)
			}
		}
		locs := list(ev["location"])
		if len(locs) != 2 || obj(t, locs[0])["@type"] != "Place" || obj(t, locs[1])["@type"] != "VirtualLocation" {
			t.Fatalf("hybrid location = %v, want a Place and a VirtualLocation", ev["location"])
		}
		if addr := obj(t, obj(t, locs[0])["address"]); addr["@type"] != "PostalAddress" || addr["streetAddress"] != "Biblioteca civica di Chieri" {
			t.Errorf("place address = %v", addr)
		}
		org := obj(t, list(ev["organizer"])[0])
		if org["@type"] != "GovernmentOrganization" || org["name"] != "Comune di Chieri" || org["url"] != s.URL+"/enti/comune-di-chieri" {
			t.Errorf("organizer = %v", org)
		}

		ev = pageLD(t, s, "/attivita/incontro-torino-2023")
		if ev["eventAttendanceMode"] != "https://schema.org/OfflineEventAttendanceMode" || obj(t, ev["location"])["@type"] != "Place" {
			t.Errorf("in-person event mode %v, location %v", ev["eventAttendanceMode"], ev["location"])
		}
		types := map[string]string{}
		for _, o := range list(ev["organizer"]) {
			types[obj(t, o)["name"].(string)] = obj(t, o)["@type"].(string)
		}
		if types["Comune di Torino"] != "GovernmentOrganization" || types["Rete dei beni comuni"] != "Organization" {
			t.Errorf("organizers = %v, want the host and the co-organising association", types)
		}
		if ev["startDate"] != "2023-03-26T17:30:00+02:00" {
			t.Errorf("startDate on the day summer time starts = %v", ev["startDate"])
		}

		ev = pageLD(t, s, "/tappe/chieri-2020")
		if ev["startDate"] != "2020-12-11" || ev["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" {
			t.Errorf("online stage date %v, mode %v", ev["startDate"], ev["eventAttendanceMode"])
		}
		if loc := obj(t, ev["location"]); loc["@type"] != "VirtualLocation" || loc["url"] != s.URL+"/tappe/chieri-2020" {
			t.Errorf("online stage location = %v", loc)
		}
	})
}

// TestJSONLDCannotBreakOutOfItsScript: a title that closes the script element
// stays inside the JSON string.
func TestJSONLDCannotBreakOutOfItsScript(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, nil)
	_, body := s.Get(t, "/attivita/serata-ibrida-2023")
	if strings.Count(body, "<script") != 1 || strings.Count(body, "</script>") != 1 {
		t.Errorf("the page has %d <script and %d </script>: the title escaped its JSON string", strings.Count(body, "<script"), strings.Count(body, "</script>"))
	}
	if !strings.Contains(body, `\u003c/script\u003e\u003cscript\u003ealert(\"x\")`) {
		t.Error("the JSON-LD does not escape < and > inside strings")
	}
}

func TestBodyPagesCarryOrganizationJSONLD(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		org := pageLD(t, s, "/enti/comune-di-chieri")
		if org["@type"] != "GovernmentOrganization" || org["name"] != "Comune di Chieri" || org["url"] != s.URL+"/enti/comune-di-chieri" {
			t.Errorf("Chieri = %v", org)
		}
		if id := obj(t, org["identifier"]); id["propertyID"] != "ISTAT" || id["value"] != "001078" {
			t.Errorf("Chieri identifier = %v", id)
		}
		if addr := obj(t, org["address"]); addr["addressLocality"] != "Chieri" || addr["addressRegion"] != "Piemonte" || addr["addressCountry"] != "IT" {
			t.Errorf("Chieri address = %v", addr)
		}
		assoc := pageLD(t, s, "/enti/rete-beni-comuni")
		if assoc["@type"] != "Organization" || assoc["sameAs"] != "https://example.org/rete?a=1&b=2" {
			t.Errorf("association = %v", assoc)
		}
		office := pageLD(t, s, "/enti/ufficio-patti-torino")
		if office["@type"] != "GovernmentOrganization" || obj(t, office["parentOrganization"])["name"] != "Comune di Torino" {
			t.Errorf("office = %v", office)
		}
	})
}

func TestEveryPageHasSharingMeta(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		for _, path := range []string{"/", "/tappe", "/tappe/barge-2022", "/attivita", "/attivita?tipo=formazione", "/attivita/serata-ibrida-2023",
			"/enti", "/enti/comune-di-genova", "/opendata"} {
			_, body := s.Get(t, path)
			h := parseHead(t, body)
			if h.Canonical != s.URL+path {
				t.Errorf("%s canonical = %q", path, h.Canonical)
			}
			for k, want := range map[string]string{"og:url": s.URL + path, "og:type": "website", "og:locale": "it_IT",
				"og:site_name": "benicommunity", "twitter:card": "summary"} {
				if h.Meta[k] != want {
					t.Errorf("%s %s = %q, want %q", path, k, h.Meta[k], want)
				}
			}
			for _, k := range []string{"og:title", "og:description", "twitter:title", "twitter:description"} {
				if strings.TrimSpace(h.Meta[k]) == "" {
					t.Errorf("%s has no %s", path, k)
				}
			}
		}
		_, body := s.Get(t, "/tappe/barge-2022?lang=en")
		h := parseHead(t, body)
		if h.Meta["og:locale"] != "en_GB" || h.Canonical != s.URL+"/tappe/barge-2022" {
			t.Errorf("English page: locale %q, canonical %q", h.Meta["og:locale"], h.Canonical)
		}
		if h.Meta["og:title"] != "Comunicare meglio per usare al meglio le risorse comuni, tappa a Barge" {
			t.Errorf("og:title = %q", h.Meta["og:title"])
		}
	})
}

// With a configured base URL every absolute link uses it, whatever the request's host.
func TestConfiguredBaseURL(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, func(d *web.Deps) { d.BaseURL = "https://rete.example.it/" })
	_, body := s.Get(t, "/tappe/barge-2022")
	h := parseHead(t, body)
	if h.Canonical != "https://rete.example.it/tappe/barge-2022" {
		t.Errorf("canonical = %q", h.Canonical)
	}
	_, _, robots := s.Fetch(t, "/robots.txt")
	if !strings.Contains(robots, "Sitemap: https://rete.example.it/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}
	_, _, cal := s.Fetch(t, "/tappe/barge-2022.ics")
	if !strings.Contains(cal, "@rete.example.it\r\n") {
		t.Error("calendar UIDs do not use the configured host")
	}
}
