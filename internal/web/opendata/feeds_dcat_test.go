package opendata_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

const (
	dcatNS     = "http://www.w3.org/ns/dcat#"
	dcatapitNS = "http://dati.gov.it/onto/dcatapit#"
	dctNS      = "http://purl.org/dc/terms/"
	foafNS     = "http://xmlns.com/foaf/0.1/"
	vcardNS    = "http://www.w3.org/2006/vcard/ns#"
	euVocab    = "http://publications.europa.eu/resource/authority/"
)

// catalogueGraphs fetches the catalogue in both serialisations, parses each
// with its own reader and checks that they are the same graph.
func catalogueGraphs(t *testing.T, s *Site) rdfGraph {
	t.Helper()
	code, ctype, ld := s.Fetch(t, "/opendata/catalogo.jsonld")
	if code != http.StatusOK || ctype != "application/ld+json; charset=utf-8" {
		t.Fatalf("GET catalogo.jsonld = %d %q", code, ctype)
	}
	fromLD, err := parseJSONLD([]byte(ld))
	if err != nil {
		t.Fatalf("parse JSON-LD: %v", err)
	}
	code, ctype, ttl := s.Fetch(t, "/opendata/catalogo.ttl")
	if code != http.StatusOK || ctype != "text/turtle; charset=utf-8" {
		t.Fatalf("GET catalogo.ttl = %d %q", code, ctype)
	}
	fromTTL, err := parseTurtle(ttl)
	if err != nil {
		t.Fatalf("parse Turtle: %v\n%s", err, ttl)
	}
	a, b := fromLD.sorted(), fromTTL.sorted()
	if !slices.Equal(a, b) {
		for _, x := range a {
			if !fromTTL[tripleOf(t, fromLD, x)] {
				t.Errorf("only in JSON-LD: %s", x)
			}
		}
		for _, x := range b {
			if !fromLD[tripleOf(t, fromTTL, x)] {
				t.Errorf("only in Turtle: %s", x)
			}
		}
		t.Fatalf("the JSON-LD (%d triples) and the Turtle (%d) differ", len(a), len(b))
	}
	for _, x := range a {
		if strings.HasPrefix(x, "_:") || strings.Contains(x, " _:") {
			t.Errorf("blank node in the catalogue: %s", x)
		}
	}
	return fromLD
}

func tripleOf(t *testing.T, g rdfGraph, s string) rdfTriple {
	for tr := range g {
		if tr.String() == s {
			return tr
		}
	}
	t.Fatalf("no triple %s", s)
	return rdfTriple{}
}

// one returns the single object of s p, failing when there is none or several.
func one(t *testing.T, g rdfGraph, s rdfNode, p string) rdfNode {
	t.Helper()
	os := g.objects(s, p)
	if len(os) != 1 {
		t.Errorf("%s has %d values of %s, want 1", s, len(os), p)
		return ""
	}
	return os[0]
}

func text(t *testing.T, g rdfGraph, s rdfNode, p string) string {
	t.Helper()
	v, lang, _, ok := one(t, g, s, p).literal()
	if !ok || strings.TrimSpace(v) == "" {
		t.Errorf("%s %s is not a non-empty literal", s, p)
	}
	if lang != "" && lang != "it" {
		t.Errorf("%s %s in language %q", s, p, lang)
	}
	return v
}

func date(t *testing.T, g rdfGraph, s rdfNode, p string) time.Time {
	t.Helper()
	v, _, dt, ok := one(t, g, s, p).literal()
	if !ok || dt != xsdNS+"date" {
		t.Errorf("%s %s = %s, want an xsd:date", s, p, one(t, g, s, p))
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		t.Errorf("%s %s: %v", s, p, err)
	}
	return d
}

func hasType(g rdfGraph, s rdfNode, typ string) bool {
	return g[rdfTriple{s, iriNode(rdfTypeNS), iriNode(typ)}]
}

// checkAgent checks a dcatapit:Agent and returns its name and identifier.
func checkAgent(t *testing.T, g rdfGraph, a rdfNode) (string, string) {
	t.Helper()
	if !hasType(g, a, dcatapitNS+"Agent") || !hasType(g, a, foafNS+"Agent") {
		t.Errorf("%s is not a dcatapit:Agent and foaf:Agent", a)
	}
	return text(t, g, a, foafNS+"name"), text(t, g, a, dctNS+"identifier")
}

type catalogueFacts struct {
	Publisher, PublisherID string
	Licenses               map[string]string // licence IRI → name
	Distributions          map[string]string // download URL → EU file type
	Identifiers            []string
	DatasetModified        map[string]time.Time // dataset title → dct:modified
}

// checkCatalogue checks every mandatory property of DCAT-AP_IT on the
// catalogue, each dataset and each distribution, and returns what it found.
func checkCatalogue(t *testing.T, g rdfGraph, base string) catalogueFacts {
	t.Helper()
	cats := g.subjectsOfType(dcatapitNS + "Catalog")
	if len(cats) != 1 {
		t.Fatalf("%d dcatapit:Catalog nodes, want 1", len(cats))
	}
	cat := cats[0]
	if !hasType(g, cat, dcatNS+"Catalog") {
		t.Error("the catalogue is not a dcat:Catalog")
	}
	text(t, g, cat, dctNS+"title")
	text(t, g, cat, dctNS+"description")
	date(t, g, cat, dctNS+"issued")
	date(t, g, cat, dctNS+"modified")
	f := catalogueFacts{Licenses: map[string]string{}, Distributions: map[string]string{}, DatasetModified: map[string]time.Time{}}
	f.Publisher, f.PublisherID = checkAgent(t, g, one(t, g, cat, dctNS+"publisher"))

	datasets := g.objects(cat, dcatNS+"dataset")
	if len(datasets) != 5 {
		t.Errorf("catalogue lists %d datasets, want 5 (activities, bodies, participations, counters, pacts)", len(datasets))
	}
	for _, d := range datasets {
		if !hasType(g, d, dcatapitNS+"Dataset") || !hasType(g, d, dcatNS+"Dataset") {
			t.Errorf("%s is not a dcatapit:Dataset", d)
		}
		f.Identifiers = append(f.Identifiers, text(t, g, d, dctNS+"identifier"))
		title := text(t, g, d, dctNS+"title")
		text(t, g, d, dctNS+"description")
		f.DatasetModified[title] = date(t, g, d, dctNS+"modified")
		if th := one(t, g, d, dcatNS+"theme"); !strings.HasPrefix(th.iri(), euVocab+"data-theme/") {
			t.Errorf("%s theme %s is not in the EU data-theme vocabulary", d, th)
		}
		if fr := one(t, g, d, dctNS+"accrualPeriodicity"); !strings.HasPrefix(fr.iri(), euVocab+"frequency/") {
			t.Errorf("%s periodicity %s is not in the EU frequency vocabulary", d, fr)
		}
		if name, id := checkAgent(t, g, one(t, g, d, dctNS+"rightsHolder")); name != f.Publisher || id != f.PublisherID {
			t.Errorf("%s rights holder %q/%q differs from the publisher", d, name, id)
		}
		checkAgent(t, g, one(t, g, d, dctNS+"publisher"))
		cp := one(t, g, d, dcatNS+"contactPoint")
		if !hasType(g, cp, dcatapitNS+"Organization") {
			t.Errorf("contact point %s is not a dcatapit:Organization", cp)
		}
		text(t, g, cp, vcardNS+"fn")
		dists := g.objects(d, dcatNS+"distribution")
		if len(dists) == 0 {
			t.Errorf("%s has no distribution", d)
		}
		for _, dist := range dists {
			if !hasType(g, dist, dcatapitNS+"Distribution") || !hasType(g, dist, dcatNS+"Distribution") {
				t.Errorf("%s is not a dcatapit:Distribution", dist)
			}
			format := one(t, g, dist, dctNS+"format").iri()
			if !strings.HasPrefix(format, euVocab+"file-type/") {
				t.Errorf("%s format %s is not in the EU file-type vocabulary", dist, format)
			}
			access, download := one(t, g, dist, dcatNS+"accessURL"), one(t, g, dist, dcatNS+"downloadURL")
			if !access.isIRI() || !strings.HasPrefix(access.iri(), base+"/") || download != access {
				t.Errorf("%s access %s, download %s", dist, access, download)
			}
			f.Distributions[strings.TrimPrefix(download.iri(), base)] = strings.TrimPrefix(format, euVocab+"file-type/")
			lic := one(t, g, dist, dctNS+"license")
			if !hasType(g, lic, dcatapitNS+"LicenseDocument") {
				t.Errorf("licence %s is not a dcatapit:LicenseDocument", lic)
			}
			f.Licenses[lic.iri()] = text(t, g, lic, foafNS+"name")
		}
	}
	slices.Sort(f.Identifiers)
	return f
}

func TestDCATCatalogue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		g := catalogueGraphs(t, s)
		f := checkCatalogue(t, g, s.URL)
		if f.Publisher != "benicommunity" || f.PublisherID != "benicommunity" {
			t.Errorf("publisher = %q/%q, want the network's name by default", f.Publisher, f.PublisherID)
		}
		wantDist := map[string]string{"/dati/attivita.csv": "CSV", "/api/v1/activities": "JSON", "/dati/enti.csv": "CSV",
			"/api/v1/bodies": "JSON", "/dati/partecipazioni.csv": "CSV", "/api/v1/activity-types": "JSON",
			"/dati/patti.csv": "CSV", "/api/v1/pacts": "JSON"}
		if len(f.Distributions) != len(wantDist) {
			t.Errorf("distributions = %v, want %v", f.Distributions, wantDist)
		}
		for u, format := range wantDist {
			if f.Distributions[u] != format {
				t.Errorf("distribution %s = %q, want %s", u, f.Distributions[u], format)
			}
		}
		if len(f.Licenses) != 1 || f.Licenses[web.DefaultLicenseURL] != web.DefaultLicenseName {
			t.Errorf("licences = %v, want CC BY 4.0 by default", f.Licenses)
		}
		if !g[rdfTriple{iriNode(web.DefaultLicenseURL), iriNode(dctNS + "type"), iriNode("http://purl.org/adms/licencetype/Attribution")}] {
			t.Error("CC BY 4.0 is not typed as an Attribution licence")
		}
		if !slices.Equal(f.Identifiers, []string{"benicommunity:attivita", "benicommunity:contatori", "benicommunity:enti", "benicommunity:partecipazioni", "benicommunity:patti"}) {
			t.Errorf("dataset identifiers = %v", f.Identifiers)
		}
		dates, err := s.Store.OpenDataDates(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := f.DatasetModified["Attività della rete"]; got.Format(time.DateOnly) != dates.ActivitiesModified.UTC().Format(time.DateOnly) {
			t.Errorf("activities modified %v, store says %v", got, dates.ActivitiesModified)
		}
		if got := f.DatasetModified["Enti della rete"]; got.Format(time.DateOnly) != dates.BodiesModified.UTC().Format(time.DateOnly) {
			t.Errorf("bodies modified %v, store says %v", got, dates.BodiesModified)
		}
	})
}

func TestDCATCatalogueConfigured(t *testing.T) {
	s := NewFeedSite(t, store.Postgres, func(d *web.Deps) {
		d.OpenData = web.OpenData{PublisherName: "Comune di Chieri", PublisherID: "c_c627", ContactEmail: "dati@comune.chieri.to.it",
			LicenseURL: "https://www.dati.gov.it/content/italian-open-data-license-v20", LicenseName: "Italian Open Data License 2.0"}
	})
	g := catalogueGraphs(t, s)
	f := checkCatalogue(t, g, s.URL)
	if f.Publisher != "Comune di Chieri" || f.PublisherID != "c_c627" {
		t.Errorf("publisher = %q/%q", f.Publisher, f.PublisherID)
	}
	if len(f.Licenses) != 1 || f.Licenses["https://www.dati.gov.it/content/italian-open-data-license-v20"] != "Italian Open Data License 2.0" {
		t.Errorf("licences = %v", f.Licenses)
	}
	if g[rdfTriple{iriNode("https://www.dati.gov.it/content/italian-open-data-license-v20"), iriNode(dctNS + "type"), iriNode("http://purl.org/adms/licencetype/Attribution")}] {
		t.Error("a configured licence is claimed to be CC BY's Attribution type")
	}
	if f.Identifiers[0] != "c_c627:attivita" {
		t.Errorf("identifiers = %v, want them prefixed by the publisher's code", f.Identifiers)
	}
	cp := g.subjectsOfType(dcatapitNS + "Organization")
	if len(cp) != 1 || one(t, g, cp[0], vcardNS+"hasEmail") != iriNode("mailto:dati@comune.chieri.to.it") {
		t.Errorf("contact point e-mail missing: %v", cp)
	}
	_, body := s.Get(t, "/opendata")
	if !strings.Contains(body, "Italian Open Data License 2.0") || !strings.Contains(body, "Comune di Chieri") {
		t.Error("the human page does not show the configured licence and publisher")
	}
}

// Without a data contact, the catalogue's contact point is the site's contact e-mail.
func TestDCATContactFallsBackToContactEmail(t *testing.T) {
	s := NewFeedSite(t, store.SQLite, func(d *web.Deps) { d.ContactEmail = "info@example.it" })
	g := catalogueGraphs(t, s)
	cp := g.subjectsOfType(dcatapitNS + "Organization")
	if len(cp) != 1 || one(t, g, cp[0], vcardNS+"hasEmail") != iriNode("mailto:info@example.it") {
		t.Errorf("contact point e-mail = %v, want the contact e-mail", cp)
	}
}

// An empty network still publishes a valid catalogue.
func TestDCATCatalogueOfEmptyNetwork(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	if err := st.EnsureInitialData(ctx, store.InitialEmpty, nil, storetest.Discard()); err != nil {
		t.Fatal(err)
	}
	s := NewSiteOn(t, st)
	checkCatalogue(t, catalogueGraphs(t, s), s.URL)
}

func TestOpenDataPageLinksEveryDistribution(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		code, body := s.Get(t, "/opendata")
		if code != http.StatusOK {
			t.Fatalf("GET /opendata = %d", code)
		}
		f := checkCatalogue(t, catalogueGraphs(t, s), s.URL)
		for u := range f.Distributions {
			if !strings.Contains(body, `href="`+s.URL+u+`"`) {
				t.Errorf("/opendata does not link %s", u)
			}
		}
		for _, u := range []string{"/opendata/catalogo.jsonld", "/opendata/catalogo.ttl", "/tappe.ics", "/attivita.ics", "/feed.atom", "/restituzioni.atom"} {
			if !strings.Contains(body, `href="`+u+`"`) {
				t.Errorf("/opendata does not link %s", u)
			}
		}
		if strings.Count(body, "<h1") != 1 || !strings.Contains(body, "<caption>") {
			t.Error("/opendata needs one h1 and captioned tables")
		}
		_, home := s.Get(t, "/")
		if !strings.Contains(home, `<a href="/opendata">Dati aperti</a>`) {
			t.Error("the footer does not link the open-data page")
		}
	})
}

// TestRDFReaders checks the test readers themselves on a hand-written graph
// that uses the Turtle features the catalogue does not.
func TestRDFReaders(t *testing.T) {
	ttl := `@prefix ex: <http://example.org/ns#> .
PREFIX dct: <http://purl.org/dc/terms/>
# a comment
ex:a a ex:Thing, ex:Other ;
    dct:title "Tab\there \"quoted\" \u00e8"@IT ;
    ex:count 3 ; ex:ok true ;
    ex:long """two
lines""" ;
    ex:link <http://example.org/b> ;
.
`
	g, err := parseTurtle(ttl)
	if err != nil {
		t.Fatal(err)
	}
	ld := `{"@context": {"ex": "http://example.org/ns#", "dct": "http://purl.org/dc/terms/", "title": "dct:title"},
  "@id": "ex:a", "@type": ["ex:Thing", "ex:Other"],
  "title": {"@value": "Tab\there \"quoted\" è", "@language": "it"},
  "ex:count": 3, "ex:ok": true, "ex:long": "two\nlines", "ex:link": {"@id": "http://example.org/b"}}`
	h, err := parseJSONLD([]byte(ld))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.sorted(), h.sorted()) || len(g) != 7 {
		t.Errorf("readers disagree:\nTurtle  %v\nJSON-LD %v", g.sorted(), h.sorted())
	}
	for _, bad := range []string{`ex:a ex:b "x" .`, `<rel> <http://x/p> "x" .`, `<http://x/s> <http://x/p> "open .`} {
		if _, err := parseTurtle(bad); err == nil {
			t.Errorf("Turtle reader accepted %q", bad)
		}
	}
}
